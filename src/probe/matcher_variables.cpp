#include "probe/matcher_variables.h"

namespace sdetcheck {

std::vector<std::string> MatcherVariables(const Matcher& matcher) {
  std::vector<std::string> names;
  if (matcher.equals) names = ReferencedVariables(*matcher.equals);
  for (const Matcher& child : matcher.children) {
    for (std::string& name : MatcherVariables(child)) names.push_back(std::move(name));
  }
  return names;
}

std::optional<Matcher> ExpandMatcher(const Matcher& matcher, const Variables& variables,
                                     Message* error) {
  Matcher out = matcher;
  if (out.equals) {
    std::optional<std::string> value = ExpandVariables(*out.equals, variables, error);
    if (!value) return std::nullopt;
    out.equals = *value;
  }
  for (Matcher& child : out.children) {
    std::optional<Matcher> expanded = ExpandMatcher(child, variables, error);
    if (!expanded) return std::nullopt;
    child = std::move(*expanded);
  }
  return out;
}

}  // namespace sdetcheck
