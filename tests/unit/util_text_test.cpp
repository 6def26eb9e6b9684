#include "util/text.h"

#include <doctest/doctest.h>

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
  CHECK(SanitizeUtf8("déclaration d’accessibilité — 100 %") == "déclaration d’accessibilité — 100 %");
  CHECK(SanitizeUtf8(std::string("a\xC3", 2)) == "a\xEF\xBF\xBD");
  CHECK(SanitizeUtf8(std::string("\xFF\xFE", 2)) == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(SanitizeUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong '/'
  CHECK(SanitizeUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(SanitizeUtf8(std::string("x\0y", 3)) == std::string("x\0y", 3));
}

}  // namespace
}  // namespace sdetcheck
