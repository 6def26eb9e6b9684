#include "finding/outcome.h"

namespace sdetcheck {

size_t ProbeOutcome::AddEvidence(Evidence record) {
  evidence.push_back(std::move(record));
  return evidence.size() - 1;
}

void ProbeOutcome::Append(ProbeOutcome other) {
  size_t shift = evidence.size();
  for (Evidence& record : other.evidence) evidence.push_back(std::move(record));
  for (Check& check : other.checks) {
    for (size_t& index : check.evidence) index += shift;
    checks.push_back(std::move(check));
  }
}

ProbeOutcome SingleCheck(Check check) {
  ProbeOutcome outcome;
  outcome.checks.push_back(std::move(check));
  return outcome;
}

ProbeOutcome SetupError(Message why) {
  Check check;
  check.key = "probe.setup";
  check.message = std::move(why);
  return SingleCheck(std::move(check));
}

ProbeOutcome AnalysisTimedOut(std::string key, std::string subject) {
  Check check;
  check.key = std::move(key);
  check.subject = std::move(subject);
  check.message = Msg("analysis.timeout");
  return SingleCheck(std::move(check));
}

}  // namespace sdetcheck
