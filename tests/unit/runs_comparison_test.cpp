#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "runs/comparison.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

SavedItem Item(const std::string& id, const std::string& axis, const std::string& state, int weight,
               const std::string& definition = "d") {
  SavedItem item;
  item.id = id;
  item.axis = axis;
  item.level = "exigence";
  item.state = state;
  item.weight = weight;
  item.title = "Title " + id;
  item.definition = definition;
  return item;
}

SavedRun Run(const std::string& name, std::vector<SavedItem> items) {
  SavedRun run;
  run.target_name = name;
  run.file = name + "/report.json";
  run.grid_id = "sdet-6.3";
  run.sdet_version = "6.3";
  run.verdict = "non_conforme";
  run.axes = {{"securite", "Sécurité", "non_conforme", {}, {}}};
  run.weight_probed = 6;
  run.weight_declared = 2;
  run.items = std::move(items);
  return run;
}

TEST_CASE("comparison: one row per item, one cell per candidate, labels made unique") {
  SavedRun a = Run("ENT", {Item("A", "securite", "pass", 3), Item("B", "securite", "fail", 1)});
  SavedRun b = Run("ENT", {Item("A", "securite", "fail", 3), Item("C", "securite", "pass", 1)});
  Comparison c = CompareRuns({&a, &b}, nullptr);
  REQUIRE(c.candidates.size() == 2);
  CHECK(c.candidates[0].label == "ENT");
  CHECK(c.candidates[1].label == "ENT (2)");
  CHECK(c.candidates[0].declared_share == doctest::Approx(0.25));
  CHECK_FALSE(c.candidates[0].weighted_score.has_value());
  REQUIRE(c.rows.size() == 3);
  CHECK(c.rows[0].states == std::vector<std::string>{"pass", "fail"});
  CHECK(c.rows[1].states == std::vector<std::string>{"fail", ""});
  CHECK(c.rows[2].id == "C");
  CHECK(c.same_grid);
  CHECK(c.differing_items == std::vector<std::string>{"B", "C"});  // each missing somewhere
}

TEST_CASE("comparison: another grid version and items defined differently are said") {
  SavedRun a = Run("A", {Item("X", "securite", "pass", 3, "one")});
  SavedRun b = Run("B", {Item("X", "securite", "pass", 3, "two")});
  b.sdet_version = "7.0";
  Comparison c = CompareRuns({&a, &b}, nullptr);
  CHECK_FALSE(c.same_grid);
  CHECK(c.rows[0].definition_differs);
  CHECK(c.differing_items == std::vector<std::string>{"X"});
}

TEST_CASE("weighting: multipliers per item before axis, the SDET rule otherwise") {
  SavedRun run =
      Run("A", {Item("A", "securite", "pass", 2), Item("B", "juridique", "fail", 2),
                Item("C", "juridique", "error", 1), Item("D", "securite", "not_applicable", 5),
                Item("E", "juridique", "attested", 1)});
  Weighting w;
  w.axes = {{"securite", 3}};
  w.items = {{"C", 0}};
  // met: A 2*3 + E 1 = 7; total: A 6 + B 2 + C 0 + E 1 = 9 (D not applicable)
  CHECK(*WeightedScore(run, w) == doctest::Approx(7.0 / 9));
  Comparison c = CompareRuns({&run, &run}, &w);
  CHECK(*c.candidates[1].weighted_score == doctest::Approx(7.0 / 9));
  Weighting none;
  none.axes = {{"securite", 0}, {"juridique", 0}};
  CHECK_FALSE(WeightedScore(run, none).has_value());
}

TEST_CASE("weighting file: located errors for bad multipliers, unknown keys and names") {
  std::string dir = testing::MakeTempDir("sdetcheck-weights");
  std::string file = dir + "/w.yaml";
  std::ofstream(file) << "name: Marché 2027\naxes:\n  securite: 2\n  juridique: -1\nitems:\n"
                         "  AUTH-01: lots\nweigths: {}\n";
  Diagnostics d;
  CHECK_FALSE(LoadWeighting(file, &d).has_value());
  std::string text = d.Format();
  CHECK(text.find(file + ":4:") != std::string::npos);  // juridique: -1
  CHECK(text.find(file + ":6:") != std::string::npos);  // AUTH-01: lots
  CHECK(text.find("weigths") != std::string::npos);
  std::ofstream(file) << "name: Marché 2027\naxes: {securite: 2, nowhere: 1}\nitems: {ZZZ-1: 2}\n";
  Diagnostics ok;
  std::optional<Weighting> w = LoadWeighting(file, &ok);
  REQUIRE_MESSAGE(w.has_value(), ok.Format());
  CHECK(w->name == "Marché 2027");
  SavedRun run = Run("A", {Item("A", "securite", "pass", 2)});
  Diagnostics names;
  CheckWeightingNames(*w, run, file, &names);
  CHECK(names.size() == 2);
  CHECK(names.Format().find("nowhere") != std::string::npos);
  CHECK(names.Format().find("ZZZ-1") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sdetcheck
