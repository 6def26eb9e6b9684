#include <doctest/doctest.h>

#include "net/url.h"
#include "probe/registry.h"
#include "support/kind_harness.h"
#include "support/outcomes.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::OutcomeState;
using testing::Page;

const std::string kEnt = testing::kReplayedEnt;

Response Html(const std::string& body) {
  return Page(200, body, {{"Content-Type", "text/html; charset=utf-8"}});
}

struct Harness : testing::KindHarness {
  explicit Harness(const std::string& yaml) : KindHarness("web_page", yaml) {}
};

const char* kHome = R"(<!DOCTYPE html><html lang="fr"><head><title>ENT</title>
<script src="https://cdn.example.net/lib.js" integrity="sha384-abc" crossorigin="anonymous"></script>
<script src="https://stats.tracker.example/tag.js"></script>
<script src="/js/local.js"></script></head>
<body><h1>Accueil</h1><img src="http://img.ent.test/logo.png" alt="logo">
<a href="/accessibilite.html">Accessibilité : partiellement conforme</a></body></html>)";

const char* kStatement = R"(<html lang="fr"><body><h1>Déclaration d'accessibilité</h1>
<p>Le portail est <strong>totalement conforme</strong> avec le RGAA version 4.1.</p>
<p>L'audit réalisé en septembre 2026 révèle que 70 % des critères sont respectés.</p>
<p>Contact : <a href="mailto:a11y@ent.test">a11y@ent.test</a>. Défenseur des droits.</p>
</body></html>)";

}  // namespace

TEST_CASE("web_page third_parties_named: hosts the pages load that the privacy page omits") {
  Harness h("check: third_parties_named\nurl: \"${base_url}/\"\nprivacy: \"${base_url}/rgpd\"\n");
  h.transport.AddResponse("GET", kEnt + "/", Html(kHome));
  h.transport.AddResponse("GET", kEnt + "/rgpd",
                          Html("<p>Bibliothèque servie par example.net.</p>"));
  ProbeOutcome outcome = h.Run();
  const Check* named = testing::FindCheck(outcome, "web.third_parties");
  REQUIRE(named);
  CHECK(named->state == CheckState::kFail);
  CHECK(named->message.Param("hosts") == "stats.tracker.example");
}

TEST_CASE("web_page mixed content and SRI on the same page") {
  Harness mixed("check: mixed_content\n");
  mixed.transport.AddResponse("GET", kEnt + "/", Html(kHome));
  ProbeOutcome m = mixed.Run();
  CHECK(OutcomeState(m) == CheckState::kFail);
  CHECK(testing::FindCheck(m, "web.mixed_content")->observed.find("http://img.ent.test") !=
        std::string::npos);
  Harness sri("check: third_party_sri\n");
  sri.transport.AddResponse("GET", kEnt + "/", Html(kHome));
  ProbeOutcome s = sri.Run();
  CHECK(OutcomeState(s) == CheckState::kFail);
  CHECK(testing::FindCheck(s, "web.sri")->observed == "https://stats.tracker.example/tag.js");
}

TEST_CASE("web_page a11y_statement: found by its link, 'totalement' at 70 % is inconsistent") {
  Harness h("check: a11y_statement\n");
  h.transport.AddResponse("GET", kEnt + "/", Html(kHome));
  h.transport.AddResponse("GET", kEnt + "/accessibilite.html", Html(kStatement));
  ProbeOutcome outcome = h.Run();
  const Check* consistency = testing::FindCheck(outcome, "a11y.statement.consistency");
  REQUIRE(consistency);
  CHECK(consistency->state == CheckState::kFail);
  CHECK(testing::FindCheck(outcome, "a11y.statement.level")->state == CheckState::kPass);
  CHECK(testing::FindCheck(outcome, "a11y.statement.remedies")->state == CheckState::kPass);
}

TEST_CASE("web_page a11y_statement: none found is not applicable, an unreachable page an error") {
  Harness h("check: a11y_statement\n");
  h.transport.AddResponse("GET", kEnt + "/", Html("<html><body>Accueil</body></html>"));
  CHECK(OutcomeState(h.Run()) == CheckState::kNotApplicable);
  Harness down("check: a11y_statement\n");
  down.transport.AddResponse("GET", kEnt + "/", Page(503, "busy"));
  CHECK(OutcomeState(down.Run()) == CheckState::kError);
}

TEST_CASE("web_page security_txt: expired and served as HTML") {
  Harness h("check: security_txt\nurl: \"${base_url}/.well-known/security.txt\"\n");
  h.transport.AddResponse("GET", kEnt + "/.well-known/security.txt",
                          Page(200, "Contact: mailto:s@ent.test\nExpires: 2020-01-01T00:00:00Z\n",
                               {{"Content-Type", "text/html"}}));
  ProbeOutcome outcome = h.Run();
  CHECK(testing::FindCheck(outcome, "web.security_txt.expired")->state == CheckState::kFail);
  CHECK(testing::FindCheck(outcome, "web.security_txt.media_type")->state == CheckState::kFail);
}

void SignedInService(Harness* h, const std::string& service, const std::string& page) {
  h->ReplayCasLogin(service, Html(page));
}

Harness SignedIn(const std::string& yaml) {
  Harness h(yaml);
  h.AddPupilWithServices({"messagerie", "notes"});
  return h;
}

TEST_CASE("web_page signed_in: service pages after a CAS login are read, naming the account") {
  Harness h = SignedIn("check: mixed_content\nsigned_in: each_profile\n");
  h.transport.AddResponse("GET", kEnt + "/", Html("<html><body>Accueil</body></html>"));
  SignedInService(&h, kEnt + "/services/messagerie/",
                  "<html><body><img src='http://ent.test/bandeau.png' alt='b'></body></html>");
  SignedInService(&h, kEnt + "/services/notes/", "<html><body>Notes</body></html>");
  ProbeOutcome outcome = h.Run();
  CHECK(OutcomeState(outcome) == CheckState::kFail);
  REQUIRE(outcome.checks.size() == 3);
  CHECK(outcome.checks[0].state == CheckState::kPass);  // the public home page
  CHECK(outcome.checks[1].state == CheckState::kFail);
  CHECK(outcome.checks[1].subject == "eleve1 -> https://ent.test/services/messagerie/");
  CHECK(outcome.checks[2].state == CheckState::kPass);
  // The ticket in the service page's address never shows.
  for (const Check& check : outcome.checks)
    CHECK(check.observed.find("ST-1-secret") == std::string::npos);
}

TEST_CASE(
    "web_page signed_in: a page refused to the account is not applicable, a refused login an "
    "error") {
  Harness h = SignedIn("check: mixed_content\nsigned_in: each_profile\n");
  h.transport.AddResponse("GET", kEnt + "/", Html("<html><body>Accueil</body></html>"));
  SignedInService(&h, kEnt + "/services/messagerie/", "<html><body>Messagerie</body></html>");
  SignedInService(&h, kEnt + "/services/notes/", "");
  h.transport.AddResponse("GET", kEnt + "/services/notes/?ticket=ST-1-secret",
                          Page(403, "<h1>Accès refusé</h1>"));
  ProbeOutcome outcome = h.Run();
  CHECK(OutcomeState(outcome) == CheckState::kPass);
  REQUIRE(outcome.checks.size() == 3);
  CHECK(outcome.checks[2].state == CheckState::kNotApplicable);
  CHECK(outcome.checks[2].message.code == "web.signed_in.not_served");

  Harness refused = SignedIn("check: mixed_content\nsigned_in: each_profile\n");
  refused.transport.AddResponse("GET", kEnt + "/", Html("<html><body>Accueil</body></html>"));
  std::string login =
      WithQueryParameter(kEnt + "/cas/login", "service", kEnt + "/services/messagerie/");
  std::string form =
      "<form method=post><input name=username><input type=password name=password></form>";
  refused.transport.AddResponse("GET", login, Html(form));
  refused.transport.AddResponse("POST", login, Html(form));
  SignedInService(&refused, kEnt + "/services/notes/", "<html><body>Notes</body></html>");
  ProbeOutcome r = refused.Run();
  CHECK(OutcomeState(r) == CheckState::kError);
}

TEST_CASE("web_page signed_in: only for the aspects that read pages") {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  std::optional<YamlNode> node =
      reader.LoadString("check: security_txt\nsigned_in: each_profile\n");
  CHECK_FALSE(FindProbeKind("web_page")->parse(reader, *node, "probe"));
  CHECK_FALSE(diagnostics.empty());
}

}  // namespace sdetcheck
