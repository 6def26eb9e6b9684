#pragma once
// A TLS scan of one endpoint, as sslscan and testssl.sh do it: which protocol versions the
// server accepts, which cipher suites at each (offer them all, take out the one the server
// chose, offer the rest again), whether it imposes its own order, and the certificate chain
// it sends. Every handshake goes through Transport::SubmitBlocking, so the per-host and
// global limits hold; versions are scanned side by side, each one handshake after another.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "net/tls_handshake.h"

namespace sdetcheck {

class Transport;

struct TlsEndpoint {
  std::string url;  // for the transport's limits and for messages
  std::string host;
  int port = 443;
  std::string server_name;  // SNI
};

struct VersionScan {
  std::string version;                // "1.0", "1.1", "1.2", "1.3"
  HandshakeResult first;              // offering every cipher this OpenSSL has at that version
  std::vector<std::string> accepted;  // OpenSSL names, in the order the server chose them
  // "server": the server imposes its order; "client": it follows the client's; "" when fewer
  // than two suites are accepted or the answer was unclear.
  std::string order;
  std::string error;  // why the enumeration stopped early (timeout, connection lost)
  bool Offered() const { return first.outcome == HandshakeResult::Outcome::kCompleted; }
};

struct TlsScan {
  TlsEndpoint endpoint;
  std::vector<VersionScan> versions;  // in the order asked
  // The first handshake of the highest version accepted: its chain and OCSP staple.
  HandshakeResult certificate;
  int handshakes = 0;
};

struct TlsScanOptions {
  std::vector<std::string> versions = {"1.0", "1.1", "1.2", "1.3"};
  std::chrono::milliseconds deadline{10000};  // each handshake, connection included
};

// `done` is called once, from inside transport.Run().
void ScanTls(Transport& transport, const TlsEndpoint& endpoint, const TlsScanOptions& options,
             HandshakeFn handshake, std::function<void(TlsScan)> done);

}  // namespace sdetcheck
