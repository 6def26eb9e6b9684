#pragma once
// URL helpers on top of libcurl's URL API (no hand-written URL parsing).

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sdetcheck {

// Percent-encodes every byte outside [A-Za-z0-9-._~].
std::string PercentEncode(const std::string& text);

// application/x-www-form-urlencoded body from name/value pairs.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

// `url` with `name=value` appended to its query (value percent-encoded).
std::string WithQueryParameter(const std::string& url, const std::string& name,
                               const std::string& value);

// The decoded value of query parameter `name`, if present.
std::optional<std::string> QueryParameter(const std::string& url, const std::string& name);

// `reference` (absolute or relative, e.g. a form action or a Location) resolved against `base`.
std::string ResolveUrl(const std::string& base, const std::string& reference);

// "scheme://host:port" of a URL (default port made explicit); "" when unparseable.
std::string OriginOf(const std::string& url);

struct HostPort {
  std::string host;  // as written, brackets removed from an IPv6 address
  int port = 0;      // the scheme's default when the URL gives none
};

// Host and port of an http(s) URL; nullopt when unparseable.
std::optional<HostPort> HostAndPort(const std::string& url);

struct UrlParts {
  std::string scheme;          // lower case
  std::string host;            // lower case
  std::string path_and_query;  // "/a/b?c=d"; "/" at least
};

// Scheme, host and path with query of an absolute URL; nullopt when unparseable.
std::optional<UrlParts> PartsOf(const std::string& url);

// The origin as a browser serialises it in an Origin header: "scheme://host", with ":port"
// only when not the scheme's default; "null" when unparseable.
std::string SerializedOrigin(const std::string& url);

// The Referer a browser sends from the page at `page_url` to `target` under the default
// policy (strict-origin-when-cross-origin): the page URL without fragment nor user info
// for the same origin, its origin and "/" for another HTTPS origin, nothing ("") from HTTPS
// to plain HTTP.
std::string ReferrerFor(const std::string& page_url, const std::string& target);

}  // namespace sdetcheck
