#pragma once
// What an OpenID Connect provider publishes and issues, read and judged without the network:
// the discovery document (OpenID Connect Discovery 1.0 §3), the JWKS (RFC 7517) with each key
// loaded by OpenSSL, and an ID token (OpenID Connect Core 1.0 §2, §3.1.3.7) whose signature
// is verified against the JWKS. Pure functions, run on the executor.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

struct evp_pkey_st;

namespace sdetcheck {

// One judgement: a stable check key, whether it holds, and the technical detail.
struct OidcVerdict {
  std::string key;
  bool ok = false;
  std::string expected;
  std::string observed;
  std::string subject;  // what it is about within the document (a key's kid); may be empty
};

struct OidcDiscovery {
  std::string problem;  // the document could not be read (not JSON, not an object)
  std::string issuer, authorization_endpoint, token_endpoint, userinfo_endpoint, jwks_uri;
  std::vector<std::string> token_auth_methods;  // token_endpoint_auth_methods_supported
  std::vector<OidcVerdict> verdicts;
};

// Reads the discovery document fetched from `url` and judges it: required members, issuer
// equal to `url` without /.well-known/openid-configuration, HTTPS endpoints, `code` among the
// response types and `none` absent, RS256 among the ID token algorithms, end_session_endpoint,
// S256 PKCE.
OidcDiscovery ReadDiscovery(const std::string& body, const std::string& url);

struct JsonWebKey {
  std::string kid, kty, use, alg, curve;
  int bits = 0;
  std::string problem;                      // why OpenSSL could not load it; empty = loaded
  std::shared_ptr<evp_pkey_st> public_key;  // null when not loaded
};

struct JsonWebKeySet {
  std::string problem;  // the set could not be read
  std::vector<JsonWebKey> keys;
  std::vector<OidcVerdict> verdicts;  // oidc.jwks.key per key (subject: its kid)
};

// Reads a JWKS and judges each key: kid, use or alg, RSA of 2048 bits or more, EC on P-256,
// P-384 or P-521.
JsonWebKeySet ReadJwks(const std::string& body);

struct IdTokenClaims {
  std::string iss, sub, azp, nonce;
  std::vector<std::string> aud;
  std::optional<int64_t> exp, iat;
};

struct VerifiedIdToken {
  std::string problem;  // empty: the signature verified with key `kid`
  std::string alg, kid;
  IdTokenClaims claims;  // read even when the signature failed, for the report
};

// Verifies a compact JWS ID token with the JWKS key it names (RS256/384/512, PS256/384/512,
// ES256/384/512 only: `none` and HMAC algorithms are refused, as are keys of another type).
VerifiedIdToken VerifyIdToken(const std::string& token, const JsonWebKeySet& jwks);

// iss equal to the issuer, aud containing the client (azp equal to it when there are several
// audiences), exp in the future, iat within `skew` seconds of now, nonce equal to the one sent.
std::vector<OidcVerdict> JudgeIdTokenClaims(const IdTokenClaims& claims, const std::string& issuer,
                                            const std::string& client_id, const std::string& nonce,
                                            int64_t now, int64_t skew = 300);

// `bytes` random bytes from OpenSSL, base64url: states, nonces, PKCE verifiers.
std::string RandomToken(int bytes = 32);
// The S256 code_challenge of a PKCE code_verifier (RFC 7636 §4.2).
std::string PkceChallenge(const std::string& verifier);

}  // namespace sdetcheck
