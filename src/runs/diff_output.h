#pragma once
// A run diff written for a person (text, in the catalogs' words) or a program (JSON, stable
// names: the kinds of change of run_diff.h, the report's state names).

#include <string>

#include "runs/run_diff.h"
#include "runs/wording.h"

namespace sdetcheck {

struct DiffSides {
  const SavedRun* old_run;
  const SavedRun* new_run;
};

// Regressions first; each changed check under its item. `verbose` also lists the checks
// whose state stayed but whose observation changed (otherwise only counted).
std::string DiffText(const RunDiff& diff, const DiffSides& sides, bool verbose,
                     const Wording& wording);

std::string DiffJson(const RunDiff& diff, const DiffSides& sides);

}  // namespace sdetcheck
