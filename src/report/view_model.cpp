#include "report/view_model.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace sdetcheck {
namespace {

using nlohmann::json;

std::string Label(const json& catalog, const std::string& key) {
  auto it = catalog.find(key);
  return it != catalog.end() && it->is_string() ? it->get<std::string>() : key;
}

std::string Localised(const json& text, const std::string& lang) {
  if (!text.is_object()) return "";
  return text.value(lang, text.value("fr", ""));
}

std::string Percent(const json& score) {
  if (!score.is_number()) return "";
  return std::to_string(static_cast<int>(std::floor(score.get<double>() * 100 + 0.5))) + " %";
}

int BarWidth(const json& score) {
  return score.is_number() ? static_cast<int>(std::floor(score.get<double>() * 100 + 0.5)) : 0;
}

json TallyView(const json& tally, const json& catalog) {
  json view = tally;
  view["score_text"] =
      tally["score"].is_number() ? Percent(tally["score"]) : Label(catalog, "no_score");
  view["has_score"] = tally["score"].is_number();
  view["bar"] = BarWidth(tally["score"]);
  int applicable = 0;
  for (const char* key : {"pass", "fail", "error", "not_tested", "attested", "waived"}) {
    applicable += tally[key].get<int>();
  }
  view["applicable"] = applicable;
  return view;
}

json ScopeView(const json& scope, const json& catalog, const std::string& lang) {
  std::string verdict = scope["verdict"];
  json view = {{"verdict", verdict},
               {"verdict_label", Label(catalog, "verdict." + verdict)},
               {"exigence", TallyView(scope["exigence"], catalog)},
               {"recommandation", TallyView(scope["recommandation"], catalog)}};
  if (scope.contains("axis")) {
    view["axis"] = scope["axis"];
    view["name"] = Localised(scope["name"], lang);
  }
  return view;
}

std::string SourceText(const json& source) {
  std::string text = source["document"].get<std::string>();
  if (!source["section"].get<std::string>().empty())
    text += ", " + source["section"].get<std::string>();
  if (!source["version"].get<std::string>().empty())
    text += " (v" + source["version"].get<std::string>() + ")";
  return text;
}

json EvidenceView(const json& evidence) {
  json view = json::array();
  for (const json& e : evidence) {
    json v = e;
    v["has_status"] = e["status"].get<long>() != 0;
    v["has_headers"] = !e["headers"].empty();
    v["has_excerpt"] = !e["excerpt"].get<std::string>().empty();
    v["has_checks"] = !e["checks"].empty();
    v["has_tls"] = !e["tls_version"].get<std::string>().empty();
    v["redirected"] = !e["final_url"].get<std::string>().empty() &&
                      e["request"].get<std::string>().find(e["final_url"].get<std::string>()) ==
                          std::string::npos;
    view.push_back(v);
  }
  return view;
}

// Probe and engine messages are written in English (the JSON report keeps them so); the
// catalog's "phrases" table, keyed by English phrase like gettext, translates their fixed
// parts for the human-readable reports, longest phrase first.
using PhraseTable = std::vector<std::pair<std::string, std::string>>;

PhraseTable LoadPhrases(const json& catalog) {
  PhraseTable table;
  auto phrases = catalog.find("phrases");
  if (phrases == catalog.end() || !phrases->is_object()) return table;
  for (const auto& [english, translated] : phrases->items()) {
    if (translated.is_string()) table.emplace_back(english, translated.get<std::string>());
  }
  std::sort(table.begin(), table.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return table;
}

std::string TranslatePhrases(std::string text, const PhraseTable& table) {
  for (const auto& [english, translated] : table) {
    for (size_t pos = text.find(english); pos != std::string::npos;
         pos = text.find(english, pos + translated.size())) {
      text.replace(pos, english.size(), translated);
    }
  }
  return text;
}

json ItemView(const json& item, const json& catalog, const PhraseTable& phrases,
              const json& axis_names, const std::string& lang) {
  std::string state = item["state"];
  std::string level = item["level"];
  std::string message = TranslatePhrases(item["message"], phrases);
  if (message.empty() && state == "not_tested") message = Label(catalog, "no_answer");
  json view = {
      {"id", item["id"]},
      {"axis", item["axis"]},
      {"axis_name",
       axis_names.value(item["axis"].get<std::string>(), item["axis"].get<std::string>())},
      {"level", level},
      {"level_label", Label(catalog, "level." + level)},
      {"keyword", item["keyword"]},
      {"title", Localised(item["title"], lang)},
      {"statement", Localised(item["statement"], lang)},
      {"weight", item["weight"]},
      {"method", item["method"]},
      {"method_label", Label(catalog, "method." + item["method"].get<std::string>())},
      {"state", state},
      {"state_label", Label(catalog, "state." + state)},
      {"message", message},
      {"has_message", !message.empty()},
      {"expected", item["expected"]},
      {"has_expected", !item["expected"].get<std::string>().empty()},
      {"source_text", SourceText(item["source"])},
      {"provenance", item["source"]["provenance"]},
      {"provenance_label",
       Label(catalog, "provenance." + item["source"]["provenance"].get<std::string>())},
      {"source_note", item["source"]["note"]},
      {"remediation", Localised(item["remediation"], lang)},
      {"show_remediation",
       state == "fail" || state == "error" || state == "not_tested" || state == "waived"},
      {"evidence", EvidenceView(item["evidence"])},
      {"has_evidence", !item["evidence"].empty()},
      {"attestation", item["attestation"].is_null() ? json(false) : item["attestation"]},
      {"waiver", item["waiver"].is_null() ? json(false) : item["waiver"]},
  };
  if (item.contains("question")) view["question"] = Localised(item["question"], lang);
  return view;
}

json BasisView(const json& basis) {
  int probed = basis["weight_probed"], declared = basis["weight_declared"];
  int total = probed + declared;
  int probed_pct = total == 0 ? 0 : (probed * 100 + total / 2) / total;
  return {{"weight_probed", probed},
          {"weight_declared", declared},
          {"probed_pct", probed_pct},
          {"declared_pct", total == 0 ? 0 : 100 - probed_pct}};
}

json FilterOptions(const json& catalog, const char* prefix,
                   std::initializer_list<const char*> keys) {
  json options = json::array();
  for (const char* key : keys)
    options.push_back({{"value", key}, {"label", Label(catalog, std::string(prefix) + key)}});
  return options;
}

}  // namespace

json BuildReportView(const json& report, const json& catalog) {
  std::string lang = report["lang"];
  json axes = json::array();
  json axis_names = json::object();
  for (const json& scope : report["summary"]["axes"]) {
    json view = ScopeView(scope, catalog, lang);
    axis_names[scope["axis"].get<std::string>()] = view["name"];
    axes.push_back(view);
  }
  json items = json::array();
  PhraseTable phrases = LoadPhrases(catalog);
  for (const json& item : report["items"])
    items.push_back(ItemView(item, catalog, phrases, axis_names, lang));
  std::string verdict = report["verdict"];
  return {
      {"lang", lang},
      {"t", catalog},
      {"target", report["target"]},
      {"generated_at", report["generated_at"]},
      {"tool", report["tool"]},
      {"grid",
       {{"id", report["grid"]["id"]},
        {"sdet_version", report["grid"]["sdet_version"]},
        {"published", report["grid"]["published"]},
        {"title", Localised(report["grid"]["title"], lang)},
        {"provenance", report["grid"]["provenance"]}}},
      {"verdict", verdict},
      {"verdict_label", Label(catalog, "verdict." + verdict)},
      {"verdict_help", Label(catalog, "verdict_help." + verdict)},
      {"overall", ScopeView(report["summary"]["overall"], catalog, lang)},
      {"axes", axes},
      {"basis", BasisView(report["basis"])},
      {"scoring", report["scoring"]},
      {"inputs", report["inputs"]},
      {"run", report["run"]},
      {"items", items},
      {"state_options", FilterOptions(catalog, "state.",
                                      {"pass", "fail", "error", "not_tested", "attested", "waived",
                                       "not_applicable"})},
      {"level_options", FilterOptions(catalog, "level.", {"exigence", "recommandation"})},
  };
}

}  // namespace sdetcheck
