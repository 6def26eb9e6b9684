#include "net/url.h"

#include <cctype>
#include <cstdlib>
#include <memory>

#include <curl/curl.h>

#include "util/text.h"

namespace sdetcheck {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using Url = std::unique_ptr<CURLU, UrlDeleter>;

Url Parse(const std::string& text) {
  Url url(curl_url());
  if (curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return nullptr;
  return url;
}

std::string Get(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK) return "";
  std::string out = value;
  curl_free(value);
  return out;
}

std::string Escape(const std::string& text) {
  char* escaped = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  return out;
}

std::string Unescape(const std::string& text) {
  std::string plus_as_space = text;
  for (char& c : plus_as_space) c = c == '+' ? ' ' : c;
  int length = 0;
  char* raw = curl_easy_unescape(nullptr, plus_as_space.data(),
                                 static_cast<int>(plus_as_space.size()), &length);
  std::string out = raw ? std::string(raw, length) : "";
  curl_free(raw);
  return out;
}

}  // namespace

std::string PercentEncode(const std::string& text) { return Escape(text); }

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += Escape(name);
    body += '=';
    body += Escape(value);
  }
  return body;
}

std::string WithQueryParameter(const std::string& url, const std::string& name,
                               const std::string& value) {
  Url parsed = Parse(url);
  if (!parsed) return url;
  std::string pair = name + "=" + value;
  curl_url_set(parsed.get(), CURLUPART_QUERY, pair.c_str(), CURLU_APPENDQUERY | CURLU_URLENCODE);
  return Get(parsed.get(), CURLUPART_URL);
}

std::optional<std::string> QueryParameter(const std::string& url, const std::string& name) {
  Url parsed = Parse(url);
  if (!parsed) return std::nullopt;
  std::string query = Get(parsed.get(), CURLUPART_QUERY);
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    std::string pair =
        query.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t eq = pair.find('=');
    if (Unescape(pair.substr(0, eq)) == name) {
      return eq == std::string::npos ? std::string() : Unescape(pair.substr(eq + 1));
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

std::string ResolveUrl(const std::string& base, const std::string& reference) {
  Url parsed = Parse(base);
  if (!parsed) return reference;
  // RFC 3986 §5.2.2: an empty or fragment-only reference is the base itself (path and
  // query kept) — e.g. a login form with action="#". libcurl would drop the last segment.
  if (reference.empty() || reference[0] == '#') {
    curl_url_set(parsed.get(), CURLUPART_FRAGMENT, nullptr, 0);
    return Get(parsed.get(), CURLUPART_URL);
  }
  if (curl_url_set(parsed.get(), CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK)
    return reference;
  return Get(parsed.get(), CURLUPART_URL);
}

std::string OriginOf(const std::string& url) {
  Url parsed = Parse(url);
  if (!parsed) return "";
  return Get(parsed.get(), CURLUPART_SCHEME) + "://" + Get(parsed.get(), CURLUPART_HOST) + ":" +
         Get(parsed.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
}

std::optional<HostPort> HostAndPort(const std::string& url) {
  Url parsed = Parse(url);
  if (!parsed) return std::nullopt;
  HostPort out;
  out.host = Get(parsed.get(), CURLUPART_HOST);
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']')
    out.host = out.host.substr(1, out.host.size() - 2);
  std::string port = Get(parsed.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (out.host.empty() || port.empty()) return std::nullopt;
  out.port = std::atoi(port.c_str());
  return out;
}

std::optional<UrlParts> PartsOf(const std::string& url) {
  Url parsed = Parse(url);
  if (!parsed) return std::nullopt;
  UrlParts parts;
  parts.scheme = AsciiLower(Get(parsed.get(), CURLUPART_SCHEME));
  parts.host = AsciiLower(Get(parsed.get(), CURLUPART_HOST));
  parts.path_and_query = Get(parsed.get(), CURLUPART_PATH);
  if (parts.path_and_query.empty()) parts.path_and_query = "/";
  std::string query = Get(parsed.get(), CURLUPART_QUERY);
  if (!query.empty()) parts.path_and_query += "?" + query;
  if (parts.scheme.empty() || parts.host.empty()) return std::nullopt;
  return parts;
}

std::string SerializedOrigin(const std::string& url) {
  Url parsed = Parse(url);
  if (!parsed) return "null";
  std::string origin =
      Get(parsed.get(), CURLUPART_SCHEME) + "://" + Get(parsed.get(), CURLUPART_HOST);
  for (char& c : origin) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string port = Get(parsed.get(), CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
  return port.empty() ? origin : origin + ":" + port;
}

std::string ReferrerFor(const std::string& page_url, const std::string& target) {
  Url parsed = Parse(page_url);
  if (!parsed) return "";
  bool from_https = Get(parsed.get(), CURLUPART_SCHEME) == "https";
  if (from_https && target.rfind("https://", 0) != 0) return "";
  if (OriginOf(page_url) != OriginOf(target)) return SerializedOrigin(page_url) + "/";
  curl_url_set(parsed.get(), CURLUPART_FRAGMENT, nullptr, 0);
  curl_url_set(parsed.get(), CURLUPART_USER, nullptr, 0);
  curl_url_set(parsed.get(), CURLUPART_PASSWORD, nullptr, 0);
  return Get(parsed.get(), CURLUPART_URL);
}

}  // namespace sdetcheck
