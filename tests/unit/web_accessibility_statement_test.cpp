#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "web/accessibility_statement.h"

namespace sdetcheck {
namespace {

const char kUrl[] = "https://ent.example.fr/accessibilite.html";
const CalendarDate kToday{2026, 10, 15};

// The statement of the reference ENT (reference-ent/site/conformant/accessibilite.html), with
// a link to its multi-year plan.
std::string ReferenceStatement() {
  return R"(<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Déclaration d'accessibilité — ENT Collèges de l'Exemple</title></head>
<body>
  <main id="contenu">
      <h1>Déclaration d'accessibilité</h1>
      <p>Le Département de l'Exemple s'engage à rendre ses sites internet, intranet, extranet et
        ses progiciels accessibles conformément à l'article 47 de la loi n° 2005-102 du
        11 février 2005.</p>
      <p>Cette déclaration d'accessibilité s'applique au portail de l'ENT Collèges de l'Exemple
        (https://ent.example.fr).</p>
      <p>Le <a href="/docs/schema-pluriannuel-2025-2027.pdf">schéma pluriannuel de mise en
        accessibilité 2025-2027</a> et son plan d'action annuel sont publiés.</p>
      <h2>État de conformité</h2>
      <p>Le portail de l'ENT Collèges de l'Exemple est <strong>partiellement conforme</strong>
        avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en
        raison des non-conformités énumérées ci-dessous.</p>
      <h2>Résultats des tests</h2>
      <p>L'audit de conformité réalisé en septembre 2026 par le cabinet Audit Démo révèle que
        <strong>78&nbsp;%</strong> des critères du RGAA version 4.1 sont respectés.</p>
      <h2>Contenus non accessibles</h2>
      <ul><li>Certaines images n'ont pas d'alternative textuelle (critère 1.1).</li></ul>
      <h2>Établissement de cette déclaration d'accessibilité</h2>
      <p>Cette déclaration a été établie le 30 septembre 2026.</p>
      <p>Les vérifications de restitution de contenus ont été réalisées avec NVDA.</p>
      <h2>Retour d'information et contact</h2>
      <p>Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le
        responsable du portail : <a href="mailto:accessibilite-ent@example.fr">accessibilite-ent@example.fr</a>.</p>
      <h2>Voies de recours</h2>
      <p>Vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au
        Défenseur des droits.</p>
  </main>
  <footer><a href="/accessibilite.html">Accessibilité&nbsp;: partiellement conforme</a></footer>
</body>
</html>)";
}

std::vector<std::string> Codes(const AccessibilityStatement& s) {
  std::vector<std::string> codes;
  for (const Message& problem : s.problems) codes.push_back(problem.code);
  return codes;
}

bool Has(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  size_t pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

TEST_CASE("web accessibility statement: the reference ENT's statement is complete") {
  AccessibilityStatement s = AnalyseAccessibilityStatement(ReferenceStatement(), kUrl, kToday);
  CHECK(s.error.empty());
  CHECK(s.declared_level == ComplianceLevel::kPartial);
  REQUIRE(s.compliance_rate.has_value());
  CHECK(*s.compliance_rate == doctest::Approx(78));
  CHECK(s.rgaa_version == "4.1");
  REQUIRE(s.audit_date.has_value());
  CHECK(s.audit_date->year == 2026);
  CHECK(s.audit_date->month == 9);
  CHECK(s.audit_date->day == 0);
  REQUIRE(s.statement_date.has_value());
  CHECK(s.statement_date->day == 30);
  CHECK(s.has_contact);
  CHECK(s.has_remedies);
  CHECK(s.multi_year_plan_url == "https://ent.example.fr/docs/schema-pluriannuel-2025-2027.pdf");
  CHECK(Codes(s).empty());
}

TEST_CASE("web accessibility statement: variations of the reference statement") {
  std::string total = Replaced(ReferenceStatement(), "<strong>partiellement conforme</strong>",
                               "<strong>totalement conforme</strong>");
  AccessibilityStatement s = AnalyseAccessibilityStatement(total, kUrl, kToday);
  CHECK(s.declared_level == ComplianceLevel::kTotal);
  CHECK(Codes(s) == std::vector<std::string>{"level_inconsistent"});

  std::string no_contact =
      Replaced(ReferenceStatement(),
               "<a href=\"mailto:accessibilite-ent@example.fr\">accessibilite-ent@example.fr</a>",
               "<a href=\"/aide\">la page d'aide</a>");
  s = AnalyseAccessibilityStatement(no_contact, kUrl, kToday);
  CHECK(Codes(s) == std::vector<std::string>{"contact_missing"});

  std::string old_audit =
      Replaced(ReferenceStatement(), "réalisé en septembre 2026", "réalisé le 12/03/2022");
  s = AnalyseAccessibilityStatement(old_audit, kUrl, kToday);
  CHECK(Codes(s) == std::vector<std::string>{"audit_too_old"});

  std::string no_remedies =
      Replaced(ReferenceStatement(), "Défenseur des droits", "médiateur de l'ENT");
  s = AnalyseAccessibilityStatement(no_remedies, kUrl, kToday);
  CHECK(Codes(s) == std::vector<std::string>{"remedies_missing"});
}

TEST_CASE("web accessibility statement: an empty page lacks everything, in a stable order") {
  AccessibilityStatement s = AnalyseAccessibilityStatement("<p>Bienvenue</p>", kUrl, kToday);
  CHECK(s.error.empty());
  CHECK(s.declared_level == ComplianceLevel::kUnknown);
  CHECK(Codes(s) == std::vector<std::string>{"level_missing", "rate_missing",
                                             "rgaa_version_missing", "audit_date_missing",
                                             "contact_missing", "remedies_missing",
                                             "plan_missing"});
}

TEST_CASE("web accessibility statement: declared levels") {
  struct Case {
    std::string phrase;
    ComplianceLevel level;
  } cases[] = {
      {"est totalement conforme avec le RGAA", ComplianceLevel::kTotal},
      {"est PARTIELLEMENT CONFORME avec le RGAA", ComplianceLevel::kPartial},
      {"est non conforme avec le RGAA", ComplianceLevel::kNone},
      {"est non-conforme avec le RGAA", ComplianceLevel::kNone},
      {"ne liste que des contenus non conformes", ComplianceLevel::kUnknown},
  };
  for (const Case& c : cases) {
    INFO(c.phrase);
    std::string html = "<h2>État de conformité</h2><p>Le portail " + c.phrase + ".</p>";
    CHECK(AnalyseAccessibilityStatement(html, kUrl, kToday).declared_level == c.level);
  }
  // The section's declaration wins over a mention before it.
  std::string html =
      "<p>Les contenus non conformes sont listés.</p><nav>totalement conforme ?</nav>"
      "<h2>État de conformité</h2><p>Le site est non conforme.</p>";
  CHECK(AnalyseAccessibilityStatement(html, kUrl, kToday).declared_level == ComplianceLevel::kNone);
}

TEST_CASE("web accessibility statement: compliance rates as statements write them") {
  struct Case {
    std::string text;
    double rate;
  } cases[] = {
      {"révèle que 78&nbsp;% des critères du RGAA version 4.1 sont respectés", 78},
      {"révèle que 78\u202f% des critères sont respectés", 78},
      {"Taux de conformité : 78,5 %", 78.5},
      {"Le taux moyen de conformité du site s'élève à 91.25%", 91.25},
      {"100 % des critères du RGAA sont respectés", 100},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto s = AnalyseAccessibilityStatement("<p>" + c.text + "</p>", kUrl, kToday);
    REQUIRE(s.compliance_rate.has_value());
    CHECK(*s.compliance_rate == doctest::Approx(c.rate));
  }
  // Percentages about something else are not the rate.
  auto s =
      AnalyseAccessibilityStatement("<p>Réduction de 20 % sur les abonnements.</p>", kUrl, kToday);
  CHECK_FALSE(s.compliance_rate.has_value());
  s = AnalyseAccessibilityStatement("<p>Taux : 250 % des critères</p>", kUrl, kToday);
  CHECK_FALSE(s.compliance_rate.has_value());
}

TEST_CASE("web accessibility statement: RGAA versions") {
  struct Case {
    std::string text;
    std::string version;
  } cases[] = {
      {"référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en", "4.1"},
      {"au regard du RGAA 4.", "4"},
      {"selon le RGAA v4.1.2.", "4.1.2"},
      {"selon la version 4,1 du RGAA.", "4.1"},
      {"Le RGAA est un référentiel.", ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(AnalyseAccessibilityStatement("<p>" + c.text + "</p>", kUrl, kToday).rgaa_version ==
          c.version);
  }
}

TEST_CASE("web accessibility statement: audit dates and their age") {
  auto audit = [](const std::string& text) {
    return AnalyseAccessibilityStatement("<p>" + text + "</p>", kUrl, kToday);
  };
  auto s = audit("L'audit de conformité a été réalisé le 12/03/2025 par Access42.");
  REQUIRE(s.audit_date.has_value());
  CHECK(s.audit_date->day == 12);
  CHECK(s.audit_date->month == 3);
  CHECK_FALSE(Has(Codes(s), "audit_too_old"));

  s = audit("Un audit a eu lieu le 30 septembre 2022.");
  REQUIRE(s.audit_date.has_value());
  CHECK(s.audit_date->year == 2022);
  REQUIRE(Has(Codes(s), "audit_too_old"));
  const Message& old = *std::find_if(s.problems.begin(), s.problems.end(),
                                     [](const Message& m) { return m.code == "audit_too_old"; });
  CHECK(old.Param("audit_date") == "2022-09");
  CHECK(old.Param("age_months") == "49");
  CHECK(old.Param("max_months") == "36");

  // Exactly 36 months is still fresh; the threshold is a parameter.
  s = audit("L'audit réalisé en octobre 2023.");
  CHECK_FALSE(Has(Codes(s), "audit_too_old"));
  s = AnalyseAccessibilityStatement("<p>L'audit réalisé en octobre 2023.</p>", kUrl, kToday, 12);
  CHECK(Has(Codes(s), "audit_too_old"));

  // The statement's own date is not the audit's.
  s = audit("Audit en cours. Cette déclaration a été établie le 30 septembre 2026.");
  CHECK_FALSE(s.audit_date.has_value());
  REQUIRE(s.statement_date.has_value());
  CHECK(s.statement_date->year == 2026);
  CHECK(Has(Codes(s), "audit_date_missing"));
}

TEST_CASE("web accessibility statement: the declared level must match the rate") {
  struct Case {
    std::string level;
    std::string rate;
    bool consistent;
  } cases[] = {
      {"totalement conforme", "100", true},
      {"totalement conforme", "99,5", false},
      {"partiellement conforme", "50", true},
      {"partiellement conforme", "49,9", false},
      {"partiellement conforme", "100", false},
      {"non conforme", "49", true},
      {"non conforme", "50", false},
  };
  for (const Case& c : cases) {
    INFO(c.level << " " << c.rate);
    std::string html =
        "<p>Le site est " + c.level + ". " + c.rate + " % des critères du RGAA sont respectés.</p>";
    auto s = AnalyseAccessibilityStatement(html, kUrl, kToday);
    CHECK(Has(Codes(s), "level_inconsistent") != c.consistent);
  }
  auto s = AnalyseAccessibilityStatement(
      "<p>Le site est totalement conforme. 62 % des critères sont respectés.</p>", kUrl, kToday);
  auto it = std::find_if(s.problems.begin(), s.problems.end(),
                         [](const Message& m) { return m.code == "level_inconsistent"; });
  REQUIRE(it != s.problems.end());
  CHECK(it->Param("level") == "totalement conforme");
  CHECK(it->Param("rate") == "62");
}

TEST_CASE("web accessibility statement: contact by address, mailto or form link") {
  auto contact = [](const std::string& body) {
    return AnalyseAccessibilityStatement(body, kUrl, kToday).has_contact;
  };
  CHECK(contact("<h2>Retour d'information et contact</h2><p>Écrivez à a11y@ent.example.fr.</p>"));
  CHECK(contact("<p>Écrire : <a href=\"MAILTO:a11y@example.fr\">nous écrire</a></p>"));
  CHECK(
      contact("<h2>Retour d\u2019information et contact</h2><p>Utilisez le "
              "<a href=\"/aide\">formulaire de contact</a>.</p><h2>Voies de recours</h2>"));
  // A form link elsewhere than in the contact part, and an address without domain, are not it.
  CHECK_FALSE(
      contact("<nav><a href=\"/contact\">Contact</a></nav><h2>Retour d'information et "
              "contact</h2><p>Rien.</p><h2>Voies de recours</h2>"));
  CHECK_FALSE(contact("<h2>Retour d'information et contact</h2><p>Twitter : @ent_exemple</p>"));
}

TEST_CASE("web accessibility statement: the multi-year plan link, by text or href") {
  auto plan = [](const std::string& body) {
    return AnalyseAccessibilityStatement(body, kUrl, kToday).multi_year_plan_url;
  };
  CHECK(plan("<a href=\"plan.pdf\">Plan pluriannuel 2025-2027</a>") ==
        "https://ent.example.fr/plan.pdf");
  CHECK(plan("<a href=\"https://cd.example.fr/schema_pluriannuel.html\">Notre engagement</a>") ==
        "https://cd.example.fr/schema_pluriannuel.html");
  CHECK(plan("<a href=\"/docs\">Documents</a><p>Schéma pluriannuel : à venir.</p>").empty());
}

TEST_CASE("web accessibility statement: hostile pages") {
  SUBCASE("too deep a page is refused with the HTML helpers' reason") {
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "<div>";
    auto s = AnalyseAccessibilityStatement(deep + "partiellement conforme", kUrl, kToday);
    CHECK_FALSE(s.error.empty());
    CHECK(s.declared_level == ComplianceLevel::kUnknown);
    CHECK(s.problems.empty());
  }
  SUBCASE("a huge text is read up to the bound, quickly") {
    std::string filler;
    for (int i = 0; i < 300000; ++i) filler += "audit % ";  // ~2.4 MB of anchors
    auto s =
        AnalyseAccessibilityStatement("<p>" + filler + "partiellement conforme</p>", kUrl, kToday);
    CHECK(s.error.empty());
    CHECK_FALSE(s.audit_date.has_value());
    CHECK(s.declared_level == ComplianceLevel::kUnknown);  // past the 2 MB read
  }
  SUBCASE("NUL bytes and odd spaces inside phrases") {
    // The HTML parser drops a NUL from text, as browsers do.
    std::string html = std::string("<p>Le site est partiellement") + '\0' +
                       " conforme. 78\u00a0\u202f% des crit\u00e8res sont respect\u00e9s.</p>";
    auto s = AnalyseAccessibilityStatement(html, kUrl, kToday);
    CHECK(s.declared_level == ComplianceLevel::kPartial);
    CHECK(s.compliance_rate.value_or(-1) == doctest::Approx(78));
  }
}

TEST_CASE("web accessibility statement: the multi-year plan's period") {
  CHECK(MultiYearPlanCoversYear("<h1>Schéma pluriannuel 2025-2027</h1>", 2026));
  CHECK(MultiYearPlanCoversYear("<h1>Schéma pluriannuel 2025 \u2013 2027</h1>", 2027));
  CHECK(MultiYearPlanCoversYear("<p>Pour les années 2024 à 2026.</p>", 2024));
  CHECK(MultiYearPlanCoversYear("<p>Plan annuel 2026</p>", 2026));
  CHECK_FALSE(MultiYearPlanCoversYear("<h1>Schéma pluriannuel 2021-2023</h1>", 2026));
  CHECK_FALSE(
      MultiYearPlanCoversYear("<h1>Schéma 2021-2023</h1><p>Mis à jour le 3 janvier "
                              "2026 et le 04/02/2026.</p>",
                              2026));
  CHECK_FALSE(MultiYearPlanCoversYear("<p>Référence 120261</p>", 2026));
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  CHECK_FALSE(MultiYearPlanCoversYear(deep + "2026", 2026));
}

}  // namespace
}  // namespace sdetcheck
