// Audits of the reference ENT (scripts/refent.sh: slapd, LemonLDAP::NG, nginx on
// 127.0.0.1), both variants, compared with the machine-readable list of deliberate
// non-conformities in reference-ent/flaws.yaml.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "support/json_schema.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
const std::string kRoot = SDETCHECK_SOURCE_DIR;

using testing::RefEntDir;

// The reference ENT runs on this machine: audited at --rate 40 (the default 10 is for real
// ENTs), so that the suite stays short; the per-host concurrency limit still applies.
// Each run also writes its evidence bundle, signed with `key`, as `out_dir`.sdetbundle.
json AuditRefEnt(const std::string& out_dir, const std::string& key, int* exit_code,
                 std::string* err) {
  std::string out;
  std::string command = std::string(SDETCHECK_BINARY) + " audit -q --rate 40 --target " +
                        RefEntDir() + "/target.yaml --today 2026-11-23 --out " + out_dir +
                        " --format json,html --bundle " + out_dir + ".sdetbundle --sign-key " + key;
  *exit_code = testing::RunCommand(command, &out, err);
  return json::parse(testing::ReadFile(out_dir + "/report.json"), nullptr, false);
}

int SwitchVariant(const std::string& variant) {
  std::string out, err;
  return testing::RunCommand(
      kRoot + "/scripts/refent.sh variant " + variant + " --dir " + RefEntDir(), &out, &err);
}

std::map<std::string, std::string> ProbedStates(const json& report) {
  std::map<std::string, std::string> states;
  for (const json& item : report["items"]) {
    if (item["method"] == "probe") states[item["id"]] = item["state"];
  }
  return states;
}

// The state of each check of one item, by key.
std::map<std::string, std::string> CheckStates(const json& report, const std::string& item_id) {
  std::map<std::string, std::string> states;
  for (const json& item : report["items"]) {
    if (item["id"] != item_id) continue;
    for (const json& check : item["checks"]) states[check["key"]] = check["state"];
  }
  return states;
}

std::set<std::string> DocumentedFlaws() {
  YAML::Node flaws = YAML::LoadFile(kRoot + "/reference-ent/flaws.yaml");
  std::set<std::string> items;
  for (const YAML::Node& flaw : flaws["flaws"]) {
    for (const YAML::Node& item : flaw["items"]) items.insert(item.as<std::string>());
  }
  return items;
}

// `sdetcheck diff` of the two runs: exactly the documented flaws are regressions, and the
// exit status says so to a CI job.
void CheckDiffListsTheFlaws(const std::string& dir, const std::set<std::string>& documented) {
  std::string out, err;
  int exit_code = testing::RunCommand(std::string(SDETCHECK_BINARY) + " diff " + dir +
                                          "/conformant " + dir + "/flawed --format json",
                                      &out, &err);
  CHECK_MESSAGE(exit_code == 1, err);
  json diff = json::parse(out, nullptr, false);
  REQUIRE_MESSAGE(!diff.is_discarded(), out.substr(0, 200));
  std::set<std::string> regressions;
  for (const json& change : diff["changes"]) {
    if (change["kind"] == "regression") regressions.insert(change["id"]);
  }
  CHECK(regressions == documented);
  exit_code = testing::RunCommand(
      std::string(SDETCHECK_BINARY) + " diff " + dir + "/flawed " + dir + "/flawed", &out, &err);
  CHECK_MESSAGE(exit_code == 0, out);
}

int Sdetcheck(const std::string& arguments, std::string* out) {
  std::string err;
  int code = testing::RunCommand(std::string(SDETCHECK_BINARY) + " " + arguments, out, &err);
  *out += err;
  return code;
}

// The flawed run's bundle verifies against the auditor's key and replays offline to exactly
// the same states; the conformant run replayed with the example answers is a third run, and
// the three compare into a table with one column per run.
void CheckBundlesReplayAndCompare(const std::string& dir) {
  std::string out;
  CHECK_MESSAGE(
      Sdetcheck("bundle verify " + dir + "/flawed.sdetbundle --key " + dir + "/ed.pub", &out) == 0,
      out);
  CHECK(Sdetcheck("replay " + dir + "/flawed.sdetbundle --key " + dir + "/ed.pub -f json -o " +
                      dir + "/replayed --today 2026-11-23",
                  &out) == 1);  // non conforme, as recorded
  CHECK_MESSAGE(Sdetcheck("diff " + dir + "/flawed " + dir + "/replayed --format json", &out) == 0,
                out);
  json diff = json::parse(out, nullptr, false);
  REQUIRE(!diff.is_discarded());
  for (const json& change : diff["changes"])
    CHECK_MESSAGE(change["old_state"] == change["new_state"], change["id"]);
  CHECK(diff["old"]["verdict"] == diff["new"]["verdict"]);
  CHECK(Sdetcheck("replay " + dir + "/conformant.sdetbundle --key " + dir + "/ed.pub -f json -o " +
                      dir + "/with-answers --today 2026-11-23 --answers " + kRoot +
                      "/examples/answers.yaml",
                  &out) <= 2);
  REQUIRE_MESSAGE(Sdetcheck("compare " + dir + "/conformant " + dir + "/flawed " + dir +
                                "/with-answers -o " + dir + "/compare",
                            &out) == 0,
                  out);
  std::string csv = testing::ReadFile(dir + "/compare/compare.csv");
  std::string header = csv.substr(0, csv.find("\r\n"));
  CHECK(std::count(header.begin(), header.end(), ';') == 6 + 3);
  CHECK(header.find("(flawed)") != std::string::npos);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 102);  // header, then every item
  CHECK(testing::ReadFile(dir + "/compare/compare.html").find("</html>") != std::string::npos);
}

TEST_SUITE("refent") {
  TEST_CASE(
      "the flawed variant fails exactly its documented non-conformities and nothing else changes") {
    REQUIRE(!RefEntDir().empty());
    std::set<std::string> documented = DocumentedFlaws();
    REQUIRE(documented.size() >= 10);
    std::string dir = testing::MakeTempDir("sdetcheck-refent");
    REQUIRE(SwitchVariant("conformant") == 0);  // whatever state an earlier run left
    std::string key = dir + "/ed.key", ignored;
    REQUIRE(testing::RunCommand("openssl genpkey -algorithm ed25519 -out " + key +
                                    " && openssl pkey -in " + key + " -pubout -out " + dir +
                                    "/ed.pub",
                                &ignored, &ignored) == 0);

    int exit_code = 0;
    std::string err;
    json conformant = AuditRefEnt(dir + "/conformant", key, &exit_code, &err);
    REQUIRE_MESSAGE(!conformant.is_discarded(), err);
    CHECK(testing::SchemaErrors(conformant, kRoot + "/docs/schemas/report.schema.json") == "");
    std::map<std::string, std::string> before = ProbedStates(conformant);
    for (const auto& [id, state] : before) {
      CHECK_MESSAGE(state == "pass", "conformant variant: " << id << " is " << state);
    }
    for (const std::string& id : documented)
      CHECK_MESSAGE(before.count(id) == 1, id << " is not a probed item");

    REQUIRE(SwitchVariant("flawed") == 0);
    json flawed = AuditRefEnt(dir + "/flawed", key, &exit_code, &err);
    REQUIRE(SwitchVariant("conformant") == 0);
    REQUIRE_MESSAGE(!flawed.is_discarded(), err);
    CHECK(exit_code == 1);  // non conforme (without answers, the conformant run is incomplet: 2)
    CHECK(flawed["verdict"] == "non_conforme");
    std::map<std::string, std::string> after = ProbedStates(flawed);
    std::set<std::string> failing;
    for (const auto& [id, state] : after) {
      if (state == "fail") failing.insert(id);
      if (!documented.count(id))
        CHECK_MESSAGE(state == before[id], id << " changed: " << before[id] << " -> " << state);
    }
    CHECK(failing == documented);
    for (const std::string& id : documented)
      CHECK_MESSAGE(after[id] == "fail", id << " is " << after[id]);
    // The ENT as SAML SP (AUTH-05G): the conformant portal refuses every bad Response after
    // accepting the valid one; the flawed one (FLAW-19) only lets the expired one in.
    const std::map<std::string, std::string> sp_conformant = CheckStates(conformant, "AUTH-05G");
    const std::map<std::string, std::string> sp_flawed = CheckStates(flawed, "AUTH-05G");
    for (const char* key : {"saml.sp.accepts_valid", "saml.sp.replay", "saml.sp.foreign_audience",
                            "saml.sp.expired", "saml.sp.unsigned", "saml.sp.untrusted_key"}) {
      std::string expected = std::string(key) == "saml.sp.expired" ? "fail" : "pass";
      auto before_state = sp_conformant.find(key);
      auto after_state = sp_flawed.find(key);
      REQUIRE_MESSAGE(before_state != sp_conformant.end(), key);
      REQUIRE_MESSAGE(after_state != sp_flawed.end(), key);
      CHECK_MESSAGE(before_state->second == "pass", key);
      CHECK_MESSAGE(after_state->second == expected, key);
    }
    // The attributes CAS releases against the feed (AAF-09): without the join key (FLAW-07)
    // every account differs on it; eleve1 also gets its groups as classes (FLAW-23).
    for (const auto& [variant, report] :
         {std::pair{"conformant", &conformant}, std::pair{"flawed", &flawed}}) {
      size_t accounts = 0;
      for (const json& item : (*report)["items"]) {
        if (item["id"] != "AAF-09") continue;
        for (const json& check : item["checks"]) {
          if (check["key"] != "cas.feed_match") continue;
          ++accounts;
          std::string observed = check["observed"];
          bool flawed_variant = std::string(variant) == "flawed";
          CHECK_MESSAGE(check["state"] == (flawed_variant ? "fail" : "pass"), observed);
          CHECK_MESSAGE((observed.find("differ:") != std::string::npos) == flawed_variant,
                        observed);
          bool classes_differ = observed.find("differ:") != std::string::npos &&
                                observed.find("classes") != std::string::npos;
          std::string subject = check["subject"];  // "eleve1 -> https://..."
          bool eleve1 = subject.rfind("eleve1 ", 0) == 0;
          CHECK_MESSAGE(classes_differ == (flawed_variant && eleve1),
                        variant << ": " << subject << ": " << observed);
        }
      }
      CHECK_MESSAGE(accounts == 4, variant);  // one account per profile
    }
    CheckDiffListsTheFlaws(dir, documented);
    CheckBundlesReplayAndCompare(dir);
    std::filesystem::remove_all(dir);
  }

}  // TEST_SUITE

}  // namespace
}  // namespace sdetcheck
