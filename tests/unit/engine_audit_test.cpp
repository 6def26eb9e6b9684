#include <map>
#include <variant>

#include <doctest/doctest.h>

#include "engine/audit.h"
#include "engine/progress.h"
#include "grid/loader.h"
#include "judge/score.h"
#include "net/coalescing_transport.h"
#include "probe/loader.h"
#include "support/replay_transport.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures/unit";

struct World {
  World() {
    grid = LoadGridSet(kFixtures + "/grid", &diagnostics);
    probes = LoadProbes({kFixtures + "/probes"}, &diagnostics);
    target.name = "ENT de test";
    target.base_url = "https://ent.example.test";
    target.http_url = "http://ent.example.test";
    target.degrees = {"second"};
    target.profiles = {"eleve", "parent"};
    Attestation attestation;
    attestation.item = "JUR-01";
    attestation.answer = "conforme";
    attestation.evidence = "Registre des traitements v1";
    attestation.author = "DPO";
    attestation.date = "2026-01-10";
    answers.attestations.push_back(attestation);
    Waiver waiver;
    waiver.item = "SEC-08";
    waiver.justification = "Migration CAS en cours";
    waiver.owner = "DSI";
    waiver.expires = "2099-12-31";
    answers.waivers.push_back(waiver);
    transport.LoadDirectory(RecordingsDirectory());
  }

  AuditInputs Inputs(std::vector<std::string> only = {}, std::string today = "2026-06-01") const {
    AuditInputs in;
    in.grid = &grid;
    in.probes = &probes;
    in.target = &target;
    in.answers = &answers;
    in.only = std::move(only);
    in.today = std::move(today);
    return in;
  }

  std::vector<ItemResult> Run(const AuditInputs& in, Transport* through = nullptr) {
    Progress progress(Progress::Mode::kQuiet);
    return RunAudit(in, through ? through : &transport, redactor, &progress);
  }

  Diagnostics diagnostics;
  GridSet grid;
  ProbeCatalog probes;
  TargetProfile target;
  Answers answers;
  Redactor redactor;
  ReplayTransport transport;
};

std::map<std::string, State> States(const std::vector<ItemResult>& results) {
  std::map<std::string, State> states;
  for (const ItemResult& r : results) states[r.item->id] = r.state;
  return states;
}

std::vector<std::string> Ids(const std::vector<const Item*>& items) {
  std::vector<std::string> ids;
  for (const Item* item : items) ids.push_back(item->id);
  return ids;
}

const ItemResult& Find(const std::vector<ItemResult>& results, const std::string& id) {
  for (const ItemResult& r : results) {
    if (r.item->id == id) return r;
  }
  FAIL("no result for " << id);
  return results.front();
}

TEST_CASE("the unit fixtures load without diagnostics") {
  World w;
  INFO(w.diagnostics.Format());
  CHECK(w.diagnostics.empty());
  CHECK(w.grid.items.size() == 12);
  CHECK(w.grid.axes.size() == 2);
  CHECK(w.probes.probes.size() == 5);
}

TEST_CASE("SelectItems selects everything, by id, or by axis, in grid order") {
  World w;
  CHECK(SelectItems(w.grid, {}).size() == 12);
  CHECK(Ids(SelectItems(w.grid, {"SEC-08", "SEC-01"})) ==
        std::vector<std::string>{"SEC-01", "SEC-08"});
  CHECK(Ids(SelectItems(w.grid, {"juridique"})) ==
        std::vector<std::string>{"JUR-01", "JUR-02", "JUR-03", "JUR-04"});
  CHECK(Ids(SelectItems(w.grid, {"JUR-02", "securite"})).size() == 9);
  CHECK(SelectItems(w.grid, {"NOPE-01"}).empty());
}

TEST_CASE("NotApplicableReason checks degrees and profiles against the target") {
  World w;
  const Item* premier = w.grid.FindItem("SEC-05");
  const Item* collectivite = w.grid.FindItem("JUR-03");
  const Item* everywhere = w.grid.FindItem("SEC-01");
  REQUIRE(premier);
  REQUIRE(collectivite);
  REQUIRE(everywhere);
  Message degree = NotApplicableReason(*premier, w.target);
  CHECK(degree.code == "item.not_applicable.degrees");
  CHECK(degree.Param("item") == "premier");
  CHECK(degree.Param("target") == "second");
  Message profile = NotApplicableReason(*collectivite, w.target);
  CHECK(profile.code == "item.not_applicable.profiles");
  CHECK(profile.Param("item").find("collectivite") != std::string::npos);
  CHECK(NotApplicableReason(*everywhere, w.target).empty());

  TargetProfile both = w.target;
  both.degrees = {"premier", "second"};
  CHECK(NotApplicableReason(*premier, both).empty());
  TargetProfile unknown = w.target;  // a target that does not say applies to everything
  unknown.degrees.clear();
  unknown.profiles.clear();
  CHECK(NotApplicableReason(*premier, unknown).empty());
  CHECK(NotApplicableReason(*collectivite, unknown).empty());
}

TEST_CASE("RunAudit judges every item end to end over recorded responses") {
  World w;
  REQUIRE(w.diagnostics.empty());
  std::vector<ItemResult> results = w.Run(w.Inputs());
  REQUIRE(results.size() == 12);
  std::map<std::string, State> expected = {
      {"SEC-01", State::kPass},          {"SEC-02", State::kPass},
      {"SEC-03", State::kPass},          {"SEC-04", State::kError},
      {"SEC-05", State::kNotApplicable}, {"SEC-06", State::kError},
      {"SEC-07", State::kError},         {"SEC-08", State::kWaived},
      {"JUR-01", State::kAttested},      {"JUR-02", State::kNotTested},
      {"JUR-03", State::kNotApplicable}, {"JUR-04", State::kPass}};
  std::map<std::string, State> states = States(results);
  for (const auto& [id, state] : expected) {
    INFO(id << ": got " << StateName(states[id])
            << ", message: " << Find(results, id).message.code);
    CHECK(states[id] == state);
  }
  // Grid order.
  CHECK(results.front().item->id == "SEC-01");
  CHECK(results.back().item->id == "JUR-04");
  CHECK(w.transport.unmatched().empty());
}

TEST_CASE("RunAudit: one probe's error leaves the other items complete") {
  World w;
  std::vector<ItemResult> results = w.Run(w.Inputs());
  const ItemResult& down = Find(results, "SEC-04");
  CHECK(down.state == State::kError);
  CHECK(down.message.code == "transport.connect");
  REQUIRE(down.checks.size() == 1);
  CHECK(down.checks[0].observed.find("Connection refused") != std::string::npos);
  CHECK(Find(results, "SEC-06").message.code == "probe.undefined");
  CHECK(Find(results, "SEC-06").message.Param("probe") == "no-such-probe");
  CHECK(Find(results, "SEC-07").message.code == "variable.unknown");
  CHECK(Find(results, "SEC-07").message.Param("name") == "vars.nope");
  int completed = 0;
  for (const ItemResult& r : results) completed += r.state == State::kPass ? 1 : 0;
  CHECK(completed == 4);
  const ItemResult& cas = Find(results, "SEC-03");
  REQUIRE(cas.evidence.size() == 1);
  CHECK(std::get<HttpExchange>(cas.evidence[0]).status == 200);
  REQUIRE(!cas.checks.empty());
  CHECK(cas.checks[0].expected.find("XPath") != std::string::npos);
}

TEST_CASE("RunAudit does not request anything for items that do not apply") {
  World w;
  w.Run(w.Inputs());
  // SEC-02 (hsts) and JUR-04 (legal notice) both read the home page; SEC-05 and JUR-03 do
  // not apply and are never sent.
  CHECK(w.transport.SubmittedCount("https://ent.example.test/") == 2);
  CHECK(w.transport.SubmittedCount("http://ent.example.test/") == 1);
  CHECK(w.transport.TotalSubmitted() == 6);
}

TEST_CASE("RunAudit through a coalescing transport sends the shared request once") {
  World w;
  CoalescingTransport coalescing(&w.transport);
  std::vector<ItemResult> results = w.Run(w.Inputs(), &coalescing);
  CHECK(w.transport.SubmittedCount("https://ent.example.test/") == 1);
  CHECK(coalescing.coalesced() == 1);
  CHECK(States(results)["SEC-02"] == State::kPass);
  CHECK(States(results)["JUR-04"] == State::kPass);
}

TEST_CASE("RunAudit with --only runs and reports the selection only") {
  World w;
  std::vector<ItemResult> results = w.Run(w.Inputs({"juridique"}));
  REQUIRE(results.size() == 4);
  CHECK(results[0].item->id == "JUR-01");
  CHECK(w.transport.SubmittedCount("http://ent.example.test/") == 0);
  CHECK(w.transport.SubmittedCount("https://ent.example.test/") == 1);
}

TEST_CASE("RunAudit: an expired waiver lets the failure count again") {
  World w;
  std::vector<ItemResult> results = w.Run(w.Inputs({"SEC-08"}, "2100-01-01"));
  REQUIRE(results.size() == 1);
  CHECK(results[0].state == State::kFail);
  CHECK(results[0].waiver_expired);
  Summary summary = Summarize(results, {"securite", "juridique"});
  CHECK(summary.overall.verdict == Verdict::kNonConforme);
}

TEST_CASE("RunAudit results feed the verdict: errors make the audit incomplet") {
  World w;
  Summary summary = Summarize(w.Run(w.Inputs()), {"securite", "juridique"});
  CHECK(summary.overall.verdict == Verdict::kIncomplet);
  CHECK(summary.overall.exigence.error == 3);
  CHECK(summary.overall.exigence.waived == 1);
  CHECK(summary.overall.exigence.not_applicable == 1);
  CHECK(summary.overall.recommandation.pass == 1);
  CHECK(summary.overall.recommandation.not_applicable == 1);
}

TEST_CASE("RunAudit with a fault on the CAS only errors the CAS items") {
  World w;
  FaultTransport faults(&w.transport);
  faults.AddFault("/cas/", FaultTransport::Fault::kRedirectLoop);
  std::vector<ItemResult> results = w.Run(w.Inputs({"securite"}), &faults);
  std::map<std::string, State> states = States(results);
  CHECK(states["SEC-03"] == State::kError);
  CHECK(states["SEC-08"] == State::kError);  // a waiver never hides an error
  CHECK(states["SEC-01"] == State::kPass);
  CHECK(states["SEC-02"] == State::kPass);
  CHECK(faults.faults_injected() == 2);
}

}  // namespace
}  // namespace sdetcheck
