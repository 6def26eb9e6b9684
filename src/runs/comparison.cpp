#include "runs/comparison.h"

#include <map>
#include <set>

namespace sdetcheck {
namespace {

std::string GridName(const SavedRun& run) { return run.grid_id + " " + run.sdet_version; }

const SavedScope* FindAxis(const SavedRun& run, const std::string& axis) {
  for (const SavedScope& scope : run.axes) {
    if (scope.axis == axis) return &scope;
  }
  return nullptr;
}

std::vector<ComparisonAxis> AxesOf(const std::vector<const SavedRun*>& runs) {
  std::vector<ComparisonAxis> axes;
  std::set<std::string> seen;
  for (const SavedRun* run : runs) {
    for (const SavedScope& scope : run->axes) {
      if (seen.insert(scope.axis).second) axes.push_back({scope.axis, scope.name});
    }
  }
  return axes;
}

std::string UniqueLabel(const std::string& name, std::map<std::string, int>* used) {
  int n = ++(*used)[name];
  return n == 1 ? name : name + " (" + std::to_string(n) + ")";
}

CandidateSummary Summarize(const SavedRun& run, const std::vector<ComparisonAxis>& axes,
                           const Weighting* weighting, std::map<std::string, int>* labels) {
  CandidateSummary c;
  c.label = UniqueLabel(run.target_name.empty() ? run.file : run.target_name, labels);
  c.file = run.file;
  c.generated_at = run.generated_at;
  c.verdict = run.verdict;
  c.overall = run.overall;
  for (const ComparisonAxis& axis : axes) {
    const SavedScope* scope = FindAxis(run, axis.id);
    c.axes.push_back(scope ? *scope : SavedScope{axis.id, axis.name, "", {}, {}});
  }
  c.exigences_failed = run.overall.exigence.fail;
  c.weight_probed = run.weight_probed;
  c.weight_declared = run.weight_declared;
  int basis = run.weight_probed + run.weight_declared;
  if (basis > 0) c.declared_share = static_cast<double>(run.weight_declared) / basis;
  if (weighting) c.weighted_score = WeightedScore(run, *weighting);
  return c;
}

ComparisonRow RowOf(const SavedItem& item, size_t candidates) {
  ComparisonRow row;
  row.id = item.id;
  row.axis = item.axis;
  row.level = item.level;
  row.title = item.title;
  row.responsible = item.responsible;
  row.weight = item.weight;
  row.states.assign(candidates, "");
  return row;
}

// Rows in the first run's item order, then items that only later runs have.
std::vector<ComparisonRow> Rows(const std::vector<const SavedRun*>& runs) {
  std::vector<ComparisonRow> rows;
  std::map<std::string, size_t> index;
  std::map<std::string, std::string> definition;
  for (size_t c = 0; c < runs.size(); ++c) {
    for (const SavedItem& item : runs[c]->items) {
      auto [it, inserted] = index.emplace(item.id, rows.size());
      if (inserted) {
        rows.push_back(RowOf(item, runs.size()));
        definition[item.id] = item.definition;
      } else if (definition[item.id] != item.definition) {
        rows[it->second].definition_differs = true;
      }
      rows[it->second].states[c] = item.state;
    }
  }
  for (ComparisonRow& row : rows) {
    for (const std::string& state : row.states) {
      if (state.empty()) row.definition_differs = true;
    }
  }
  return rows;
}

}  // namespace

Comparison CompareRuns(const std::vector<const SavedRun*>& runs, const Weighting* weighting) {
  Comparison comparison;
  comparison.axes = AxesOf(runs);
  std::map<std::string, int> labels;
  for (const SavedRun* run : runs) {
    comparison.candidates.push_back(Summarize(*run, comparison.axes, weighting, &labels));
    comparison.grids.push_back(GridName(*run));
    if (GridName(*run) != GridName(*runs.front())) comparison.same_grid = false;
  }
  comparison.rows = Rows(runs);
  for (const ComparisonRow& row : comparison.rows) {
    if (row.definition_differs) comparison.differing_items.push_back(row.id);
  }
  return comparison;
}

}  // namespace sdetcheck
