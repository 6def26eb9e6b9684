#pragma once
// A buyer's own weighting of the grid (a collectivité's tender): multipliers per axis and per
// item, applied on top of the SDET weights. The weighted score is shown beside the SDET
// scores, never instead of them.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runs/saved_run.h"
#include "util/diagnostics.h"

namespace sdetcheck {

struct Weighting {
  std::string name;                     // what the buyer calls it, shown in the comparison
  std::map<std::string, double> axes;   // axis id -> multiplier (default 1)
  std::map<std::string, double> items;  // item id -> multiplier, before its axis'
  // The multiplier of `item`: its own, else its axis', else 1.
  double Multiplier(const SavedItem& item) const;
};

// Reads a weighting YAML file (docs/compare.md): name, axes, items, each multiplier a number
// from 0 to 100. Every problem is a located diagnostic; nullopt when there is one.
std::optional<Weighting> LoadWeighting(const std::string& file, Diagnostics* diagnostics);

// Every axis or item the weighting names that `run` does not have, as diagnostics of `file`.
void CheckWeightingNames(const Weighting& weighting, const SavedRun& run, const std::string& file,
                         Diagnostics* diagnostics);

// The SDET scoring rule (docs/scoring.md) with each item's weight times its multiplier, over
// exigences and recommandations together; nullopt when nothing applicable is scored.
std::optional<double> WeightedScore(const SavedRun& run, const Weighting& weighting);

}  // namespace sdetcheck
