#pragma once
// The rules an AAF feed is checked against: a stable id, a severity, and the message key of
// reports/i18n ("aaf.rule.<id>"). Data, no logic.

#include <string_view>
#include <vector>

namespace sdetcheck {

enum class RuleSeverity { kError, kWarning };

struct FeedRule {
  std::string_view id;
  RuleSeverity severity;
  std::string_view summary;  // English, for --help and docs; reports use the catalogs
};

const std::vector<FeedRule>& FeedRules();
const FeedRule* FindFeedRule(std::string_view id);

}  // namespace sdetcheck
