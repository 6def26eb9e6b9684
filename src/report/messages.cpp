#include "report/messages.h"

namespace sdetcheck {
namespace {

std::string Fallback(const Message& message) {
  std::string text = message.code;
  for (const auto& [name, value] : message.params) text += " " + name + "=" + value;
  return text;
}

}  // namespace

std::string RenderMessage(const Message& message, const nlohmann::json& catalog) {
  if (message.empty()) return "";
  auto messages = catalog.find("messages");
  if (messages == catalog.end() || !messages->is_object()) return Fallback(message);
  auto found = messages->find(message.code);
  if (found == messages->end() || !found->is_string()) return Fallback(message);
  const std::string& pattern = found->get_ref<const std::string&>();
  std::string text;
  for (size_t i = 0; i < pattern.size(); ++i) {
    size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      text += pattern[i];
      continue;
    }
    text += message.Param(pattern.substr(i + 1, close - i - 1));
    i = close;
  }
  return text;
}

nlohmann::json MessageJson(const Message& message, const nlohmann::json& catalog) {
  if (message.empty()) return nullptr;
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [name, value] : message.params) params[name] = value;
  return {{"code", message.code}, {"params", params}, {"text", RenderMessage(message, catalog)}};
}

}  // namespace sdetcheck
