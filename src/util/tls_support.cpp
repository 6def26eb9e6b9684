#include "util/tls_support.h"

#include <memory>

#include <openssl/ssl.h>

namespace sdetcheck {
namespace {

int ProtocolVersion(const std::string& version) {
  if (version == "1.0") return TLS1_VERSION;
  if (version == "1.1") return TLS1_1_VERSION;
  if (version == "1.2") return TLS1_2_VERSION;
  if (version == "1.3") return TLS1_3_VERSION;
  return 0;
}

}  // namespace

bool LocalTlsCanOffer(const std::string& version) {
  int protocol = ProtocolVersion(version);
  if (protocol == 0) return false;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context(SSL_CTX_new(TLS_client_method()),
                                                            SSL_CTX_free);
  if (!context) return false;
  SSL_CTX_set_security_level(context.get(), 0);
  if (SSL_CTX_set_min_proto_version(context.get(), protocol) != 1 ||
      SSL_CTX_set_max_proto_version(context.get(), protocol) != 1) {
    return false;
  }
  SSL_CTX_set_cipher_list(context.get(), "DEFAULT:@SECLEVEL=0");
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(context.get()), SSL_free);
  if (!ssl) return false;
  STACK_OF(SSL_CIPHER)* ciphers = SSL_get1_supported_ciphers(ssl.get());
  bool usable = ciphers && sk_SSL_CIPHER_num(ciphers) > 0;
  sk_SSL_CIPHER_free(ciphers);
  return usable;
}

}  // namespace sdetcheck
