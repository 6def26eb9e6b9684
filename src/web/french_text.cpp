#include "web/french_text.h"

#include <cctype>
#include <charconv>

namespace sdetcheck {
namespace {

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Bytes after a UTF-8 lead byte 0xC3: U+00C0..U+00DE are the Latin-1 capitals (but U+00D7,
// the multiplication sign); their small letters sit 0x20 higher.
bool IsLatin1Capital(unsigned char second) {
  return second >= 0x80 && second <= 0x9E && second != 0x97;
}

// The folded stand-in for the multi-byte sequence at `text[i]`, and its length; length 0
// when the sequence is kept as it is.
size_t FoldSequence(std::string_view text, size_t i, std::string* replacement) {
  if (static_cast<unsigned char>(text[i]) < 0x80) return 0;
  std::string_view rest = text.substr(i);
  auto starts = [&](std::string_view s) { return rest.substr(0, s.size()) == s; };
  if (starts("\xC2\xA0")) return *replacement = " ", 2;  // U+00A0
  if (starts("\xE2\x80\xAF") || starts("\xE2\x80\x89")) return *replacement = " ", 3;
  if (starts("\xE2\x80\x99") || starts("\xE2\x80\x98")) return *replacement = "'", 3;
  if (starts("\xE2\x80\x93") || starts("\xE2\x80\x94")) return *replacement = "-", 3;
  if (rest.size() >= 2 && static_cast<unsigned char>(rest[0]) == 0xC3 &&
      IsLatin1Capital(static_cast<unsigned char>(rest[1]))) {
    *replacement = {rest[0], static_cast<char>(rest[1] + 0x20)};
    return 2;
  }
  return 0;
}

}  // namespace

std::string FoldFrenchText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto append = [&](std::string_view folded) {
    if (folded == " ") {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += folded;
  };
  std::string replacement;
  for (size_t i = 0; i < text.size();) {
    if (size_t length = FoldSequence(text, i, &replacement); length > 0) {
      append(replacement);
      i += length;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i++]);
    char folded = c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(std::tolower(c));
    append(std::string_view(&folded, 1));
  }
  return out;
}

bool PhraseAt(std::string_view folded, size_t pos, std::string_view phrase) {
  if (folded.substr(pos, phrase.size()) != phrase) return false;
  size_t after = pos + phrase.size();
  if (after >= folded.size()) return true;
  // A following letter may be accented (a UTF-8 sequence), so any non-ASCII byte counts.
  unsigned char next = static_cast<unsigned char>(folded[after]);
  return !IsAsciiAlnum(folded[after]) && next < 0x80;
}

std::optional<double> DecimalEndingAt(std::string_view folded, size_t end) {
  while (end > 0 && folded[end - 1] == ' ') --end;
  size_t begin = end;
  while (begin > 0 && (std::isdigit(static_cast<unsigned char>(folded[begin - 1])) ||
                       folded[begin - 1] == ',' || folded[begin - 1] == '.')) {
    --begin;
  }
  while (begin < end && !std::isdigit(static_cast<unsigned char>(folded[begin]))) ++begin;
  if (begin == end || end - begin > 12) return std::nullopt;
  std::string number(folded.substr(begin, end - begin));
  for (char& c : number) c = c == ',' ? '.' : c;
  double value = 0;
  const char* last = number.data() + number.size();
  auto [parsed_end, status] = std::from_chars(number.data(), last, value);
  if (status != std::errc() || parsed_end != last) return std::nullopt;
  return value;
}

}  // namespace sdetcheck
