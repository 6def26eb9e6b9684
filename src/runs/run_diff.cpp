#include "runs/run_diff.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace sdetcheck {
namespace {

bool Met(const std::string& state) {
  return state == "pass" || state == "attested" || state == "not_applicable" || state == "waived";
}

bool Unchecked(const std::string& state) { return state == "error" || state == "not_tested"; }

ChangeKind KindOfStateChange(const std::string& old_state, const std::string& new_state) {
  if (new_state == "fail") return ChangeKind::kRegression;
  if (old_state != "fail" && Met(old_state) && Unchecked(new_state)) return ChangeKind::kUnverified;
  bool now_met = new_state == "pass" || new_state == "attested";
  if (now_met && (old_state == "fail" || Unchecked(old_state))) return ChangeKind::kImprovement;
  return ChangeKind::kChanged;
}

// A check's identity across runs: its key, its subject, and its rank among checks with both
// the same (an item may check one subject more than once).
using CheckId = std::tuple<std::string, std::string, int>;

std::map<CheckId, const SavedCheck*> IndexChecks(const SavedItem& item) {
  std::map<CheckId, const SavedCheck*> index;
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const SavedCheck& check : item.checks) {
    int rank = seen[{check.key, check.subject}]++;
    index[{check.key, check.subject, rank}] = &check;
  }
  return index;
}

CheckChange Change(const SavedCheck* before, const SavedCheck* after) {
  const SavedCheck& any = after ? *after : *before;
  CheckChange change{any.key, any.subject, "", "", "", "", false};
  if (before) {
    change.old_state = before->state;
    change.old_message = before->message_text;
  }
  if (after) {
    change.new_state = after->state;
    change.new_message = after->message_text;
  }
  change.regression = change.new_state == "fail" && change.old_state != "fail";
  return change;
}

void CompareChecks(const SavedItem& before, const SavedItem& after, ItemChange* change) {
  std::map<CheckId, const SavedCheck*> old_checks = IndexChecks(before);
  std::map<CheckId, const SavedCheck*> new_checks = IndexChecks(after);
  for (const auto& [id, now] : new_checks) {
    auto was = old_checks.find(id);
    const SavedCheck* old_check = was == old_checks.end() ? nullptr : was->second;
    if (old_check && old_check->state == now->state) {
      if (old_check->message_code != now->message_code ||
          old_check->message_params != now->message_params)
        change->evidence.push_back(Change(old_check, now));
      continue;
    }
    change->checks.push_back(Change(old_check, now));
  }
  for (const auto& [id, was] : old_checks) {
    if (!new_checks.count(id)) change->checks.push_back(Change(was, nullptr));
  }
}

bool AnyCheckRegression(const ItemChange& change) {
  return std::any_of(change.checks.begin(), change.checks.end(),
                     [](const CheckChange& c) { return c.regression; });
}

// Sets the kind of change; false when nothing changed at all.
bool Classify(ItemChange* change) {
  if (change->old_state != change->new_state) {
    change->kind = KindOfStateChange(change->old_state, change->new_state);
    return true;
  }
  if (change->new_state == "fail" && AnyCheckRegression(*change)) {
    change->kind = ChangeKind::kRegression;
    return true;
  }
  change->kind = ChangeKind::kEvidence;
  return !change->checks.empty() || !change->evidence.empty();
}

ItemChange Present(const SavedItem& item, ChangeKind kind) {
  ItemChange change;
  change.kind = kind;
  change.id = item.id;
  change.title = item.title;
  change.level = item.level;
  (kind == ChangeKind::kAdded ? change.new_state : change.old_state) = item.state;
  return change;
}

}  // namespace

const char* ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kRegression:
      return "regression";
    case ChangeKind::kUnverified:
      return "unverified";
    case ChangeKind::kImprovement:
      return "improvement";
    case ChangeKind::kChanged:
      return "changed";
    case ChangeKind::kEvidence:
      return "evidence";
    case ChangeKind::kAdded:
      return "added";
    case ChangeKind::kRemoved:
      return "removed";
  }
  return "changed";
}

int RunDiff::Count(ChangeKind kind) const {
  return static_cast<int>(std::count_if(items.begin(), items.end(),
                                        [kind](const ItemChange& c) { return c.kind == kind; }));
}

RunDiff DiffRuns(const SavedRun& old_run, const SavedRun& new_run) {
  RunDiff diff;
  diff.old_verdict = old_run.verdict;
  diff.new_verdict = new_run.verdict;
  diff.same_grid =
      old_run.grid_id == new_run.grid_id && old_run.sdet_version == new_run.sdet_version;
  for (const SavedItem& item : new_run.items) {
    const SavedItem* before = old_run.FindItem(item.id);
    if (!before) {
      diff.items.push_back(Present(item, ChangeKind::kAdded));
      continue;
    }
    ItemChange change = Present(item, ChangeKind::kChanged);
    change.old_state = before->state;
    change.new_state = item.state;
    CompareChecks(*before, item, &change);
    if (Classify(&change)) diff.items.push_back(std::move(change));
  }
  for (const SavedItem& item : old_run.items) {
    if (!new_run.FindItem(item.id)) diff.items.push_back(Present(item, ChangeKind::kRemoved));
  }
  std::stable_sort(diff.items.begin(), diff.items.end(),
                   [](const ItemChange& a, const ItemChange& b) { return a.kind < b.kind; });
  return diff;
}

}  // namespace sdetcheck
