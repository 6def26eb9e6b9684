#pragma once
// What to do with a redirect answer, decided in one place for every client (the transport
// when it follows redirects, and browser-like login flows that take one hop at a time).
// Pure: a request and its answer in, the next request or the reason to stop out.

#include <string>

#include "net/http.h"

namespace sdetcheck {

// Longest Location followed; real ones are far shorter (a SAML redirect is a few KB).
constexpr size_t kMaxLocationBytes = size_t{16} * 1024;

struct RedirectStep {
  enum class Action { kNone, kFollow, kRefuse };
  Action action = Action::kNone;              // kNone: not a redirect, the answer is final
  Request next;                               // kFollow: the request for the next hop
  FetchError error_kind = FetchError::kNone;  // kRefuse: why not
  std::string error;
};

// 301, 302, 303, 307 and 308 are redirects; 300 and 304 are answers.
bool IsRedirectStatus(long status);

// The next hop of `request` answered by `response`. Refused: a redirect without a usable
// Location, a downgrade from HTTPS to plain HTTP, and a form re-sent to another origin
// (307/308). Credentials never follow to another origin: Authorization, Cookie and
// Proxy-Authorization are dropped, and 301/302/303 turn a POST into a GET without body.
RedirectStep NextHop(const Request& request, const Response& response);

}  // namespace sdetcheck
