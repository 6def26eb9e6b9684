#pragma once
// The one seam between probes and the network. Probes submit requests with a callback;
// Run() drives every submitted request, including those submitted from callbacks (multi-
// step flows), to completion. Implementations: CurlTransport (libcurl multi, production),
// CoalescingTransport (sends identical requests once), and test transports in tests/support.

#include <functional>

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
};

}  // namespace sdetcheck
