#pragma once
// Reading libcurl's listing of a cookie jar (CURLINFO_COOKIELIST, the Netscape cookie file
// format) into names and attributes. Pure: the value is never kept.

#include <optional>
#include <string>

#include "net/http.h"

namespace sdetcheck {

// One line "domain<TAB>tailmatch<TAB>path<TAB>secure<TAB>expires<TAB>name<TAB>value", the
// domain prefixed "#HttpOnly_" for an HttpOnly cookie. Nullopt when the line is not one.
std::optional<CookieInfo> CookieFromJarLine(const std::string& line);

// The attributes of one Set-Cookie header value that libcurl's jar may not keep: RFC 6265
// §5.2 compares attribute names case-insensitively and ignores the value of Secure and
// HttpOnly, so "HttpOnly=1" (as LemonLDAP::NG writes it) is HttpOnly for a browser, while
// libcurl's jar drops it. Only what follows the first ';' is read: never the value.
struct SetCookieAttributes {
  std::string name;
  bool secure = false;
  bool http_only = false;
  std::string same_site;  // lower case; "" when absent
};
SetCookieAttributes ParseSetCookieAttributes(const std::string& header_value);

}  // namespace sdetcheck
