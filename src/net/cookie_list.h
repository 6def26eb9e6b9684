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

}  // namespace sdetcheck
