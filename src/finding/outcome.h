#pragma once
// What a probe observed and concluded: its checks and the evidence they rest on. Every
// string in here has already been redacted.

#include <vector>

#include "finding/check.h"
#include "finding/evidence.h"

namespace sdetcheck {

struct ProbeOutcome {
  std::vector<Check> checks;
  std::vector<Evidence> evidence;

  // Adds `record` and returns its index, for Check::evidence.
  size_t AddEvidence(Evidence record);
  // Adds every check and record of `other`, their evidence indexes shifted.
  void Append(ProbeOutcome other);
};

ProbeOutcome SingleCheck(Check check);

// A probe that cannot even start (an unknown variable, an account missing from the
// target): one error check, key "probe.setup".
ProbeOutcome SetupError(Message why);

// The analysis of an answer passed its deadline (--analysis-timeout): one error check.
ProbeOutcome AnalysisTimedOut(std::string key, std::string subject);

}  // namespace sdetcheck
