#pragma once
// ${name} in matchers: expanded in literal values (header and JSON `equals`, body
// `contains`) when the probe runs; refused at load time everywhere else (regular
// expressions, XPath, JSON pointers, element names), where a value would change meaning.

#include <optional>
#include <string>
#include <vector>

#include "probe/matcher.h"
#include "probe/variables.h"

namespace sdetcheck {

// Every ${...} the matcher's literal values reference, for lint.
std::vector<std::string> MatcherVariables(const Matcher& matcher);

// `matcher` with its literal values expanded; nullopt and *error on an unknown variable.
std::optional<Matcher> ExpandMatcher(const Matcher& matcher, const Variables& variables,
                                     Message* error);

}  // namespace sdetcheck
