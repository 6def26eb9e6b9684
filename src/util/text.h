#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sdetcheck {

// `text` with A-Z turned into a-z, every other byte kept: header and attribute names,
// HTML tag names, keyword values.
std::string AsciiLower(std::string text);

// `values` separated by ", ".
std::string Join(const std::vector<std::string>& values);

// Whether `values` holds `value` (exact comparison).
bool Contains(const std::vector<std::string>& values, const std::string& value);

// At most `max_bytes` of `text`, never cutting a UTF-8 sequence in two.
std::string TruncateUtf8(const std::string& text, size_t max_bytes);

}  // namespace sdetcheck

namespace sdetcheck {

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, so evidence quoted from
// any body can go into JSON, XML and HTML reports.
std::string SanitizeUtf8(const std::string& text);

// `text` made safe for every report format and for a terminal showing one: invalid UTF-8
// becomes U+FFFD; control characters become visible stand-ins (C0 controls their Unicode
// Control Picture, NUL ␀, ESC ␛; DEL ␡; C1 controls U+FFFD); noncharacters (U+FFFE, U+FFFF,
// which XML 1.0 forbids, and the other 64) become U+FFFD. TAB and LF stay. CR LF becomes LF;
// a lone CR becomes ␍, as shown raw it would move the cursor back over the line's start.
std::string SanitizeForReport(const std::string& text);

// True when `text` is entirely valid UTF-8; otherwise sets *first_invalid_byte (when given)
// to the offset of the first invalid sequence.
bool IsValidUtf8(const std::string& text, size_t* first_invalid_byte = nullptr);

// The first control character (C0, DEL or C1) of valid UTF-8 `text`, if any.
std::optional<char32_t> FirstControlCharacter(const std::string& text);

}  // namespace sdetcheck
