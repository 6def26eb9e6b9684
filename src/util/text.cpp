#include "util/text.h"

#include <algorithm>
#include <cctype>

namespace sdetcheck {

std::string AsciiLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

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

constexpr const char* kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

char32_t DecodeUtf8(const std::string& s, size_t i, size_t length) {
  static constexpr unsigned char kLeadBits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t code = static_cast<unsigned char>(s[i]) & kLeadBits[length];
  for (size_t k = 1; k < length; ++k)
    code = (code << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return code;
}

// Every stand-in (U+2400..U+2421, U+FFFD) is a three-byte UTF-8 sequence.
void AppendStandIn(char32_t code, std::string* out) {
  *out += static_cast<char>(0xE0 | (code >> 12));
  *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
  *out += static_cast<char>(0x80 | (code & 0x3F));
}

bool IsNoncharacter(char32_t code) {
  return (code >= 0xFDD0 && code <= 0xFDEF) || (code & 0xFFFE) == 0xFFFE;
}

// What a report shows instead of `code`: `code` itself when it may be shown raw.
char32_t VisibleStandIn(char32_t code) {
  constexpr char32_t kControlPictures = 0x2400, kDeletePicture = 0x2421, kReplacement = 0xFFFD;
  if (code == '\t' || code == '\n') return code;
  if (code < 0x20) return kControlPictures + code;
  if (code == 0x7F) return kDeletePicture;
  if (code >= 0x80 && code <= 0x9F) return kReplacement;
  if (IsNoncharacter(code)) return kReplacement;
  return code;
}

}  // namespace

std::string SanitizeUtf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = ValidSequenceLength(text, i);
    if (length == 0) {
      out += kReplacementCharacter;
      ++i;
      continue;
    }
    out.append(text, i, length);
    i += length;
  }
  return out;
}

std::string SanitizeForReport(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = ValidSequenceLength(text, i);
    if (length == 0) {
      out += kReplacementCharacter;
      ++i;
      continue;
    }
    if (text.compare(i, 2, "\r\n") == 0) {
      ++i;  // the LF that follows is kept: CR LF line endings become LF
      continue;
    }
    char32_t code = DecodeUtf8(text, i, length);
    char32_t shown = VisibleStandIn(code);
    if (shown == code) {
      out.append(text, i, length);
    } else {
      AppendStandIn(shown, &out);
    }
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
