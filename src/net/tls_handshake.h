#pragma once
// One TLS handshake with OpenSSL, pinned to one protocol version, and nothing after it: what
// the server answers to a client offering only that version. Blocking, bounded by a
// deadline: run it through Transport::SubmitBlocking, never on the event loop.

#include <chrono>
#include <functional>
#include <string>

namespace sdetcheck {

struct HandshakeResult {
  enum class Outcome {
    kCompleted,     // the server accepted the version
    kAlert,         // the server sent a fatal alert (alert names which)
    kClosed,        // the server closed the connection after the ClientHello
    kOtherVersion,  // the server answered at another protocol version
    kUntestable,    // this machine's OpenSSL cannot offer the version
    kUnreachable,   // no connection (refused, no route, unknown host)
    kTimedOut,      // the deadline passed (connecting or during the handshake)
    kClientError,   // anything else on our side; `detail` says what
  };
  Outcome outcome = Outcome::kClientError;
  std::string version;  // negotiated ("TLSv1.2") when completed
  std::string cipher;   // negotiated cipher suite when completed
  std::string alert;    // e.g. "protocol version", "handshake failure"
  std::string detail;   // for messages: the OpenSSL or system error
};

// `version` is "1.0", "1.1", "1.2" or "1.3". The certificate is not verified: the question
// is which protocol the server speaks, not whom to trust. `server_name` is sent as SNI when
// it is a name, not an address.
HandshakeResult PinnedTlsHandshake(const std::string& host, int port,
                                   const std::string& server_name, const std::string& version,
                                   std::chrono::milliseconds deadline);

const char* HandshakeOutcomeName(HandshakeResult::Outcome outcome);

using HandshakeFn =
    std::function<HandshakeResult(const std::string& host, int port, const std::string& server_name,
                                  const std::string& version, std::chrono::milliseconds deadline)>;

}  // namespace sdetcheck
