#include "net/cookie_list.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace sdetcheck {
namespace {

constexpr const char* kHttpOnlyPrefix = "#HttpOnly_";

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

}  // namespace

std::optional<CookieInfo> CookieFromJarLine(const std::string& line) {
  std::vector<std::string> fields = SplitTabs(line);
  if (fields.size() != 7) return std::nullopt;
  CookieInfo cookie;
  std::string domain = fields[0];
  if (domain.rfind(kHttpOnlyPrefix, 0) == 0) {
    cookie.http_only = true;
    domain = domain.substr(std::char_traits<char>::length(kHttpOnlyPrefix));
  } else if (!domain.empty() && domain[0] == '#') {
    return std::nullopt;  // a comment
  }
  if (domain.empty() || fields[5].empty()) return std::nullopt;
  if (fields[1] != "TRUE" && fields[1] != "FALSE") return std::nullopt;
  if (fields[3] != "TRUE" && fields[3] != "FALSE") return std::nullopt;
  cookie.host_only = fields[1] == "FALSE";
  if (!cookie.host_only && domain[0] == '.') domain = domain.substr(1);
  cookie.domain = domain;
  cookie.path = fields[2];
  cookie.secure = fields[3] == "TRUE";
  const std::string& expires = fields[4];
  auto [end, error] =
      std::from_chars(expires.data(), expires.data() + expires.size(), cookie.expires);
  if (error != std::errc() || end != expires.data() + expires.size()) return std::nullopt;
  cookie.name = fields[5];
  return cookie;
}

SetCookieAttributes ParseSetCookieAttributes(const std::string& header_value) {
  SetCookieAttributes found;
  size_t at = header_value.find(';');
  std::string pair = header_value.substr(0, at);
  found.name = pair.substr(0, pair.find('='));
  found.name.erase(0, found.name.find_first_not_of(" \t"));
  found.name.erase(found.name.find_last_not_of(" \t") + 1);
  while (at != std::string::npos) {
    size_t next = header_value.find(';', at + 1);
    std::string attribute =
        header_value.substr(at + 1, next == std::string::npos ? next : next - at - 1);
    for (char& c : attribute) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    attribute.erase(std::remove_if(attribute.begin(), attribute.end(),
                                   [](char c) { return c == ' ' || c == '\t'; }),
                    attribute.end());
    std::string key = attribute.substr(0, attribute.find('='));
    if (key == "secure") found.secure = true;
    if (key == "httponly") found.http_only = true;
    if (key == "samesite")
      found.same_site = attribute.substr(std::min(attribute.size(), key.size() + 1));
    at = next;
  }
  return found;
}

}  // namespace sdetcheck
