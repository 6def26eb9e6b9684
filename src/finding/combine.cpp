#include "finding/combine.h"

namespace sdetcheck {
namespace {

// Higher wins.
int Rank(CheckState state) {
  switch (state) {
    case CheckState::kFail:
      return 3;
    case CheckState::kError:
      return 2;
    case CheckState::kPass:
      return 1;
    case CheckState::kNotApplicable:
      return 0;
  }
  return 2;
}

}  // namespace

Combined CombineChecks(const std::vector<Check>& checks) {
  Combined combined;
  if (checks.empty()) return combined;  // error, nothing decisive
  combined.state = CheckState::kNotApplicable;
  for (const Check& check : checks) {
    if (!check.blocked_by.empty()) continue;  // not judged: its prerequisite speaks for it
    if (!combined.decisive || Rank(check.state) > Rank(combined.state)) {
      combined.state = check.state;
      combined.decisive = &check;
    }
  }
  return combined;
}

}  // namespace sdetcheck
