#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <variant>

#include <doctest/doctest.h>

#include "net/transport.h"
#include "net/url.h"
#include "probe/registry.h"
#include "probe/saml_request.h"
#include "probe/saml_response.h"
#include "support/outcomes.h"
#include "support/test_keys.h"
#include "target/profile.h"
#include "util/base64.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::FindCheck;

const std::string kSession = "https://ent.example/";
const std::string kAcs = "https://ent.example/saml/acs";
const std::string kSpEntity = "https://ent.example/saml/metadata";
const std::string kIdpEntity = "https://idp.test/test-idp";
const std::string kIdpSso = "https://idp.test/test-idp/sso";

// What the fake ENT lets through: each flag lifts one rule a conformant SP applies.
struct Laxity {
  bool replay = false;     // InResponseTo not checked against its own pending requests
  bool time = false;       // validity period not checked
  bool audience = false;   // Audience, Recipient, Destination not checked
  bool signature = false;  // signatures not checked
};

// The ENT as SAML SP, played by code: the session page sends a browser without a session to
// the test IdP (a real AuthnRequest), the ACS judges the Response as a relying party does
// (JudgeSamlResponse, the test IdP's certificate) and opens the session of that browser.
class FakeEntSp : public Transport {
 public:
  FakeEntSp(std::string certificate_der, Laxity lax)
      : certificate_(std::move(certificate_der)), lax_(lax) {}
  std::function<std::optional<Response>(const Request&)> override_answer;

  void Submit(const Request& request, Callback done) override {
    requests.push_back(request);
    FetchResult r;
    r.ok = true;
    std::optional<Response> special = override_answer ? override_answer(request) : std::nullopt;
    r.response = special ? *special : Answer(request);
    if (r.response.effective_url.empty()) r.response.effective_url = request.url;
    pending_.emplace_back(std::move(r), std::move(done));
  }
  void Run() override {
    while (!pending_.empty()) {
      auto [result, callback] = std::move(pending_.front());
      pending_.pop_front();
      callback(result);
    }
  }
  std::vector<Request> requests;
  int sessions_opened = 0;

 private:
  Response Answer(const Request& request) {
    if (request.method == "POST" && request.url == kAcs) return Consume(request);
    if (request.url == kSession) return Session(request.session);
    Response missing;
    missing.status = 404;
    return missing;
  }
  Response Session(uint64_t browser) {
    if (opened_.count(browser) != 0) return Page("<html><p>Bienvenue</p><a href=/logout>x</a>");
    std::string error;
    std::optional<SamlAuthnRequest> request =
        BuildAuthnRequest(kIdpSso, kSpEntity, kAcs, std::time(nullptr), "", &error);
    pending_requests_.insert(request->id);
    Response r;
    r.status = 302;
    r.headers.emplace_back("Location", request->url + "&RelayState=rs1");
    return r;
  }
  Response Consume(const Request& request) {
    std::string field = "SAMLResponse=";
    size_t at = request.body.find(field);
    std::string value = request.body.substr(at + field.size());
    value = value.substr(0, value.find('&'));
    std::optional<std::string> xml =
        Base64Decode(QueryParameter("https://ent.example/?v=" + value, "v").value_or(""));
    std::string in_response_to = InResponseTo(xml.value_or(""));
    SamlExpectations expect{kIdpEntity,     kSpEntity,      kAcs,
                            in_response_to, {certificate_}, std::time(nullptr)};
    bool known = pending_requests_.erase(in_response_to) == 1 || lax_.replay;
    bool ok = known && Accepts(JudgeSamlResponse(xml.value_or(""), expect, 0));
    if (ok) {
      opened_.insert(request.session);
      ++sessions_opened;
    }
    Response r;
    r.status = 302;
    r.headers.emplace_back("Location", kSession);
    return r;
  }
  static std::string InResponseTo(const std::string& xml) {
    std::string key = "InResponseTo=\"";
    size_t at = xml.find(key);
    if (at == std::string::npos) return "";
    return xml.substr(at + key.size(), xml.find('"', at + key.size()) - at - key.size());
  }
  bool Accepts(const std::vector<Check>& checks) const {
    for (const Check& c : checks) {
      if (c.state == CheckState::kPass || c.state == CheckState::kNotApplicable) continue;
      if (lax_.time &&
          (c.key == "saml.assertion.conditions" || c.key == "saml.assertion.subject_confirmation"))
        continue;
      if (lax_.audience &&
          (c.key == "saml.assertion.audience" || c.key == "saml.response.destination" ||
           c.key == "saml.assertion.subject_confirmation"))
        continue;
      if (lax_.signature &&
          (c.key == "saml.assertion.signature" || c.key == "saml.response.signature"))
        continue;
      return false;
    }
    return true;
  }
  static Response Page(const std::string& body) {
    Response r;
    r.status = 200;
    r.body = body;
    r.headers.emplace_back("Content-Type", "text/html");
    return r;
  }

  std::string certificate_;
  Laxity lax_;
  std::set<std::string> pending_requests_;
  std::set<uint64_t> opened_;
  std::deque<std::pair<FetchResult, Callback>> pending_;
};

struct Run {
  ProbeOutcome outcome;
  std::vector<Request> requests;
  int sessions_opened = 0;
};

TargetProfile EntSpTarget(const std::string& key_pem) {
  TargetProfile target;
  target.base_url = "https://ent.example";
  EntServiceProvider sp;
  sp.entity_id = kSpEntity;
  sp.acs_url = kAcs;
  sp.session_url = kSession;
  sp.idp_entity_id = kIdpEntity;
  sp.idp_sso_url = kIdpSso;
  sp.idp_signing_key.value = key_pem;
  sp.name_id = "_subject1";
  sp.attributes = {{"FrEduCtId", "EDU-1"}};
  target.ent_sp = sp;
  return target;
}

Run RunProbe(Laxity lax, const std::function<std::optional<Response>(const Request&)>& hostile = {},
             bool with_sp = true) {
  static const testing::TestKeyPair keys = testing::MakeTestKeyPair();
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  auto config = FindProbeKind("saml_sp")->parse(reader, *reader.LoadString("{}"), "probe");
  REQUIRE_MESSAGE(config, diagnostics.Format());
  TargetProfile target = EntSpTarget(keys.key_pem);
  if (!with_sp) target.ent_sp.reset();
  FakeEntSp transport(keys.certificate_der, lax);
  transport.override_answer = hostile;
  Redactor redactor;
  redactor.AddSecret(keys.key_pem);
  ProbeContext context{&transport, &redactor, &target};
  Run run;
  FindProbeKind("saml_sp")->run(*config, {}, context,
                                [&](ProbeOutcome o) { run.outcome = std::move(o); });
  transport.Run();
  run.requests = transport.requests;
  run.sessions_opened = transport.sessions_opened;
  return run;
}

CheckState StateOf(const Run& run, const std::string& key) {
  const Check* check = FindCheck(run.outcome, key);
  REQUIRE_MESSAGE(check != nullptr, key);
  return check->state;
}

const char* const kNegatives[] = {"saml.sp.replay", "saml.sp.foreign_audience", "saml.sp.expired",
                                  "saml.sp.unsigned", "saml.sp.untrusted_key"};

TEST_CASE("saml_sp: a conformant SP opens a session for the valid Response only") {
  Run run = RunProbe({});
  CHECK(StateOf(run, "saml.sp.accepts_valid") == CheckState::kPass);
  for (const char* key : kNegatives) CHECK_MESSAGE(StateOf(run, key) == CheckState::kPass, key);
  CHECK(run.sessions_opened == 1);
  // The Response answers the ENT's own request, with its RelayState, posted as a form.
  const Request& post = run.requests[1];
  CHECK(post.method == "POST");
  CHECK(post.body.find("RelayState=rs1") != std::string::npos);
}

TEST_CASE("saml_sp: each lifted rule fails its own check and nothing else") {
  struct Case {
    Laxity lax;
    const char* fails;
  };
  for (const Case& c : {Case{{true, false, false, false}, "saml.sp.replay"},
                        Case{{false, true, false, false}, "saml.sp.expired"},
                        Case{{false, false, true, false}, "saml.sp.foreign_audience"}}) {
    Run run = RunProbe(c.lax);
    CHECK(StateOf(run, "saml.sp.accepts_valid") == CheckState::kPass);
    for (const char* key : kNegatives) {
      CHECK_MESSAGE(StateOf(run, key) ==
                        (key == std::string(c.fails) ? CheckState::kFail : CheckState::kPass),
                    key);
    }
  }
  Run no_signature = RunProbe({false, false, false, true});
  CHECK(StateOf(no_signature, "saml.sp.unsigned") == CheckState::kFail);
  CHECK(StateOf(no_signature, "saml.sp.untrusted_key") == CheckState::kFail);
}

TEST_CASE("saml_sp: neither the SAMLResponse nor the key appears in the outcome") {
  Run run = RunProbe({true, true, true, true});
  std::string text = testing::AllText(run.outcome);
  for (const Evidence& e : run.outcome.evidence) {
    if (const auto* x = std::get_if<HttpExchange>(&e)) text += x->url + x->excerpt;
  }
  for (const Request& r : run.requests) {
    if (r.method != "POST") continue;
    std::string value = r.body.substr(r.body.find("SAMLResponse=") + 13, 60);
    CHECK(text.find(value) == std::string::npos);
  }
  CHECK(text.find("PRIVATE KEY") == std::string::npos);
}

TEST_CASE("saml_sp: without sso.ent_sp, not applicable and nothing sent") {
  Run run = RunProbe({}, {}, false);
  REQUIRE(run.outcome.checks.size() == 1);
  CHECK(run.outcome.checks[0].state == CheckState::kNotApplicable);
  CHECK(run.requests.empty());
}

Response Html(std::string body, long status = 200) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", "text/html");
  return r;
}

// Every check is an error: never a pass, never a fail.
void CheckAllErrors(const Run& run) {
  CHECK(StateOf(run, "saml.sp.accepts_valid") == CheckState::kError);
  for (const char* key : kNegatives) CHECK_MESSAGE(StateOf(run, key) == CheckState::kError, key);
}

TEST_CASE("saml_sp hostile: garbage at the ACS, a 50 MB page, a redirect loop are errors") {
  SUBCASE("the ACS answers HTML garbage and opens nothing") {
    CheckAllErrors(RunProbe({}, [](const Request& r) -> std::optional<Response> {
      if (r.method == "POST") return Html("<html><<<>>\x01\xff garbage <form");
      return std::nullopt;
    }));
  }
  SUBCASE("the session page is 50 MB") {
    bool posted = false;
    CheckAllErrors(RunProbe({}, [&posted](const Request& r) -> std::optional<Response> {
      if (r.method == "POST") posted = true;
      if (posted && r.url == kSession) return Html(std::string(50u << 20, 'a'));
      return std::nullopt;
    }));
  }
  SUBCASE("the ACS redirects to itself forever") {
    CheckAllErrors(RunProbe({}, [](const Request& r) -> std::optional<Response> {
      if (r.url != kAcs) return std::nullopt;
      Response loop = Html("", 307);
      loop.headers.emplace_back("Location", kAcs);
      return loop;
    }));
  }
  SUBCASE("the session page is a server error") {
    bool posted = false;
    CheckAllErrors(RunProbe({}, [&posted](const Request& r) -> std::optional<Response> {
      if (r.method == "POST") posted = true;
      if (posted && r.url == kSession) return Html("oops", 500);
      return std::nullopt;
    }));
  }
}

TEST_CASE("saml_sp: the definition may narrow the negatives, never name unknown ones") {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  auto config = FindProbeKind("saml_sp")->parse(
      reader, *reader.LoadString("rejects: [expired, replay]"), "probe");
  REQUIRE(config);
  CHECK(diagnostics.empty());
  YamlReader bad("probe.yaml", &diagnostics);
  FindProbeKind("saml_sp")->parse(bad, *bad.LoadString("rejects: [expird]"), "probe");
  CHECK_FALSE(diagnostics.empty());
}

}  // namespace
}  // namespace sdetcheck
