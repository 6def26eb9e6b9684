#include "runs/recorded_run.h"

#include <nlohmann/json.hpp>

#include "report/evidence_json.h"
#include "util/json_text.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

std::map<std::string, std::string> With(const json& item) {
  std::map<std::string, std::string> with;
  auto it = item.find("probe_with");
  if (it == item.end() || !it->is_object()) return with;
  for (const auto& [key, value] : it->items()) {
    if (value.is_string()) with[key] = value.get<std::string>();
  }
  return with;
}

}  // namespace

bool ReadRecordedRun(const std::string& report_text, const std::string& name,
                     std::map<std::string, RecordedItem>* items, std::string* error) {
  json report;
  std::string problem = ParseJson(report_text, &report);
  if (!problem.empty() || !report.is_object() || !report.contains("items") ||
      !report["items"].is_array()) {
    *error = name + ": not a report.json" + (problem.empty() ? "" : ": " + problem);
    return false;
  }
  for (const json& item : report["items"]) {
    if (!item.is_object() || JsonString(item, "method") != "probe") continue;
    std::optional<ProbeOutcome> outcome = OutcomeFromJson(item);
    if (!outcome) {
      *error = name + ": item " + JsonString(item, "id") +
               ": its checks or evidence cannot be read back";
      return false;
    }
    (*items)[JsonString(item, "id")] =
        RecordedItem{JsonString(item, "probe"), With(item), std::move(*outcome)};
  }
  return true;
}

}  // namespace sdetcheck
