#include "report/saved_report.h"

#include <fstream>
#include <sstream>

#include "report/json_model.h"
#include "util/json_text.h"

namespace sdetcheck {

using nlohmann::json;

namespace {

bool CheckSchemaVersion(const std::string& file, const json& report, std::string* error) {
  json version = report.value("schema_version", json());
  // Compared as strings: GCC 12 at -O3 warns (array-bounds) inside json == const char*.
  if (version.is_string() && version.get<std::string>() == kReportSchemaVersion) return true;
  std::string seen = version.is_string() ? version.get<std::string>() : version.dump();
  *error = file + ": report schema version " + seen + ", this sdetcheck reads version " +
           kReportSchemaVersion +
           (seen == "1" ? " (version 1 reports hold free-text results, not typed checks: run the "
                          "audit again with this version)"
                        : "");
  return false;
}

}  // namespace

bool ReadSavedReport(const std::string& file, json* report, std::string* error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *error = file + ": cannot read the report";
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string problem = ParseJson(text.str(), report);
  if (!problem.empty() || !report->is_object()) {
    *error = file + ": not a JSON report (report.json written by sdetcheck audit)" +
             (problem.empty() ? "" : ": " + problem);
    return false;
  }
  if (!CheckSchemaVersion(file, *report, error)) return false;
  for (const char* key : {"lang", "target", "grid", "summary", "items", "basis", "run"}) {
    if (!report->contains(key)) {
      *error = file + ": '" + key + "' is missing: not a complete sdetcheck report";
      return false;
    }
  }
  if (!(*report)["lang"].is_string() || !(*report)["items"].is_array()) {
    *error = file + ": 'lang' is not a string or 'items' not a list";
    return false;
  }
  return true;
}

}  // namespace sdetcheck
