#include <filesystem>

#include <doctest/doctest.h>

#include "report/comparison_report.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

const std::string kRoot = SDETCHECK_SOURCE_DIR;

SavedRun Run(const std::string& name, const std::string& state) {
  SavedRun run;
  run.target_name = name;
  run.file = "/runs/" + name + "/report.json";
  run.grid_id = "sdet-6.3";
  run.sdet_version = "6.3";
  run.verdict = state == "fail" ? "non_conforme" : "conforme";
  run.axes = {{"securite", "Sécurité", run.verdict, {}, {}}};
  SavedItem item;
  item.id = "SEC-01";
  item.axis = "securite";
  item.level = "exigence";
  item.state = state;
  item.weight = 3;
  item.title = "HTTPS partout; \"vraiment\" <b>";
  item.responsible = "editeur";
  run.items = {item};
  return run;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

TEST_CASE("comparison report: CSV columns, escaped HTML and Markdown, in French") {
  SavedRun a = Run("Candidat A; <script>", "pass");
  SavedRun b = Run("Candidat B", "fail");
  Comparison c = CompareRuns({&a, &b}, nullptr);
  ComparisonOutput o;
  o.reports_dir = kRoot + "/reports";
  o.out_dir = testing::MakeTempDir("sdetcheck-compare");
  o.group_by = "responsible";
  std::vector<std::string> written;
  std::string error;
  REQUIRE_MESSAGE(WriteComparison(c, o, &written, &error), error);
  CHECK(written.size() == 4);
  std::vector<std::string> csv = Lines(testing::ReadFile(o.out_dir + "/compare.csv"));
  REQUIRE(csv.size() == 2);
  CHECK(csv[0] ==
        "\xEF\xBB\xBFid;Axe;Niveau;poids;Intitulé;Responsable;Définition différente;"
        "\"Candidat A; <script>\";Candidat B");
  CHECK(csv[1] ==
        "SEC-01;securite;Exigence;3;\"HTTPS partout; \"\"vraiment\"\" <b>\";Éditeur;0;Conforme;"
        "Non conforme");
  std::vector<std::string> scores = Lines(testing::ReadFile(o.out_dir + "/compare-scores.csv"));
  CHECK(scores.size() == 3);
  std::string html = testing::ReadFile(o.out_dir + "/compare.html");
  CHECK(html.find("Candidat A; <script>") == std::string::npos);
  CHECK(html.find("Candidat A; &lt;script&gt;") != std::string::npos);
  CHECK(html.find("<h3>Éditeur</h3>") != std::string::npos);
  std::string md = testing::ReadFile(o.out_dir + "/compare.md");
  CHECK(md.find("| SEC-01 |") != std::string::npos);
  CHECK(md.find("<b>") == std::string::npos);
  std::filesystem::remove_all(o.out_dir);
}

TEST_CASE("comparison report: an unwritable directory is a clear error") {
  SavedRun a = Run("A", "pass");
  Comparison c = CompareRuns({&a, &a}, nullptr);
  ComparisonOutput o;
  o.reports_dir = kRoot + "/reports";
  o.out_dir = "/proc/sdetcheck-cannot";
  std::vector<std::string> written;
  std::string error;
  CHECK_FALSE(WriteComparison(c, o, &written, &error));
  CHECK(error.find("/proc/sdetcheck-cannot") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
