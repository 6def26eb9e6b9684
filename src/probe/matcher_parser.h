#pragma once

#include <optional>
#include <string>

#include "probe/matcher.h"
#include "yaml/reader.h"

namespace sdetcheck {

// Parses one matcher (a mapping with exactly one matcher key). Regexes, XPath expressions
// and JSON pointers are compiled here, so a bad one is a lint error, not a runtime error.
std::optional<Matcher> ParseMatcher(YamlReader& reader, const YamlNode& node,
                                    const std::string& what);

}  // namespace sdetcheck
