#include "report/sarif_report.h"

#include "util/sha256.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

const json& Member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it != object.end() ? *it : kNull;
}

std::string Str(const json& object, const char* key) {
  const json& value = Member(object, key);
  return value.is_string() ? value.get<std::string>() : "";
}

std::string Text(const json& text, const std::string& lang) {
  std::string value = Str(text, lang.c_str());
  return value.empty() ? Str(text, "fr") : value;
}

json Rule(const json& item, const std::string& lang) {
  std::string level = Str(item, "level") == "exigence" ? "error" : "warning";
  return {{"id", Str(item, "id")},
          {"name", Str(item, "id")},
          {"shortDescription", {{"text", Text(Member(item, "title"), lang)}}},
          {"fullDescription", {{"text", Text(Member(item, "statement"), lang)}}},
          {"help", {{"text", Text(Member(item, "remediation"), lang)}}},
          {"defaultConfiguration", {{"level", level}}},
          {"properties",
           {{"axis", Str(item, "axis")},
            {"level", Str(item, "level")},
            {"keyword", Str(item, "keyword")},
            {"tags", json::array({"sdet", Str(item, "axis")})}}}};
}

// Identifies one failing check across runs, so a dashboard follows it from run to run.
std::string Fingerprint(const std::string& item, const std::string& key,
                        const std::string& subject) {
  return Sha256Hex(item + "\n" + key + "\n" + subject);
}

json Result(const json& item, size_t rule_index, const std::string& key, const std::string& subject,
            const std::string& text, const std::string& base_url) {
  json result = {
      {"ruleId", Str(item, "id")},
      {"ruleIndex", rule_index},
      {"level", Str(item, "level") == "exigence" ? "error" : "warning"},
      {"message", {{"text", text.empty() ? Str(item, "id") + " " + key : text}}},
      // Code-scanning services require a location: the audited ENT, and the check's subject.
      {"locations", json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", base_url}}}}},
                                  {"logicalLocations",
                                   json::array({{{"name", subject.empty() ? base_url : subject},
                                                 {"kind", "resource"}}})}}})},
      {"partialFingerprints", {{"sdetcheckCheck/v1", Fingerprint(Str(item, "id"), key, subject)}}},
      {"properties", {{"checkKey", key}, {"subject", subject}}}};
  const json& waiver = Member(item, "waiver");
  if (Str(item, "state") == "waived" && waiver.is_object()) {
    result["suppressions"] =
        json::array({{{"kind", "external"}, {"justification", Str(waiver, "justification")}}});
  }
  return result;
}

bool Reported(const std::string& state) { return state == "fail" || state == "waived"; }

// Each failing check of a failing (or waived) item; an item failing without a failing check
// (a declared non-conformity) gives one result of its own.
void AddResults(const json& item, size_t rule_index, const std::string& base_url, json* results) {
  if (!Reported(Str(item, "state"))) return;
  size_t before = results->size();
  const json& checks = Member(item, "checks");
  if (checks.is_array()) {
    for (const json& check : checks) {
      if (Str(check, "state") != "fail") continue;
      results->push_back(Result(item, rule_index, Str(check, "key"), Str(check, "subject"),
                                Str(Member(check, "message"), "text"), base_url));
    }
  }
  if (results->size() == before) {
    std::string key = Str(item, "method") == "attestation" ? "attestation" : "item";
    results->push_back(
        Result(item, rule_index, key, "", Str(Member(item, "message"), "text"), base_url));
  }
}

}  // namespace

std::string RenderSarif(const json& report) {
  std::string lang = Str(report, "lang");
  std::string base_url = Str(Member(report, "target"), "base_url");
  json rules = json::array();
  json results = json::array();
  const json& items = Member(report, "items");
  if (items.is_array()) {
    for (const json& item : items) {
      rules.push_back(Rule(item, lang));
      AddResults(item, rules.size() - 1, base_url, &results);
    }
  }
  json run = {
      {"tool",
       {{"driver",
         {{"name", "sdetcheck"},
          {"version", Str(Member(report, "tool"), "version")},
          {"rules", rules}}}}},
      {"automationDetails", {{"id", "sdetcheck/" + Str(Member(report, "grid"), "id") + "/"}}},
      {"invocations",
       json::array({{{"executionSuccessful", true}, {"endTimeUtc", Str(report, "generated_at")}}})},
      {"properties",
       {{"target", Str(Member(report, "target"), "name")}, {"verdict", Str(report, "verdict")}}},
      {"results", results}};
  json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({run})}};
  return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace sdetcheck
