#include "cli/cli_messages.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "report/messages.h"

namespace sdetcheck {

struct CliMessages::Catalog {
  explicit Catalog(nlohmann::json read) : texts(std::move(read)) {}
  nlohmann::json texts;
};

namespace {

nlohmann::json ReadCatalog(const CliOptions& o) {
  std::ifstream in(std::filesystem::path(o.ReportsDir()) / "i18n" / (o.lang + ".json"));
  nlohmann::json texts = nlohmann::json::parse(in, nullptr, false);
  return texts.is_discarded() ? nlohmann::json::object() : texts;
}

}  // namespace

CliMessages::CliMessages(const CliOptions& o)
    : catalog_(std::make_unique<Catalog>(ReadCatalog(o))) {}

CliMessages::~CliMessages() = default;

std::string CliMessages::Text(const Message& message) const {
  return RenderMessage(message, catalog_->texts);
}

std::string CliMessages::Label(const std::string& key) const {
  auto it = catalog_->texts.find(key);
  return it != catalog_->texts.end() && it->is_string() ? it->get<std::string>() : key;
}

}  // namespace sdetcheck
