#pragma once
// A message for a person, as a code and named parameters. Reports render it in their
// language from the catalogs (reports/i18n/<lang>.json, "messages"): probes never write
// sentences. Parameter values are data (URLs, names, numbers, HTTP statuses), redacted.

#include <string>
#include <utility>
#include <vector>

namespace sdetcheck {

struct Message {
  std::string code;  // e.g. "cas.ticket.missing"
  std::vector<std::pair<std::string, std::string>> params;

  bool empty() const { return code.empty(); }
  // The value of parameter `name`, or "".
  const std::string& Param(const std::string& name) const;
};

inline Message Msg(std::string code, std::vector<std::pair<std::string, std::string>> params = {}) {
  return Message{std::move(code), std::move(params)};
}

}  // namespace sdetcheck
