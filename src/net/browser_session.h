#pragma once
// What a browser adds on top of single requests, for multi-step flows (CAS, SAML, OIDC
// logins): a cookie jar and redirects followed one hop at a time, so cookies set on the
// way are kept and each hop can be inspected. Not for concurrent use by several flows.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "net/transport.h"

namespace sdetcheck {

class BrowserSession : public std::enable_shared_from_this<BrowserSession> {
 public:
  // Called with the final result and every URL requested, first to last.
  using Done =
      std::function<void(const FetchResult& result, const std::vector<std::string>& trail)>;
  // Whether to follow a redirect to `location` (absolute URL).
  using FollowPolicy = std::function<bool(const std::string& location)>;

  static std::shared_ptr<BrowserSession> Create(Transport* transport, int max_redirects);

  // Sends `request` with the jar's cookies for its host, stores the cookies it sets, and
  // follows redirects while `follow` allows and at most max_redirects were taken. A redirect
  // NextHop() refuses (downgrade to HTTP, no Location) ends the fetch with an error.
  void Fetch(Request request, FollowPolicy follow, Done done);

 private:
  BrowserSession(Transport* transport, int max_redirects);
  void Hop(Request request, FollowPolicy follow, Done done, std::vector<std::string> trail);
  void StoreCookies(const std::string& url, const Response& response);
  std::string CookieHeader(const std::string& url) const;

  Transport* transport_;
  int max_redirects_;
  std::map<std::string, std::map<std::string, std::string>> jar_;  // host -> name -> value
};

}  // namespace sdetcheck
