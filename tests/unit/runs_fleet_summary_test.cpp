#include <doctest/doctest.h>

#include "runs/fleet_summary.h"

namespace sdetcheck {
namespace {

SavedRun Run(const std::string& name, const std::string& verdict, double score,
             const std::vector<std::string>& failing) {
  SavedRun run;
  run.target_name = name;
  run.verdict = verdict;
  run.overall.exigence.score = score;
  run.overall.exigence.fail = static_cast<int>(failing.size());
  run.axes = {{"securite", "Sécurité", verdict, {}, {}}};
  for (const std::string& id : failing) {
    SavedItem item;
    item.id = id;
    item.state = "fail";
    item.level = "exigence";
    item.title = "Title " + id;
    run.items.push_back(item);
  }
  return run;
}

TEST_CASE("fleet summary: verdicts, most frequent failures, worst instances, input order ignored") {
  SavedRun a = Run("A", "non_conforme", 0.5, {"SEC-01", "SEC-02"});
  SavedRun b = Run("B", "conforme", 1.0, {});
  SavedRun c = Run("C", "non_conforme", 0.7, {"SEC-01"});
  FleetSummary one = SummarizeFleet({{"b", &b}, {"a", &a}, {"c", &c}});
  FleetSummary two = SummarizeFleet({{"c", &c}, {"a", &a}, {"b", &b}});
  CHECK(FleetJson(one) == FleetJson(two));
  CHECK(one.non_conforme == 2);
  CHECK(one.conforme == 1);
  REQUIRE(one.axes.size() == 1);
  CHECK(one.axes[0].non_conforme == 2);
  REQUIRE(one.failures.size() == 2);
  CHECK(one.failures[0].item == "SEC-01");
  CHECK(one.failures[0].instances == 2);
  REQUIRE(one.worst.size() == 3);
  CHECK(one.worst[0].id == "a");
  CHECK(one.rows[0].id == "a");
  Wording w{[](const Message& m) { return m.code; }, [](const std::string& k) { return k; }};
  std::string csv = FleetCsv(one, ';', w);
  CHECK(csv.find("a;A;verdict.non_conforme;50 %;2;0;a/report.json") != std::string::npos);
  CHECK(FleetText(one, w).find("fleet.verdicts") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
