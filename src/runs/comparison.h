#pragma once
// Several runs of one grid side by side (pure): the tender view of N candidate ENTs, items x
// candidates, scores per axis, exigences failed, and how much rests on declarations.

#include <optional>
#include <string>
#include <vector>

#include "runs/saved_run.h"
#include "runs/weighting.h"

namespace sdetcheck {

struct CandidateSummary {
  std::string label;  // the target's name, made unique (" (2)") when two runs share it
  std::string file;
  std::string generated_at;
  std::string verdict;
  SavedScope overall;
  std::vector<SavedScope> axes;  // aligned with Comparison::axes; empty scope when absent
  int exigences_failed = 0;
  int weight_probed = 0;
  int weight_declared = 0;
  std::optional<double> declared_share;  // weight_declared / (probed + declared)
  std::optional<double> weighted_score;  // with the buyer's weighting, when one is given
};

struct ComparisonRow {
  std::string id;
  std::string axis;
  std::string level;
  std::string title;
  std::string responsible;
  int weight = 0;
  std::vector<std::string> states;  // one per candidate; "" when the run lacks the item
  bool definition_differs = false;  // the runs' grids define it differently
};

struct ComparisonAxis {
  std::string id;
  std::string name;
};

struct Comparison {
  std::vector<CandidateSummary> candidates;
  std::vector<ComparisonAxis> axes;
  std::vector<ComparisonRow> rows;  // in the first run's order, then items only others have
  std::vector<std::string> grids;   // each run's "id version", in order
  bool same_grid = true;
  std::vector<std::string> differing_items;  // ids defined differently (or missing) somewhere
};

// `weighting` may be null: then no weighted score is computed.
Comparison CompareRuns(const std::vector<const SavedRun*>& runs, const Weighting* weighting);

}  // namespace sdetcheck
