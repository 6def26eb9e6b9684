#include <doctest/doctest.h>

#include "net/url.h"
#include "probe/cas_kind.h"
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
using testing::DecisiveCode;
using testing::English;
using testing::FindCheck;
using testing::OutcomeState;
using testing::Page;

const std::string kCas = "https://cas.test/cas";
const std::string kService = "https://ent.test/";
const std::string kPassword = "Secr3t-Pa55word";

const char* kLoginPage = R"(<!DOCTYPE html><html><body>
<form method="post" action="/cas/login?service=https%3A%2F%2Fent.test%2F">
  <input type="hidden" name="token" value="tok-123">
  <input type="text" name="user"><input type="password" name="password">
  <input type="checkbox" name="remember"><button type="submit">Connexion</button>
</form></body></html>)";

std::string LoginUrl(const std::string& service) {
  return WithQueryParameter(kCas + "/login", "service", service);
}

std::string ValidationUrl(const std::string& ticket) {
  return WithQueryParameter(WithQueryParameter(kCas + "/p3/serviceValidate", "service", kService),
                            "ticket", ticket);
}

std::string Success(const std::string& attributes) {
  return "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationSuccess>"
         "<cas:user>eleve1</cas:user><cas:attributes>" +
         attributes + "</cas:attributes></cas:authenticationSuccess></cas:serviceResponse>";
}

struct Harness {
  ReplayTransport transport;
  TargetProfile target;
  Redactor redactor;
  std::shared_ptr<const ProbeConfig> config;
  Diagnostics diagnostics;

  explicit Harness(const std::string& yaml) {
    Account account{"eleve1", "eleve", "jean.dupont", {"", "", kPassword}, ""};
    target.accounts.push_back(account);
    target.cas_url = kCas;
    redactor.AddSecret(kPassword);
    YamlReader reader("probe.yaml", &diagnostics);
    std::optional<YamlNode> node = reader.LoadString(yaml);
    config = FindProbeKind("cas")->parse(reader, *node, "probe");
  }

  ProbeOutcome Run() {
    return testing::RunProbeKind("cas", *config, &transport, redactor, target, "https://ent.test");
  }

  void LoginGivesTicket(const std::string& ticket) {
    transport.AddResponse("GET", LoginUrl(kService),
                          Page(200, kLoginPage, {{"Set-Cookie", "llngpdata=abc; path=/"}}));
    transport.AddResponse("POST", "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F",
                          Page(302, "", {{"Location", kService + "?ticket=" + ticket}}));
  }
};

const char* kValidateProbe = R"(
login: {account: eleve1, service: "${base_url}/"}
expect: {validate: 3, attributes: [ENTPersonProfils, ENTPersonJointure]})";

TEST_CASE("cas: a full login posts the form, validates the ticket and checks attributes") {
  Harness h(kValidateProbe);
  REQUIRE_MESSAGE(h.config, h.diagnostics.Format());
  h.LoginGivesTicket("ST-42-abcdef");
  h.transport.AddResponse(
      "GET", ValidationUrl("ST-42-abcdef"),
      Page(200, Success("<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>"
                        "<cas:ENTPersonJointure>AAF$1</cas:ENTPersonJointure>")));
  ProbeOutcome o = h.Run();
  CHECK_MESSAGE(OutcomeState(o) == CheckState::kPass, DecisiveCode(o));
  REQUIRE(h.transport.requests().size() == 3);
  const Request& post = h.transport.requests()[1];
  CHECK(post.method == "POST");
  CHECK(post.body == "token=tok-123&user=jean.dupont&password=Secr3t-Pa55word");
  // The login page and the post share one browser session (its cookies), as a browser does;
  // the post carries the Origin and Referer of the page holding the form.
  CHECK(post.session != 0);
  CHECK(post.session == h.transport.requests()[0].session);
  CHECK(h.transport.requests()[2].session ==
        0);  // the validation is the service's, not the browser's
  HeaderList expected_headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                                 {"Origin", "https://cas.test"},
                                 {"Referer", LoginUrl(kService)}};
  CHECK(post.headers == expected_headers);
  std::string text = AllText(o);
  CHECK(text.find(kPassword) == std::string::npos);
  CHECK(text.find("ST-42-abcdef") == std::string::npos);
  REQUIRE(FindCheck(o, "cas.attribute.ENTPersonJointure"));
  CHECK(FindCheck(o, "cas.attribute.ENTPersonJointure")->state == CheckState::kPass);
  CHECK(FindCheck(o, "cas.validation")->message.code == "cas.validation.success");
}

TEST_CASE("cas: a missing attribute fails and names it") {
  Harness h(kValidateProbe);
  h.LoginGivesTicket("ST-43-abcdef");
  h.transport.AddResponse(
      "GET", ValidationUrl("ST-43-abcdef"),
      Page(200, Success("<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>")));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "cas.attribute.missing");
  REQUIRE(FindCheck(o, "cas.attribute.ENTPersonJointure"));
  CHECK(FindCheck(o, "cas.attribute.ENTPersonJointure")->state == CheckState::kFail);
  CHECK(FindCheck(o, "cas.attribute.ENTPersonProfils")->state == CheckState::kPass);
}

TEST_CASE("cas: a login the tool could not complete is an error saying what to check") {
  // The form shown again, a 403 on the post (a CSRF-protected server), an unrelated page:
  // none is a non-conformity of the ENT.
  for (const Response& answer : {Page(200, kLoginPage), Page(403, "<html>Forbidden</html>"),
                                 Page(200, "<html><body>Accueil</body></html>")}) {
    Harness h(kValidateProbe);
    h.transport.AddResponse("GET", LoginUrl(kService), Page(200, kLoginPage));
    h.transport.AddResponse("POST", "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F",
                            answer);
    ProbeOutcome o = h.Run();
    CHECK(OutcomeState(o) == CheckState::kError);
    CHECK(FindCheck(o, "cas.ticket")->state == CheckState::kError);
    CHECK(FindCheck(o, "cas.validation")->blocked_by == "cas.ticket");
  }
  Harness again(kValidateProbe);
  again.transport.AddResponse("GET", LoginUrl(kService), Page(200, kLoginPage));
  again.transport.AddResponse("POST",
                              "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F",
                              Page(200, kLoginPage));
  CHECK(DecisiveCode(again.Run()) == "cas.login.form_again");
  // The form came back twice: the credentials were typed twice, never more.
  CHECK(again.transport.SubmittedCount(
            "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F") == 2);
}

TEST_CASE(
    "cas: a form shown again after the post (an expired token) gets the credentials once more") {
  Harness h(kValidateProbe);
  std::string fresh_form = kLoginPage;
  fresh_form.replace(fresh_form.find("tok-123"), 7, "tok-456");
  fresh_form.replace(fresh_form.find("action=\"/cas/login?"), 19, "action=\"/cas/login?t=2&");
  h.transport.AddResponse("GET", LoginUrl(kService), Page(200, kLoginPage));
  h.transport.AddResponse("POST", "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F",
                          Page(200, fresh_form));
  h.transport.AddResponse("POST",
                          "https://cas.test/cas/login?t=2&service=https%3A%2F%2Fent.test%2F",
                          Page(302, "", {{"Location", kService + "?ticket=ST-43"}}));
  h.transport.AddResponse(
      "GET", ValidationUrl("ST-43"),
      Page(200, Success("<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>"
                        "<cas:ENTPersonJointure>AAF$1</cas:ENTPersonJointure>")));
  ProbeOutcome o = h.Run();
  CHECK_MESSAGE(OutcomeState(o) == CheckState::kPass, DecisiveCode(o));
  REQUIRE(h.transport.requests().size() == 4);
  CHECK(h.transport.requests()[2].body.find("token=tok-456") == 0);
}

TEST_CASE("cas: an HTML page where the validation XML is expected is an error") {
  Harness h(kValidateProbe);
  h.LoginGivesTicket("ST-44-abcdef");
  h.transport.AddResponse("GET", ValidationUrl("ST-44-abcdef"),
                          Page(200, "<html><body>Portail</body></html>"));
  CHECK(OutcomeState(h.Run()) == CheckState::kError);
}

TEST_CASE("cas: a validated user name cut by a comment is an error, not a pass") {
  Harness h(kValidateProbe);
  h.LoginGivesTicket("ST-46-abcdef");
  h.transport.AddResponse(
      "GET", ValidationUrl("ST-46-abcdef"),
      Page(200,
           "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationSuccess>"
           "<cas:user>eleve.test<!-- -->.evil</cas:user><cas:attributes>"
           "<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>"
           "<cas:ENTPersonJointure>AAF$1</cas:ENTPersonJointure>"
           "</cas:attributes></cas:authenticationSuccess></cas:serviceResponse>"));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "cas.validation.malformed");
  REQUIRE(FindCheck(o, "cas.validation"));
  CHECK(FindCheck(o, "cas.validation")
            ->observed.find("<cas:user> contains a comment; the user name cannot be trusted") !=
        std::string::npos);
  // The attributes of an identity that cannot be trusted are not judged.
  REQUIRE(FindCheck(o, "cas.attribute.ENTPersonProfils"));
  CHECK(FindCheck(o, "cas.attribute.ENTPersonProfils")->blocked_by == "cas.validation");
}

TEST_CASE("cas: an unreachable or failing CAS server is an error") {
  Harness h(kValidateProbe);
  h.transport.AddError("GET", LoginUrl(kService),
                       "GET https://cas.test/cas/login: connection failed");
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "transport.other");
  CHECK(AllText(o).find("connection failed") != std::string::npos);
  Harness h500(kValidateProbe);
  h500.transport.AddResponse("GET", LoginUrl(kService), Page(500, "Internal error"));
  CHECK(OutcomeState(h500.Run()) == CheckState::kError);
}

const char* kUnregisteredProbe = R"(
login: {account: eleve1, service: "https://evil.test/"}
expect: {ticket: false})";

// The CAS server's own login page, without a service: how it is recognised.
void CasServerAnswers(Harness& h) {
  h.transport.AddResponse("GET", kCas + "/login", Page(200, kLoginPage));
}

TEST_CASE("cas: no ticket for an unregistered service passes, a ticket fails") {
  Harness refused(kUnregisteredProbe);
  CasServerAnswers(refused);
  refused.transport.AddResponse("GET", LoginUrl("https://evil.test/"),
                                Page(200, "<html><body>Service non autorisé</body></html>"));
  ProbeOutcome r = refused.Run();
  CHECK(OutcomeState(r) == CheckState::kPass);
  CHECK(FindCheck(r, "cas.server")->state == CheckState::kPass);
  CHECK(FindCheck(r, "cas.ticket")->message.code == "cas.ticket.none");

  Harness issued(kUnregisteredProbe);
  CasServerAnswers(issued);
  issued.transport.AddResponse("GET", LoginUrl("https://evil.test/"), Page(200, kLoginPage));
  issued.transport.AddResponse("POST",
                               "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F",
                               Page(302, "", {{"Location", "https://evil.test/?ticket=ST-9-xyz"}}));
  ProbeOutcome o = issued.Run();
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "cas.ticket.unexpected");
  CHECK(FindCheck(o, "cas.ticket")->subject == "eleve1 -> https://evil.test/");
}

TEST_CASE(
    "cas: ticket false on a wrong CAS URL is an error, not 'refused' (404 or unrelated page)") {
  for (const Response& page : {Page(404, "<html><body>Not Found</body></html>"),
                               Page(200, "<html><body>Bienvenue sur le site</body></html>")}) {
    Harness h(kUnregisteredProbe);
    h.transport.AddResponse("GET", kCas + "/login", page);
    h.transport.AddResponse("GET", LoginUrl("https://evil.test/"), page);
    ProbeOutcome o = h.Run();
    CHECK(OutcomeState(o) == CheckState::kError);
    CHECK(DecisiveCode(o) == "cas.server.not_recognised");
    CHECK(FindCheck(o, "cas.ticket")->blocked_by == "cas.server");
  }
}

TEST_CASE("cas: following the ticket to the service judges the service page") {
  Harness h(R"(
login: {account: eleve1, service: "${base_url}/"}
expect: {service: {status: 200}})");
  REQUIRE(h.config);
  h.LoginGivesTicket("ST-45-abcdef");
  h.transport.AddResponse("GET", kService + "?ticket=ST-45-abcdef",
                          Page(403, "<html>Accès refusé</html>"));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "match.status.fail");
  CHECK(AllText(o).find("status in [200]") != std::string::npos);
}

const char* kSingleSignOnProbe = R"(
login: {account: eleve1, service: "*"}
expect: {ticket: true, single_sign_on: true})";

const std::string kMail = "https://ent.test/messagerie/";
const std::string kNotes = "https://ent.test/notes/";

void AddTwoServices(Harness* h) {
  h->target.services.push_back({"messagerie", kMail, {"eleve"}, {}, "", ""});
  h->target.services.push_back({"notes", kNotes, {"eleve"}, {}, "", ""});
  h->transport.AddResponse("GET", LoginUrl(kMail), Page(200, kLoginPage));
  h->transport.AddResponse("POST", "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F",
                           Page(302, "", {{"Location", kMail + "?ticket=ST-1-mail"}}));
}

TEST_CASE("cas: after the first login, the other services open on the SSO session") {
  Harness h(kSingleSignOnProbe);
  REQUIRE_MESSAGE(h.config, h.diagnostics.Format());
  AddTwoServices(&h);
  h.transport.AddResponse("GET", LoginUrl(kNotes),
                          Page(302, "", {{"Location", kNotes + "?ticket=ST-2-notes"}}));
  ProbeOutcome o = h.Run();
  CHECK_MESSAGE(OutcomeState(o) == CheckState::kPass, DecisiveCode(o));
  const Check* sso = FindCheck(o, "cas.single_sign_on");
  REQUIRE(sso);
  CHECK(sso->state == CheckState::kPass);
  CHECK(sso->service == kNotes);  // never judged on the first login, which types the password
  CHECK(h.transport.requests().back().url == LoginUrl(kNotes));
  CHECK(h.transport.requests().back().session == h.transport.requests().front().session);
}

TEST_CASE("cas: credentials asked again for a second service is no single sign-on") {
  Harness h(kSingleSignOnProbe);
  AddTwoServices(&h);
  h.transport.AddResponse("GET", LoginUrl(kNotes), Page(200, kLoginPage));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kFail);
  const Check* sso = FindCheck(o, "cas.single_sign_on");
  REQUIRE(sso);
  CHECK(sso->state == CheckState::kFail);
  CHECK(sso->message.code == "cas.sso.asked_again");
}

TEST_CASE("cas: inconsistent expectations are rejected before any request") {
  for (const char* yaml :
       {"login: {account: a, service: s}\nexpect: {validate: 3, service: {status: 200}}",
        "login: {account: a, service: s}\nexpect: {attributes: [x]}",
        "login: {account: a, service: s}\nexpect: {ticket: false, validate: 2}",
        "login: {account: a}\nexpect: {ticket: true}", "expect: {ticket: true}"}) {
    Harness h(yaml);
    CHECK_MESSAGE(!h.config, yaml);
    CHECK(!h.diagnostics.empty());
  }
}

std::string LoginPageWithAction(const std::string& action) {
  return "<html><body><form method='post' action='" + action +
         "'><input type='text' name='user'><input type='password' "
         "name='password'></form></body></html>";
}

bool PasswordSent(const ReplayTransport& transport) {
  for (const Request& r : transport.requests()) {
    if (r.body.find(kPassword) != std::string::npos || r.url.find(kPassword) != std::string::npos)
      return true;
  }
  return false;
}

TEST_CASE("cas: a login form posting over plain HTTP is a finding and the password is not sent") {
  Harness h(kValidateProbe);
  h.transport.AddResponse("GET", LoginUrl(kService),
                          Page(200, LoginPageWithAction("http://cas.test/cas/login")));
  h.transport.AddResponse("POST", "http://cas.test/cas/login",
                          Page(302, "", {{"Location", kService + "?ticket=ST-1-abcdef"}}));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "cas.form.plain_http");
  CHECK(h.transport.requests().size() == 1);
  CHECK_FALSE(PasswordSent(h.transport));
}

TEST_CASE("cas: a login form posting to another origin is an error and the password is not sent") {
  Harness h(kValidateProbe);
  h.transport.AddResponse("GET", LoginUrl(kService),
                          Page(200, LoginPageWithAction("https://collect.test/login")));
  h.transport.AddResponse("POST", "https://collect.test/login",
                          Page(302, "", {{"Location", kService + "?ticket=ST-1-abcdef"}}));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "cas.form.other_origin");
  CHECK(English(FindCheck(o, "cas.login_form")->message).find("sso.credential_origins") !=
        std::string::npos);
  CHECK(h.transport.requests().size() == 1);
  CHECK_FALSE(PasswordSent(h.transport));
}

TEST_CASE("cas: a login form posting to a declared credential origin is used") {
  Harness h(kValidateProbe);
  h.target.credential_origins.push_back("https://idp.test:443");
  h.transport.AddResponse("GET", LoginUrl(kService),
                          Page(200, LoginPageWithAction("https://idp.test/login")));
  h.transport.AddResponse("POST", "https://idp.test/login",
                          Page(302, "", {{"Location", kService + "?ticket=ST-46-abcdef"}}));
  h.transport.AddResponse(
      "GET", ValidationUrl("ST-46-abcdef"),
      Page(200, Success("<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>"
                        "<cas:ENTPersonJointure>AAF$1</cas:ENTPersonJointure>")));
  ProbeOutcome o = h.Run();
  CHECK_MESSAGE(OutcomeState(o) == CheckState::kPass, DecisiveCode(o));
  CHECK(PasswordSent(h.transport));
}

TEST_CASE("cas: a login page without a form, or a redirect without Location, is an error") {
  Harness noform(kValidateProbe);
  noform.transport.AddResponse("GET", LoginUrl(kService),
                               Page(200, "<html><body>Bienvenue</body></html>"));
  ProbeOutcome o = noform.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "cas.form.missing");

  Harness nolocation(kValidateProbe);
  nolocation.transport.AddResponse("GET", LoginUrl(kService), Page(302, ""));
  o = nolocation.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "transport.protocol");
  CHECK(AllText(o).find("without a Location") != std::string::npos);
}

TEST_CASE("cas: a redirect from HTTPS to plain HTTP is not followed") {
  Harness h(kValidateProbe);
  h.transport.AddResponse("GET", LoginUrl(kService),
                          Page(302, "", {{"Location", "http://cas.test/cas/login"}}));
  h.transport.AddResponse("GET", "http://cas.test/cas/login", Page(200, kLoginPage));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "transport.downgrade");
  CHECK(h.transport.requests().size() == 1);
}

TEST_CASE("cas: a login form whose action is a script is an error and nothing is sent") {
  Harness h(kValidateProbe);
  h.transport.AddResponse("GET", LoginUrl(kService),
                          Page(200, LoginPageWithAction("javascript:login()")));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "cas.form.not_http");
  CHECK_FALSE(PasswordSent(h.transport));
}

TEST_CASE("cas: a ticket sent to a look-alike of the service's host is not the service's ticket") {
  Harness h(R"(
login: {account: eleve1, service: "https://ent.test"}
expect: {ticket: true})");
  h.transport.AddResponse("GET", LoginUrl("https://ent.test"), Page(200, kLoginPage));
  h.transport.AddResponse(
      "POST", "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F",
      Page(302, "", {{"Location", "https://ent.test.evil/?ticket=ST-1-abcdef"}}));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) != CheckState::kPass);
}

TEST_CASE("cas: a CAS URL over plain HTTP is refused before any request") {
  Harness h(kValidateProbe);
  h.target.cas_url = "http://cas.test/cas";
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(h.transport.TotalSubmitted() == 0);
}

TEST_CASE("cas: an unknown account is an error naming it") {
  Harness h("login: {account: nobody, service: s}\nexpect: {ticket: true}");
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "probe.account_unknown");
  CHECK(FindCheck(o, "probe.setup")->message.Param("account") == "nobody");
  CHECK(h.transport.TotalSubmitted() == 0);
}

const char* kAttributes =
    "<cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>"
    "<cas:ENTPersonJointure>AAF$1</cas:ENTPersonJointure>";

// django-cas-server's login page (recorded from python3-django-cas-server 2.0, Django 3.2):
// a form without action (it posts to the page itself), a CSRF token, a login ticket and
// hidden CAS parameters, and an unchecked "warn" checkbox.
const char* kDjangoLoginPage = R"(<!DOCTYPE html><html lang="fr"><body>
<form class="form-signin" method="post" id="login_form">
<input type="hidden" name="csrfmiddlewaretoken" value="csrf-tok-9">
<input type="hidden" name="service" value="https://ent.test/" id="id_service">
<input type="hidden" name="lt" value="LT-77" id="id_lt">
<input type="hidden" name="renew" value="False" id="id_renew">
<input type="hidden" name="gateway" id="id_gateway">
<input type="hidden" name="method" id="id_method">
<div class="form-group"><label for="id_username">Nom d'utilisateur</label>
<input type="text" name="username" autofocus="autofocus" required id="id_username"></div>
<div class="form-group"><label for="id_password">Mot de passe</label>
<input type="password" name="password" required id="id_password"></div>
<div class="form-check"><input type="checkbox" name="warn" id="id_warn"></div>
<button class="btn btn-primary btn-block btn-lg" type="submit">Connexion</button>
</form></body></html>)";

TEST_CASE("cas: a CSRF-protected form is posted as a browser posts it") {
  Harness h(kValidateProbe);
  h.transport.AddResponse(
      "GET", LoginUrl(kService),
      Page(200, kDjangoLoginPage,
           {{"Set-Cookie",
             "csrftoken=abc; expires=Thu, 02 Dec 2027 09:00:00 GMT; Max-Age=31449600;"
             " Path=/; SameSite=Lax; Secure"}}));
  h.transport.AddResponse("POST", LoginUrl(kService),
                          Page(302, "", {{"Location", kService + "?ticket=ST-50-dj"}}));
  h.transport.AddResponse("GET", ValidationUrl("ST-50-dj"), Page(200, Success(kAttributes)));
  ProbeOutcome o = h.Run();
  CHECK_MESSAGE(OutcomeState(o) == CheckState::kPass, DecisiveCode(o));
  REQUIRE(h.transport.requests().size() == 3);
  const Request& post = h.transport.requests()[1];
  CHECK(post.url == LoginUrl(kService));  // no action: the page itself
  CHECK(post.body ==
        "csrfmiddlewaretoken=csrf-tok-9&service=https%3A%2F%2Fent.test%2F&lt=LT-77&renew=False&"
        "gateway=&method=&username=jean.dupont&password=Secr3t-Pa55word");
  HeaderList expected = {{"Content-Type", "application/x-www-form-urlencoded"},
                         {"Origin", "https://cas.test"},
                         {"Referer", LoginUrl(kService)}};
  CHECK(post.headers == expected);
}

TEST_CASE("cas: checked boxes, chosen options, text areas and the default button are submitted") {
  Harness h(kValidateProbe);
  h.transport.AddResponse("GET", LoginUrl(kService),
                          Page(200, R"(<form method=post action=/cas/auth>
    <select name=domaine><option value=ac-a>A</option><option value=ac-b selected>B</option></select>
    <textarea name=note>x</textarea><input type=checkbox name=cgu value=ok checked>
    <input type=radio name=mode value=eleve checked><input type=radio name=mode value=parent>
    <input name=user><input type=password name=pw disabled><input type=password name=pass>
    <button type=button name=aide>?</button><button name=submit value=go>OK</button>
    <input type=submit name=second value=no></form>)"));
  h.transport.AddResponse("POST", "https://cas.test/cas/auth",
                          Page(302, "", {{"Location", kService + "?ticket=ST-51-x"}}));
  h.transport.AddResponse("GET", ValidationUrl("ST-51-x"), Page(200, Success(kAttributes)));
  ProbeOutcome o = h.Run();
  CHECK_MESSAGE(OutcomeState(o) == CheckState::kPass, DecisiveCode(o));
  REQUIRE(h.transport.requests().size() >= 2);
  CHECK(h.transport.requests()[1].body ==
        "domaine=ac-b&note=x&cgu=ok&mode=eleve&user=jean.dupont&pass=Secr3t-Pa55word&"
        "submit=go");
}

TEST_CASE("cas: a refused post, or a login leading elsewhere without a ticket, is an error") {
  for (long status : {401L, 403L}) {
    Harness h(kValidateProbe);
    h.transport.AddResponse("GET", LoginUrl(kService), Page(200, kDjangoLoginPage));
    h.transport.AddResponse("POST", LoginUrl(kService),
                            Page(status,
                                 "<html><body><h1>Forbidden (403)</h1>CSRF verification "
                                 "failed. Request aborted.</body></html>"));
    ProbeOutcome o = h.Run();
    CHECK(OutcomeState(o) == CheckState::kError);
    CHECK(DecisiveCode(o) == "cas.login.forbidden");
    CHECK(FindCheck(o, "cas.validation")->blocked_by == "cas.ticket");
    CHECK(English(FindCheck(o, "cas.ticket")->message).find("check the test account") !=
          std::string::npos);
  }
  // The login redirects to the service without a ticket (an unregistered service, a broken
  // flow): what is shown has no query, which may carry tokens.
  Harness h(kValidateProbe);
  h.transport.AddResponse("GET", LoginUrl(kService), Page(200, kDjangoLoginPage));
  h.transport.AddResponse(
      "POST", LoginUrl(kService),
      Page(302, "", {{"Location", "https://ent.test/erreur?SAMLRequest=secret-ish#frag"}}));
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "cas.login.redirect_without_ticket");
  const Check* ticket = FindCheck(o, "cas.ticket");
  REQUIRE(ticket);
  CHECK(ticket->message.Param("target") == "https://ent.test/erreur");
  // The service's own URL with an empty ticket: no ticket, not a ticket the server refuses.
  Harness empty(kValidateProbe);
  empty.transport.AddResponse("GET", LoginUrl(kService), Page(200, kDjangoLoginPage));
  empty.transport.AddResponse("POST", LoginUrl(kService),
                              Page(302, "", {{"Location", kService + "?ticket="}}));
  ProbeOutcome none = empty.Run();
  CHECK(OutcomeState(none) == CheckState::kError);
  CHECK(DecisiveCode(none) == "cas.login.redirect_without_ticket");
  CHECK(empty.transport.TotalSubmitted() == 2);  // nothing validated
  CHECK(ticket->observed.find("secret-ish") == std::string::npos);
  CHECK(English(ticket->message).find("secret-ish") == std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
