#include "net/tls_handshake.h"

#include <cerrno>
#include <cstring>
#include <memory>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sdetcheck {
namespace {

using Clock = std::chrono::steady_clock;
using Outcome = HandshakeResult::Outcome;

HandshakeResult Result(Outcome outcome, std::string detail = {}) {
  HandshakeResult r;
  r.outcome = outcome;
  r.detail = std::move(detail);
  return r;
}

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

int MillisecondsLeft(Clock::time_point end) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// Waits until `fd` is ready for `events`; false when the deadline passes first.
bool WaitFor(int fd, short events, Clock::time_point end) {
  for (;;) {
    int left = MillisecondsLeft(end);
    if (left == 0) return false;
    pollfd p{fd, events, 0};
    int ready = poll(&p, 1, left);
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

// A non-blocking socket connected to host:port, or -1 with `failure` set.
int Connect(const std::string& host, int port, Clock::time_point end, HandshakeResult* failure) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found) {
    *failure = Result(Outcome::kUnreachable, "unknown host " + host);
    return -1;
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
  int fd = socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *failure = Result(Outcome::kClientError, std::strerror(errno));
    return -1;
  }
  if (connect(fd, found->ai_addr, found->ai_addrlen) != 0 && errno != EINPROGRESS) {
    *failure = Result(Outcome::kUnreachable, std::strerror(errno));
    close(fd);
    return -1;
  }
  int error = 0;
  socklen_t size = sizeof error;
  if (!WaitFor(fd, POLLOUT, end)) {
    *failure = Result(Outcome::kTimedOut, "connect");
  } else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0 || error != 0) {
    *failure = Result(Outcome::kUnreachable, std::strerror(error ? error : errno));
  } else {
    return fd;
  }
  close(fd);
  return -1;
}

bool IsAddress(const std::string& name) {
  in6_addr buffer{};
  return inet_pton(AF_INET, name.c_str(), &buffer) == 1 ||
         inet_pton(AF_INET6, name.c_str(), &buffer) == 1;
}

// The fatal alert the server sent, recorded by OpenSSL's info callback.
struct AlertSeen {
  std::string alert;
};

void OnInfo(const SSL* ssl, int where, int value) {
  // SSL_CB_READ_ALERT shares its SSL_CB_ALERT bit with SSL_CB_WRITE_ALERT: compare both bits.
  if ((where & SSL_CB_READ_ALERT) != SSL_CB_READ_ALERT) return;
  auto* seen = static_cast<AlertSeen*>(SSL_get_app_data(ssl));
  if (seen && seen->alert.empty()) seen->alert = SSL_alert_desc_string_long(value);
}

std::string Joined(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ":") + name;
  return list;
}

std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> PinnedContext(int protocol) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context(SSL_CTX_new(TLS_client_method()),
                                                            SSL_CTX_free);
  if (!context) return context;
  // Legacy versions and weak ciphers are what is being asked about: allow them all.
  SSL_CTX_set_security_level(context.get(), 0);
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);
  if (SSL_CTX_set_min_proto_version(context.get(), protocol) != 1 ||
      SSL_CTX_set_max_proto_version(context.get(), protocol) != 1) {
    context.reset();
  }
  return context;
}

// Sets the offered ciphers; false when OpenSSL knows none of them at this version.
bool OfferCiphers(SSL* ssl, int protocol, const std::vector<std::string>& ciphers) {
  if (protocol == TLS1_3_VERSION) {
    std::string suites = ciphers.empty() ? kEveryTls13Suite : Joined(ciphers);
    if (SSL_set_ciphersuites(ssl, suites.c_str()) != 1) return false;
  } else {
    std::string list = ciphers.empty() ? kEveryLegacyCipher : Joined(ciphers) + ":@SECLEVEL=0";
    if (SSL_set_cipher_list(ssl, list.c_str()) != 1) return false;
  }
  STACK_OF(SSL_CIPHER)* offered = SSL_get1_supported_ciphers(ssl);
  bool any = offered && sk_SSL_CIPHER_num(offered) > 0;
  sk_SSL_CIPHER_free(offered);
  return any;
}

void RecordKeyExchange(SSL* ssl, HandshakeResult* r) {
  EVP_PKEY* key = nullptr;
  if (SSL_get_peer_tmp_key(ssl, &key) != 1 || !key) return;
  r->key_exchange_bits = EVP_PKEY_get_bits(key);
  int group = SSL_get_negotiated_group(ssl);
  const char* name = group ? OBJ_nid2sn(group) : nullptr;
  if (!name) name = EVP_PKEY_get0_type_name(key);
  if (name) r->key_exchange_group = name;
  EVP_PKEY_free(key);
}

std::vector<std::string> ChainDer(SSL* ssl) {
  std::vector<std::string> chain;
  STACK_OF(X509)* sent = SSL_get_peer_cert_chain(ssl);
  for (int i = 0; sent && i < sk_X509_num(sent); ++i) {
    unsigned char* der = nullptr;
    int size = i2d_X509(sk_X509_value(sent, i), &der);
    if (size <= 0) continue;
    chain.emplace_back(reinterpret_cast<const char*>(der), static_cast<size_t>(size));
    OPENSSL_free(der);
  }
  return chain;
}

HandshakeResult Completed(SSL* ssl, const TlsHello& hello) {
  HandshakeResult r = Result(Outcome::kCompleted);
  r.version = SSL_get_version(ssl);
  if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl))
    r.cipher = SSL_CIPHER_get_name(cipher);
  RecordKeyExchange(ssl, &r);
  r.secure_renegotiation =
      SSL_version(ssl) >= TLS1_3_VERSION || SSL_get_secure_renegotiation_support(ssl) == 1;
  if (hello.capture_chain) r.chain_der = ChainDer(ssl);
  if (hello.request_ocsp) {
    const unsigned char* response = nullptr;
    r.ocsp_stapled = SSL_get_tlsext_status_ocsp_resp(ssl, &response) > 0 && response;
  }
  return r;
}

HandshakeResult Failed(SSL* ssl, int code, const AlertSeen& seen) {
  if (!seen.alert.empty()) {
    HandshakeResult r = Result(Outcome::kAlert);
    r.alert = seen.alert;
    return r;
  }
  int error = SSL_get_error(ssl, code);
  unsigned long queued = ERR_peek_last_error();
  // The connection ended during the handshake: the server hung up on the ClientHello.
  if (error == SSL_ERROR_SYSCALL || error == SSL_ERROR_ZERO_RETURN ||
      ERR_GET_REASON(queued) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
    char reason[256] = {0};
    ERR_error_string_n(queued, reason, sizeof reason);
    return Result(Outcome::kClosed, std::string("connection closed during the handshake") +
                                        (queued ? std::string(" (") + reason + ")" : ""));
  }
  char text[256] = {0};
  ERR_error_string_n(queued, text, sizeof text);
  int reason = ERR_GET_REASON(queued);
  if (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_UNSUPPORTED_PROTOCOL)
    return Result(Outcome::kOtherVersion, text);
  return Result(Outcome::kClientError, text);
}

// What SSL_connect waits for before it can go on; 0 when it failed.
short WaitedEvents(int error) {
  if (error == SSL_ERROR_WANT_READ) return POLLIN;
  if (error == SSL_ERROR_WANT_WRITE) return POLLOUT;
  return 0;
}

HandshakeResult Handshake(SSL* ssl, int fd, Clock::time_point end, const AlertSeen& seen,
                          const TlsHello& hello) {
  for (;;) {
    ERR_clear_error();
    int code = SSL_connect(ssl);
    if (code == 1) return Completed(ssl, hello);
    short events = WaitedEvents(SSL_get_error(ssl, code));
    if (events == 0) return Failed(ssl, code, seen);
    if (!WaitFor(fd, events, end)) return Result(Outcome::kTimedOut, "handshake");
  }
}

}  // namespace

const char* const kEveryLegacyCipher = "ALL:COMPLEMENTOFALL:@SECLEVEL=0";
const char* const kEveryTls13Suite =
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:"
    "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256";

int TlsProtocolNumber(const std::string& version) {
  if (version == "1.0") return TLS1_VERSION;
  if (version == "1.1") return TLS1_1_VERSION;
  if (version == "1.2") return TLS1_2_VERSION;
  if (version == "1.3") return TLS1_3_VERSION;
  return 0;
}

HandshakeResult RunTlsHandshake(const TlsHello& hello) {
  Clock::time_point end = Clock::now() + hello.deadline;
  int protocol = TlsProtocolNumber(hello.version);
  auto context = protocol ? PinnedContext(protocol) : PinnedContext(TLS1_2_VERSION);
  std::string untestable = "this machine's OpenSSL cannot offer TLS " + hello.version;
  if (!protocol || !context) return Result(Outcome::kUntestable, untestable);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(context.get()), SSL_free);
  if (!ssl || !OfferCiphers(ssl.get(), protocol, hello.ciphers)) {
    return Result(Outcome::kUntestable, hello.ciphers.empty()
                                            ? untestable
                                            : untestable + " with " + Joined(hello.ciphers));
  }
  HandshakeResult failure;
  Socket socket(Connect(hello.host, hello.port, end, &failure));
  if (socket.fd() < 0) return failure;
  AlertSeen seen;
  SSL_set_app_data(ssl.get(), &seen);
  SSL_set_info_callback(ssl.get(), OnInfo);
  if (!hello.server_name.empty() && !IsAddress(hello.server_name))
    SSL_set_tlsext_host_name(ssl.get(), hello.server_name.c_str());
  if (hello.request_ocsp) SSL_set_tlsext_status_type(ssl.get(), TLSEXT_STATUSTYPE_ocsp);
  SSL_set_fd(ssl.get(), socket.fd());
  return Handshake(ssl.get(), socket.fd(), end, seen, hello);
}

HandshakeResult PinnedTlsHandshake(const std::string& host, int port,
                                   const std::string& server_name, const std::string& version,
                                   std::chrono::milliseconds deadline) {
  TlsHello hello;
  hello.host = host;
  hello.port = port;
  hello.server_name = server_name;
  hello.version = version;
  hello.deadline = deadline;
  return RunTlsHandshake(hello);
}

const char* HandshakeOutcomeName(HandshakeResult::Outcome outcome) {
  switch (outcome) {
    case Outcome::kCompleted:
      return "completed";
    case Outcome::kAlert:
      return "alert";
    case Outcome::kClosed:
      return "closed";
    case Outcome::kOtherVersion:
      return "other_version";
    case Outcome::kUntestable:
      return "untestable";
    case Outcome::kUnreachable:
      return "unreachable";
    case Outcome::kTimedOut:
      return "timed_out";
    case Outcome::kClientError:
      return "client_error";
  }
  return "client_error";
}

}  // namespace sdetcheck
