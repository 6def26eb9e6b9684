#include <doctest/doctest.h>

#include "engine/replay.h"
#include "grid/loader.h"

namespace sdetcheck {
namespace {

const std::string kRoot = SDETCHECK_SOURCE_DIR;

Check Failing() {
  Check check;
  check.key = "http.header";
  check.subject = "Strict-Transport-Security";
  check.state = CheckState::kFail;
  check.message = Msg("match.header.missing.fail", {{"name", "Strict-Transport-Security"}});
  return check;
}

struct Fixture {
  GridSet grid;
  TargetProfile target;
  Answers answers;
  const Item* item = nullptr;
  std::map<std::string, RecordedItem> recorded;

  Fixture() {
    Diagnostics d;
    grid = LoadGridSet(kRoot + "/grids/sdet-6.3", &d);
    REQUIRE_MESSAGE(d.empty(), d.Format());
    item = grid.FindItem("SEC-01B");
    REQUIRE(item != nullptr);
    REQUIRE(item->check.is_probe);
    target.degrees = {"second"};
    target.profiles = {"eleve", "parent", "enseignant", "personnel"};
    recorded[item->id] =
        RecordedItem{item->check.probe.probe, item->check.probe.with, SingleCheck(Failing())};
  }

  const ItemResult& Judge(std::vector<ItemResult>* results) {
    AuditInputs in{&grid, nullptr, &target, &answers, {item->id}, "2026-12-03"};
    *results = JudgeRecorded(in, recorded);
    REQUIRE(results->size() == 1);
    return results->front();
  }
};

TEST_CASE("replay: a recorded outcome is judged again for the same probe and parameters") {
  Fixture f;
  std::vector<ItemResult> results;
  const ItemResult& r = f.Judge(&results);
  CHECK(r.state == State::kFail);
  CHECK(r.message.code == "match.header.missing.fail");
}

TEST_CASE("replay: another probe or other parameters cannot be judged offline") {
  Fixture f;
  f.recorded[f.item->id].with["path"] = "/elsewhere";
  std::vector<ItemResult> results;
  const ItemResult& other_with = f.Judge(&results);
  CHECK(other_with.state == State::kError);
  CHECK(other_with.message.code == "replay.not_recorded");
  f.recorded[f.item->id] = RecordedItem{"another-probe", f.item->check.probe.with, {}};
  std::vector<ItemResult> again;
  CHECK(f.Judge(&again).state == State::kError);
  f.recorded.clear();
  std::vector<ItemResult> none;
  CHECK(f.Judge(&none).state == State::kError);
}

TEST_CASE("replay: new answers change the verdict without touching the ENT") {
  Fixture f;
  f.answers.waivers.push_back(Waiver{f.item->id, "HSTS en cours", "DSI", "2027-01-31", {}});
  std::vector<ItemResult> results;
  CHECK(f.Judge(&results).state == State::kWaived);
}

}  // namespace
}  // namespace sdetcheck
