#pragma once

#include <string>
#include <vector>

#include "util/diagnostics.h"

namespace sdetcheck {

struct LintSummary {
  int grid_sets = 0, probe_files = 0, targets = 0, answers = 0;
  int items = 0, probes = 0;
};

// Lints grid set directories (or any of their files), probe files/directories, target
// profiles and answers files, recognising each by its content. Probe references are
// resolved against the probe files given, or `default_probes` when none is; answers are
// checked against the grid set given, or `default_grid`.
LintSummary LintPaths(const std::vector<std::string>& paths,
                      const std::vector<std::string>& default_probes,
                      const std::string& default_grid, Diagnostics* diagnostics);

}  // namespace sdetcheck
