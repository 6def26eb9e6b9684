#pragma once
// What sdetcheck agrees to parse as HTML. gumbo's cost grows with the square of one
// element's attributes and with the nesting depth times the number of tags (its scope
// checks walk the stack of open elements), and its tree teardown recurses per level: a
// hostile page could otherwise hold the audit for minutes. The limits are checked by a
// linear pre-scan before gumbo sees the page. Real portals stay far below them.

#include <cstddef>
#include <string>

namespace sdetcheck {

constexpr size_t kMaxHtmlBytes = 5u << 20;
constexpr size_t kMaxHtmlTags = 30000;
constexpr size_t kMaxHtmlDepth = 1000;  // estimated nesting of open elements
constexpr size_t kMaxHtmlAttributesPerElement = 256;
constexpr size_t kMaxHtmlAttributes = 200000;

// Empty when `html` is within the limits above; otherwise why it is not analysed.
std::string HtmlBeyondLimits(const std::string& html);

}  // namespace sdetcheck
