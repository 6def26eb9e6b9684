#include "report/questionnaire.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "report/template_renderer.h"
#include "util/csv.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

struct Row {
  std::string id, axis, level, keyword, title, statement, source, provenance, method, question,
      evidence;
};

std::string SourceOf(const Item& item) {
  std::string text = item.source.document;
  if (!item.source.section.empty()) text += ", " + item.source.section;
  if (!item.source.version.empty()) text += " (v" + item.source.version + ")";
  return text;
}

Row MakeRow(const GridSet& grid, const Item& item, const std::string& lang) {
  bool en = lang == "en";
  const Axis* axis = grid.FindAxis(item.axis);
  Row row;
  row.id = item.id;
  row.axis = axis ? axis->name.In(lang) : item.axis;
  row.level = LevelName(item.level);
  row.keyword = Rfc2119Keyword(item.level, item.polarity);
  row.title = item.title.In(lang);
  row.statement = item.statement.In(lang);
  row.source = SourceOf(item);
  row.provenance = ProvenanceName(item.source.provenance);
  if (item.check.is_probe) {
    row.method =
        en ? "probe (checked remotely by sdetcheck)" : "sonde (vérifié à distance par sdetcheck)";
  } else {
    row.method = en ? "declaration with evidence" : "déclaration avec preuve";
    row.question = item.check.attestation.question.In(lang);
    row.evidence = item.check.attestation.evidence.In(lang);
  }
  return row;
}

}  // namespace

std::string ExportGridCsv(const GridSet& grid, const std::string& lang, char separator) {
  bool en = lang == "en";
  std::vector<std::string> header =
      en ? std::vector<std::string>{"id",
                                    "axis",
                                    "level",
                                    "keyword",
                                    "title",
                                    "statement",
                                    "SDET source",
                                    "provenance",
                                    "method",
                                    "question",
                                    "evidence expected",
                                    "answer (conforme/non_conforme/not_applicable)",
                                    "evidence provided",
                                    "comment"}
         : std::vector<std::string>{"id",
                                    "axe",
                                    "niveau",
                                    "mot-clé",
                                    "intitulé",
                                    "énoncé",
                                    "source SDET",
                                    "provenance",
                                    "méthode",
                                    "question",
                                    "preuve attendue",
                                    "réponse (conforme/non_conforme/not_applicable)",
                                    "preuve fournie",
                                    "commentaire"};
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& fields) { out += CsvLine(fields, separator); };
  line(header);
  for (const Item& item : grid.items) {
    Row r = MakeRow(grid, item, lang);
    line({r.id, r.axis, r.level, r.keyword, r.title, r.statement, r.source, r.provenance, r.method,
          r.question, r.evidence, "", "", ""});
  }
  return out;
}

bool ExportGridMarkdown(const GridSet& grid, const std::string& lang,
                        const std::string& reports_dir, std::string* output, std::string* error) {
  json rows = json::array();
  for (const Item& item : grid.items) {
    Row r = MakeRow(grid, item, lang);
    rows.push_back({{"id", r.id},
                    {"axis", r.axis},
                    {"level", r.level},
                    {"keyword", r.keyword},
                    {"title", r.title},
                    {"statement", r.statement},
                    {"source", r.source},
                    {"provenance", r.provenance},
                    {"method", r.method},
                    {"question", r.question},
                    {"evidence", r.evidence},
                    {"is_attestation", !item.check.is_probe}});
  }
  json view = {{"en", lang == "en"},
               {"grid",
                {{"id", grid.id},
                 {"sdet_version", grid.sdet_version},
                 {"title", grid.title.In(lang)},
                 {"provenance", grid.provenance}}},
               {"items", rows}};
  std::string file =
      (std::filesystem::path(reports_dir) / "md" / "questionnaire.mustache").string();
  return RenderTemplate(file, view, Escape::kMarkdown, output, error);
}

}  // namespace sdetcheck
