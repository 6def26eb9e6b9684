#pragma once
// What the bundle of one audit holds (docs/bundle.md): the reports, every exchange made
// (redacted), the grid, probe, target and answers files as read, and the run's facts.

#include <string>
#include <vector>

#include "bundle/bundle.h"
#include "finding/evidence.h"
#include "grid/grid_set.h"

namespace sdetcheck {

struct RunFacts {
  std::string tool_version;
  std::string started_at;                                    // ISO 8601 UTC
  std::string finished_at;                                   // ISO 8601 UTC
  std::vector<std::pair<std::string, std::string>> options;  // what shaped the run
};

struct RunRecord {
  std::vector<std::string> report_files;  // as written by the audit
  const std::vector<Evidence>* exchanges = nullptr;
  const std::vector<InputFile>* grid_files = nullptr;
  const std::vector<InputFile>* probe_files = nullptr;
  std::string target_file;
  std::string answers_file;  // "" when none
  RunFacts facts;
};

// Paths inside the bundle.
inline constexpr const char* kBundleReport = "report/report.json";
inline constexpr const char* kBundleGridDir = "inputs/grid/";
inline constexpr const char* kBundleTarget = "inputs/target.yaml";
inline constexpr const char* kBundleAnswers = "inputs/answers.yaml";

// The files of `record`, read from disk; false with *error naming a file that cannot be read.
// A file changed since the audit read it (its SHA-256 differs from the one recorded) is an
// error too: the bundle must hold what the run used.
bool CollectRunFiles(const RunRecord& record, std::vector<TarEntry>* files, std::string* error);

}  // namespace sdetcheck
