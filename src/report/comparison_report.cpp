#include "report/comparison_report.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "report/json_model.h"
#include "report/template_renderer.h"
#include "util/csv.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Label(const json& catalog, const std::string& key) {
  auto it = catalog.find(key);
  return it != catalog.end() && it->is_string() ? it->get<std::string>() : key;
}

std::string Percent(const std::optional<double>& score, const json& catalog) {
  if (!score) return Label(catalog, "no_score");
  return std::to_string(static_cast<int>(std::floor(*score * 100 + 0.5))) + " %";
}

std::string StateLabel(const std::string& state, const json& catalog) {
  return state.empty() ? Label(catalog, "compare_absent") : Label(catalog, "state." + state);
}

std::string GroupKey(const ComparisonRow& row, const std::string& group_by) {
  if (group_by == "responsible") return row.responsible.empty() ? "none" : row.responsible;
  if (group_by == "axis") return row.axis;
  return "";
}

std::string GroupName(const std::string& key, const Comparison& c, const ComparisonOutput& o,
                      const json& catalog) {
  if (o.group_by == "responsible") return Label(catalog, "responsible." + key);
  for (const ComparisonAxis& axis : c.axes) {
    if (axis.id == key) return axis.name;
  }
  return key;
}

// One row per axis, one cell per candidate: the exigences' score and the axis' verdict.
json AxisRows(const Comparison& c, const json& catalog) {
  json rows = json::array();
  for (size_t a = 0; a < c.axes.size(); ++a) {
    json cells = json::array();
    for (const CandidateSummary& candidate : c.candidates) {
      const SavedScope& scope = candidate.axes[a];
      cells.push_back(
          {{"score", Percent(scope.exigence.score, catalog)},
           {"verdict", scope.verdict.empty() ? "absent" : scope.verdict},
           {"verdict_label", scope.verdict.empty() ? Label(catalog, "compare_absent")
                                                   : Label(catalog, "verdict." + scope.verdict)}});
    }
    rows.push_back({{"name", c.axes[a].name}, {"cells", cells}});
  }
  return rows;
}

json CandidateView(const CandidateSummary& c, const json& catalog) {
  return {{"label", c.label},
          {"file", c.file},
          {"generated_at", c.generated_at},
          {"verdict", c.verdict},
          {"verdict_label", Label(catalog, "verdict." + c.verdict)},
          {"exigence_score", Percent(c.overall.exigence.score, catalog)},
          {"recommandation_score", Percent(c.overall.recommandation.score, catalog)},
          {"weighted_score", Percent(c.weighted_score, catalog)},
          {"exigences_failed", c.exigences_failed},
          {"exigences_error", c.overall.exigence.error + c.overall.exigence.not_tested},
          {"declared_share", Percent(c.declared_share, catalog)}};
}

bool CandidatesDiffer(const ComparisonRow& row) {
  for (const std::string& state : row.states) {
    if (state != row.states.front()) return true;
  }
  return false;
}

json RowView(const ComparisonRow& row, const json& catalog) {
  json cells = json::array();
  for (const std::string& state : row.states)
    cells.push_back(
        {{"state", state.empty() ? "absent" : state}, {"label", StateLabel(state, catalog)}});
  return {{"id", row.id},
          {"title", row.title},
          {"level", row.level},
          {"level_label", Label(catalog, "level." + row.level)},
          {"weight", row.weight},
          {"responsible_label",
           Label(catalog, "responsible." + (row.responsible.empty() ? "none" : row.responsible))},
          {"differs", row.definition_differs},
          {"candidates_differ", CandidatesDiffer(row)},
          {"cells", cells}};
}

json Groups(const Comparison& c, const ComparisonOutput& o, const json& catalog) {
  std::vector<std::string> order;
  std::map<std::string, json> rows;
  for (const ComparisonRow& row : c.rows) {
    std::string key = GroupKey(row, o.group_by);
    if (!rows.count(key)) {
      order.push_back(key);
      rows[key] = json::array();
    }
    rows[key].push_back(RowView(row, catalog));
  }
  json groups = json::array();
  for (const std::string& key : order)
    groups.push_back({{"name", GroupName(key, c, o, catalog)}, {"rows", rows[key]}});
  return groups;
}

std::vector<std::string> Distinct(const std::vector<std::string>& values) {
  std::vector<std::string> distinct;
  for (const std::string& value : values) {
    if (!Contains(distinct, value)) distinct.push_back(value);
  }
  return distinct;
}

json ComparisonView(const Comparison& c, const ComparisonOutput& o, const json& catalog) {
  json candidates = json::array();
  for (const CandidateSummary& candidate : c.candidates)
    candidates.push_back(CandidateView(candidate, catalog));
  return {{"lang", o.lang},
          {"t", catalog},
          {"generated_at", o.generated_at},
          {"candidates", candidates},
          {"candidate_count", c.candidates.size()},
          {"axis_rows", AxisRows(c, catalog)},
          {"groups", Groups(c, o, catalog)},
          {"same_grid", c.same_grid},
          {"grids", Join(Distinct(c.grids))},
          {"differing_items",
           c.differing_items.empty() ? json(nullptr) : json(Join(c.differing_items))},
          {"weighting", o.weighting_name.empty() ? json(nullptr) : json(o.weighting_name)}};
}

std::string ItemsCsv(const Comparison& c, const ComparisonOutput& o, const json& catalog) {
  std::vector<std::string> header = {"id",
                                     Label(catalog, "axis"),
                                     Label(catalog, "level"),
                                     Label(catalog, "weight"),
                                     Label(catalog, "title"),
                                     Label(catalog, "compare_responsible"),
                                     Label(catalog, "compare_definition_differs")};
  for (const CandidateSummary& candidate : c.candidates) header.push_back(candidate.label);
  std::string csv = "\xEF\xBB\xBF" + CsvLine(header, o.csv_separator);  // BOM: Excel reads UTF-8
  for (const ComparisonRow& row : c.rows) {
    std::vector<std::string> fields = {
        row.id,
        row.axis,
        Label(catalog, "level." + row.level),
        std::to_string(row.weight),
        row.title,
        Label(catalog, "responsible." + (row.responsible.empty() ? "none" : row.responsible)),
        row.definition_differs ? "1" : "0"};
    for (const std::string& state : row.states) fields.push_back(StateLabel(state, catalog));
    csv += CsvLine(fields, o.csv_separator);
  }
  return csv;
}

std::string ScoresCsv(const Comparison& c, const ComparisonOutput& o, const json& catalog) {
  std::vector<std::string> header = {
      Label(catalog, "compare_candidate"),      Label(catalog, "verdict"),
      Label(catalog, "compare_exigence_score"), Label(catalog, "compare_recommandation_score"),
      Label(catalog, "compare_weighted_score"), Label(catalog, "compare_exigences_failed"),
      Label(catalog, "compare_declared_share"), Label(catalog, "compare_report")};
  for (const ComparisonAxis& axis : c.axes) header.push_back(axis.name);
  std::string csv = "\xEF\xBB\xBF" + CsvLine(header, o.csv_separator);
  for (const CandidateSummary& x : c.candidates) {
    std::vector<std::string> fields = {
        x.label,
        Label(catalog, "verdict." + x.verdict),
        Percent(x.overall.exigence.score, catalog),
        Percent(x.overall.recommandation.score, catalog),
        o.weighting_name.empty() ? "" : Percent(x.weighted_score, catalog),
        std::to_string(x.exigences_failed),
        Percent(x.declared_share, catalog),
        x.file};
    for (const SavedScope& scope : x.axes) fields.push_back(Percent(scope.exigence.score, catalog));
    csv += CsvLine(fields, o.csv_separator);
  }
  return csv;
}

bool LoadCatalog(const ComparisonOutput& o, json* catalog, std::string* error) {
  std::string file = (fs::path(o.reports_dir) / "i18n" / (o.lang + ".json")).string();
  std::ifstream in(file);
  *catalog = json::parse(in, nullptr, false);
  if (!in.good() && catalog->is_discarded()) {
    *error = file + ": cannot read message catalog";
    return false;
  }
  if (catalog->is_discarded() || !catalog->is_object()) {
    *error = file + ": not a JSON object";
    return false;
  }
  return true;
}

bool WriteText(const std::string& path, const std::string& text, std::vector<std::string>* written,
               std::string* error) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    *error = path + ": cannot write";
    return false;
  }
  written->push_back(path);
  return true;
}

bool WriteFormat(const std::string& format, const Comparison& c, const ComparisonOutput& o,
                 const json& catalog, std::vector<std::string>* written, std::string* error) {
  fs::path dir(o.out_dir);
  if (format == "csv") {
    return WriteText((dir / "compare.csv").string(), ItemsCsv(c, o, catalog), written, error) &&
           WriteText((dir / "compare-scores.csv").string(), ScoresCsv(c, o, catalog), written,
                     error);
  }
  bool html = format == "html";
  std::string text;
  std::string file =
      (fs::path(o.reports_dir) / (html ? "html" : "md") / "compare.mustache").string();
  if (!RenderTemplate(file, SanitizeReportStrings(ComparisonView(c, o, catalog)),
                      html ? Escape::kHtml : Escape::kMarkdown, &text, error))
    return false;
  return WriteText((dir / (html ? "compare.html" : "compare.md")).string(), text, written, error);
}

}  // namespace

std::vector<std::string> ComparisonFormats() { return {"html", "md", "csv"}; }

bool WriteComparison(const Comparison& comparison, const ComparisonOutput& output,
                     std::vector<std::string>* written, std::string* error) {
  json catalog;
  if (!LoadCatalog(output, &catalog, error)) return false;
  std::error_code ec;
  fs::create_directories(output.out_dir, ec);
  if (ec) {
    *error = output.out_dir + ": cannot create output directory: " + ec.message();
    return false;
  }
  for (const std::string& format : output.formats) {
    if (!WriteFormat(format, comparison, output, catalog, written, error)) return false;
  }
  return true;
}

}  // namespace sdetcheck
