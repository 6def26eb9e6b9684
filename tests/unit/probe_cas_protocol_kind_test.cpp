// The kind "cas_protocol" on recorded exchanges: each scenario's verdicts, hostile answers,
// and tickets never shown.

#include <doctest/doctest.h>

#include "net/url.h"
#include "probe/cas_protocol_kind.h"
#include "probe/registry.h"
#include "support/outcomes.h"
#include "support/probe_run.h"
#include "support/replay_transport.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::AllText;
using testing::FindCheck;
using testing::Page;

const std::string kCas = "https://cas.test/cas";
const std::string kService = "https://ent.test/";
const std::string kPassword = "Secr3t-Pa55word";
const std::string kTicket = "ST-1-abcdefghijklmnopqrstuvwxyz012345";

const char* kLoginPage = R"(<!DOCTYPE html><html><body>
<form method="post" action="/cas/login?service=https%3A%2F%2Fent.test%2F">
  <input type="text" name="user"><input type="password" name="password">
  <button type="submit">Connexion</button></form></body></html>)";

std::string Validation(const std::string& service, const std::string& ticket) {
  return WithQueryParameter(WithQueryParameter(kCas + "/p3/serviceValidate", "service", service),
                            "ticket", ticket);
}

std::string Failure(const std::string& code) {
  return "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>"
         "<cas:authenticationFailure code='" +
         code + "'>no</cas:authenticationFailure></cas:serviceResponse>";
}

const std::string kSuccess =
    "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationSuccess>"
    "<cas:user>eleve1</cas:user></cas:authenticationSuccess></cas:serviceResponse>";

struct Harness {
  ReplayTransport transport;
  TargetProfile target;
  Redactor redactor;
  std::shared_ptr<const ProbeConfig> config;
  Diagnostics diagnostics;

  explicit Harness(const std::string& check) {
    target.accounts.push_back(Account{"eleve1", "eleve", "jean.dupont", {"", "", kPassword}, ""});
    target.cas_url = kCas;
    redactor.AddSecret(kPassword);
    YamlReader reader("probe.yaml", &diagnostics);
    std::optional<YamlNode> node = reader.LoadString("check: " + check);
    config = FindProbeKind("cas_protocol")->parse(reader, *node, "probe");
    REQUIRE_MESSAGE(config, diagnostics.Format());
  }

  ProbeOutcome Run() {
    return testing::RunProbeKind("cas_protocol", *config, &transport, redactor, target,
                                 "https://ent.test");
  }

  void LoginGivesTicket() {
    transport.AddResponse("GET", WithQueryParameter(kCas + "/login", "service", kService),
                          Page(200, kLoginPage));
    transport.AddResponse("POST", "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F",
                          Page(302, "", {{"Location", kService + "?ticket=" + kTicket}}));
  }
};

CheckState StateOf(const ProbeOutcome& o, const std::string& key) {
  const Check* check = FindCheck(o, key);
  REQUIRE_MESSAGE(check, key);
  return check->state;
}

TEST_CASE("cas_protocol: an unknown check name is refused at load") {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  std::optional<YamlNode> node = reader.LoadString("check: ticket_reuse");
  CHECK(FindProbeKind("cas_protocol")->parse(reader, *node, "probe") == nullptr);
  CHECK(diagnostics.Format().find("ticket_single_use") != std::string::npos);
}

TEST_CASE("cas_protocol: a replayed ticket that validates again fails single use") {
  Harness h("ticket_single_use");
  h.LoginGivesTicket();
  // A cache in front of the server: the same answer twice.
  h.transport.AddResponse("GET", Validation(kService, kTicket), Page(200, kSuccess));
  ProbeOutcome o = h.Run();
  CHECK(StateOf(o, "cas.ticket.format") == CheckState::kPass);
  CHECK(StateOf(o, "cas.ticket.single_use") == CheckState::kFail);
  CHECK(FindCheck(o, "cas.ticket.single_use")->account == "eleve1");
  std::string text = AllText(o);
  CHECK(text.find(kTicket) == std::string::npos);
  CHECK(text.find(kTicket.substr(3)) == std::string::npos);
  CHECK(text.find(kPassword) == std::string::npos);
}

TEST_CASE("cas_protocol: every profile's first account runs the scenario, in account order") {
  Harness h("ticket_single_use");
  h.target.accounts.push_back(Account{"eleve2", "eleve", "paul.martin", {"", "", kPassword}, ""});
  h.target.accounts.push_back(
      Account{"parent1", "parent", "marie.dupont", {"", "", kPassword}, ""});
  h.LoginGivesTicket();
  h.transport.AddResponse("GET", Validation(kService, kTicket),
                          Page(200, Failure("INVALID_TICKET")));
  ProbeOutcome o = h.Run();
  std::vector<std::string> accounts;
  for (const Check& check : o.checks) {
    if (check.key == "cas.ticket.single_use") accounts.push_back(check.account);
  }
  CHECK(accounts == std::vector<std::string>{"eleve1", "parent1"});
}

TEST_CASE("cas_protocol: a ticket refused for another service and dead afterwards passes") {
  Harness h("ticket_service_bound");
  h.LoginGivesTicket();
  h.transport.AddResponse("GET", Validation("https://ent.test/sdetcheck-other-service/", kTicket),
                          Page(200, Failure("INVALID_SERVICE")));
  h.transport.AddResponse("GET", Validation(kService, kTicket),
                          Page(200, Failure("INVALID_TICKET")));
  ProbeOutcome o = h.Run();
  CHECK(StateOf(o, "cas.ticket.service_bound") == CheckState::kPass);
  CHECK(StateOf(o, "cas.ticket.dead_after_wrong_service") == CheckState::kPass);
}

TEST_CASE("cas_protocol: a login without ticket blocks the scenario's checks") {
  Harness h("ticket_service_bound");
  h.transport.AddResponse("GET", WithQueryParameter(kCas + "/login", "service", kService),
                          Page(500, "oops"));
  ProbeOutcome o = h.Run();
  CHECK(StateOf(o, "cas.login") == CheckState::kError);
  CHECK(StateOf(o, "cas.ticket.service_bound") == CheckState::kNotApplicable);
  CHECK(FindCheck(o, "cas.ticket.service_bound")->blocked_by == "cas.login");
}

void AnswerEveryValidation(ReplayTransport* transport, const std::string& body) {
  for (const std::string& ticket :
       {std::string("ST-0sdetcheck0unknown0ticket0000000000000"),
        std::string("XT-0sdetcheck0bad0prefix000000000000000"),
        std::string("ST-sdetcheck<\"'>%;&=0000000000000000"), "ST-" + std::string(297, 'A')}) {
    transport->AddResponse("GET", Validation(kService, ticket), Page(200, body));
  }
  transport->AddResponse("GET",
                         WithQueryParameter(kCas + "/p3/serviceValidate", "service", kService),
                         Page(200, Failure("INVALID_REQUEST")));
  transport->AddResponse("GET",
                         WithQueryParameter(kCas + "/p3/serviceValidate", "ticket",
                                            "ST-0sdetcheck0unknown0ticket0000000000000"),
                         Page(200, Failure("INVALID_REQUEST")));
}

TEST_CASE("cas_protocol: invalid requests refused with the prescribed codes pass") {
  Harness h("invalid_requests");
  AnswerEveryValidation(&h.transport, Failure("INVALID_TICKET"));
  ProbeOutcome o = h.Run();
  for (const char* key :
       {"cas.request.unknown_ticket", "cas.request.bad_prefix", "cas.request.forbidden_characters",
        "cas.request.long_ticket", "cas.request.missing_ticket", "cas.request.missing_service"}) {
    CHECK_MESSAGE(StateOf(o, key) == CheckState::kPass, key);
  }
  CHECK(h.transport.unmatched().empty());
}

TEST_CASE("cas_protocol: hostile validation answers are errors, never passes") {
  const char* hostile[] = {
      "<!DOCTYPE html><html><body>Erreur</body></html>",
      "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
      "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationFailure "
      "code='&x;'/></cas:serviceResponse>",
      "<!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
      "<lolz>&lol2;</lolz>",
      "<cas:serviceResponse xmlns:cas='http://evil.test/cas'><cas:authenticationFailure "
      "code='INVALID_TICKET'/></cas:serviceResponse>",
  };
  for (const char* body : hostile) {
    Harness h("invalid_requests");
    AnswerEveryValidation(&h.transport, body);
    ProbeOutcome o = h.Run();
    CHECK_MESSAGE(StateOf(o, "cas.request.unknown_ticket") == CheckState::kError, body);
  }
}

TEST_CASE("cas_protocol: a 50 MB validation answer is refused by the parser's bound") {
  Harness h("invalid_requests");
  std::string huge = Failure("INVALID_TICKET") + std::string(50u << 20, ' ');
  AnswerEveryValidation(&h.transport, huge);
  ProbeOutcome o = h.Run();
  CHECK(StateOf(o, "cas.request.unknown_ticket") == CheckState::kError);
  CHECK(FindCheck(o, "cas.request.unknown_ticket")->observed.size() <= 400);
}

TEST_CASE("cas_protocol: a look-alike service URL given a ticket fails, judged without following") {
  Harness h("service_lookalikes");
  h.LoginGivesTicket();
  std::string userinfo = "https://ent.test:443@sdetcheck-evil.invalid/";
  h.transport.AddResponse(
      "GET", WithQueryParameter(kCas + "/login", "service", userinfo),
      Page(302, "", {{"Location", userinfo + "?ticket=ST-2-abcdefghijklmnopqrstuvwxyz0123"}}));
  h.transport.AddResponse(
      "GET",
      WithQueryParameter(kCas + "/login", "service", "https://ent.test.sdetcheck-evil.invalid/"),
      Page(200, "<p>Service inconnu</p>"));
  h.transport.AddResponse("GET",
                          WithQueryParameter(kCas + "/login", "service", "http://ent.test:443/"),
                          Page(200, "<p>Service inconnu</p>"));
  ProbeOutcome o = h.Run();
  CHECK(StateOf(o, "cas.service.lookalike.userinfo") == CheckState::kFail);
  CHECK(StateOf(o, "cas.service.lookalike.host_prefix") == CheckState::kPass);
  CHECK(StateOf(o, "cas.service.lookalike.plain_http") == CheckState::kPass);
  for (const Request& request : h.transport.requests()) {
    CHECK_MESSAGE(request.url.rfind(kCas, 0) == 0, request.url);
  }
  CHECK(AllText(o).find("abcdefghijklmnopqrstuvwxyz0123") == std::string::npos);
}

TEST_CASE("cas_protocol: logout to a foreign URL is an open redirect") {
  Harness h("logout_redirect");
  h.LoginGivesTicket();
  h.transport.AddResponse(
      "GET", WithQueryParameter(kCas + "/logout", "service", "https://sdetcheck-foreign.invalid/"),
      Page(302, "", {{"Location", "https://sdetcheck-foreign.invalid/"}}));
  ProbeOutcome o = h.Run();
  CHECK(StateOf(o, "cas.logout.foreign_redirect") == CheckState::kFail);
}

TEST_CASE("cas_protocol: gateway without session goes back to the service without ticket") {
  Harness h("gateway");
  h.transport.AddResponse(
      "GET",
      WithQueryParameter(WithQueryParameter(kCas + "/login", "service", kService), "gateway",
                         "true"),
      Page(302, "", {{"Location", kService}}));
  ProbeOutcome o = h.Run();
  CHECK(StateOf(o, "cas.gateway") == CheckState::kPass);
}

TEST_CASE("cas_protocol: attributes judged per service and profile, identifiers masked") {
  Harness h("attribute_release");
  const std::string notes = "https://ent.test/services/notes/";
  h.target.services.push_back(Service{"notes", notes, {"eleve"}, {}, "", ""});
  h.LoginGivesTicket();
  const std::string second = "ST-2-abcdefghijklmnopqrstuvwxyz012345";
  h.transport.AddResponse("GET", WithQueryParameter(kCas + "/login", "service", notes),
                          Page(302, "", {{"Location", notes + "?ticket=" + second}}));
  auto success = [](const std::string& attributes) {
    return "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>"
           "<cas:authenticationSuccess><cas:user>eleve1</cas:user><cas:attributes>" +
           attributes + "</cas:attributes></cas:authenticationSuccess></cas:serviceResponse>";
  };
  h.transport.AddResponse(
      "GET", Validation(kService, kTicket),
      Page(200, success("<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>"
                        "<cas:ENTPersonJointure>AAF$SECRET42</cas:ENTPersonJointure>"
                        "<cas:ENTPersonStructRattach>0751234J</cas:ENTPersonStructRattach>")));
  h.transport.AddResponse(
      "GET", Validation(notes, second),
      Page(200, success("<cas:ENTPersonProfils>Eleve</cas:ENTPersonProfils>"
                        "<cas:ENTPersonStructRattach>0751234J</cas:ENTPersonStructRattach>")));
  ProbeOutcome o = h.Run();
  int passes = 0, fails = 0;
  for (const Check& check : o.checks) {
    CHECK(check.account == "eleve1");
    bool on_notes = check.service == notes;
    if (check.state == CheckState::kPass) ++passes;
    if (check.state == CheckState::kFail) {
      ++fails;
      CHECK(on_notes);
    }
  }
  CHECK(passes == 4);  // 3 on the portal, the structure on notes
  CHECK(fails == 2);   // the profile malformed, the jointure missing
  // The checks show the profile code only (the evidence keeps the answer's excerpt).
  for (const Check& check : o.checks) CHECK(check.observed.find("SECRET42") == std::string::npos);
  CHECK(AllText(o).find(second) == std::string::npos);
}

TEST_CASE("cas_protocol: a proxy granting ticket sent to a plain-HTTP pgtUrl fails") {
  for (bool with_pgt : {true, false}) {
    Harness h("proxy_callback");
    h.LoginGivesTicket();
    std::string url = WithQueryParameter(
        WithQueryParameter(WithQueryParameter(kCas + "/serviceValidate", "service", kService),
                           "ticket", kTicket),
        "pgtUrl", "http://ent.test:443/sdetcheck-pgt-callback");
    std::string pgt =
        with_pgt ? "<cas:proxyGrantingTicket>PGTIOU-1-abc</cas:proxyGrantingTicket>" : "";
    h.transport.AddResponse("GET", url,
                            Page(200,
                                 "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>"
                                 "<cas:authenticationSuccess><cas:user>eleve1</cas:user>" +
                                     pgt + "</cas:authenticationSuccess></cas:serviceResponse>"));
    ProbeOutcome o = h.Run();
    CHECK(StateOf(o, "cas.proxy.plain_http_callback") ==
          (with_pgt ? CheckState::kFail : CheckState::kPass));
  }
}

}  // namespace
}  // namespace sdetcheck
