#pragma once
// One TLS handshake with OpenSSL, pinned to one protocol version, and nothing after it: what
// the server answers to a client offering only that version. Blocking, bounded by a
// deadline: run it through Transport::SubmitBlocking, never on the event loop.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace sdetcheck {

// What the client offers in one handshake.
struct TlsHello {
  std::string host;  // where to connect
  int port = 443;
  std::string server_name;  // SNI, sent when it is a name rather than an address
  std::string version;      // the only version offered: "1.0", "1.1", "1.2" or "1.3"
  // OpenSSL cipher names offered, in order: a cipher list below TLS 1.3, ciphersuites in 1.3;
  // empty = every cipher this OpenSSL can offer at that version.
  std::vector<std::string> ciphers;
  bool request_ocsp = false;                  // ask for a stapled OCSP response (status_request)
  bool capture_chain = false;                 // keep the certificate chain the server sent
  std::chrono::milliseconds deadline{10000};  // the whole handshake, connection included
};

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
  // When completed:
  std::string key_exchange_group;      // e.g. "X25519", "prime256v1", "" for RSA
  int key_exchange_bits = 0;           // size of the ephemeral key, 0 when none
  std::vector<std::string> chain_der;  // the chain as sent, leaf first (capture_chain)
  bool ocsp_stapled = false;           // a stapled OCSP response came (request_ocsp)
  bool secure_renegotiation = false;   // RFC 5746 (always true in TLS 1.3)
};

// The certificate is not verified here: the question is what the server speaks, not whom to
// trust (tls/certificate_chain.h judges the chain kept by capture_chain).
HandshakeResult RunTlsHandshake(const TlsHello& hello);

// RunTlsHandshake offering `version` with every cipher this OpenSSL can offer.
HandshakeResult PinnedTlsHandshake(const std::string& host, int port,
                                   const std::string& server_name, const std::string& version,
                                   std::chrono::milliseconds deadline);

const char* HandshakeOutcomeName(HandshakeResult::Outcome outcome);

// OpenSSL's protocol number of "1.0", "1.1", "1.2" or "1.3"; 0 for any other.
int TlsProtocolNumber(const std::string& version);

// What "every cipher" means to a scan: below TLS 1.3, every cipher this OpenSSL has, null and
// unauthenticated ones included (security level 0); in TLS 1.3, every suite the protocol
// defines (OpenSSL's default omits the CCM ones).
extern const char* const kEveryLegacyCipher;
extern const char* const kEveryTls13Suite;

using HandshakeFn = std::function<HandshakeResult(const TlsHello& hello)>;

}  // namespace sdetcheck
