#include <doctest/doctest.h>

#include "aaf/check_keys.h"

namespace sdetcheck {
namespace {

TEST_CASE("UAI check letters: published examples") {
  for (const char* uai : {"0691670R", "0690016T", "0870003F", "0021593W"})
    CHECK_MESSAGE(IsValidUai(uai), uai);
  CHECK_FALSE(IsValidUai("0740003A"));
  CHECK(UaiCheckLetter("0740003") == 'B');
  CHECK(IsValidUai("0740003B"));
}

TEST_CASE("UAI: wrong shapes are invalid") {
  CHECK_FALSE(IsValidUai(""));
  CHECK_FALSE(IsValidUai("0691670"));
  CHECK_FALSE(IsValidUai("0691670r"));  // the letter is upper case
  CHECK_FALSE(IsValidUai("069167AR"));
  CHECK_FALSE(IsValidUai("0691670RR"));
  CHECK(UaiCheckLetter("06916") == '\0');
  CHECK(UaiCheckLetter("069167X") == '\0');
}

TEST_CASE("Luhn: SIRET keys") {
  CHECK(LuhnValid("73282932000074"));  // a published SIRET
  CHECK_FALSE(LuhnValid("73282932000075"));
  CHECK_FALSE(LuhnValid(""));
  CHECK_FALSE(LuhnValid("7328293200007A"));
  CHECK(SiretWithKey("7328293200007") == "73282932000074");
  CHECK(SiretWithKey("1906910000001").size() == 14);
  CHECK(LuhnValid(SiretWithKey("1906910000001")));
  CHECK(SiretWithKey("123") == "");
  CHECK(SiretWithKey("12345678901x3") == "");
}

TEST_CASE("Luhn: every 13-digit prefix gets exactly one key") {
  for (int i = 0; i < 200; ++i) {
    std::string prefix = std::to_string(1000000000000LL + i * 7919LL);
    std::string siret = SiretWithKey(prefix);
    CHECK(LuhnValid(siret));
    for (char other = '0'; other <= '9'; ++other) {
      if (other == siret.back()) continue;
      CHECK_FALSE(LuhnValid(prefix + other));
    }
  }
}

}  // namespace
}  // namespace sdetcheck
