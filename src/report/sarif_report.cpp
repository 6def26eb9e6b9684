#include "report/sarif_report.h"

#include "util/json_text.h"
#include "util/sha256.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

std::string Text(const json& text, const std::string& lang) {
  std::string value = JsonString(text, lang.c_str());
  return value.empty() ? JsonString(text, "fr") : value;
}

json Rule(const json& item, const std::string& lang) {
  std::string level = JsonString(item, "level") == "exigence" ? "error" : "warning";
  return {{"id", JsonString(item, "id")},
          {"name", JsonString(item, "id")},
          {"shortDescription", {{"text", Text(JsonMember(item, "title"), lang)}}},
          {"fullDescription", {{"text", Text(JsonMember(item, "statement"), lang)}}},
          {"help", {{"text", Text(JsonMember(item, "remediation"), lang)}}},
          {"defaultConfiguration", {{"level", level}}},
          {"properties",
           {{"axis", JsonString(item, "axis")},
            {"level", JsonString(item, "level")},
            {"keyword", JsonString(item, "keyword")},
            {"tags", json::array({"sdet", JsonString(item, "axis")})}}}};
}

// Identifies one failing check across runs, so a dashboard follows it from run to run.
std::string Fingerprint(const std::string& item, const std::string& key,
                        const std::string& subject) {
  return Sha256Hex(item + "\n" + key + "\n" + subject);
}

json Result(const json& item, size_t rule_index, const std::string& key, const std::string& subject,
            const std::string& text, const std::string& base_url) {
  json result = {
      {"ruleId", JsonString(item, "id")},
      {"ruleIndex", rule_index},
      {"level", JsonString(item, "level") == "exigence" ? "error" : "warning"},
      {"message", {{"text", text.empty() ? JsonString(item, "id") + " " + key : text}}},
      // Code-scanning services require a location: the audited ENT, and the check's subject.
      {"locations", json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", base_url}}}}},
                                  {"logicalLocations",
                                   json::array({{{"name", subject.empty() ? base_url : subject},
                                                 {"kind", "resource"}}})}}})},
      {"partialFingerprints",
       {{"sdetcheckCheck/v1", Fingerprint(JsonString(item, "id"), key, subject)}}},
      {"properties", {{"checkKey", key}, {"subject", subject}}}};
  const json& waiver = JsonMember(item, "waiver");
  if (JsonString(item, "state") == "waived" && waiver.is_object()) {
    result["suppressions"] = json::array(
        {{{"kind", "external"}, {"justification", JsonString(waiver, "justification")}}});
  }
  return result;
}

bool Reported(const std::string& state) { return state == "fail" || state == "waived"; }

// Each failing check of a failing (or waived) item; an item failing without a failing check
// (a declared non-conformity) gives one result of its own.
void AddResults(const json& item, size_t rule_index, const std::string& base_url, json* results) {
  if (!Reported(JsonString(item, "state"))) return;
  size_t before = results->size();
  const json& checks = JsonMember(item, "checks");
  if (checks.is_array()) {
    for (const json& check : checks) {
      if (JsonString(check, "state") != "fail") continue;
      results->push_back(Result(item, rule_index, JsonString(check, "key"),
                                JsonString(check, "subject"),
                                JsonString(JsonMember(check, "message"), "text"), base_url));
    }
  }
  if (results->size() == before) {
    std::string key = JsonString(item, "method") == "attestation" ? "attestation" : "item";
    results->push_back(Result(item, rule_index, key, "",
                              JsonString(JsonMember(item, "message"), "text"), base_url));
  }
}

}  // namespace

std::string RenderSarif(const json& report) {
  std::string lang = JsonString(report, "lang");
  std::string base_url = JsonString(JsonMember(report, "target"), "base_url");
  json rules = json::array();
  json results = json::array();
  const json& items = JsonMember(report, "items");
  if (items.is_array()) {
    for (const json& item : items) {
      rules.push_back(Rule(item, lang));
      AddResults(item, rules.size() - 1, base_url, &results);
    }
  }
  json run = {{"tool",
               {{"driver",
                 {{"name", "sdetcheck"},
                  {"version", JsonString(JsonMember(report, "tool"), "version")},
                  {"rules", rules}}}}},
              {"automationDetails",
               {{"id", "sdetcheck/" + JsonString(JsonMember(report, "grid"), "id") + "/"}}},
              {"invocations", json::array({{{"executionSuccessful", true},
                                            {"endTimeUtc", JsonString(report, "generated_at")}}})},
              {"properties",
               {{"target", JsonString(JsonMember(report, "target"), "name")},
                {"verdict", JsonString(report, "verdict")}}},
              {"results", results}};
  json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({run})}};
  return sarif.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace sdetcheck
