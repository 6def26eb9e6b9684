#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "runs/saved_run.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

std::string Write(const std::string& dir, const std::string& content) {
  std::string file = dir + "/report.json";
  std::ofstream(file) << content;
  return file;
}

TEST_CASE("saved run: a report's items, checks and scores, from the file or its directory") {
  std::string dir = testing::MakeTempDir("sdetcheck-saved");
  Write(dir, R"({"schema_version": "2", "lang": "en", "generated_at": "2026-12-01T10:00:00Z",
    "tool": {"name": "sdetcheck", "version": "0.1.0"},
    "target": {"name": "ENT", "base_url": "https://ent.example.fr"},
    "grid": {"id": "sdet-6.3", "sdet_version": "6.3"}, "verdict": "non_conforme",
    "summary": {"overall": {"verdict": "non_conforme", "exigence": {"fail": 1, "score": 0.5},
                            "recommandation": {"score": null}},
                "axes": [{"axis": "securite", "name": {"fr": "Sécurité", "en": "Security"},
                          "verdict": "non_conforme", "exigence": {}, "recommandation": {}}]},
    "basis": {"weight_probed": 3, "weight_declared": 1}, "run": {},
    "items": [{"id": "SEC-01", "axis": "securite", "level": "exigence", "method": "probe",
               "state": "fail", "weight": 3, "title": {"fr": "Titre", "en": "Title"},
               "checks": [{"key": "http.header", "subject": "X", "state": "fail",
                           "message": {"code": "c", "params": {"b": "2", "a": "1"}, "text": "t"}}]},
              {"id": "BAD", "state": 7, "checks": "not a list"}]})");
  SavedRun run;
  std::string error;
  REQUIRE_MESSAGE(LoadSavedRun(dir, &run, &error), error);
  CHECK(run.file == dir + "/report.json");
  CHECK(run.target_name == "ENT");
  CHECK(run.verdict == "non_conforme");
  CHECK(run.overall.exigence.score == 0.5);
  CHECK_FALSE(run.overall.recommandation.score.has_value());
  REQUIRE(run.axes.size() == 1);
  CHECK(run.axes[0].name == "Security");
  REQUIRE(run.items.size() == 2);
  CHECK(run.items[0].title == "Title");
  CHECK(run.items[0].weight == 3);
  REQUIRE(run.items[0].checks.size() == 1);
  CHECK(run.items[0].checks[0].message_params == R"({"a":"1","b":"2"})");
  CHECK(run.items[1].state.empty());  // a wrong type reads as empty, never throws
  CHECK(run.FindItem("SEC-01") == &run.items[0]);
  std::filesystem::remove_all(dir);
}

TEST_CASE("saved run: what is not a report is refused with the file named") {
  std::string dir = testing::MakeTempDir("sdetcheck-saved");
  SavedRun run;
  std::string error;
  std::string file = Write(dir, "<html>");
  CHECK_FALSE(LoadSavedRun(file, &run, &error));
  CHECK(error.find(file) == 0);
  Write(dir, std::string(100000, '[') + std::string(100000, ']'));
  CHECK_FALSE(LoadSavedRun(file, &run, &error));
  CHECK(error.find("deeper") != std::string::npos);
  CHECK_FALSE(LoadSavedRun(dir + "/missing.json", &run, &error));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sdetcheck
