#include <doctest/doctest.h>

#include "runs/diff_output.h"
#include "runs/run_diff.h"

namespace sdetcheck {
namespace {

SavedCheck Check(const std::string& key, const std::string& subject, const std::string& state,
                 const std::string& params = "{}") {
  SavedCheck check;
  check.key = key;
  check.subject = subject;
  check.state = state;
  check.message_code = "code." + state;
  check.message_params = params;
  check.message_text = "text " + state;
  return check;
}

SavedItem Item(const std::string& id, const std::string& state,
               std::vector<SavedCheck> checks = {}) {
  SavedItem item;
  item.id = id;
  item.level = "exigence";
  item.state = state;
  item.title = "Title " + id;
  item.checks = std::move(checks);
  return item;
}

SavedRun Run(std::vector<SavedItem> items) {
  SavedRun run;
  run.grid_id = "sdet-6.3";
  run.sdet_version = "6.3";
  run.items = std::move(items);
  return run;
}

const ItemChange* Find(const RunDiff& diff, const std::string& id) {
  for (const ItemChange& c : diff.items) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

TEST_CASE("diff: every kind of change, regressions first") {
  SavedRun before = Run({Item("A", "pass", {Check("k", "s", "pass")}), Item("B", "pass"),
                         Item("C", "fail", {Check("k", "s", "fail")}), Item("D", "pass"),
                         Item("E", "pass", {Check("k", "s", "pass", R"({"n":"1"})")}),
                         Item("F", "pass"), Item("G", "error"), Item("OLD", "pass")});
  SavedRun after =
      Run({Item("G", "pass"), Item("A", "fail", {Check("k", "s", "fail")}), Item("B", "error"),
           Item("C", "pass", {Check("k", "s", "pass")}), Item("D", "waived"),
           Item("E", "pass", {Check("k", "s", "pass", R"({"n":"2"})")}), Item("F", "pass"),
           Item("NEW", "fail")});
  RunDiff diff = DiffRuns(before, after);
  REQUIRE(diff.items.size() == 8);  // F is unchanged
  CHECK(diff.items[0].id == "A");
  CHECK(diff.items[0].kind == ChangeKind::kRegression);
  REQUIRE(diff.items[0].checks.size() == 1);
  CHECK(diff.items[0].checks[0].regression);
  CHECK(Find(diff, "B")->kind == ChangeKind::kUnverified);
  CHECK(Find(diff, "C")->kind == ChangeKind::kImprovement);
  CHECK(Find(diff, "G")->kind == ChangeKind::kImprovement);
  CHECK(Find(diff, "D")->kind == ChangeKind::kChanged);
  CHECK(Find(diff, "E")->kind == ChangeKind::kEvidence);
  CHECK(Find(diff, "E")->evidence.size() == 1);
  CHECK(Find(diff, "NEW")->kind == ChangeKind::kAdded);
  CHECK(Find(diff, "OLD")->kind == ChangeKind::kRemoved);
  CHECK(Find(diff, "F") == nullptr);
  CHECK(diff.Count(ChangeKind::kRegression) == 1);
  CHECK(diff.HasRegression());
  for (size_t i = 1; i < diff.items.size(); ++i)
    CHECK(diff.items[i - 1].kind <= diff.items[i].kind);
}

TEST_CASE("diff: a new failing check in an item that already failed is a regression") {
  SavedRun before =
      Run({Item("A", "fail", {Check("k", "one", "fail"), Check("k", "two", "pass")})});
  SavedRun after = Run({Item("A", "fail", {Check("k", "one", "fail"), Check("k", "two", "fail")})});
  RunDiff diff = DiffRuns(before, after);
  REQUIRE(diff.items.size() == 1);
  CHECK(diff.items[0].kind == ChangeKind::kRegression);
  REQUIRE(diff.items[0].checks.size() == 1);
  CHECK(diff.items[0].checks[0].subject == "two");
}

TEST_CASE("diff: checks with the same key and subject are matched by rank") {
  SavedRun before = Run({Item("A", "pass", {Check("k", "s", "pass"), Check("k", "s", "pass")})});
  SavedRun after = Run({Item("A", "pass", {Check("k", "s", "pass")})});
  RunDiff diff = DiffRuns(before, after);
  REQUIRE(diff.items.size() == 1);
  CHECK(diff.items[0].kind == ChangeKind::kEvidence);
  REQUIRE(diff.items[0].checks.size() == 1);
  CHECK(diff.items[0].checks[0].old_state == "pass");
  CHECK(diff.items[0].checks[0].new_state.empty());
  CHECK_FALSE(diff.HasRegression());
}

TEST_CASE("diff: the same run twice has no change, and another grid is said") {
  SavedRun run = Run({Item("A", "pass", {Check("k", "s", "pass")}), Item("B", "fail")});
  RunDiff same = DiffRuns(run, run);
  CHECK(same.items.empty());
  CHECK(same.same_grid);
  SavedRun other = run;
  other.sdet_version = "7.0";
  CHECK_FALSE(DiffRuns(run, other).same_grid);
}

TEST_CASE("diff output: text in the catalog's words, JSON with stable names") {
  SavedRun before = Run({Item("A", "pass", {Check("k", "s", "pass")})});
  SavedRun after = Run({Item("A", "fail", {Check("k", "s", "fail")})});
  RunDiff diff = DiffRuns(before, after);
  Wording wording{[](const Message& m) { return "<" + m.code + ">"; },
                  [](const std::string& key) { return "[" + key + "]"; }};
  std::string text = DiffText(diff, {&before, &after}, false, wording);
  CHECK(text.find("<diff.kind.regression>") != std::string::npos);
  CHECK(text.find("[state.pass] → [state.fail]") != std::string::npos);
  CHECK(text.find("✗ k · s") != std::string::npos);
  CHECK(text.find("<diff.result.regressions>") != std::string::npos);
  std::string json = DiffJson(diff, {&before, &after});
  CHECK(json.find("\"kind\": \"regression\"") != std::string::npos);
  CHECK(json.find("\"regression\": true") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
