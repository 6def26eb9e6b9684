#pragma once
// What a browser adds on top of single requests, for multi-step flows (CAS, SAML, OIDC
// logins): a cookie jar (a transport session: libcurl's cookie engine in production), redirects
// followed one hop at a time so that each hop can be inspected, and form posts carrying the
// headers a browser sends with them. Not for concurrent use by several flows.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
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

  // Opens a session of `transport` (its cookie jar), closed when the last reference goes.
  static std::shared_ptr<BrowserSession> Create(Transport* transport, int max_redirects);
  ~BrowserSession();
  BrowserSession(const BrowserSession&) = delete;
  BrowserSession& operator=(const BrowserSession&) = delete;

  // Sends `request` in this session (its cookies go with it, the cookies it sets are kept),
  // and follows redirects while `follow` allows and at most max_redirects were taken. A
  // redirect NextHop() refuses (downgrade to HTTP, no Location) ends the fetch with an error.
  void Fetch(Request request, FollowPolicy follow, Done done);

  // The cookies the session holds now: names and attributes, never values.
  std::vector<CookieInfo> Cookies() const;
  // A copy of the cookies kept inside the transport (Transport::SnapshotSession); 0 when the
  // transport keeps no cookies.
  uint64_t Snapshot() const;
  // A new browser holding the cookies of `snapshot` (a copied browser profile replayed); null
  // when the transport cannot.
  static std::shared_ptr<BrowserSession> CreateFrom(Transport* transport, int max_redirects,
                                                    uint64_t snapshot);
  // SHA-256 of the value of cookie `name`, "" when absent: compares values without seeing them.
  std::string CookieDigest(const std::string& name) const;

  uint64_t id() const { return session_; }

 private:
  BrowserSession(Transport* transport, int max_redirects, uint64_t session);
  void Hop(Request request, FollowPolicy follow, Done done, std::vector<std::string> trail);

  Transport* transport_;
  int max_redirects_;
  uint64_t session_ = 0;
};

// The POST a browser sends when the form of the page at `page_url` is submitted to `action`
// (absolute) with `fields`: urlencoded body, and Origin (the page's origin) and Referer (the
// page's URL, or only its origin when the form posts to another origin: the default policy
// strict-origin-when-cross-origin), which CSRF-protected login pages check.
Request FormPost(const std::string& page_url, const std::string& action,
                 const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace sdetcheck
