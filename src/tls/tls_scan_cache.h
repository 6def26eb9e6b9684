#pragma once
// One TLS scan per endpoint and audit, however many probes judge it: the first probe asking
// starts it, the others wait for the same result.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tls/tls_scan.h"

namespace sdetcheck {

class TlsScanCache {
 public:
  using Done = std::function<void(const TlsScan&)>;
  // `done` is called once, from inside transport.Run() (at once when the scan is done).
  void Scan(Transport& transport, const TlsEndpoint& endpoint, const TlsScanOptions& options,
            const HandshakeFn& handshake, Done done);

 private:
  struct Entry {
    bool ready = false;
    TlsScan scan;
    std::vector<Done> waiting;
  };
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

}  // namespace sdetcheck
