#include "judge/score.h"

namespace sdetcheck {
namespace {

void Add(const ItemResult& r, Tally* t) {
  int w = r.item->weight;
  switch (r.state) {
    case State::kPass:
      ++t->pass;
      t->weight_met += w;
      t->weight_total += w;
      t->weight_probed += w;
      break;
    case State::kAttested:
      ++t->attested;
      t->weight_met += w;
      t->weight_total += w;
      t->weight_declared += w;
      break;
    case State::kFail:
      ++t->fail;
      t->weight_total += w;
      break;
    case State::kError:
      ++t->error;
      t->weight_total += w;
      break;
    case State::kNotTested:
      ++t->not_tested;
      t->weight_total += w;
      break;
    case State::kWaived:
      ++t->waived;
      break;
    case State::kNotApplicable:
      ++t->not_applicable;
      break;
  }
}

void AddTo(const ItemResult& r, ScopeSummary* scope) {
  Add(r, r.item->level == Level::kExigence ? &scope->exigence : &scope->recommandation);
}

}  // namespace

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kConforme:
      return "conforme";
    case Verdict::kNonConforme:
      return "non_conforme";
    case Verdict::kIncomplet:
      return "incomplet";
  }
  return "incomplet";
}

std::optional<double> Tally::Score() const {
  if (weight_total == 0) return std::nullopt;
  return static_cast<double>(weight_met) / weight_total;
}

Verdict VerdictOf(const Tally& exigence) {
  if (exigence.fail > 0) return Verdict::kNonConforme;
  if (exigence.error > 0 || exigence.not_tested > 0) return Verdict::kIncomplet;
  return Verdict::kConforme;
}

Summary Summarize(const std::vector<ItemResult>& results,
                  const std::vector<std::string>& axis_order) {
  Summary summary;
  for (const std::string& axis : axis_order) summary.axes.push_back({axis, {}, {}, {}});
  for (const ItemResult& r : results) {
    AddTo(r, &summary.overall);
    for (ScopeSummary& scope : summary.axes) {
      if (scope.axis == r.item->axis) AddTo(r, &scope);
    }
  }
  // Axes with no selected item (e.g. under --only) are left out rather than shown conforme.
  std::erase_if(summary.axes, [](const ScopeSummary& scope) {
    return scope.exigence.Count() + scope.recommandation.Count() == 0;
  });
  for (ScopeSummary& scope : summary.axes) scope.verdict = VerdictOf(scope.exigence);
  summary.overall.verdict = VerdictOf(summary.overall.exigence);
  return summary;
}

}  // namespace sdetcheck
