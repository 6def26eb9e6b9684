#pragma once
// What changed between two runs of the same ENT (pure): items and checks whose state
// changed, regressions first; checks whose evidence changed; items added or removed.

#include <string>
#include <vector>

#include "runs/saved_run.h"

namespace sdetcheck {

// In the order a reader needs them, worst first.
enum class ChangeKind {
  kRegression,   // now fails (or a new failing check in an item that already failed)
  kUnverified,   // was met, now could not be checked (error, not tested)
  kImprovement,  // failed, now met; or could not be checked, now met
  kChanged,      // another change of state (waived, not applicable, attested instead of pass...)
  kEvidence,     // same states, but what a check observed changed
  kAdded,        // in the new run only (a new grid item)
  kRemoved,      // in the old run only
};

const char* ChangeKindName(ChangeKind kind);  // "regression", "unverified", ...

struct CheckChange {
  std::string key;
  std::string subject;
  std::string old_state;  // "" when the check is new
  std::string new_state;  // "" when the check is gone
  std::string old_message;
  std::string new_message;
  bool regression = false;
};

struct ItemChange {
  ChangeKind kind = ChangeKind::kChanged;
  std::string id;
  std::string title;  // from the new run (the old one for a removed item)
  std::string level;
  std::string old_state;
  std::string new_state;
  std::vector<CheckChange> checks;    // checks that changed state, appeared or disappeared
  std::vector<CheckChange> evidence;  // checks in the same state whose message changed
};

struct RunDiff {
  std::vector<ItemChange> items;  // by kind, then in the new run's item order
  std::string old_verdict;
  std::string new_verdict;
  bool same_grid = true;  // same grid id and version
  int Count(ChangeKind kind) const;
  bool HasRegression() const { return Count(ChangeKind::kRegression) > 0; }
};

RunDiff DiffRuns(const SavedRun& old_run, const SavedRun& new_run);

}  // namespace sdetcheck
