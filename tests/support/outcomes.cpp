#include "support/outcomes.h"

#include <fstream>
#include <variant>

#include <nlohmann/json.hpp>

#include "finding/combine.h"
#include "report/messages.h"

namespace sdetcheck::testing {
namespace {

const nlohmann::json& EnglishCatalog() {
  static const nlohmann::json catalog = [] {
    std::ifstream in(std::string(SDETCHECK_SOURCE_DIR) + "/reports/i18n/en.json");
    return nlohmann::json::parse(in);
  }();
  return catalog;
}

std::string EvidenceText(const Evidence& record) {
  struct Visitor {
    std::string operator()(const HttpExchange& e) const {
      std::string text = e.method + " " + e.url + " " + std::to_string(e.status) + " " +
                         e.final_url + " " + e.tls_version + " " + e.excerpt + " " + e.error;
      for (const auto& [name, value] : e.headers) text += " " + name + ": " + value;
      return text;
    }
    std::string operator()(const TlsHandshake& e) const {
      return e.url + " " + e.offered + " " + e.negotiated + " " + e.error;
    }
    std::string operator()(const CertificateRecord& e) const {
      return e.subject + " " + e.not_before + " " + e.not_after + " " + e.source;
    }
    std::string operator()(const DocumentExcerpt& e) const {
      return e.format + " " + e.source + " " + e.excerpt;
    }
  };
  return std::visit(Visitor{}, record);
}

}  // namespace

CheckState OutcomeState(const ProbeOutcome& outcome) { return CombineChecks(outcome.checks).state; }

std::string DecisiveCode(const ProbeOutcome& outcome) {
  Combined combined = CombineChecks(outcome.checks);
  if (!combined.decisive || combined.state == CheckState::kPass) return "";
  return combined.decisive->message.code;
}

const Check* FindCheck(const ProbeOutcome& outcome, const std::string& key) {
  for (const Check& check : outcome.checks) {
    if (check.key == key) return &check;
  }
  return nullptr;
}

std::string English(const Message& message) { return RenderMessage(message, EnglishCatalog()); }

std::string AllText(const ProbeOutcome& outcome) {
  std::string text;
  for (const Check& check : outcome.checks) {
    text += check.key + "\n" + check.subject + "\n" + check.message.code + "\n" +
            English(check.message) + "\n" + check.expected + "\n" + check.observed + "\n";
    for (const auto& [name, value] : check.message.params) text += name + "=" + value + "\n";
  }
  for (const Evidence& record : outcome.evidence) text += EvidenceText(record) + "\n";
  return text;
}

}  // namespace sdetcheck::testing
