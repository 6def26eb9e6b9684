#include <algorithm>
#include <vector>

#include <doctest/doctest.h>

#include "finding/combine.h"

namespace sdetcheck {
namespace {

Check Make(CheckState state, const std::string& key = "k") {
  Check check;
  check.key = key;
  check.state = state;
  check.message = Msg(key);
  return check;
}

const CheckState kStates[] = {CheckState::kPass, CheckState::kFail, CheckState::kError,
                              CheckState::kNotApplicable};

// The rule written out plainly, to compare the implementation with.
CheckState Expected(const std::vector<CheckState>& states) {
  if (states.empty()) return CheckState::kError;
  auto has = [&](CheckState s) {
    return std::find(states.begin(), states.end(), s) != states.end();
  };
  if (has(CheckState::kFail)) return CheckState::kFail;
  if (has(CheckState::kError)) return CheckState::kError;
  if (has(CheckState::kPass)) return CheckState::kPass;
  return CheckState::kNotApplicable;
}

TEST_CASE("combine: every mix of up to three checks follows the one rule") {
  std::vector<std::vector<CheckState>> mixes = {{}};
  for (int size = 1; size <= 3; ++size) {
    std::vector<std::vector<CheckState>> longer;
    for (const auto& mix : mixes) {
      if (static_cast<int>(mix.size()) != size - 1) continue;
      for (CheckState s : kStates) {
        auto next = mix;
        next.push_back(s);
        longer.push_back(next);
      }
    }
    mixes.insert(mixes.end(), longer.begin(), longer.end());
  }
  CHECK(mixes.size() == 1 + 4 + 16 + 64);
  for (const auto& mix : mixes) {
    std::vector<Check> checks;
    for (size_t i = 0; i < mix.size(); ++i) checks.push_back(Make(mix[i], "c" + std::to_string(i)));
    Combined combined = CombineChecks(checks);
    CAPTURE(mix.size());
    CHECK(combined.state == Expected(mix));
    if (mix.empty()) {
      CHECK(combined.decisive == nullptr);
      continue;
    }
    REQUIRE(combined.decisive != nullptr);
    CHECK(combined.decisive->state == combined.state);
    // The decisive check is the first one of the winning state.
    size_t first = std::find(mix.begin(), mix.end(), combined.state) - mix.begin();
    CHECK(combined.decisive->key == "c" + std::to_string(first));
  }
}

TEST_CASE("combine: checks not judged because a prerequisite failed are left out") {
  Check ticket = Make(CheckState::kError, "cas.ticket");
  std::vector<Check> checks = {Make(CheckState::kPass, "cas.login_form"), ticket,
                               Blocked("cas.validation", "eleve1", ticket)};
  Combined combined = CombineChecks(checks);
  CHECK(combined.state == CheckState::kError);
  CHECK(combined.decisive->key == "cas.ticket");
  CHECK(checks[2].state == CheckState::kNotApplicable);
  CHECK(checks[2].blocked_by == "cas.ticket");
  CHECK(checks[2].message.code == "check.blocked");
}

}  // namespace
}  // namespace sdetcheck
