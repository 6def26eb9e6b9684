#include <doctest/doctest.h>

#include "grid/loader.h"
#include "report/questionnaire.h"

namespace sdetcheck {
namespace {

const std::string kRoot = SDETCHECK_SOURCE_DIR;

GridSet ShippedGrid() {
  Diagnostics d;
  return LoadGridSet(kRoot + "/grids/sdet-6.3", &d);
}

int CountLines(const std::string& text) {
  int lines = 0;
  for (size_t pos = text.find("\r\n"); pos != std::string::npos; pos = text.find("\r\n", pos + 2))
    ++lines;
  return lines;
}

TEST_CASE("the CSV questionnaire has a BOM, a header and one row per item") {
  GridSet grid = ShippedGrid();
  std::string csv = ExportGridCsv(grid, "fr", ';');
  CHECK(csv.rfind("\xEF\xBB\xBFid;axe;niveau;", 0) == 0);
  CHECK(CountLines(csv) == static_cast<int>(grid.items.size()) + 1);
  CHECK(csv.find("déclaration avec preuve") != std::string::npos);
}

TEST_CASE("CSV fields with separators, quotes or line breaks are quoted") {
  GridSet grid;
  grid.axes.push_back({"securite", {"Sécurité", "Security"}, ""});
  Item item;
  item.id = "X-1";
  item.axis = "securite";
  item.title = {"Titre; avec \"guillemets\"", "Title"};
  item.statement = {"Ligne 1\nLigne 2", "Line"};
  item.check.is_probe = false;
  grid.items.push_back(item);
  std::string csv = ExportGridCsv(grid, "fr", ';');
  CHECK(csv.find(";\"Titre; avec \"\"guillemets\"\"\";\"Ligne 1\nLigne 2\";") != std::string::npos);
  CHECK(ExportGridCsv(grid, "en", ',').find(",Title,") != std::string::npos);
}

TEST_CASE("the Markdown questionnaire lists every item") {
  GridSet grid = ShippedGrid();
  std::string md, error;
  REQUIRE(ExportGridMarkdown(grid, "fr", kRoot + "/reports", &md, &error));
  CHECK(md.rfind("# Questionnaire de conformité SDET", 0) == 0);
  for (const Item& item : grid.items)
    CHECK_MESSAGE(md.find("## " + item.id + " — ") != std::string::npos, item.id);
}

}  // namespace
}  // namespace sdetcheck
