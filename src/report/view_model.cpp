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

// Who answers for the item, "none" when the grid does not say (older reports too).
std::string Responsible(const json& item) {
  auto it = item.find("responsible");
  return it != item.end() && it->is_string() ? it->get<std::string>() : "none";
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

// Evidence for the templates: one flag per type, so each is shown as what it is.
json EvidenceView(const json& evidence) {
  json view = json::array();
  for (size_t i = 0; i < evidence.size(); ++i) {
    json v = evidence[i];
    std::string type = v["type"];
    v["number"] = i + 1;
    v["is_http"] = type == "http";
    v["is_tls"] = type == "tls";
    v["is_certificate"] = type == "certificate";
    v["is_document"] = type == "document";
    if (type == "http") {
      v["has_status"] = v["status"].get<long>() != 0;
      v["has_headers"] = !v["headers"].empty();
      v["has_excerpt"] = !v["excerpt"].get<std::string>().empty();
      v["has_tls"] = !v["tls_version"].get<std::string>().empty();
      v["redirected"] = !v["final_url"].get<std::string>().empty();
      v["has_error"] = !v["error"].get<std::string>().empty();
    }
    if (type == "tls") v["has_cipher"] = !v.value("cipher", std::string()).empty();
    view.push_back(v);
  }
  return view;
}

std::string MessageText(const json& message) {
  return message.is_object() ? message["text"].get<std::string>() : "";
}

json ChecksView(const json& checks, const json& catalog) {
  json view = json::array();
  for (const json& check : checks) {
    std::string state = check["state"];
    std::string evidence;
    for (const json& index : check["evidence"]) {
      evidence += (evidence.empty() ? "" : ", ") + std::to_string(index.get<size_t>() + 1);
    }
    view.push_back({{"key", check["key"]},
                    {"subject", check["subject"]},
                    {"state", state},
                    {"state_label", Label(catalog, "check_state." + state)},
                    {"message", MessageText(check["message"])},
                    {"expected", check["expected"]},
                    {"observed", check["observed"]},
                    {"has_detail", !check["expected"].get<std::string>().empty() ||
                                       !check["observed"].get<std::string>().empty()},
                    {"evidence_refs", evidence}});
  }
  return view;
}

json ItemView(const json& item, const json& catalog, const json& axis_names,
              const std::string& lang) {
  std::string state = item["state"];
  std::string level = item["level"];
  std::string message = MessageText(item["message"]);
  if (message.empty() && state == "not_tested") message = Label(catalog, "no_answer");
  json view = {
      {"id", item["id"]},
      {"axis", item["axis"]},
      {"axis_name",
       axis_names.value(item["axis"].get<std::string>(), item["axis"].get<std::string>())},
      {"level", level},
      {"level_label", Label(catalog, "level." + level)},
      {"responsible", Responsible(item)},
      {"responsible_label", Label(catalog, "responsible." + Responsible(item))},
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
      {"source_text", SourceText(item["source"])},
      {"provenance", item["source"]["provenance"]},
      {"provenance_label",
       Label(catalog, "provenance." + item["source"]["provenance"].get<std::string>())},
      {"source_note", item["source"]["note"]},
      {"remediation", Localised(item["remediation"], lang)},
      {"show_remediation",
       state == "fail" || state == "error" || state == "not_tested" || state == "waived"},
      {"checks", ChecksView(item["checks"], catalog)},
      {"has_checks", !item["checks"].empty()},
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

std::string Join(const json& values) {
  std::string out;
  for (const json& v : values) out += (out.empty() ? "" : ", ") + v.get<std::string>();
  return out;
}

// Rows of the services x profiles matrix, each cell labelled; null when there is none.
json MatrixView(const json& report, const json& catalog) {
  if (!report.contains("services_matrix")) return nullptr;
  const json& matrix = report["services_matrix"];
  json rows = json::array();
  for (const json& row : matrix["rows"]) {
    json cells = json::array();
    for (const json& cell : row["cells"]) {
      std::string state = cell["state"];
      std::string expectation = cell.value("expectation", "none");
      const json& access = cell.contains("access") ? cell["access"] : json(nullptr);
      const json& measure = cell.contains("measure") ? cell["measure"] : json(nullptr);
      std::string label = access.is_string()
                              ? Label(catalog, "matrix.access." + access.get<std::string>())
                              : Label(catalog, "state." + state);
      cells.push_back(
          {{"state", state},
           {"state_label", label},
           {"expected", cell["expected"]},
           {"expected_label", Label(catalog, "matrix.expectation." + expectation)},
           {"measure",
            measure.is_string() && !measure.get<std::string>().empty() ? measure : json(nullptr)},
           {"items", cell["items"].empty() ? json(nullptr) : json(Join(cell["items"]))}});
    }
    rows.push_back({{"service", row["service"]}, {"url", row["url"]}, {"cells", cells}});
  }
  return {{"profiles", matrix["profiles"]}, {"rows", rows}};
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
  for (const json& item : report["items"])
    items.push_back(ItemView(item, catalog, axis_names, lang));
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
      {"services_matrix", MatrixView(report, catalog)},
      {"state_options", FilterOptions(catalog, "state.",
                                      {"pass", "fail", "error", "not_tested", "attested", "waived",
                                       "not_applicable"})},
      {"level_options", FilterOptions(catalog, "level.", {"exigence", "recommandation"})},
      {"responsible_options",
       FilterOptions(catalog, "responsible.", {"collectivite", "editeur", "academie", "none"})},
  };
}

}  // namespace sdetcheck
