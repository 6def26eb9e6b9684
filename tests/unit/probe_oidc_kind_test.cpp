#include <ctime>
#include <deque>
#include <map>
#include <regex>
#include <string>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include "net/transport.h"
#include "net/url.h"
#include "probe/oidc_documents.h"
#include "probe/oidc_kind.h"
#include "probe/registry.h"
#include "support/jwt_signer.h"
#include "support/outcomes.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::FindCheck;
using testing::TestKey;

const std::string kIdp = "https://idp.test";
const std::string kDiscoveryUrl = kIdp + "/.well-known/openid-configuration";
const std::string kRedirect = "https://ent.test/oidc/callback";
const std::string kClientSecret = "CS-canary-secret";
const std::string kPassword = "PW-canary-password";

const TestKey& ProviderKey() {
  static const TestKey key = TestKey::Rsa(2048, "k1");
  return key;
}

Response Answer(long status, const std::string& body, const HeaderList& headers = {}) {
  Response r;
  r.status = status;
  r.body = body;
  r.headers = headers;
  return r;
}

std::string FormField(const std::string& body, const std::string& name) {
  return QueryParameter("https://x/?" + body, name).value_or("");
}

// An OpenID Connect provider in memory, conformant unless told otherwise.
class FakeProvider : public Transport {
 public:
  bool replay_accepted = false, pkce_ignored = false, any_redirect_uri = false;
  bool form_over_http = false, discovery_html = false, foreign_token_endpoint = false;
  std::string id_token_alg = "RS256";
  std::string nonce_override;
  std::vector<Request> requests;

  void Submit(const Request& request, Callback done) override {
    requests.push_back(request);
    FetchResult result;
    result.ok = true;
    result.response = Route(request);
    result.response.effective_url = request.url;
    pending_.emplace_back(std::move(result), std::move(done));
  }
  void Run() override {
    while (!pending_.empty()) {
      auto [result, done] = std::move(pending_.front());
      pending_.pop_front();
      done(result);
    }
  }

 private:
  struct Grant {
    std::string challenge, nonce;
    bool used = false;
  };

  Response Route(const Request& r) {
    if (r.url == kDiscoveryUrl) return Discovery();
    if (r.url == kIdp + "/oauth2/jwks")
      return Answer(200, testing::JwksText({ProviderKey().Jwk()}));
    if (r.url.rfind(kIdp + "/oauth2/authorize?", 0) == 0) return Authorize(r.url);
    if (r.url == kIdp + "/login" && r.method == "POST") return Login(r);
    if (r.url == kIdp + "/oauth2/token") return Token(r);
    if (r.url == kIdp + "/oauth2/userinfo") return Answer(200, R"({"sub": "eleve1"})");
    return Answer(404, "not found");
  }

  Response Discovery() const {
    if (discovery_html) return Answer(200, "<html><body>Portail</body></html>");
    nlohmann::json doc = {{"issuer", kIdp},
                          {"authorization_endpoint", kIdp + "/oauth2/authorize"},
                          {"token_endpoint", foreign_token_endpoint ? "https://evil.test/token"
                                                                    : kIdp + "/oauth2/token"},
                          {"userinfo_endpoint", kIdp + "/oauth2/userinfo"},
                          {"end_session_endpoint", kIdp + "/oauth2/logout"},
                          {"jwks_uri", kIdp + "/oauth2/jwks"},
                          {"response_types_supported", {"code"}},
                          {"subject_types_supported", {"public"}},
                          {"id_token_signing_alg_values_supported", {"RS256"}},
                          {"code_challenge_methods_supported", {"S256"}},
                          {"token_endpoint_auth_methods_supported", {"client_secret_basic"}}};
    return Answer(200, doc.dump());
  }

  Response RedirectWithCode(const std::string& redirect_uri) {
    std::string code = "CODE-canary-" + std::to_string(++codes_);
    grants_[code] = {pending_challenge_, pending_nonce_};
    return Answer(302, "", {{"Location", redirect_uri + "?code=" + code + "&state=" + state_}});
  }

  Response Authorize(const std::string& url) {
    std::string redirect_uri = QueryParameter(url, "redirect_uri").value_or("");
    state_ = QueryParameter(url, "state").value_or("");
    pending_nonce_ = QueryParameter(url, "nonce").value_or("");
    pending_challenge_ = QueryParameter(url, "code_challenge").value_or("");
    if (redirect_uri != kRedirect && !any_redirect_uri) return Answer(400, "<p>bad redirect</p>");
    redirect_uri_ = redirect_uri;
    if (logged_in_) return RedirectWithCode(redirect_uri);
    std::string action = form_over_http ? "http://idp.test/login" : "/login";
    return Answer(200, "<form method=post action='" + action +
                           "'><input type=hidden name=url value=abc><input name=user>"
                           "<input type=password name=password><button>OK</button></form>");
  }

  Response Login(const Request& r) {
    if (FormField(r.body, "user") != "eleve1" || FormField(r.body, "password") != kPassword)
      return Answer(401, "refused");
    logged_in_ = true;
    return RedirectWithCode(redirect_uri_);
  }

  Response Token(const Request& r) {
    bool authenticated = false;
    for (const auto& [name, value] : r.headers) {
      OidcClient client{"ent-portal", {"", "", kClientSecret}, kRedirect};
      if (name == "Authorization")
        authenticated = value == "Basic " + OidcClientCredentials(client);
    }
    auto grant = grants_.find(FormField(r.body, "code"));
    if (!authenticated) return Answer(401, R"({"error": "invalid_client"})");
    bool refused = grant == grants_.end() || (grant->second.used && !replay_accepted) ||
                   (!pkce_ignored &&
                    PkceChallenge(FormField(r.body, "code_verifier")) != grant->second.challenge);
    if (refused) return Answer(400, R"({"error": "invalid_grant"})");
    grant->second.used = true;
    nlohmann::json claims = {
        {"iss", kIdp},
        {"sub", "eleve1"},
        {"aud", "ent-portal"},
        {"nonce", nonce_override.empty() ? grant->second.nonce : nonce_override},
        {"exp", std::time(nullptr) + 3600},
        {"iat", std::time(nullptr)}};
    std::string id_token = id_token_alg == "none" ? testing::UnsignedToken(claims)
                                                  : ProviderKey().Sign(claims, id_token_alg);
    nlohmann::json answer = {
        {"id_token", id_token}, {"access_token", "AT-canary-token"}, {"token_type", "Bearer"}};
    return Answer(200, answer.dump());
  }

  std::deque<std::pair<FetchResult, Callback>> pending_;
  std::map<std::string, Grant> grants_;
  std::string state_, pending_nonce_, pending_challenge_, redirect_uri_;
  bool logged_in_ = false;
  int codes_ = 0;
};

TargetProfile Target() {
  TargetProfile target;
  target.base_url = "https://ent.test";
  target.credential_origins = {OriginOf(kIdp)};
  Account account;
  account.id = "eleve1";
  account.profile = "eleve";
  account.login = "eleve1";
  account.password.value = kPassword;
  target.accounts.push_back(account);
  target.oidc_client = OidcClient{"ent-portal", {"", "", kClientSecret}, kRedirect};
  return target;
}

ProbeOutcome Run(FakeProvider& provider, const std::string& check,
                 const TargetProfile& target = Target()) {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  std::string yaml = "check: " + check + (check == "discovery" ? "" : "\naccount: eleve1");
  auto config = FindProbeKind("oidc")->parse(reader, *reader.LoadString(yaml), "probe");
  REQUIRE_MESSAGE(config, diagnostics.Format());
  Redactor redactor;
  redactor.AddSecret(kPassword);
  redactor.AddSecret(kClientSecret);
  if (target.oidc_client) redactor.AddSecret(OidcClientCredentials(*target.oidc_client));
  ProbeContext context{&provider, &redactor, &target};
  ProbeOutcome outcome;
  bool done = false;
  FindProbeKind("oidc")->run(*config, {{"oidc_discovery_url", kDiscoveryUrl}}, context,
                             [&](ProbeOutcome o) {
                               CHECK(!done);
                               done = true;
                               outcome = std::move(o);
                             });
  provider.Run();
  CHECK(done);
  return outcome;
}

CheckState StateOf(const ProbeOutcome& outcome, const std::string& key) {
  const Check* check = FindCheck(outcome, key);
  REQUIRE_MESSAGE(check, "no check " << key);
  return check->state;
}

// Every string of the outcome a report could show.
std::string Everything(const ProbeOutcome& outcome) {
  std::string text;
  for (const Check& c : outcome.checks) {
    text += c.key + c.subject + c.expected + c.observed + c.blocked_by + c.message.code;
    for (const auto& [name, value] : c.message.params) text += name + value;
  }
  for (const Evidence& e : outcome.evidence) {
    if (const auto* x = std::get_if<HttpExchange>(&e)) {
      text += x->url + x->final_url + x->excerpt + x->error;
      for (const auto& [name, value] : x->headers) text += name + value;
    }
  }
  return text;
}

TEST_CASE("oidc kind: a conformant provider passes every check, and no secret shows") {
  for (const char* check : {"discovery", "code_flow", "code_replay", "pkce", "redirect_uri"}) {
    CAPTURE(check);
    FakeProvider provider;
    ProbeOutcome outcome = Run(provider, check);
    CHECK(testing::OutcomeState(outcome) == CheckState::kPass);
    std::string all = Everything(outcome);
    CHECK(all.find("canary") == std::string::npos);
    // No JWT (base64url of '{"', then two dots); a random state may contain "eyJ" by chance.
    CHECK_FALSE(std::regex_search(all, std::regex(R"(eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.)")));
    // The code did pass through the evidence, masked: the canary proves something.
    if (std::string(check) != "discovery") CHECK(all.find("code=[REDACTED]") != std::string::npos);
  }
}

TEST_CASE("oidc kind: the code flow verifies the ID token and userinfo") {
  FakeProvider provider;
  ProbeOutcome outcome = Run(provider, "code_flow");
  for (const char* key :
       {"oidc.authorization", "oidc.state", "oidc.token", "oidc.id_token.signature",
        "oidc.id_token.iss", "oidc.id_token.aud", "oidc.id_token.exp", "oidc.id_token.iat",
        "oidc.id_token.nonce", "oidc.userinfo.sub"}) {
    CHECK_MESSAGE(StateOf(outcome, key) == CheckState::kPass, key);
  }
  // The redirect to the client was read, never followed.
  for (const Request& r : provider.requests) CHECK(r.url.rfind(kRedirect, 0) != 0);
}

TEST_CASE("oidc kind: each flawed provider fails exactly its check") {
  FakeProvider replay;
  replay.replay_accepted = true;
  CHECK(StateOf(Run(replay, "code_replay"), "oidc.token.replay") == CheckState::kFail);
  FakeProvider pkce;
  pkce.pkce_ignored = true;
  CHECK(StateOf(Run(pkce, "pkce"), "oidc.token.pkce") == CheckState::kFail);
  CHECK(StateOf(Run(pkce, "code_flow"), "oidc.userinfo.sub") == CheckState::kPass);
  FakeProvider redirect;
  redirect.any_redirect_uri = true;
  ProbeOutcome outcome = Run(redirect, "redirect_uri");
  CHECK(StateOf(outcome, "oidc.redirect_uri") == CheckState::kFail);
  for (const Request& r : redirect.requests) CHECK(r.url.rfind("https://unregistered.", 0) != 0);
  FakeProvider nonce;
  nonce.nonce_override = "someone-else";
  CHECK(StateOf(Run(nonce, "code_flow"), "oidc.id_token.nonce") == CheckState::kFail);
}

TEST_CASE("oidc kind: an unsigned ID token fails its signature; the claims are not judged") {
  FakeProvider provider;
  provider.id_token_alg = "none";
  ProbeOutcome outcome = Run(provider, "code_flow");
  CHECK(StateOf(outcome, "oidc.id_token.signature") == CheckState::kFail);
  const Check* iss = FindCheck(outcome, "oidc.id_token.iss");
  REQUIRE(iss);
  CHECK(iss->state == CheckState::kNotApplicable);
  CHECK(iss->blocked_by == "oidc.id_token.signature");
  CHECK(Everything(outcome).find("eyJ") == std::string::npos);
}

TEST_CASE("oidc kind: a login form posting in clear gets no password and fails") {
  FakeProvider provider;
  provider.form_over_http = true;
  ProbeOutcome outcome = Run(provider, "code_flow");
  CHECK(StateOf(outcome, "oidc.authorization") == CheckState::kFail);
  for (const Request& r : provider.requests) CHECK(r.body.find(kPassword) == std::string::npos);
}

TEST_CASE("oidc kind: a token endpoint on another origin never gets the client secret") {
  FakeProvider provider;
  provider.foreign_token_endpoint = true;
  ProbeOutcome outcome = Run(provider, "code_flow");
  CHECK(StateOf(outcome, "oidc.discovery") == CheckState::kError);
  CHECK(FindCheck(outcome, "oidc.discovery")->message.code == "oidc.endpoint.untrusted");
  for (const Request& r : provider.requests) CHECK(r.url.rfind("https://evil.test", 0) != 0);
  CHECK(provider.requests.size() == 1);
}

TEST_CASE("oidc kind: HTML instead of the discovery JSON is an error, not a verdict") {
  FakeProvider provider;
  provider.discovery_html = true;
  ProbeOutcome outcome = Run(provider, "discovery");
  CHECK(StateOf(outcome, "oidc.discovery") == CheckState::kError);
  CHECK(testing::OutcomeState(outcome) == CheckState::kError);
}

TEST_CASE("oidc kind: no client in the target is not applicable; a wrong setup is refused") {
  FakeProvider provider;
  TargetProfile target = Target();
  target.oidc_client.reset();
  ProbeOutcome outcome = Run(provider, "code_flow", target);
  CHECK(StateOf(outcome, "oidc.client") == CheckState::kNotApplicable);
  CHECK(provider.requests.empty());
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  // A flow without an account logs in the first account of every profile.
  CHECK(FindProbeKind("oidc")->parse(reader, *reader.LoadString("check: pkce"), "probe"));
  CHECK(!FindProbeKind("oidc")->parse(reader, *reader.LoadString("check: implicit"), "probe"));
  CHECK(!FindProbeKind("oidc")->parse(
      reader, *reader.LoadString("check: discovery\naccount: eleve1"), "probe"));
}

}  // namespace
}  // namespace sdetcheck
