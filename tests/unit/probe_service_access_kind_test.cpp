#include <deque>
#include <map>
#include <set>

#include <doctest/doctest.h>

#include "net/transport.h"
#include "net/url.h"
#include "probe/registry.h"
#include "probe/service_page.h"
#include "support/outcomes.h"
#include "support/probe_run.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "util/regex.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::AllText;
using testing::OutcomeState;

const std::string kEnt = "https://ent.test";
const std::string kCas = "https://ent.test/cas";
const std::string kPassword = "Secr3t-Pa55word";

std::string ServiceUrl(const std::string& id) { return kEnt + "/services/" + id + "/"; }

// A CAS-protected ENT: each service sends a browser without ticket to the CAS server, which
// asks for credentials once per browser session and then issues tickets on the SSO session;
// the service opens for the profiles it allows.
class FakeEnt : public Transport {
 public:
  std::map<std::string, std::set<std::string>> allowed;  // service id -> logins it opens for
  std::set<std::string> own_login_form;                  // services that ask again after SSO
  std::set<std::string> blank;                           // services showing an unrelated page
  int posts = 0;
  int expired_tokens = 0;  // posts answered with the form again, as when its token expired

  void Submit(const Request& request, Callback done) override {
    FetchResult result;
    result.ok = true;
    result.response = Route(request);
    result.response.effective_url = request.url;
    result.response.elapsed_seconds = 0.010;
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
  static Response Answer(long status, const std::string& body, HeaderList headers = {}) {
    Response r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    r.headers.emplace_back("Content-Type", "text/html");
    return r;
  }
  static std::string Form(const std::string& service) {
    return "<form method=post action='/cas/login?service=" + PercentEncode(service) +
           "'><input name=username><input type=password name=password><button>OK</button></form>";
  }
  static std::string Field(const std::string& body, const std::string& name) {
    return QueryParameter("https://x.test/?" + body, name).value_or("");
  }

  Response Route(const Request& r) {
    if (r.url.rfind(kCas + "/login", 0) == 0) return CasLogin(r);
    for (const auto& [id, logins] : allowed) {
      if (r.url.rfind(ServiceUrl(id), 0) != 0) continue;
      std::optional<std::string> ticket = QueryParameter(r.url, "ticket");
      if (!ticket) {
        return Answer(302, "",
                      {{"Location", kCas + "/login?service=" + PercentEncode(ServiceUrl(id))}});
      }
      if (own_login_form.count(id)) return Answer(200, Form(ServiceUrl(id)));
      if (blank.count(id)) return Answer(200, "<html><body><h1>Bienvenue</h1></body></html>");
      const std::string& login = login_of_[r.session];
      if (!logins.count(login)) return Answer(403, "<h1>Accès refusé</h1><p>" + id + "</p>");
      return Answer(200, "<html><head><title>" + id + "</title></head><body><h1>Service " + id +
                             "</h1></body></html>");
    }
    return Answer(404, "<h1>Introuvable</h1>");
  }

  Response CasLogin(const Request& r) {
    std::string service = QueryParameter(r.url, "service").value_or("");
    if (r.method == "POST") {
      ++posts;
      if (expired_tokens > 0) {
        --expired_tokens;
        return Answer(200, Form(service));
      }
      if (Field(r.body, "password") != kPassword) return Answer(200, Form(service));
      login_of_[r.session] = Field(r.body, "username");
    }
    if (!login_of_.count(r.session)) return Answer(200, Form(service));
    return Answer(302, "", {{"Location", service + "?ticket=ST-" + std::to_string(++tickets_)}});
  }

  std::map<uint64_t, std::string> login_of_;
  int tickets_ = 0;
  std::deque<std::pair<FetchResult, Callback>> pending_;
};

const char* kCatalogue = R"(
catalogue:
  - {kind: messagerie, markers: '(?i)messagerie'}
  - {kind: notes, markers: '(?i)notes'}
  - {kind: saisie-notes, markers: '(?i)saisie', denied: [eleve, parent]}
)";

struct Harness {
  FakeEnt ent;
  TargetProfile target;
  Redactor redactor;
  Diagnostics diagnostics;
  std::shared_ptr<const ProbeConfig> config;

  explicit Harness(const std::string& yaml) {
    target.base_url = kEnt;
    target.cas_url = kCas;
    target.accounts = {{"eleve1", "eleve", "eleve1", {"", "", kPassword}, ""},
                       {"parent1", "parent", "parent1", {"", "", kPassword}, ""}};
    target.services = {
        {"messagerie", ServiceUrl("messagerie"), {"eleve", "parent"}, {}, "", ""},
        {"notes", ServiceUrl("notes"), {"eleve"}, {"parent"}, "", ""},
        {"saisie", ServiceUrl("saisie"), {}, {}, "saisie-notes", ""},
    };
    redactor.AddSecret(kPassword);
    ent.allowed = {{"messagerie", {"eleve1", "parent1"}}, {"notes", {"eleve1"}}, {"saisie", {}}};
    YamlReader reader("probe.yaml", &diagnostics);
    std::optional<YamlNode> node = reader.LoadString(yaml + kCatalogue);
    config = FindProbeKind("service_access")->parse(reader, *node, "probe");
    REQUIRE(config);
  }

  ProbeOutcome Run() {
    return testing::RunProbeKind("service_access", *config, &ent, redactor, target, kEnt);
  }
};

const Check* AccessOf(const ProbeOutcome& outcome, const std::string& account,
                      const std::string& service) {
  for (const Check& check : outcome.checks) {
    if (check.account == account && check.service == ServiceUrl(service)) return &check;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("service page: status, login form, refusal wording and markers read in that order") {
  std::string error;
  Regex refusal = *Regex::Compile("(?i)acc(?:è|e)s\\W+refus", &error);
  Regex markers = *Regex::Compile("(?i)messagerie", &error);
  using S = ServicePageShows;
  CHECK(ReadServicePage(200, false, "Messagerie", &markers, refusal) == S::kService);
  CHECK(ReadServicePage(200, false, "Accueil", &markers, refusal) == S::kUnrecognised);
  CHECK(ReadServicePage(200, false, "Accueil", nullptr, refusal) == S::kService);
  CHECK(ReadServicePage(200, false, "Messagerie : accès refusé", &markers, refusal) == S::kRefusal);
  CHECK(ReadServicePage(200, true, "Messagerie", &markers, refusal) == S::kLoginPage);
  CHECK(ReadServicePage(403, false, "Messagerie", &markers, refusal) == S::kRefusal);
  CHECK(ReadServicePage(404, false, "", &markers, refusal) == S::kNotFound);
  CHECK(ReadServicePage(503, false, "", &markers, refusal) == S::kServerError);
}

TEST_CASE("service access: present, absent, refused as expected, wrongly open") {
  using S = ServicePageShows;
  using E = ServiceExpectation;
  CHECK(JudgeServiceAccess(E::kOpen, S::kService, "eleve").state == CheckState::kPass);
  CHECK(JudgeServiceAccess(E::kOpen, S::kRefusal, "eleve").state == CheckState::kFail);
  CHECK(JudgeServiceAccess(E::kOpen, S::kLoginPage, "eleve").message.code == "service.login_page");
  CHECK(JudgeServiceAccess(E::kOpen, S::kUnrecognised, "eleve").state == CheckState::kError);
  CHECK(JudgeServiceAccess(E::kRefused, S::kService, "eleve").message.code ==
        "service.wrongly_open");
  CHECK(JudgeServiceAccess(E::kRefused, S::kLoginPage, "eleve").state == CheckState::kPass);
  CHECK(JudgeServiceAccess(E::kRefused, S::kServerError, "eleve").state == CheckState::kError);
}

TEST_CASE("response times: nearest-rank median and p95 over the answered visits") {
  ResponseTimes t = SummariseResponseTimes({0.030, 0.010, 0.020, 0.100}, 5);
  CHECK(t.answered == 4);
  CHECK(*t.median_ms == doctest::Approx(20));
  CHECK(*t.p95_ms == doctest::Approx(100));
  CHECK(DescribeResponseTimes(t) == "4/5 · 20 ms (p50) · 100 ms (p95)");
  CHECK(DescribeResponseTimes(SummariseResponseTimes({}, 3)) == "0/3");
}

TEST_CASE("service_access open: one login per profile, then every service on the SSO session") {
  Harness h("check: open\nsamples: 2\n");
  ProbeOutcome outcome = h.Run();
  CHECK(h.ent.posts == 2);  // eleve1 and parent1, once each
  REQUIRE(AccessOf(outcome, "eleve1", "messagerie"));
  CHECK(AccessOf(outcome, "eleve1", "messagerie")->state == CheckState::kPass);
  CHECK(AccessOf(outcome, "eleve1", "notes")->state == CheckState::kPass);
  CHECK(AccessOf(outcome, "eleve1", "messagerie")->observed ==
        "HTTP 200 · 2/2 · 10 ms (p50) · 10 ms (p95)");
  CHECK(AccessOf(outcome, "parent1", "notes") == nullptr);  // denied: not an "open" visit
  CHECK(OutcomeState(outcome) == CheckState::kPass);
  CHECK(AllText(outcome).find(kPassword) == std::string::npos);
}

TEST_CASE("service_access open: a service refusing its profile is absent") {
  Harness h("check: open\nsamples: 1\n");
  h.ent.allowed["notes"].clear();
  ProbeOutcome outcome = h.Run();
  const Check* notes = AccessOf(outcome, "eleve1", "notes");
  REQUIRE(notes);
  CHECK(notes->state == CheckState::kFail);
  CHECK(notes->message.code == "service.refused_to_profile");
  CHECK(OutcomeState(outcome) == CheckState::kFail);
}

TEST_CASE(
    "service_access open: a login form after SSO is not the service; an unknown page is no "
    "verdict") {
  Harness h("check: open\nsamples: 1\n");
  h.ent.own_login_form.insert("notes");
  h.ent.blank.insert("messagerie");
  ProbeOutcome outcome = h.Run();
  CHECK(AccessOf(outcome, "eleve1", "notes")->message.code == "service.login_page");
  CHECK(AccessOf(outcome, "eleve1", "messagerie")->state == CheckState::kError);
  CHECK(AccessOf(outcome, "eleve1", "messagerie")->message.code == "service.unrecognised");
}

TEST_CASE("service_access refused: target denied and catalogue denied profiles") {
  Harness h("check: refused\nsamples: 1\n");
  h.ent.allowed["saisie"] = {"eleve1"};  // grade entry open to a pupil
  ProbeOutcome outcome = h.Run();
  const Check* pupil = AccessOf(outcome, "eleve1", "saisie");
  REQUIRE(pupil);
  CHECK(pupil->state == CheckState::kFail);
  CHECK(pupil->message.code == "service.wrongly_open");
  CHECK(pupil->expected == "refused");
  CHECK(AccessOf(outcome, "parent1", "saisie")->state == CheckState::kPass);
  CHECK(AccessOf(outcome, "parent1", "notes")->state == CheckState::kPass);
  CHECK(AccessOf(outcome, "eleve1", "messagerie") == nullptr);
}

TEST_CASE("service_access: refused credentials make every visit of the account an error") {
  Harness h("check: open\nsamples: 3\n");
  h.target.accounts[0].password.value = "wrong";
  ProbeOutcome outcome = h.Run();
  CHECK(AccessOf(outcome, "eleve1", "messagerie")->state == CheckState::kError);
  CHECK(AccessOf(outcome, "eleve1", "notes")->message.code == "service.login_refused");
  CHECK(AccessOf(outcome, "parent1", "messagerie")->state == CheckState::kPass);
  CHECK(h.ent.posts == 3);  // the pupil's credentials twice (kCredentialPosts), the parent's once
}

TEST_CASE("service_access: a form shown again once (an expired token) gets the credentials again") {
  Harness h("check: open\n");
  h.ent.expired_tokens = 1;
  ProbeOutcome outcome = h.Run();
  CHECK(AccessOf(outcome, "eleve1", "messagerie")->state == CheckState::kPass);
  CHECK(AccessOf(outcome, "parent1", "messagerie")->state == CheckState::kPass);
  CHECK(h.ent.posts == 3);
}

TEST_CASE("service_access: a kind the target does not declare is an error, never a pass") {
  Harness h("check: open\nservices: [notes]\n");
  h.target.services.erase(h.target.services.begin() + 1);
  ProbeOutcome outcome = h.Run();
  CHECK(OutcomeState(outcome) == CheckState::kError);
  CHECK(outcome.checks.front().message.code == "service.not_declared");
}

TEST_CASE("service_access: the probe definition is validated") {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  std::optional<YamlNode> node =
      reader.LoadString("check: open\nsamples: 0\nservices: [unknown]\n" + std::string(kCatalogue));
  FindProbeKind("service_access")->parse(reader, *node, "probe");
  CHECK(diagnostics.size() == 2);
}

}  // namespace sdetcheck

namespace sdetcheck {

TEST_CASE("service_access: without a CAS server in the target nothing is visited") {
  Harness h("check: open\n");
  h.target.cas_url.clear();
  ProbeOutcome outcome =
      testing::RunProbeKind("service_access", *h.config, &h.ent, h.redactor, h.target, kEnt);
  CHECK(OutcomeState(outcome) == CheckState::kError);
  CHECK(outcome.checks.front().message.code == "variable.not_in_target");
  CHECK(h.ent.posts == 0);
}

}  // namespace sdetcheck
