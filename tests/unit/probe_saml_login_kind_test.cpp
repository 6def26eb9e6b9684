#include <deque>
#include <functional>
#include <string>
#include <variant>

#include <doctest/doctest.h>

#include "net/transport.h"
#include "net/url.h"
#include "probe/registry.h"
#include "probe/saml_request.h"
#include "support/local_servers.h"
#include "support/outcomes.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::FindCheck;

const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures/saml/";
const std::string kMetadataUrl = "https://idp.example.fr/saml/metadata";

// An IdP played by a function of the request: no sockets, any URL (the request ID is random).
class ScriptedIdp : public Transport {
 public:
  using Script = std::function<Response(const Request&)>;
  explicit ScriptedIdp(Script script) : script_(std::move(script)) {}
  void Submit(const Request& request, Callback done) override {
    requests.push_back(request);
    FetchResult r;
    r.ok = true;
    r.response = script_(request);
    if (r.response.effective_url.empty()) r.response.effective_url = request.url;
    pending_.emplace_back(std::move(r), std::move(done));
  }
  void Run() override {
    while (!pending_.empty()) {
      auto [result, done] = std::move(pending_.front());
      pending_.pop_front();
      done(result);
    }
  }
  std::vector<Request> requests;

 private:
  Script script_;
  std::deque<std::pair<FetchResult, Callback>> pending_;
};

Response Page(const std::string& body) {
  Response r;
  r.status = 200;
  r.body = body;
  r.headers.emplace_back("Content-Type", "text/html");
  return r;
}

const std::string kLoginForm =
    "<html><body><form method=post action=\"https://idp.example.fr/login\">"
    "<input type=hidden name=token value=t1><input name=user><input type=password name=password>"
    "<input type=submit></form></body></html>";

std::string AutoSubmit(const std::string& xml_file) {
  return "<html><body onload=\"document.forms[0].submit()\"><form method=post "
         "action=\"https://sp.example.fr/saml/acs\"><input type=hidden name=SAMLResponse value=\"" +
         Base64Encode(testing::ReadFile(kFixtures + xml_file)) + "\"></form></body></html>";
}

// The IdP: metadata (idp-signed.xml: SSO over HTTP-Redirect, WantAuthnRequestsSigned),
// the login form, then `after_login` for the credentials post.
ScriptedIdp::Script Idp(std::string after_login, std::string login_form = kLoginForm) {
  return [after_login, login_form](const Request& request) {
    if (request.url == kMetadataUrl) return Page(testing::ReadFile(kFixtures + "idp-signed.xml"));
    if (request.url.rfind("https://idp.example.fr/saml/singleSignOn?", 0) == 0)
      return Page(login_form);
    if (request.method == "POST") return Page(after_login);
    Response missing;
    missing.status = 404;
    return missing;
  };
}

struct Run {
  ProbeOutcome outcome;
  std::vector<Request> requests;
};

Run RunProbe(const std::string& expect, ScriptedIdp::Script script, bool with_sp = true) {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  auto config =
      FindProbeKind("saml_login")
          ->parse(reader, *reader.LoadString("account: eleve1\nexpect: " + expect), "probe");
  REQUIRE_MESSAGE(config, diagnostics.Format());
  TargetProfile target;
  target.base_url = "https://ent.example.fr";
  target.cas_url = "https://idp.example.fr/cas";
  Account account{"eleve1", "eleve", "eleve1", {}, ""};
  account.password.value = "s3cret-password";
  target.accounts.push_back(account);
  if (with_sp) {
    target.saml_sp.entity_id = "https://sp.example.fr/saml/metadata";
    target.saml_sp.acs_url = "https://sp.example.fr/saml/acs";
  }
  ScriptedIdp transport(std::move(script));
  Redactor redactor;
  redactor.AddSecret(account.password.value);
  ProbeContext context{&transport, &redactor, &target};
  Run run;
  FindProbeKind("saml_login")
      ->run(*config, {{"saml_metadata_url", kMetadataUrl}}, context,
            [&](ProbeOutcome o) { run.outcome = std::move(o); });
  transport.Run();
  run.requests = transport.requests;
  return run;
}

TEST_CASE("saml_login: the Response is judged, a replayed one fails, nothing leaks") {
  Run run = RunProbe("{response: valid}", Idp(AutoSubmit("response-signed.xml")));
  const ProbeOutcome& o = run.outcome;
  REQUIRE(run.requests.size() == 3);
  CHECK(run.requests[2].method == "POST");
  CHECK(run.requests[2].body.find("password=s3cret-password") != std::string::npos);
  // The request sdetcheck sent names the SP and its ACS.
  std::optional<std::string> sent =
      InflateRedirectMessage(*QueryParameter(run.requests[1].url, "SAMLRequest"));
  REQUIRE(sent);
  CHECK(sent->find("https://sp.example.fr/saml/acs") != std::string::npos);
  // The signatures verify against the metadata certificate...
  REQUIRE(FindCheck(o, "saml.assertion.signature") != nullptr);
  CHECK(FindCheck(o, "saml.assertion.signature")->state == CheckState::kPass);
  // ...but the fixture answers request _req1, not this one: a replay.
  REQUIRE(FindCheck(o, "saml.response.in_response_to") != nullptr);
  CHECK(FindCheck(o, "saml.response.in_response_to")->state == CheckState::kFail);
  // No SAML message, password or the response in any evidence (it was never posted either).
  std::string b64 = Base64Encode(testing::ReadFile(kFixtures + "response-signed.xml"));
  for (const Evidence& e : o.evidence) {
    if (const auto* x = std::get_if<HttpExchange>(&e)) {
      CHECK(x->excerpt.find(b64.substr(0, 40)) == std::string::npos);
      CHECK(x->url.find(QueryParameter(run.requests[1].url, "SAMLRequest")->substr(0, 20)) ==
            std::string::npos);
    }
  }
  for (const Request& r : run.requests) CHECK(r.url.find("sp.example.fr") == std::string::npos);
}

TEST_CASE("saml_login: an unsigned request answered with Success fails, a refusal passes") {
  Run accepted = RunProbe("{unsigned_request: refused}", Idp(AutoSubmit("response-signed.xml")));
  REQUIRE(FindCheck(accepted.outcome, "saml.login.unsigned_request") != nullptr);
  CHECK(FindCheck(accepted.outcome, "saml.login.unsigned_request")->state == CheckState::kFail);
  CHECK_FALSE(QueryParameter(accepted.requests[1].url, "Signature"));
  Run refused = RunProbe("{unsigned_request: refused}", Idp("<html>Requête refusée</html>"));
  CHECK(FindCheck(refused.outcome, "saml.login.unsigned_request")->state == CheckState::kPass);
  // The login form again after the password: the request was never judged, no verdict.
  Run wrong_password = RunProbe("{unsigned_request: refused}", Idp(kLoginForm));
  CHECK(FindCheck(wrong_password.outcome, "saml.login.unsigned_request") == nullptr);
  REQUIRE(FindCheck(wrong_password.outcome, "saml.login.form") != nullptr);
  CHECK(FindCheck(wrong_password.outcome, "saml.login.form")->state == CheckState::kError);
  // A nested Success under a refusal is still a refusal.
  Run nested =
      RunProbe("{unsigned_request: refused}",
               Idp("<form><input type=hidden name=SAMLResponse value=\"" +
                   Base64Encode("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:"
                                "protocol\"><samlp:Status><samlp:StatusCode Value=\"urn:oasis:"
                                "names:tc:SAML:2.0:status:Requester\"><samlp:StatusCode Value="
                                "\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:"
                                "StatusCode></samlp:Status></samlp:Response>") +
                   "\"></form>"));
  CHECK(FindCheck(nested.outcome, "saml.login.unsigned_request")->state == CheckState::kPass);
}

TEST_CASE("saml_login: no SP in the target, or a form posting elsewhere, sends nothing secret") {
  Run no_sp = RunProbe("{response: valid}", Idp(""), false);
  REQUIRE(no_sp.outcome.checks.size() == 1);
  CHECK(no_sp.outcome.checks[0].state == CheckState::kNotApplicable);
  CHECK(no_sp.requests.empty());
  std::string elsewhere = kLoginForm;
  elsewhere.replace(elsewhere.find("https://idp.example.fr/login"), 28,
                    "https://evil.example/login");
  Run phishing = RunProbe("{response: valid}", Idp("", elsewhere));
  CHECK(phishing.requests.size() == 2);  // metadata, SSO: no POST
  REQUIRE(FindCheck(phishing.outcome, "saml.login.form") != nullptr);
  CHECK(FindCheck(phishing.outcome, "saml.login.form")->state == CheckState::kError);
}

TEST_CASE("saml_login: the definition says what it expects") {
  for (const char* bad :
       {"{}", "{response: valid, unsigned_request: refused}", "{response: maybe}"}) {
    Diagnostics diagnostics;
    YamlReader reader("probe.yaml", &diagnostics);
    auto config =
        FindProbeKind("saml_login")
            ->parse(reader, *reader.LoadString(std::string("account: eleve1\nexpect: ") + bad),
                    "probe");
    CHECK_MESSAGE((config == nullptr || !diagnostics.empty()), bad);
  }
}

}  // namespace
}  // namespace sdetcheck
