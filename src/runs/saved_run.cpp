#include "runs/saved_run.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "report/saved_report.h"
#include "util/json_text.h"
#include "util/sha256.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

// A text of the report: {"fr": ..., "en": ...} or already a string.
std::string Text(const json& value, const std::string& lang) {
  if (value.is_string()) return value.get<std::string>();
  std::string text = JsonString(value, lang.c_str());
  return text.empty() ? JsonString(value, "fr") : text;
}

SavedTally ReadTally(const json& t) {
  SavedTally tally;
  tally.pass = JsonInt(t, "pass");
  tally.fail = JsonInt(t, "fail");
  tally.error = JsonInt(t, "error");
  tally.not_tested = JsonInt(t, "not_tested");
  tally.attested = JsonInt(t, "attested");
  tally.waived = JsonInt(t, "waived");
  tally.not_applicable = JsonInt(t, "not_applicable");
  tally.weight_met = JsonInt(t, "weight_met");
  tally.weight_total = JsonInt(t, "weight_total");
  tally.weight_probed = JsonInt(t, "weight_probed");
  tally.weight_declared = JsonInt(t, "weight_declared");
  const json& score = JsonMember(t, "score");
  if (score.is_number()) tally.score = score.get<double>();
  return tally;
}

SavedScope ReadScope(const json& s, const std::string& lang) {
  SavedScope scope;
  scope.axis = JsonString(s, "axis");
  scope.name = Text(JsonMember(s, "name"), lang);
  scope.verdict = JsonString(s, "verdict");
  scope.exigence = ReadTally(JsonMember(s, "exigence"));
  scope.recommandation = ReadTally(JsonMember(s, "recommandation"));
  return scope;
}

SavedCheck ReadCheck(const json& c) {
  SavedCheck check;
  check.key = JsonString(c, "key");
  check.subject = JsonString(c, "subject");
  check.state = JsonString(c, "state");
  const json& message = JsonMember(c, "message");
  check.message_code = JsonString(message, "code");
  check.message_params =
      JsonMember(message, "params").dump(-1, ' ', false, json::error_handler_t::replace);
  check.message_text = JsonString(message, "text");
  check.observed = JsonString(c, "observed");
  return check;
}

// Two grids define an item alike when these are equal, whatever the report's language.
std::string DefinitionDigest(const json& i) {
  json definition = json::array();
  for (const char* key : {"axis", "level", "keyword", "weight", "method", "probe", "statement"})
    definition.push_back(JsonMember(i, key));
  return Sha256Hex(definition.dump(-1, ' ', false, json::error_handler_t::replace));
}

SavedItem ReadItem(const json& i, const std::string& lang) {
  SavedItem item;
  item.id = JsonString(i, "id");
  item.axis = JsonString(i, "axis");
  item.level = JsonString(i, "level");
  item.method = JsonString(i, "method");
  item.state = JsonString(i, "state");
  item.title = Text(JsonMember(i, "title"), lang);
  item.message_text = JsonString(JsonMember(i, "message"), "text");
  item.responsible = JsonString(i, "responsible");
  item.weight = JsonInt(i, "weight");
  item.definition = DefinitionDigest(i);
  const json& checks = JsonMember(i, "checks");
  if (checks.is_array()) {
    for (const json& c : checks) item.checks.push_back(ReadCheck(c));
  }
  return item;
}

std::string ReportFileOf(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return (std::filesystem::path(path) / "report.json").string();
  return path;
}

void ReadHeader(const json& report, SavedRun* run) {
  run->lang = JsonString(report, "lang");
  run->generated_at = JsonString(report, "generated_at");
  run->tool_version = JsonString(JsonMember(report, "tool"), "version");
  run->target_name = JsonString(JsonMember(report, "target"), "name");
  run->base_url = JsonString(JsonMember(report, "target"), "base_url");
  run->grid_id = JsonString(JsonMember(report, "grid"), "id");
  run->sdet_version = JsonString(JsonMember(report, "grid"), "sdet_version");
  run->verdict = JsonString(report, "verdict");
  run->weight_probed = JsonInt(JsonMember(report, "basis"), "weight_probed");
  run->weight_declared = JsonInt(JsonMember(report, "basis"), "weight_declared");
}

}  // namespace

const SavedItem* SavedRun::FindItem(const std::string& id) const {
  for (const SavedItem& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

bool LoadSavedRun(const std::string& path, SavedRun* run, std::string* error) {
  run->file = ReportFileOf(path);
  json report;
  if (!ReadSavedReport(run->file, &report, error)) return false;
  ReadHeader(report, run);
  const json& summary = JsonMember(report, "summary");
  run->overall = ReadScope(JsonMember(summary, "overall"), run->lang);
  const json& axes = JsonMember(summary, "axes");
  if (axes.is_array()) {
    for (const json& axis : axes) run->axes.push_back(ReadScope(axis, run->lang));
  }
  const json& inputs = JsonMember(report, "inputs");
  if (inputs.is_array()) {
    for (const json& input : inputs)
      run->inputs.push_back(
          {JsonString(input, "kind"), JsonString(input, "path"), JsonString(input, "sha256")});
  }
  for (const json& item : report["items"]) run->items.push_back(ReadItem(item, run->lang));
  return true;
}

}  // namespace sdetcheck
