#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "bundle/run_bundle.h"
#include "support/local_servers.h"
#include "util/sha256.h"

namespace sdetcheck {
namespace {

struct RunDir {
  std::string dir = testing::MakeTempDir("sdetcheck-run-bundle");
  std::vector<InputFile> grid;
  std::vector<Evidence> exchanges;
  RunRecord record;

  RunDir() {
    Write("report.json", "{}");
    Write("manifest.yaml", "grid: {}\n");
    Write("target.yaml", "target: {}\n");
    grid = {{dir + "/manifest.yaml", Sha256Hex("grid: {}\n")}};
    exchanges = {HttpExchange{"GET", "https://ent.example.fr/\x01", 200, "", "", {}, "", ""}};
    record.report_files = {dir + "/report.json"};
    record.exchanges = &exchanges;
    record.grid_files = &grid;
    record.target_file = dir + "/target.yaml";
    record.facts = {"0.1.0", "2026-12-03T10:00:00Z", "2026-12-03T10:01:00Z", {{"only", "SEC-01"}}};
  }
  ~RunDir() { std::filesystem::remove_all(dir); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir + "/" + name) << text;
  }
};

const TarEntry* Find(const std::vector<TarEntry>& files, const std::string& name) {
  for (const TarEntry& file : files) {
    if (file.name == name) return &file;
  }
  return nullptr;
}

TEST_CASE("run bundle: reports, exchanges as clean JSON lines, inputs and facts") {
  RunDir run;
  std::vector<TarEntry> files;
  std::string error;
  REQUIRE_MESSAGE(CollectRunFiles(run.record, &files, &error), error);
  REQUIRE(Find(files, "report/report.json") != nullptr);
  REQUIRE(Find(files, kBundleTarget) != nullptr);
  REQUIRE(Find(files, "inputs/grid/manifest.yaml") != nullptr);
  CHECK(Find(files, kBundleAnswers) == nullptr);  // none given
  const TarEntry* exchanges = Find(files, "exchanges.jsonl");
  REQUIRE(exchanges != nullptr);
  CHECK(exchanges->bytes.find('\x01') == std::string::npos);  // sanitised like a report
  CHECK(Find(files, "run.json")->bytes.find("\"only\": \"SEC-01\"") != std::string::npos);
}

TEST_CASE("run bundle: an input changed since the audit read it is refused") {
  RunDir run;
  run.Write("manifest.yaml", "grid: {changed: true}\n");
  std::vector<TarEntry> files;
  std::string error;
  CHECK_FALSE(CollectRunFiles(run.record, &files, &error));
  CHECK(error.find("changed since the audit read it") != std::string::npos);
  run.record.target_file = run.dir + "/missing.yaml";
  run.grid.clear();
  CHECK_FALSE(CollectRunFiles(run.record, &files, &error));
  CHECK(error.find("missing.yaml") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
