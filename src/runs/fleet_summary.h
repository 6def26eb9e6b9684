#pragma once
// A fleet's results at a glance (pure): verdicts per axis across the instances, the most
// frequent failures, the worst instances. Computed from the instances' report.json only, so
// that one run and the merge of its shards give the same summary.

#include <optional>
#include <string>
#include <vector>

#include "runs/saved_run.h"
#include "runs/wording.h"

namespace sdetcheck {

struct FleetRun {
  std::string id;  // the instance's directory name
  const SavedRun* run = nullptr;
};

struct FleetRow {
  std::string id;
  std::string name;
  std::string verdict;
  std::optional<double> exigence_score;
  int exigences_failed = 0;
  int exigences_unverified = 0;  // error or not tested
};

struct FleetAxis {
  std::string axis;
  std::string name;
  int conforme = 0;
  int non_conforme = 0;
  int incomplet = 0;
};

struct FleetFailure {
  std::string item;
  std::string title;
  std::string level;
  int instances = 0;  // failing it
};

struct FleetSummary {
  std::vector<FleetRow> rows;  // by id
  int conforme = 0;
  int non_conforme = 0;
  int incomplet = 0;
  std::vector<FleetAxis> axes;
  std::vector<FleetFailure> failures;  // most frequent first, then by item id
  std::vector<FleetRow> worst;         // lowest exigences score first (at most 10)
};

FleetSummary SummarizeFleet(const std::vector<FleetRun>& runs);

std::string FleetJson(const FleetSummary& summary);
std::string FleetCsv(const FleetSummary& summary, char separator, const Wording& wording);
std::string FleetText(const FleetSummary& summary, const Wording& wording);

}  // namespace sdetcheck
