#include "probe/oidc_documents.h"

#include <algorithm>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "net/url.h"
#include "util/base64.h"
#include "util/json_text.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

constexpr const char* kWellKnown = "/.well-known/openid-configuration";

std::string StringMember(const nlohmann::json& doc, const char* name) {
  auto found = doc.find(name);
  return found != doc.end() && found->is_string() ? found->get<std::string>() : "";
}

std::vector<std::string> StringList(const nlohmann::json& doc, const char* name) {
  std::vector<std::string> values;
  auto found = doc.find(name);
  if (found == doc.end() || !found->is_array()) return values;
  for (const nlohmann::json& value : *found) {
    if (value.is_string()) values.push_back(value.get<std::string>());
  }
  return values;
}

std::string Joined(const std::vector<std::string>& list) {
  std::string text;
  for (const std::string& value : list) text += (text.empty() ? "" : " ") + value;
  return text;
}

OidcVerdict Verdict(std::string key, bool ok, std::string expected, std::string observed) {
  return {std::move(key), ok, std::move(expected), std::move(observed), ""};
}

OidcVerdict RequiredMembers(const nlohmann::json& doc) {
  std::vector<std::string> missing;
  for (const char* name : {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri",
                           "response_types_supported", "subject_types_supported",
                           "id_token_signing_alg_values_supported"}) {
    if (!doc.contains(name)) missing.emplace_back(name);
  }
  return Verdict("oidc.discovery.required", missing.empty(), "every required member",
                 missing.empty() ? "all present" : "missing: " + Joined(missing));
}

OidcVerdict HttpsEndpoints(const nlohmann::json& doc) {
  std::vector<std::string> plain;
  for (const auto& [name, value] : doc.items()) {
    bool endpoint = name == "jwks_uri" || name == "issuer" ||
                    (name.size() > 9 && name.compare(name.size() - 9, 9, "_endpoint") == 0);
    if (endpoint && value.is_string() && value.get<std::string>().rfind("https://", 0) != 0) {
      plain.push_back(name + "=" + value.get<std::string>());
    }
  }
  return Verdict("oidc.discovery.https", plain.empty(), "https://",
                 plain.empty() ? "every endpoint over HTTPS" : Joined(plain));
}

void JudgeDiscovery(const nlohmann::json& doc, const std::string& url, OidcDiscovery* d) {
  d->verdicts.push_back(RequiredMembers(doc));
  std::string base = url;
  if (base.size() > std::string(kWellKnown).size() &&
      base.compare(base.size() - std::string(kWellKnown).size(), std::string::npos, kWellKnown) ==
          0) {
    base.resize(base.size() - std::string(kWellKnown).size());
  }
  d->verdicts.push_back(Verdict("oidc.discovery.issuer", d->issuer == base, base, d->issuer));
  d->verdicts.push_back(HttpsEndpoints(doc));
  std::vector<std::string> types = StringList(doc, "response_types_supported");
  d->verdicts.push_back(Verdict("oidc.discovery.response_types",
                                Contains(types, "code") && !Contains(types, "none"),
                                "code, not none", Joined(types)));
  // Discovery §3: RS256 MUST be listed. `none` MAY be, for flows that return no ID token
  // from the authorization endpoint (the code flow): the ID token actually issued is what
  // the code_flow check verifies.
  std::vector<std::string> algs = StringList(doc, "id_token_signing_alg_values_supported");
  d->verdicts.push_back(
      Verdict("oidc.discovery.id_token_algs", Contains(algs, "RS256"), "RS256", Joined(algs)));
  std::string end_session = StringMember(doc, "end_session_endpoint");
  d->verdicts.push_back(Verdict("oidc.discovery.end_session", !end_session.empty(),
                                "end_session_endpoint", end_session));
  std::vector<std::string> pkce = StringList(doc, "code_challenge_methods_supported");
  d->verdicts.push_back(
      Verdict("oidc.discovery.pkce", Contains(pkce, "S256"), "S256", Joined(pkce)));
}

}  // namespace

OidcDiscovery ReadDiscovery(const std::string& body, const std::string& url) {
  OidcDiscovery d;
  nlohmann::json doc;
  d.problem = ParseJson(body, &doc);
  if (d.problem.empty() && !doc.is_object()) d.problem = "the JSON is not an object";
  if (!d.problem.empty()) return d;
  d.issuer = StringMember(doc, "issuer");
  d.authorization_endpoint = StringMember(doc, "authorization_endpoint");
  d.token_endpoint = StringMember(doc, "token_endpoint");
  d.userinfo_endpoint = StringMember(doc, "userinfo_endpoint");
  d.jwks_uri = StringMember(doc, "jwks_uri");
  d.token_auth_methods = StringList(doc, "token_endpoint_auth_methods_supported");
  JudgeDiscovery(doc, url, &d);
  return d;
}

// ------------------------------------------------------------------ randomness, PKCE

std::string RandomToken(int bytes) {
  std::string raw(static_cast<size_t>(bytes), '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), bytes) != 1) return "";
  return Base64UrlEncode(raw);
}

std::string PkceChallenge(const std::string& verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(verifier.data(), verifier.size(), digest, &length, EVP_sha256(), nullptr);
  return Base64UrlEncode(std::string(reinterpret_cast<char*>(digest), length));
}

// ------------------------------------------------------------------ JWKS

namespace {

using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)>;
using Params = std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)>;
using Bignum = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

Bignum BignumOf(const std::string& bytes) {
  return Bignum(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()), nullptr),
                BN_free);
}

std::shared_ptr<EVP_PKEY> KeyFromParams(const char* type, OSSL_PARAM_BLD* builder) {
  Params params(OSSL_PARAM_BLD_to_param(builder), OSSL_PARAM_free);
  KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::shared_ptr<EVP_PKEY> RsaKey(const nlohmann::json& jwk) {
  std::optional<std::string> n = Base64UrlDecode(StringMember(jwk, "n"));
  std::optional<std::string> e = Base64UrlDecode(StringMember(jwk, "e"));
  if (!n || !e || n->empty() || e->empty()) return nullptr;
  Bignum modulus = BignumOf(*n), exponent = BignumOf(*e);
  ParamBuilder builder(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!builder || !modulus || !exponent ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    return nullptr;
  }
  return KeyFromParams("RSA", builder.get());
}

std::shared_ptr<EVP_PKEY> EcKey(const nlohmann::json& jwk, const std::string& curve) {
  std::optional<std::string> x = Base64UrlDecode(StringMember(jwk, "x"));
  std::optional<std::string> y = Base64UrlDecode(StringMember(jwk, "y"));
  if (!x || !y || x->empty() || x->size() != y->size()) return nullptr;
  std::string point = "\x04" + *x + *y;  // uncompressed SEC1 point
  ParamBuilder builder(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve.c_str(),
                                      0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return nullptr;
  }
  return KeyFromParams("EC", builder.get());
}

JsonWebKey LoadKey(const nlohmann::json& jwk) {
  JsonWebKey key;
  key.kid = StringMember(jwk, "kid");
  key.kty = StringMember(jwk, "kty");
  key.use = StringMember(jwk, "use");
  key.alg = StringMember(jwk, "alg");
  key.curve = StringMember(jwk, "crv");
  if (key.kty == "RSA") {
    key.public_key = RsaKey(jwk);
  } else if (key.kty == "EC") {
    key.public_key = EcKey(jwk, key.curve);
  } else {
    key.problem = "key type '" + key.kty + "' is neither RSA nor EC";
    return key;
  }
  if (!key.public_key) key.problem = "OpenSSL could not load the " + key.kty + " key";
  if (key.public_key) key.bits = EVP_PKEY_get_bits(key.public_key.get());
  return key;
}

OidcVerdict JudgeKey(const JsonWebKey& key) {
  std::string observed = "kid=" + key.kid + " kty=" + key.kty + " use=" + key.use +
                         " alg=" + key.alg + " bits=" + std::to_string(key.bits) +
                         (key.curve.empty() ? "" : " crv=" + key.curve);
  std::string problem = key.problem;
  bool strong = key.kty == "RSA"
                    ? key.bits >= 2048
                    : key.curve == "P-256" || key.curve == "P-384" || key.curve == "P-521";
  if (problem.empty() && key.kid.empty()) problem = "no kid";
  if (problem.empty() && key.use.empty() && key.alg.empty()) problem = "neither use nor alg";
  if (problem.empty() && !strong) problem = "weak key";
  OidcVerdict verdict = Verdict("oidc.jwks.key", problem.empty(),
                                "kid, use or alg, RSA >= 2048 bits or EC P-256/P-384/P-521",
                                problem.empty() ? observed : problem + ": " + observed);
  verdict.subject = "kid " + key.kid;
  return verdict;
}

}  // namespace

JsonWebKeySet ReadJwks(const std::string& body) {
  JsonWebKeySet set;
  nlohmann::json doc;
  set.problem = ParseJson(body, &doc);
  if (set.problem.empty() && (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()))
    set.problem = "no \"keys\" array";
  if (!set.problem.empty()) return set;
  for (const nlohmann::json& jwk : doc["keys"]) {
    if (!jwk.is_object()) continue;
    set.keys.push_back(LoadKey(jwk));
    set.verdicts.push_back(JudgeKey(set.keys.back()));
  }
  if (set.keys.empty()) set.verdicts.push_back(Verdict("oidc.jwks.key", false, "a key", "none"));
  return set;
}

// ------------------------------------------------------------------ ID token

namespace {

struct JwsAlgorithm {
  const char* name;
  const char* kty;
  const EVP_MD* (*digest)();
  int padding;       // RSA_PKCS1_PADDING, RSA_PKCS1_PSS_PADDING; 0 for EC
  size_t component;  // EC: bytes of r and of s in the JWS signature
};

const JwsAlgorithm* FindAlgorithm(const std::string& name) {
  static const JwsAlgorithm kAlgorithms[] = {
      {"RS256", "RSA", EVP_sha256, RSA_PKCS1_PADDING, 0},
      {"RS384", "RSA", EVP_sha384, RSA_PKCS1_PADDING, 0},
      {"RS512", "RSA", EVP_sha512, RSA_PKCS1_PADDING, 0},
      {"PS256", "RSA", EVP_sha256, RSA_PKCS1_PSS_PADDING, 0},
      {"PS384", "RSA", EVP_sha384, RSA_PKCS1_PSS_PADDING, 0},
      {"PS512", "RSA", EVP_sha512, RSA_PKCS1_PSS_PADDING, 0},
      {"ES256", "EC", EVP_sha256, 0, 32},
      {"ES384", "EC", EVP_sha384, 0, 48},
      {"ES512", "EC", EVP_sha512, 0, 66},
  };
  for (const JwsAlgorithm& algorithm : kAlgorithms) {
    if (name == algorithm.name) return &algorithm;
  }
  return nullptr;
}

// The JWS signature of ECDSA is r || s; OpenSSL verifies DER.
std::optional<std::string> EcdsaDer(const std::string& signature, size_t component) {
  if (signature.size() != 2 * component) return std::nullopt;
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()),
                        static_cast<int>(component), nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()) + component,
                        static_cast<int>(component), nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  int length = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (length <= 0) return std::nullopt;
  std::string der(static_cast<size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_ECDSA_SIG(sig.get(), &out);
  return der;
}

bool SignatureVerifies(const JwsAlgorithm& algorithm, EVP_PKEY* key, const std::string& input,
                       std::string signature) {
  if (algorithm.component > 0) {
    std::optional<std::string> der = EcdsaDer(signature, algorithm.component);
    if (!der) return false;
    signature = *der;
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  EVP_PKEY_CTX* key_context = nullptr;
  if (!context ||
      EVP_DigestVerifyInit(context.get(), &key_context, algorithm.digest(), nullptr, key) != 1) {
    return false;
  }
  if (algorithm.padding == RSA_PKCS1_PSS_PADDING &&
      (EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(key_context, RSA_PSS_SALTLEN_DIGEST) != 1)) {
    return false;
  }
  return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1;
}

std::optional<int64_t> NumericDate(const nlohmann::json& claims, const char* name) {
  auto found = claims.find(name);
  if (found == claims.end() || !found->is_number()) return std::nullopt;
  double value = found->get<double>();
  if (value < 0 || value > 1e12) return std::nullopt;
  return static_cast<int64_t>(value);
}

IdTokenClaims ReadClaims(const nlohmann::json& claims) {
  IdTokenClaims c;
  c.iss = StringMember(claims, "iss");
  c.sub = StringMember(claims, "sub");
  c.azp = StringMember(claims, "azp");
  c.nonce = StringMember(claims, "nonce");
  auto aud = claims.find("aud");
  if (aud != claims.end() && aud->is_string()) c.aud.push_back(aud->get<std::string>());
  if (aud != claims.end() && aud->is_array()) c.aud = StringList(claims, "aud");
  c.exp = NumericDate(claims, "exp");
  c.iat = NumericDate(claims, "iat");
  return c;
}

// The key the token names (by kid), or the only key of the algorithm's type.
const JsonWebKey* KeyFor(const JsonWebKeySet& jwks, const std::string& kid, const char* kty) {
  const JsonWebKey* chosen = nullptr;
  int candidates = 0;
  for (const JsonWebKey& key : jwks.keys) {
    if (key.kty != kty || !key.public_key || (key.use != "" && key.use != "sig")) continue;
    if (!kid.empty() && key.kid == kid) return &key;
    ++candidates;
    chosen = &key;
  }
  return kid.empty() && candidates == 1 ? chosen : nullptr;
}

// Decodes one base64url segment holding a JSON object.
std::string JsonSegment(const std::string& segment, nlohmann::json* doc) {
  std::optional<std::string> text = Base64UrlDecode(segment);
  if (!text) return "not base64url";
  std::string problem = ParseJson(*text, doc);
  if (problem.empty() && !doc->is_object()) problem = "not a JSON object";
  return problem;
}

}  // namespace

VerifiedIdToken VerifyIdToken(const std::string& token, const JsonWebKeySet& jwks) {
  VerifiedIdToken v;
  size_t first = token.find('.');
  size_t second = first == std::string::npos ? first : token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) {
    v.problem = "not a compact JWS (three dot-separated parts)";
    return v;
  }
  nlohmann::json header, claims;
  if (std::string p = JsonSegment(token.substr(0, first), &header); !p.empty()) {
    v.problem = "header: " + p;
    return v;
  }
  if (std::string p = JsonSegment(token.substr(first + 1, second - first - 1), &claims);
      !p.empty()) {
    v.problem = "claims: " + p;
    return v;
  }
  v.alg = StringMember(header, "alg");
  v.kid = StringMember(header, "kid");
  v.claims = ReadClaims(claims);
  const JwsAlgorithm* algorithm = FindAlgorithm(v.alg);
  if (!algorithm) {
    v.problem = "algorithm '" + v.alg + "' refused (asymmetric signatures only)";
    return v;
  }
  const JsonWebKey* key = KeyFor(jwks, v.kid, algorithm->kty);
  if (!key) {
    v.problem = "no " + std::string(algorithm->kty) + " key with kid '" + v.kid + "' in the JWKS";
    return v;
  }
  std::optional<std::string> signature = Base64UrlDecode(token.substr(second + 1));
  if (!signature ||
      !SignatureVerifies(*algorithm, key->public_key.get(), token.substr(0, second), *signature)) {
    v.problem = "the signature does not verify with key '" + key->kid + "'";
  }
  return v;
}

std::vector<OidcVerdict> JudgeIdTokenClaims(const IdTokenClaims& c, const std::string& issuer,
                                            const std::string& client_id, const std::string& nonce,
                                            int64_t now, int64_t skew) {
  std::vector<OidcVerdict> verdicts;
  verdicts.push_back(Verdict("oidc.id_token.iss", c.iss == issuer, issuer, c.iss));
  bool audience = Contains(c.aud, client_id) &&
                  (c.aud.size() == 1 ? c.azp.empty() || c.azp == client_id : c.azp == client_id);
  verdicts.push_back(Verdict("oidc.id_token.aud", audience, "aud contains " + client_id,
                             "aud=" + Joined(c.aud) + (c.azp.empty() ? "" : " azp=" + c.azp)));
  verdicts.push_back(Verdict("oidc.id_token.exp", c.exp && *c.exp > now - skew,
                             "exp > " + std::to_string(now - skew),
                             c.exp ? std::to_string(*c.exp) : "absent"));
  verdicts.push_back(Verdict("oidc.id_token.iat",
                             c.iat && *c.iat <= now + skew && *c.iat >= now - skew,
                             "now ± " + std::to_string(skew) + " s (" + std::to_string(now) + ")",
                             c.iat ? std::to_string(*c.iat) : "absent"));
  verdicts.push_back(Verdict("oidc.id_token.nonce", !nonce.empty() && c.nonce == nonce, nonce,
                             c.nonce.empty() ? "absent" : c.nonce));
  return verdicts;
}

}  // namespace sdetcheck
