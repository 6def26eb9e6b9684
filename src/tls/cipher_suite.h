#pragma once
// The cipher suites this machine's OpenSSL can offer, per protocol version, each described
// and classified as the ANSSI TLS guide and common practice grade them.

#include <optional>
#include <string>
#include <vector>

namespace sdetcheck {

// Why a suite must not be accepted: "" when it is acceptable.
// "null" no encryption, "anonymous" no server authentication, "export" export grade,
// "rc4", "des", "3des" (64-bit block, Sweet32), "idea" (64-bit block), "md5" MAC.
// `legacy` suites are tolerated but not recommended: CBC mode with a SHA-1 MAC.
struct CipherSuite {
  std::string name;            // OpenSSL's, e.g. "ECDHE-RSA-AES128-GCM-SHA256"
  std::string iana;            // the registry's, e.g. "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  std::string key_exchange;    // "ECDHE", "DHE", "RSA", "PSK", … ("any" in TLS 1.3)
  std::string authentication;  // "RSA", "ECDSA", "none", … ("any" in TLS 1.3)
  std::string encryption;      // OpenSSL's short name, "NULL" when none
  int bits = 0;                // symmetric key strength
  bool aead = false;
  bool forward_secrecy = false;  // ephemeral key exchange (always in TLS 1.3)
  std::string weakness;
  bool legacy = false;
};

// In OpenSSL's order of preference; empty for a version this OpenSSL cannot speak.
std::vector<CipherSuite> OfferableCipherSuites(const std::string& version);

// The suite OpenSSL calls `name` (at any version), or nullopt when it does not know it.
std::optional<CipherSuite> DescribeCipherSuite(const std::string& name);

}  // namespace sdetcheck
