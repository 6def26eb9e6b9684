#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "finding/message.h"

namespace sdetcheck {

// Values substituted for ${name} in probe requests: target variables (base_url, ...),
// target `vars` (as vars.NAME) and probe parameters.
using Variables = std::map<std::string, std::string>;

// Names a target profile always provides.
const std::vector<std::string>& BuiltinVariableNames();

// Replaces every ${name}; ${name|url} inserts the value percent-encoded (for a URL in a
// query string). Returns nullopt and sets *error (variable.unclosed, variable.unknown,
// variable.not_in_target) on an unknown or unclosed one.
std::optional<std::string> ExpandVariables(const std::string& text, const Variables& variables,
                                           Message* error);

// The names referenced by ${...} in `text`.
std::vector<std::string> ReferencedVariables(const std::string& text);

}  // namespace sdetcheck
