#include "util/text.h"

namespace sdetcheck {

std::string TruncateUtf8(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut sequence.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace sdetcheck

namespace sdetcheck {
namespace {

// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid.
size_t ValidSequenceLength(const std::string& s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t length = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || i + length > s.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  if (length == 2 && c < 0xC2) return 0;  // overlong
  unsigned char c1 = static_cast<unsigned char>(length > 1 ? s[i + 1] : 0);
  // Overlong three-byte form, or a UTF-16 surrogate.
  if (length == 3 && ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0))) return 0;
  if (length == 4 && ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90))) return 0;
  return length;
}

}  // namespace

std::string SanitizeUtf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = ValidSequenceLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text, i, length);
    i += length;
  }
  return out;
}

bool IsValidUtf8(const std::string& text, size_t* first_invalid_byte) {
  for (size_t i = 0; i < text.size();) {
    size_t length = ValidSequenceLength(text, i);
    if (length == 0) {
      if (first_invalid_byte) *first_invalid_byte = i;
      return false;
    }
    i += length;
  }
  return true;
}

std::optional<char32_t> FirstControlCharacter(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return c;
    // C1 controls U+0080..U+009F are encoded C2 80..C2 9F.
    if (c == 0xC2 && i + 1 < text.size()) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return next;
    }
  }
  return std::nullopt;
}

}  // namespace sdetcheck
