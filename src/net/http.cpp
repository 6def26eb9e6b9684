#include "net/http.h"

#include <cctype>

#include "util/text.h"

namespace sdetcheck {

std::string Request::Key() const {
  std::string key = method + ' ' + url + (follow_redirects ? " follow" : " nofollow") +
                    " tls<=" + tls_max_version + " session=" + std::to_string(session) + '\n';
  for (const auto& [name, value] : headers) key += AsciiLower(name) + ": " + value + '\n';
  return key + '\n' + body;
}

std::vector<std::string> Response::HeaderValues(const std::string& name) const {
  std::vector<std::string> values;
  std::string wanted = AsciiLower(name);
  for (const auto& [n, v] : headers) {
    if (AsciiLower(n) == wanted) values.push_back(v);
  }
  return values;
}

std::string Response::ContentType() const {
  std::vector<std::string> values = HeaderValues("Content-Type");
  if (values.empty()) return "";
  std::string type = AsciiLower(values.back());
  type = type.substr(0, type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
  return type;
}

}  // namespace sdetcheck
