#include <string>

#include <doctest/doctest.h>

#include "probe/oidc_documents.h"
#include "support/jwt_signer.h"
#include "util/base64.h"

namespace sdetcheck {
namespace {

using testing::TestKey;

const std::string kUrl = "https://idp.test/.well-known/openid-configuration";
const int64_t kNow = 1800000000;

nlohmann::json GoodDiscovery() {
  return {{"issuer", "https://idp.test"},
          {"authorization_endpoint", "https://idp.test/oauth2/authorize"},
          {"token_endpoint", "https://idp.test/oauth2/token"},
          {"userinfo_endpoint", "https://idp.test/oauth2/userinfo"},
          {"end_session_endpoint", "https://idp.test/oauth2/logout"},
          {"jwks_uri", "https://idp.test/oauth2/jwks"},
          {"response_types_supported", {"code"}},
          {"subject_types_supported", {"public"}},
          {"id_token_signing_alg_values_supported", {"RS256"}},
          {"code_challenge_methods_supported", {"S256"}}};
}

const OidcVerdict& VerdictOf(const std::vector<OidcVerdict>& verdicts, const std::string& key) {
  for (const OidcVerdict& v : verdicts) {
    if (v.key == key) return v;
  }
  FAIL("no verdict " << key);
  throw std::logic_error("unreachable");
}

nlohmann::json Claims() {
  return {{"iss", "https://idp.test"}, {"sub", "eleve1"},    {"aud", "ent-portal"},
          {"nonce", "n-123"},          {"exp", kNow + 3600}, {"iat", kNow}};
}

// The key is made once: RSA key generation is slow in a debug build.
const TestKey& Rsa() {
  static const TestKey key = TestKey::Rsa(2048, "k1");
  return key;
}

TEST_CASE("oidc discovery: a complete document passes every check") {
  OidcDiscovery d = ReadDiscovery(GoodDiscovery().dump(), kUrl);
  REQUIRE(d.problem.empty());
  CHECK(d.verdicts.size() == 7);
  for (const OidcVerdict& v : d.verdicts) CHECK_MESSAGE(v.ok, v.key << ": " << v.observed);
  CHECK(d.token_endpoint == "https://idp.test/oauth2/token");
}

TEST_CASE("oidc discovery: each violation fails its own check") {
  nlohmann::json doc = GoodDiscovery();
  doc["issuer"] = "https://idp.test/";  // exact comparison: a trailing slash differs
  doc["token_endpoint"] = "http://idp.test/oauth2/token";
  doc["response_types_supported"] = {"code", "none"};
  doc["code_challenge_methods_supported"] = {"plain"};
  doc.erase("end_session_endpoint");
  doc.erase("subject_types_supported");
  OidcDiscovery d = ReadDiscovery(doc.dump(), kUrl);
  for (const char* key :
       {"oidc.discovery.issuer", "oidc.discovery.https", "oidc.discovery.response_types",
        "oidc.discovery.pkce", "oidc.discovery.end_session", "oidc.discovery.required"}) {
    CHECK_MESSAGE(!VerdictOf(d.verdicts, key).ok, key);
  }
  CHECK(VerdictOf(d.verdicts, "oidc.discovery.required").observed ==
        "missing: subject_types_supported");
  CHECK(VerdictOf(d.verdicts, "oidc.discovery.id_token_algs").ok);
}

TEST_CASE("oidc discovery: HTML, nested or huge bodies are unreadable, never judged") {
  CHECK(!ReadDiscovery("<html><body>Login</body></html>", kUrl).problem.empty());
  CHECK(!ReadDiscovery(std::string(100000, '[') + std::string(100000, ']'), kUrl).problem.empty());
  CHECK(!ReadDiscovery("[1, 2]", kUrl).problem.empty());
  std::string huge = R"({"issuer": ")" + std::string(5 << 20, 'a') + R"("})";
  OidcDiscovery d = ReadDiscovery(huge, kUrl);
  CHECK(d.problem.empty());
  CHECK(!VerdictOf(d.verdicts, "oidc.discovery.issuer").ok);
}

TEST_CASE("oidc jwks: strong RSA and EC keys pass, a 512-bit key or a key without kid fails") {
  TestKey weak = TestKey::Rsa(512, "weak");
  nlohmann::json no_kid = Rsa().Jwk();
  no_kid.erase("kid");
  JsonWebKeySet set =
      ReadJwks(testing::JwksText({Rsa().Jwk(), TestKey::Ec("e1").Jwk(), weak.Jwk(), no_kid}));
  REQUIRE(set.problem.empty());
  REQUIRE(set.verdicts.size() == 4);
  CHECK(set.verdicts[0].ok);
  CHECK(set.keys[0].bits == 2048);
  CHECK(set.verdicts[1].ok);
  CHECK(set.keys[1].bits == 256);
  CHECK(!set.verdicts[2].ok);
  CHECK(set.verdicts[2].observed.find("weak key") == 0);
  CHECK(!set.verdicts[3].ok);
  CHECK(set.verdicts[3].observed.find("no kid") == 0);
}

TEST_CASE("oidc jwks: garbage keys and documents are reported, not loaded") {
  JsonWebKeySet set = ReadJwks(R"({"keys": [{"kty": "RSA", "kid": "x", "n": "!!", "e": "AQAB"},
                                            {"kty": "oct", "kid": "h", "k": "c2VjcmV0"}]})");
  REQUIRE(set.keys.size() == 2);
  CHECK(!set.keys[0].problem.empty());
  CHECK(!set.verdicts[0].ok);
  CHECK(!set.verdicts[1].ok);
  CHECK(!ReadJwks("<html/>").problem.empty());
  CHECK(!ReadJwks(R"({"keys": {}})").problem.empty());
}

TEST_CASE("oidc id token: RS256, PS256 and ES256 signatures verify with the JWKS key") {
  TestKey ec = TestKey::Ec("e1");
  JsonWebKeySet set = ReadJwks(testing::JwksText({Rsa().Jwk(), ec.Jwk()}));
  for (const auto& [token, alg] : {std::pair{Rsa().Sign(Claims(), "RS256"), "RS256"},
                                   std::pair{Rsa().Sign(Claims(), "PS256"), "PS256"},
                                   std::pair{ec.Sign(Claims(), "ES256"), "ES256"}}) {
    VerifiedIdToken v = VerifyIdToken(token, set);
    CHECK_MESSAGE(v.problem.empty(), alg << ": " << v.problem);
    CHECK(v.alg == alg);
    CHECK(v.claims.sub == "eleve1");
  }
}

TEST_CASE("oidc id token: alg none, HMAC with the public key, a wrong signature are refused") {
  JsonWebKeySet set = ReadJwks(testing::JwksText({Rsa().Jwk()}));
  CHECK(VerifyIdToken(testing::UnsignedToken(Claims()), set).problem.find("'none' refused") !=
        std::string::npos);
  // The classic confusion: HS256 keyed with the RSA public key's bytes.
  std::string forged = testing::HmacToken(Claims(), Rsa().Jwk()["n"].get<std::string>(), "k1");
  CHECK(VerifyIdToken(forged, set).problem.find("'HS256' refused") != std::string::npos);
  std::string token = Rsa().Sign(Claims(), "RS256");
  nlohmann::json other = Claims();
  other["sub"] = "admin";
  std::string swapped = token.substr(0, token.find('.')) + "." + Base64UrlEncode(other.dump()) +
                        token.substr(token.rfind('.'));
  CHECK(VerifyIdToken(swapped, set).problem.find("does not verify") != std::string::npos);
  TestKey stranger = TestKey::Rsa(2048, "k1");
  CHECK(!VerifyIdToken(stranger.Sign(Claims(), "RS256"), set).problem.empty());
  CHECK(!VerifyIdToken("not.a-jwt", set).problem.empty());
  CHECK(!VerifyIdToken("a.b.c.d", set).problem.empty());
}

TEST_CASE("oidc id token claims: wrong iss, aud, nonce, expired or future tokens fail") {
  IdTokenClaims good{"https://idp.test", "eleve1", "", "n-123", {"ent-portal"}, kNow + 60, kNow};
  for (const OidcVerdict& v :
       JudgeIdTokenClaims(good, "https://idp.test", "ent-portal", "n-123", kNow)) {
    CHECK_MESSAGE(v.ok, v.key);
  }
  auto fails = [](const IdTokenClaims& c, const std::string& key) {
    return !VerdictOf(JudgeIdTokenClaims(c, "https://idp.test", "ent-portal", "n-123", kNow), key)
                .ok;
  };
  IdTokenClaims c = good;
  c.iss = "https://evil.test";
  CHECK(fails(c, "oidc.id_token.iss"));
  c = good;
  c.aud = {"other"};
  CHECK(fails(c, "oidc.id_token.aud"));
  c.aud = {"ent-portal", "other"};  // several audiences: azp must name the client
  CHECK(fails(c, "oidc.id_token.aud"));
  c.azp = "ent-portal";
  CHECK(!fails(c, "oidc.id_token.aud"));
  c = good;
  c.nonce = "replayed";
  CHECK(fails(c, "oidc.id_token.nonce"));
  c = good;
  c.exp = kNow - 3600;
  CHECK(fails(c, "oidc.id_token.exp"));
  c = good;
  c.iat = kNow + 3600;
  CHECK(fails(c, "oidc.id_token.iat"));
  c.iat.reset();
  CHECK(fails(c, "oidc.id_token.iat"));
}

TEST_CASE("oidc PKCE: RFC 7636 appendix B; random tokens") {
  CHECK(PkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  CHECK(RandomToken().size() == 43);
  CHECK(RandomToken() != RandomToken());
}

}  // namespace
}  // namespace sdetcheck
