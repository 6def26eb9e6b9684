#include "tls/tls_scan_cache.h"

namespace sdetcheck {

void TlsScanCache::Scan(Transport& transport, const TlsEndpoint& endpoint,
                        const TlsScanOptions& options, const HandshakeFn& handshake, Done done) {
  std::string key =
      endpoint.host + ":" + std::to_string(endpoint.port) + "/" + endpoint.server_name;
  std::shared_ptr<Entry>& entry = entries_[key];
  if (entry && entry->ready) return done(entry->scan);
  if (entry) return entry->waiting.push_back(std::move(done));
  entry = std::make_shared<Entry>();
  entry->waiting.push_back(std::move(done));
  std::shared_ptr<Entry> started = entry;
  ScanTls(transport, endpoint, options, handshake, [started](TlsScan scan) {
    started->scan = std::move(scan);
    started->ready = true;
    std::vector<Done> waiting = std::move(started->waiting);
    for (Done& waiter : waiting) waiter(started->scan);
  });
}

}  // namespace sdetcheck
