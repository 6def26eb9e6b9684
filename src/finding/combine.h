#pragma once
// The one rule that turns a probe's checks into the state of its item, for every probe
// kind (docs/scoring.md, "Combining checks"). Pure.

#include <vector>

#include "finding/check.h"

namespace sdetcheck {

struct Combined {
  CheckState state = CheckState::kError;
  const Check* decisive = nullptr;  // the check whose message explains the state; null: none
};

// fail, if any check fails (a non-conformity observed is opposable whatever else could not
// be checked); else error, if any check could not be made; else pass, if any check passed;
// else not_applicable (every check's precondition was absent). No check at all is an error.
Combined CombineChecks(const std::vector<Check>& checks);

}  // namespace sdetcheck
