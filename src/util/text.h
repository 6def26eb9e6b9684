#pragma once

#include <optional>
#include <string>

namespace sdetcheck {

// At most `max_bytes` of `text`, never cutting a UTF-8 sequence in two.
std::string TruncateUtf8(const std::string& text, size_t max_bytes);

}  // namespace sdetcheck

namespace sdetcheck {

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, so evidence quoted from
// any body can go into JSON, XML and HTML reports.
std::string SanitizeUtf8(const std::string& text);

// True when `text` is entirely valid UTF-8; otherwise sets *first_invalid_byte (when given)
// to the offset of the first invalid sequence.
bool IsValidUtf8(const std::string& text, size_t* first_invalid_byte = nullptr);

// The first control character (C0, DEL or C1) of valid UTF-8 `text`, if any.
std::optional<char32_t> FirstControlCharacter(const std::string& text);

}  // namespace sdetcheck
