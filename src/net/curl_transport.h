#pragma once

#include <memory>

#include "net/transport.h"
#include "net/transport_options.h"

namespace sdetcheck {

class ThreadExecutor;

// Production transport: one libcurl multi handle driven by one event loop (no thread per
// request), with a per-host concurrency limit, a global rate limit, timeouts, bounded
// retries with exponential backoff, a body size cap and a redirect limit.
class CurlTransport : public Transport {
 public:
  explicit CurlTransport(TransportOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  void Submit(const Request& request, Callback done) override;
  // Waits for the host's slot and the rate limit like a request, then runs on the attached
  // executor (inline without one). The slot is held until the work really ends, even past
  // the executor's deadline, so the server never sees more than the limits allow.
  void SubmitBlocking(const std::string& url, BlockingWork work, BlockingDone done) override;
  // Returns when no request is pending or in flight and the attached executor is idle.
  void Run() override;
  // Each session is a cookie jar in libcurl's cookie engine (a share handle).
  uint64_t OpenSession() override;
  void CloseSession(uint64_t session) override;
  std::vector<CookieInfo> SessionCookies(uint64_t session) const override;
  uint64_t SnapshotSession(uint64_t session) override;
  uint64_t OpenSessionFrom(uint64_t snapshot) override;
  std::string SessionCookieDigest(uint64_t session, const std::string& name) const override;

  // Runs `executor`'s callbacks from this loop, so that probes continue on one thread
  // while their parsing runs on others. `executor` must outlive Run().
  void AttachExecutor(ThreadExecutor* executor);

  int started_transfers() const;  // attempts actually sent, retries included
  int started_blocking() const;   // blocking work started

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sdetcheck
