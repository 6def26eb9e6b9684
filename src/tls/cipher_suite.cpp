#include "tls/cipher_suite.h"

#include <map>
#include <memory>

#include <openssl/objects.h>
#include <openssl/ssl.h>

#include "net/tls_handshake.h"

namespace sdetcheck {
namespace {

using Context = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;
using Connection = std::unique_ptr<SSL, decltype(&SSL_free)>;

std::string KeyExchangeName(int nid) {
  switch (nid) {
    case NID_kx_ecdhe:
      return "ECDHE";
    case NID_kx_dhe:
      return "DHE";
    case NID_kx_rsa:
      return "RSA";
    case NID_kx_psk:
      return "PSK";
    case NID_kx_ecdhe_psk:
      return "ECDHE-PSK";
    case NID_kx_dhe_psk:
      return "DHE-PSK";
    case NID_kx_rsa_psk:
      return "RSA-PSK";
    case NID_kx_srp:
      return "SRP";
    case NID_kx_any:
      return "any";
    default:
      return OBJ_nid2sn(nid) ? OBJ_nid2sn(nid) : "unknown";
  }
}

std::string AuthenticationName(int nid) {
  switch (nid) {
    case NID_auth_rsa:
      return "RSA";
    case NID_auth_ecdsa:
      return "ECDSA";
    case NID_auth_dss:
      return "DSS";
    case NID_auth_psk:
      return "PSK";
    case NID_auth_srp:
      return "SRP";
    case NID_auth_null:
      return "none";
    case NID_auth_any:
      return "any";
    default:
      return OBJ_nid2sn(nid) ? OBJ_nid2sn(nid) : "unknown";
  }
}

std::string Weakness(int cipher, int digest, int auth, int bits) {
  if (cipher == NID_undef) return "null";
  if (auth == NID_auth_null) return "anonymous";
  if (cipher == NID_rc4 || cipher == NID_rc4_40) return "rc4";
  if (cipher == NID_des_cbc) return "des";
  if (cipher == NID_des_ede3_cbc) return "3des";
  if (cipher == NID_idea_cbc) return "idea";
  if (bits > 0 && bits < 56) return "export";
  if (digest == NID_md5) return "md5";
  return "";
}

CipherSuite Describe(const SSL_CIPHER* c) {
  CipherSuite suite;
  suite.name = SSL_CIPHER_get_name(c);
  if (const char* iana = SSL_CIPHER_standard_name(c)) suite.iana = iana;
  int kx = SSL_CIPHER_get_kx_nid(c);
  int auth = SSL_CIPHER_get_auth_nid(c);
  int cipher = SSL_CIPHER_get_cipher_nid(c);
  int digest = SSL_CIPHER_get_digest_nid(c);
  suite.key_exchange = KeyExchangeName(kx);
  suite.authentication = AuthenticationName(auth);
  suite.encryption = cipher == NID_undef ? "NULL" : OBJ_nid2sn(cipher);
  suite.bits = SSL_CIPHER_get_bits(c, nullptr);
  suite.aead = SSL_CIPHER_is_aead(c) == 1;
  suite.forward_secrecy = kx == NID_kx_any || kx == NID_kx_ecdhe || kx == NID_kx_dhe ||
                          kx == NID_kx_ecdhe_psk || kx == NID_kx_dhe_psk;
  suite.weakness = Weakness(cipher, digest, auth, suite.bits);
  suite.legacy = suite.weakness.empty() && !suite.aead && digest == NID_sha1;
  return suite;
}

// Every suite known for `protocol`, in OpenSSL's order, null and anonymous ones included.
std::vector<CipherSuite> Supported(int protocol) {
  std::vector<CipherSuite> suites;
  Context context(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
  if (!context) return suites;
  SSL_CTX_set_security_level(context.get(), 0);
  if (SSL_CTX_set_min_proto_version(context.get(), protocol) != 1 ||
      SSL_CTX_set_max_proto_version(context.get(), protocol) != 1)
    return suites;
  SSL_CTX_set_cipher_list(context.get(), kEveryLegacyCipher);
  SSL_CTX_set_ciphersuites(context.get(), kEveryTls13Suite);
  Connection ssl(SSL_new(context.get()), SSL_free);
  if (!ssl) return suites;
  STACK_OF(SSL_CIPHER)* offered = SSL_get1_supported_ciphers(ssl.get());
  for (int i = 0; offered && i < sk_SSL_CIPHER_num(offered); ++i)
    suites.push_back(Describe(sk_SSL_CIPHER_value(offered, i)));
  sk_SSL_CIPHER_free(offered);
  return suites;
}

}  // namespace

std::vector<CipherSuite> OfferableCipherSuites(const std::string& version) {
  int protocol = TlsProtocolNumber(version);
  return protocol ? Supported(protocol) : std::vector<CipherSuite>{};
}

std::optional<CipherSuite> DescribeCipherSuite(const std::string& name) {
  // Built once: judges and summaries describe every accepted suite of every scan.
  static const std::map<std::string, CipherSuite> kKnown = [] {
    std::map<std::string, CipherSuite> known;
    for (const char* version : {"1.3", "1.2", "1.0"}) {
      for (CipherSuite& suite : OfferableCipherSuites(version))
        known.emplace(suite.name, std::move(suite));
    }
    return known;
  }();
  auto found = kKnown.find(name);
  if (found == kKnown.end()) return std::nullopt;
  return found->second;
}

}  // namespace sdetcheck
