#pragma once
// What crosses the transport seam: a request, and a response or the reason there is none.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sdetcheck {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::string body;
  bool follow_redirects = true;
  // Highest TLS version offered, e.g. "1.0"; empty = library default (1.2+). Used to check
  // that a server refuses legacy protocols: weak ciphers are then allowed client-side.
  std::string tls_max_version;
  // False for steps of a stateful flow (login forms carry one-time tokens): such a request
  // is always sent, never answered from another item's identical request.
  bool coalesce = true;
  // The browser session (Transport::OpenSession) whose cookie jar this request uses: its
  // cookies are sent and the cookies the answer sets are kept there, as a browser does.
  // 0: no cookies at all. Cookies only travel over HTTPS, whatever their attributes.
  uint64_t session = 0;

  // Identity of the request for coalescing: method, URL, headers, body, redirect policy and
  // session.
  std::string Key() const;
};

// What a browser session's jar holds about one cookie: never its value.
struct CookieInfo {
  std::string name;
  std::string domain;     // as stored: the host that set it, or the Domain attribute
  bool host_only = true;  // no Domain attribute: sent to that exact host only
  std::string path;
  bool secure = false;
  bool http_only = false;
  int64_t expires = 0;  // Unix time; 0 = a session cookie (until the browser closes)
};

struct Response {
  long status = 0;
  HeaderList headers;  // of the final response, in order
  std::string body;
  std::string effective_url;  // after redirects
  std::string tls_version;    // e.g. "TLSv1.3"; empty over plain HTTP
  int redirects = 0;
  double elapsed_seconds = 0;
  // Bytes received for the final response: headers plus the body as sent (compressed when the
  // server compressed it), what a browser's network panel shows as "transferred".
  int64_t transferred_bytes = 0;

  // Every value of a header, name compared case-insensitively.
  std::vector<std::string> HeaderValues(const std::string& name) const;
  std::string ContentType() const;  // lower-cased media type without parameters
};

enum class FetchError {
  kNone,
  kConnect,
  kTls,
  kTimeout,
  kTooLarge,
  kRedirects,  // more hops than allowed
  kDowngrade,  // a redirect from HTTPS to plain HTTP, not followed
  kProtocol,   // an answer that is not valid HTTP, or cut short, or flooding
  kRefused,    // 429, 503 (and 502/504 after retries): the server declined to answer
  kOther
};

// Either a response (any HTTP status) or an error saying why none was obtained. A refusal
// (kRefused) is an error that still carries the response the server gave.
struct FetchResult {
  bool ok = false;
  Response response;
  std::string error;  // "https://host/x: connection refused", etc.
  FetchError error_kind = FetchError::kNone;
  int attempts = 0;
};

}  // namespace sdetcheck
