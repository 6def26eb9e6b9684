#include "runs/saved_run.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "report/saved_report.h"
#include "util/sha256.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

// Readers that never throw: a hand-edited or truncated report gives empty values, not a crash.
std::string Str(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

int Int(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

const json& Member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it != object.end() ? *it : kNull;
}

// A text of the report: {"fr": ..., "en": ...} or already a string.
std::string Text(const json& value, const std::string& lang) {
  if (value.is_string()) return value.get<std::string>();
  std::string text = Str(value, lang.c_str());
  return text.empty() ? Str(value, "fr") : text;
}

SavedTally ReadTally(const json& t) {
  SavedTally tally;
  tally.pass = Int(t, "pass");
  tally.fail = Int(t, "fail");
  tally.error = Int(t, "error");
  tally.not_tested = Int(t, "not_tested");
  tally.attested = Int(t, "attested");
  tally.waived = Int(t, "waived");
  tally.not_applicable = Int(t, "not_applicable");
  tally.weight_met = Int(t, "weight_met");
  tally.weight_total = Int(t, "weight_total");
  tally.weight_probed = Int(t, "weight_probed");
  tally.weight_declared = Int(t, "weight_declared");
  const json& score = Member(t, "score");
  if (score.is_number()) tally.score = score.get<double>();
  return tally;
}

SavedScope ReadScope(const json& s, const std::string& lang) {
  SavedScope scope;
  scope.axis = Str(s, "axis");
  scope.name = Text(Member(s, "name"), lang);
  scope.verdict = Str(s, "verdict");
  scope.exigence = ReadTally(Member(s, "exigence"));
  scope.recommandation = ReadTally(Member(s, "recommandation"));
  return scope;
}

SavedCheck ReadCheck(const json& c) {
  SavedCheck check;
  check.key = Str(c, "key");
  check.subject = Str(c, "subject");
  check.state = Str(c, "state");
  const json& message = Member(c, "message");
  check.message_code = Str(message, "code");
  check.message_params =
      Member(message, "params").dump(-1, ' ', false, json::error_handler_t::replace);
  check.message_text = Str(message, "text");
  check.observed = Str(c, "observed");
  return check;
}

// Two grids define an item alike when these are equal, whatever the report's language.
std::string DefinitionDigest(const json& i) {
  json definition = json::array();
  for (const char* key : {"axis", "level", "keyword", "weight", "method", "probe", "statement"})
    definition.push_back(Member(i, key));
  return Sha256Hex(definition.dump(-1, ' ', false, json::error_handler_t::replace));
}

SavedItem ReadItem(const json& i, const std::string& lang) {
  SavedItem item;
  item.id = Str(i, "id");
  item.axis = Str(i, "axis");
  item.level = Str(i, "level");
  item.method = Str(i, "method");
  item.state = Str(i, "state");
  item.title = Text(Member(i, "title"), lang);
  item.message_text = Str(Member(i, "message"), "text");
  item.responsible = Str(i, "responsible");
  item.weight = Int(i, "weight");
  item.definition = DefinitionDigest(i);
  const json& checks = Member(i, "checks");
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
  run->lang = Str(report, "lang");
  run->generated_at = Str(report, "generated_at");
  run->tool_version = Str(Member(report, "tool"), "version");
  run->target_name = Str(Member(report, "target"), "name");
  run->base_url = Str(Member(report, "target"), "base_url");
  run->grid_id = Str(Member(report, "grid"), "id");
  run->sdet_version = Str(Member(report, "grid"), "sdet_version");
  run->verdict = Str(report, "verdict");
  run->weight_probed = Int(Member(report, "basis"), "weight_probed");
  run->weight_declared = Int(Member(report, "basis"), "weight_declared");
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
  const json& summary = Member(report, "summary");
  run->overall = ReadScope(Member(summary, "overall"), run->lang);
  const json& axes = Member(summary, "axes");
  if (axes.is_array()) {
    for (const json& axis : axes) run->axes.push_back(ReadScope(axis, run->lang));
  }
  const json& inputs = Member(report, "inputs");
  if (inputs.is_array()) {
    for (const json& input : inputs)
      run->inputs.push_back({Str(input, "kind"), Str(input, "path"), Str(input, "sha256")});
  }
  for (const json& item : report["items"]) run->items.push_back(ReadItem(item, run->lang));
  return true;
}

}  // namespace sdetcheck
