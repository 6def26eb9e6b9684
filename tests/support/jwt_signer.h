#pragma once
// Test keys and tokens for the OpenID Connect probes: an RSA or EC key made by OpenSSL, its
// JWK, and compact JWS tokens signed with it (or forged: alg none, HMAC, a bad signature).

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

struct evp_pkey_st;

namespace sdetcheck::testing {

class TestKey {
 public:
  static TestKey Rsa(int bits, std::string kid);
  static TestKey Ec(std::string kid);  // P-256

  // {"kty", "kid", "use": "sig", "n"/"e" or "crv"/"x"/"y"}.
  nlohmann::json Jwk() const;
  // header.payload.signature; `alg` RS256, PS256 or ES256 (signed with this key).
  std::string Sign(const nlohmann::json& claims, const std::string& alg) const;

 private:
  std::shared_ptr<evp_pkey_st> key_;
  std::string kid_;
};

// {"keys": [jwk...]} as text.
std::string JwksText(std::initializer_list<nlohmann::json> keys);
// An unsigned token (alg none) and one "signed" with HS256 keyed by `secret`.
std::string UnsignedToken(const nlohmann::json& claims);
std::string HmacToken(const nlohmann::json& claims, const std::string& secret,
                      const std::string& kid);

}  // namespace sdetcheck::testing
