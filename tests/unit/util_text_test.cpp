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

const std::string kReplacement = "\uFFFD";

TEST_CASE("report text: C0 controls become their Control Picture, DEL becomes ␡") {
  CHECK(SanitizeForReport(std::string("a\0b", 3)) == "a\u2400b");
  CHECK(SanitizeForReport("\x1b[31mred\x1b[0m") == "\u241B[31mred\u241B[0m");
  CHECK(SanitizeForReport("\x1b]0;title\a") == "\u241B]0;title\u2407");
  CHECK(SanitizeForReport("\x01\x08\x0B\x0C\x0E\x1F") == "\u2401\u2408\u240B\u240C\u240E\u241F");
  CHECK(SanitizeForReport("rub\x7Fout") == "rub\u2421out");
}

TEST_CASE("report text: TAB and LF stay, CR LF becomes LF, a lone CR becomes ␍") {
  CHECK(SanitizeForReport("a\tb\nc") == "a\tb\nc");
  CHECK(SanitizeForReport("one\r\ntwo\r\n") == "one\ntwo\n");
  CHECK(SanitizeForReport("shown\rhidden") == "shown\u240Dhidden");
  CHECK(SanitizeForReport("\r\r\n") == "\u240D\n");
}

TEST_CASE("report text: C1 controls and noncharacters become U+FFFD") {
  CHECK(SanitizeForReport("csi\xC2\x9B"
                          "31m") == "csi" + kReplacement + "31m");
  CHECK(SanitizeForReport("\xC2\x80\xC2\x9F") == kReplacement + kReplacement);
  CHECK(SanitizeForReport("\xEF\xBF\xBE\xEF\xBF\xBF") ==
        kReplacement + kReplacement);                            // U+FFFE, U+FFFF
  CHECK(SanitizeForReport("\xEF\xB7\x90") == kReplacement);      // U+FDD0
  CHECK(SanitizeForReport("\xF0\x9F\xBF\xBE") == kReplacement);  // U+1FFFE
  CHECK(SanitizeForReport("\xF4\x8F\xBF\xBF") == kReplacement);  // U+10FFFF
}

TEST_CASE("report text: invalid UTF-8 becomes U+FFFD, printable text is untouched") {
  CHECK(SanitizeForReport(std::string("a\xC3", 2)) == "a" + kReplacement);
  CHECK(SanitizeForReport("\xC0\xAF") == kReplacement + kReplacement);
  std::string printable = "déclaration d’accessibilité — 100 % \u00A0\u00A1 \uE000 \uFFFD 🎓 <&>|`";
  CHECK(SanitizeForReport(printable) == printable);
  std::string hostile = std::string("\x1b[31m\0\xC2\x9B\xFF\r\n\r", 12);
  CHECK(SanitizeForReport(SanitizeForReport(hostile)) == SanitizeForReport(hostile));
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
