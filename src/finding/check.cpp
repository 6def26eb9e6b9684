#include "finding/check.h"

namespace sdetcheck {

const std::string& Message::Param(const std::string& name) const {
  static const std::string kNone;
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return kNone;
}

const char* CheckStateName(CheckState state) {
  switch (state) {
    case CheckState::kPass:
      return "pass";
    case CheckState::kFail:
      return "fail";
    case CheckState::kError:
      return "error";
    case CheckState::kNotApplicable:
      return "not_applicable";
  }
  return "error";
}

Check Blocked(std::string key, std::string subject, const Check& prerequisite) {
  Check check;
  check.key = std::move(key);
  check.subject = std::move(subject);
  check.state = CheckState::kNotApplicable;
  check.blocked_by = prerequisite.key;
  check.message = Msg("check.blocked", {{"prerequisite", prerequisite.key}});
  return check;
}

void BlockPending(std::vector<Check>* checks, std::vector<std::string>* pending,
                  const std::string& subject) {
  const Check* stopper = nullptr;
  for (const Check& check : *checks) {
    if (check.state == CheckState::kFail || check.state == CheckState::kError) stopper = &check;
  }
  if (stopper) {
    Check prerequisite = *stopper;
    for (const std::string& key : *pending) checks->push_back(Blocked(key, subject, prerequisite));
  }
  pending->clear();
}

}  // namespace sdetcheck
