#include <ctime>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "report/comparison_report.h"
#include "runs/comparison.h"
#include "util/clock.h"

namespace sdetcheck {
namespace {

bool LoadRuns(const std::vector<std::string>& paths, std::vector<std::unique_ptr<SavedRun>>* runs) {
  for (const std::string& path : paths) {
    auto run = std::make_unique<SavedRun>();
    std::string error;
    if (!LoadSavedRun(path, run.get(), &error)) {
      std::cerr << "sdetcheck compare: " << error << "\n";
      return false;
    }
    runs->push_back(std::move(run));
  }
  return true;
}

// Runs of different grids are compared only when asked, and then the differing items shown.
bool SameGridOrAllowed(const Comparison& comparison, bool allowed) {
  if (comparison.same_grid || allowed) return true;
  std::cerr << "sdetcheck compare: the runs are of different grids (";
  for (size_t i = 0; i < comparison.grids.size(); ++i)
    std::cerr << (i ? ", " : "") << comparison.grids[i];
  std::cerr << "); compare them anyway with --any-grid: the items defined differently are then "
               "marked\n";
  return false;
}

bool LoadWeightingFor(const CliOptions& o, const std::vector<std::unique_ptr<SavedRun>>& runs,
                      std::optional<Weighting>* weighting) {
  if (o.compare_weights.empty()) return true;
  Diagnostics diagnostics;
  *weighting = LoadWeighting(o.compare_weights, &diagnostics);
  if (*weighting) CheckWeightingNames(**weighting, *runs.front(), o.compare_weights, &diagnostics);
  if (!diagnostics.empty()) std::cerr << diagnostics.Format();
  return diagnostics.empty();
}

}  // namespace

int CompareCommand(CliOptions& o) {
  std::vector<std::unique_ptr<SavedRun>> runs;
  if (!LoadRuns(o.compare_runs, &runs)) return kExitInvalidInput;
  std::optional<Weighting> weighting;
  if (!LoadWeightingFor(o, runs, &weighting)) return kExitInvalidInput;
  std::vector<const SavedRun*> views;
  views.reserve(runs.size());
  for (const auto& run : runs) views.push_back(run.get());
  Comparison comparison = CompareRuns(views, weighting ? &*weighting : nullptr);
  if (!SameGridOrAllowed(comparison, o.compare_any_grid)) return kExitInvalidInput;

  ComparisonOutput output;
  output.lang = o.lang;
  output.reports_dir = o.ReportsDir();
  output.formats = o.compare_formats;
  output.out_dir = o.compare_out;
  output.group_by = o.compare_group_by;
  output.csv_separator = o.csv_separator.empty() ? ';' : o.csv_separator[0];
  if (weighting)
    output.weighting_name = weighting->name.empty() ? o.compare_weights : weighting->name;
  output.generated_at = UtcNow(kIsoTimestamp);
  std::vector<std::string> written;
  std::string error;
  if (!WriteComparison(comparison, output, &written, &error)) {
    std::cerr << "sdetcheck compare: " << error << "\n";
    return kExitInternal;
  }
  for (const std::string& file : written) std::cout << "comparison: " << file << "\n";
  return kExitConforme;
}

}  // namespace sdetcheck
