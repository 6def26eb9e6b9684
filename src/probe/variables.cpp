#include "probe/variables.h"

#include <algorithm>

#include "net/url.h"

namespace sdetcheck {

const std::vector<std::string>& BuiltinVariableNames() {
  static const std::vector<std::string> kNames = {
      "base_url", "http_url", "host", "cas_url", "saml_metadata_url", "oidc_discovery_url"};
  return kNames;
}

std::vector<std::string> ReferencedVariables(const std::string& text) {
  std::vector<std::string> names;
  for (size_t pos = text.find("${"); pos != std::string::npos; pos = text.find("${", pos + 2)) {
    size_t end = text.find('}', pos);
    if (end == std::string::npos) break;
    std::string name = text.substr(pos + 2, end - pos - 2);
    if (name.size() > 4 && name.compare(name.size() - 4, 4, "|url") == 0)
      name.resize(name.size() - 4);
    names.push_back(name);
  }
  return names;
}

std::optional<std::string> ExpandVariables(const std::string& text, const Variables& variables,
                                           Message* error) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t start = text.find("${", pos);
    if (start == std::string::npos) break;
    size_t end = text.find('}', start);
    if (end == std::string::npos) {
      *error = Msg("variable.unclosed", {{"text", text}});
      return std::nullopt;
    }
    std::string name = text.substr(start + 2, end - start - 2);
    bool url_encode = name.size() > 4 && name.compare(name.size() - 4, 4, "|url") == 0;
    if (url_encode) name.resize(name.size() - 4);
    auto it = variables.find(name);
    if (it == variables.end()) {
      const std::vector<std::string>& builtins = BuiltinVariableNames();
      bool builtin = std::find(builtins.begin(), builtins.end(), name) != builtins.end();
      *error = Msg(builtin ? "variable.not_in_target" : "variable.unknown",
                   {{"name", name}, {"text", text}});
      return std::nullopt;
    }
    out += text.substr(pos, start - pos) + (url_encode ? PercentEncode(it->second) : it->second);
    pos = end + 1;
  }
  return out + text.substr(pos);
}

}  // namespace sdetcheck
