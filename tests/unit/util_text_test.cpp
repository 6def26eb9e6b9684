#include <doctest/doctest.h>

#include "util/text.h"

namespace sdetcheck {
namespace {

TEST_CASE("truncation never cuts a UTF-8 sequence") {
  std::string accents = "Accessibilité";  // é is two bytes, at offsets 11-12
  CHECK(TruncateUtf8(accents, 12) == "Accessibilit");
  CHECK(TruncateUtf8(accents, 13) == "Accessibilit");
  CHECK(TruncateUtf8(accents, 14) == "Accessibilité");
  CHECK(TruncateUtf8(accents, 100) == accents);
  CHECK(TruncateUtf8("€uro", 2) == "");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, valid text is untouched") {
  CHECK(SanitizeUtf8("déclaration d’accessibilité — 100 %") ==
        "déclaration d’accessibilité — 100 %");
  CHECK(SanitizeUtf8(std::string("a\xC3", 2)) == "a\xEF\xBF\xBD");
  CHECK(SanitizeUtf8(std::string("\xFF\xFE", 2)) == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(SanitizeUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  CHECK(SanitizeUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(SanitizeUtf8(std::string("x\0y", 3)) == std::string("x\0y", 3));
}

TEST_CASE("UTF-8 validation reports where the first invalid sequence starts") {
  size_t at = 99;
  CHECK(IsValidUtf8("déclaration € 🎓", &at));
  CHECK(at == 99);
  CHECK(IsValidUtf8(""));
  CHECK_FALSE(IsValidUtf8("abc\xFF", &at));
  CHECK(at == 3);
  CHECK_FALSE(IsValidUtf8("a\xC0\xAF", &at));  // overlong '/'
  CHECK(at == 1);
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80", &at));  // surrogate
  CHECK(at == 0);
  CHECK_FALSE(IsValidUtf8("ab\xE2\x82", &at));  // cut short
  CHECK(at == 2);
}

TEST_CASE("control characters are C0, DEL and C1, not accented letters") {
  CHECK_FALSE(FirstControlCharacter("\xC3\xA9l\xC3\xA8ve \xC2\xA0x").has_value());
  CHECK(FirstControlCharacter(std::string("a\0b", 3)) == U'\0');
  CHECK(FirstControlCharacter("a\tb") == U'\t');
  CHECK(FirstControlCharacter("a\x7F") == U'\x7F');
  CHECK(FirstControlCharacter("a\xC2\x85") == U'\x85');
}

}  // namespace
}  // namespace sdetcheck
