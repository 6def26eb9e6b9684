#include <string>

#include <doctest/doctest.h>

#include "web/french_date.h"
#include "web/french_text.h"

namespace sdetcheck {
namespace {

TEST_CASE("web french text: capitals, French spaces, apostrophes and dashes are folded") {
  CHECK(FoldFrenchText("État DE Conformité") == "état de conformité");
  CHECK(FoldFrenchText("ÉÈÀÇÔ") == "éèàçô");
  CHECK(FoldFrenchText("78\u00a0%") == "78 %");
  CHECK(FoldFrenchText("78\u202f%") == "78 %");
  CHECK(FoldFrenchText("taux\u2009:\t\n 78") == "taux : 78");
  CHECK(FoldFrenchText("Retour d\u2019information") == "retour d'information");
  CHECK(FoldFrenchText("2025 \u2013 2027 \u2014 x") == "2025 - 2027 - x");
  // The multiplication sign sits among the capitals but has no small letter.
  CHECK(FoldFrenchText("2\u00d73") == "2\u00d73");
}

TEST_CASE("web french text: NUL and control bytes become spaces, invalid UTF-8 is kept") {
  std::string with_nul = std::string("partiellement") + '\0' + '\0' + "conforme";
  CHECK(FoldFrenchText(with_nul) == "partiellement conforme");
  CHECK(FoldFrenchText("\xC3") == "\xC3");  // a truncated sequence at the end
  CHECK(FoldFrenchText("  leading and trailing  ") == "leading and trailing");
}

TEST_CASE("web french text: a phrase must end a word") {
  CHECK(PhraseAt("est non conforme.", 4, "non conforme"));
  CHECK_FALSE(PhraseAt("contenus non conformes", 9, "non conforme"));
  CHECK_FALSE(PhraseAt("non conformité", 0, "non conform"));  // followed by an accented letter
  CHECK(PhraseAt("non conforme", 0, "non conforme"));
}

TEST_CASE("web french text: decimals end right before a position") {
  std::string text = "taux : 78,5 % et 100% et 12.25 % et x %";
  CHECK(DecimalEndingAt(text, text.find("%")).value_or(-1) == doctest::Approx(78.5));
  CHECK(DecimalEndingAt(text, text.find("100%") + 3).value_or(-1) == doctest::Approx(100));
  CHECK(DecimalEndingAt(text, text.find("12.25") + 6).value_or(-1) == doctest::Approx(12.25));
  CHECK_FALSE(DecimalEndingAt(text, text.rfind("%")).has_value());
  CHECK_FALSE(DecimalEndingAt("1,2,3 %", 6).has_value());
}

TEST_CASE("web french date: numeric and written dates") {
  struct Case {
    std::string text;
    int year, month, day;
  } cases[] = {
      {"réalisé le 12/03/2025 par", 2025, 3, 12},
      {"le 30 septembre 2026.", 2026, 9, 30},
      {"le 1er mars 2025", 2025, 3, 1},
      {"en septembre 2026 par", 2026, 9, 0},
      {"en février 2024", 2024, 2, 0},
      {"en fevrier 2024", 2024, 2, 0},
      {"le 29/02/2024", 2024, 2, 29},
      {"le 5.7.2023", 2023, 7, 5},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto found = FindFrenchDate(c.text, 0, c.text.size());
    REQUIRE(found.has_value());
    CHECK(found->date.year == c.year);
    CHECK(found->date.month == c.month);
    CHECK(found->date.day == c.day);
    CHECK(c.text.substr(found->begin, found->end - found->begin).find(std::to_string(c.year)) !=
          std::string::npos);
  }
}

TEST_CASE("web french date: what is not a date") {
  for (std::string text :
       {"le 30/02/2025", "le 12/13/2025", "version 4.1", "2025-2027", "le 32/03/2025", "mars",
        "en septembre 26", "en septembre 1850", "la semaine 2026", "12/03/20255", "formai 2026"}) {
    INFO(text);
    CHECK_FALSE(FindFrenchDate(text, 0, text.size()).has_value());
  }
  // The window bounds where a date may start.
  CHECK_FALSE(FindFrenchDate("audit ... le 12/03/2025", 0, 5).has_value());
  CHECK(FindFrenchDate("audit ... le 12/03/2025", 0, 14).has_value());
}

TEST_CASE("web french date: months between dates") {
  CHECK(MonthsBetween({2025, 9, 0}, {2026, 3, 15}) == 6);
  CHECK(MonthsBetween({2023, 9, 30}, {2026, 9, 1}) == 36);
  CHECK(MonthsBetween({2026, 9, 0}, {2026, 1, 0}) == -8);
}

}  // namespace
}  // namespace sdetcheck
