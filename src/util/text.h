#pragma once

#include <string>

namespace sdetcheck {

// At most `max_bytes` of `text`, never cutting a UTF-8 sequence in two.
std::string TruncateUtf8(const std::string& text, size_t max_bytes);

}  // namespace sdetcheck

namespace sdetcheck {

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, so evidence quoted from
// any body can go into JSON, XML and HTML reports.
std::string SanitizeUtf8(const std::string& text);

}  // namespace sdetcheck
