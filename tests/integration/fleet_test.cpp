// A fleet of 50 instances of the local test ENT (scripts/testenv.sh), each its own target
// profile: audited in one run, then in 4 shards merged back, with the same result; the whole
// fleet's requests keep the global rate.

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/local_servers.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
using testing::ReadFile;
using testing::RunCommand;

constexpr int kInstances = 50;
constexpr int kRate = 40;
const char* kItems = "SEC-01A,SEC-01B,RGPD-02A";

// Instance NN: the test ENT's target under another name, its CA bundle made absolute.
std::string WriteInventory(const std::string& dir) {
  std::string env = testing::TestEnvDir();
  std::string target = ReadFile(env + "/target.yaml");
  target = std::regex_replace(target, std::regex("ca_bundle: \"certs/"),
                              "ca_bundle: \"" + env + "/certs/");
  std::string inventory = "instances:\n";
  for (int i = 0; i < kInstances; ++i) {
    std::string id = "etab-" + std::to_string(100 + i);
    std::ofstream(dir + "/" + id + ".yaml") << target;
    inventory += "  - {id: " + id + ", name: \"Établissement " + std::to_string(i) +
                 "\", target: " + id + ".yaml}\n";
  }
  std::ofstream(dir + "/parc.yaml") << inventory;
  return dir + "/parc.yaml";
}

int Fleet(const std::string& arguments, std::string* out) {
  std::string err;
  int code = RunCommand("SDET_TEST_PASSWORD=x " + std::string(SDETCHECK_BINARY) + " " + arguments,
                        out, &err);
  *out += err;
  return code;
}

std::map<std::string, std::string> ItemStates(const std::string& report_file) {
  std::map<std::string, std::string> states;
  json report = json::parse(ReadFile(report_file), nullptr, false);
  for (const json& item : report["items"]) states[item["id"]] = item["state"];
  return states;
}

TEST_SUITE("integration") {
  TEST_CASE("fleet: 50 instances in one run equal 4 shards merged, within the global rate") {
    REQUIRE(!testing::TestEnvDir().empty());
    std::string dir = testing::MakeTempDir("sdetcheck-fleet");
    std::string inventory = WriteInventory(dir);
    std::string common = " -q --only " + std::string(kItems) + " --rate " + std::to_string(kRate) +
                         " -f json --today 2026-11-23";
    std::string out;
    int single = Fleet("fleet " + inventory + common + " -o " + dir + "/one", &out);
    CHECK_MESSAGE(single <= 2, out);
    json one = json::parse(ReadFile(dir + "/one/fleet.json"), nullptr, false);
    REQUIRE_MESSAGE(!one.is_discarded(), out);
    CHECK(one["instances"] == kInstances);

    std::string shards;
    for (int i = 0; i < 4; ++i) {
      std::string shard_dir = dir + "/shard-" + std::to_string(i);
      CHECK(Fleet("fleet " + inventory + common + " --shard " + std::to_string(i) + "/4 -o " +
                      shard_dir,
                  &out) <= 2);
      json part = json::parse(ReadFile(shard_dir + "/fleet.json"), nullptr, false);
      CHECK(part["instances"] == (i < 2 ? 13 : 12));  // 50 = 13 + 13 + 12 + 12
      shards += " " + shard_dir;
    }
    CHECK(Fleet("merge" + shards + " -o " + dir + "/merged", &out) == single);
    CHECK(ReadFile(dir + "/merged/fleet.json") == ReadFile(dir + "/one/fleet.json"));
    for (int i = 0; i < kInstances; ++i) {
      std::string id = "etab-" + std::to_string(100 + i);
      CHECK_MESSAGE(ItemStates(dir + "/merged/" + id + "/report.json") ==
                        ItemStates(dir + "/one/" + id + "/report.json"),
                    id);
    }
    // The global rate holds for the fleet as a whole: N requests need (N - rate) / rate
    // seconds at least (at most `rate` start in any 1.1 s window).
    json first = json::parse(ReadFile(dir + "/one/etab-100/report.json"), nullptr, false);
    int requests = 0;
    for (int i = 0; i < kInstances; ++i) {
      json report = json::parse(
          ReadFile(dir + "/one/etab-" + std::to_string(100 + i) + "/report.json"), nullptr, false);
      requests += report["run"]["requests_sent"].get<int>();
    }
    double seconds = first["run"]["duration_seconds"];
    CHECK(requests >= kInstances * 2);
    CHECK(seconds >= static_cast<double>(requests - kRate) / kRate);
    MESSAGE(requests << " requests for " << kInstances << " instances in " << seconds << " s");
    CHECK(Fleet("merge " + dir + "/shard-0 " + dir + "/shard-0 -o " + dir + "/twice", &out) == 3);
    std::filesystem::remove_all(dir);
  }
}

}  // namespace
}  // namespace sdetcheck
