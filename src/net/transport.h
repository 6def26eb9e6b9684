#pragma once
// The one seam between probes and the network. Probes submit requests with a callback;
// Run() drives every submitted request, including those submitted from callbacks (multi-
// step flows), to completion. Implementations: CurlTransport (libcurl multi, production),
// CoalescingTransport (sends identical requests once), and test transports in tests/support.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "net/http.h"

namespace sdetcheck {

class Transport {
 public:
  using Callback = std::function<void(const FetchResult&)>;
  virtual ~Transport() = default;

  // Queues a request. `done` is called exactly once, from inside Run().
  virtual void Submit(const Request& request, Callback done) = 0;
  // Returns when no request is pending or in flight.
  virtual void Run() = 0;

  // Blocking network work to the host of `url` (an OpenSSL handshake pinned to one
  // version, an LDAP search): started under the same per-host and rate limits as requests,
  // run off the event loop, `done` called exactly once from inside Run() (false when the
  // work passed the executor's deadline). `work` must bound its own time (its sockets'
  // timeouts) and touch only what it owns. This default runs it at once, for transports
  // without limits (tests).
  using BlockingWork = std::function<void()>;
  using BlockingDone = std::function<void(bool finished)>;
  // NOLINTNEXTLINE(performance-unnecessary-value-param): overrides take ownership of both
  virtual void SubmitBlocking(const std::string& url, BlockingWork work, BlockingDone done) {
    (void)url;
    work();
    done(true);
  }

  // Browser sessions: a cookie jar that requests naming it (Request::session) share, kept as
  // a browser keeps cookies (Domain, Path, Secure, expiry, deletion). CurlTransport keeps it in
  // libcurl's cookie engine; transports without cookies (test replays) just hand out ids.
  virtual uint64_t OpenSession() { return ++last_session_; }
  // Forgets the session's cookies. Requests still naming it are sent without cookies.
  virtual void CloseSession(uint64_t /*session*/) {}
  // The cookies the session holds now, expired ones left out: names and attributes only.
  virtual std::vector<CookieInfo> SessionCookies(uint64_t /*session*/) const { return {}; }
  // Keeps a copy of the session's cookies, values included, inside the transport (a browser
  // profile copied aside) and returns its id; 0 when the transport keeps no cookies.
  virtual uint64_t SnapshotSession(uint64_t /*session*/) { return 0; }
  // Opens a new session holding the cookies of `snapshot` (old cookies replayed); 0 when
  // there is no such snapshot or the transport keeps no cookies. Closed with CloseSession().
  virtual uint64_t OpenSessionFrom(uint64_t /*snapshot*/) { return 0; }
  // SHA-256 (hex) of the value of cookie `name` in the session, "" when it holds none: tells
  // whether a value changed without the value ever leaving the transport.
  virtual std::string SessionCookieDigest(uint64_t /*session*/, const std::string& /*name*/) const {
    return "";
  }

 private:
  uint64_t last_session_ = 0;
};

}  // namespace sdetcheck
