#include "report/report.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "grid/loader.h"
#include "probe/loader.h"
#include "support/json_schema.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
const std::string kRoot = SDETCHECK_SOURCE_DIR;

// A judged run over the shipped grid with one result of every state, built without I/O.
struct Fixture {
  GridSet grid;
  ProbeCatalog probes;
  TargetProfile target;
  Answers answers;
  std::vector<ItemResult> results;
  Summary summary;

  Fixture() {
    Diagnostics d;
    grid = LoadGridSet(kRoot + "/grids/sdet-6.3", &d);
    probes = LoadProbes({kRoot + "/probes"}, &d);
    target.name = "ENT <test> & \"quotes\" | pipes";
    target.base_url = "https://ent.example.fr";
    const State states[] = {State::kPass,          State::kFail,      State::kError,
                            State::kNotApplicable, State::kNotTested, State::kAttested,
                            State::kWaived};
    size_t i = 0;
    for (const Item& item : grid.items) {
      ItemResult r;
      r.item = &item;
      r.method = item.check.is_probe ? Method::kProbe : Method::kAttestation;
      r.state = states[i++ % 7];
      if (r.state == State::kFail) {
        r.message = Msg("match.header.missing.fail", {{"name", "X | <script>alert(1)</script>"}});
        HttpExchange e;
        e.method = "GET";
        e.url = "https://ent.example.fr/";
        e.status = 200;
        e.headers = {{"Set-Cookie", "ENTSESSION=[REDACTED]; Secure"}};
        e.excerpt = "<html>\n<body>";
        r.evidence.push_back(e);
        Check check;
        check.key = "http.header";
        check.subject = "X";
        check.state = CheckState::kFail;
        check.message = r.message;
        check.expected = "header X present";
        check.observed = "absent";
        check.evidence = {0};
        r.checks.push_back(check);
      }
      if (r.state == State::kError) r.message = Msg("transport.connect");
      if (r.state == State::kWaived)
        r.waiver = Waiver{item.id, "en cours", "DSI", "2027-01-31", {}};
      results.push_back(r);
    }
    std::vector<std::string> axes;
    for (const Axis& a : grid.axes) axes.push_back(a.id);
    summary = Summarize(results, axes);
  }

  ReportContext Context(const std::string& lang) const {
    return {
        &grid, &probes.files,          &target,           &answers, &results, &summary, {3, 1, 0.5},
        lang,  "2026-11-23T10:00:00Z", kRoot + "/reports"};
  }
};

struct Written {
  std::string dir;
  std::vector<std::string> files;
  std::string error;
  bool ok = false;
};

Written Write(const Fixture& f, const std::string& lang, const std::vector<std::string>& formats) {
  Written w;
  w.dir = testing::MakeTempDir("sdetcheck-report");
  w.ok = WriteReports(f.Context(lang), formats, w.dir, &w.files, &w.error);
  return w;
}

TEST_CASE("the JSON report validates against its published schema") {
  Fixture f;
  Written w = Write(f, "fr", {"json"});
  REQUIRE_MESSAGE(w.ok, w.error);
  json report = json::parse(testing::ReadFile(w.dir + "/report.json"));
  CHECK(testing::SchemaErrors(report, kRoot + "/docs/schemas/report.schema.json") == "");
  CHECK(report["verdict"] == "non_conforme");
  CHECK(report["items"].size() == f.grid.items.size());
  CHECK(report["scoring"]["version"] == "1");
  std::filesystem::remove_all(w.dir);
}

TEST_CASE("the schema rejects a report that breaks it") {
  Fixture f;
  Written w = Write(f, "fr", {"json"});
  json report = json::parse(testing::ReadFile(w.dir + "/report.json"));
  report["items"][0]["state"] = "passed";
  CHECK(testing::SchemaErrors(report, kRoot + "/docs/schemas/report.schema.json") != "");
  std::filesystem::remove_all(w.dir);
}

TEST_CASE("reports are stable: the same run renders byte-identical files") {
  Fixture f;
  Written a = Write(f, "fr", {"json", "html", "md", "junit"});
  Written b = Write(f, "fr", {"json", "html", "md", "junit"});
  REQUIRE(a.files.size() == 4);
  for (size_t i = 0; i < a.files.size(); ++i) {
    CHECK(testing::ReadFile(a.files[i]) == testing::ReadFile(b.files[i]));
  }
  std::filesystem::remove_all(a.dir);
  std::filesystem::remove_all(b.dir);
}

TEST_CASE("the HTML report escapes what it shows and speaks the chosen language") {
  Fixture f;
  Written fr = Write(f, "fr", {"html"});
  std::string html = testing::ReadFile(fr.dir + "/report.html");
  CHECK(html.find("<script>alert(1)</script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("ENT &lt;test&gt; &amp; &quot;quotes&quot;") != std::string::npos);
  CHECK(html.find("Non conforme") != std::string::npos);
  CHECK(html.find("Exigences") != std::string::npos);
  CHECK(html.find("data-state=\"waived\"") != std::string::npos);
  Written en = Write(f, "en", {"html"});
  std::string english = testing::ReadFile(en.dir + "/report.html");
  CHECK(english.find("<html lang=\"en\">") != std::string::npos);
  CHECK(english.find("Non-conformant") != std::string::npos);
  CHECK(english.find("Could not check") != std::string::npos);
  std::filesystem::remove_all(fr.dir);
  std::filesystem::remove_all(en.dir);
}

json Catalog(const std::string& lang) {
  return json::parse(testing::ReadFile(kRoot + "/reports/i18n/" + lang + ".json"));
}

// The fixed parts of a catalog text (between its {placeholders}) long enough to be words of
// a sentence rather than a shared term.
std::vector<std::string> SentenceParts(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '{' || text[i] == '}') {
      if (part.size() >= 16 && part.find(' ') != std::string::npos) parts.push_back(part);
      part.clear();
      if (i < text.size() && text[i] == '{') i = text.find('}', i);
      if (i == std::string::npos) break;
      continue;
    }
    part += text[i];
  }
  return parts;
}

TEST_CASE("catalogs: French and English hold the same labels and message codes") {
  json fr = Catalog("fr"), en = Catalog("en");
  for (const auto& [key, value] : en.items()) CHECK_MESSAGE(fr.contains(key), key);
  for (const auto& [key, value] : fr.items()) CHECK_MESSAGE(en.contains(key), key);
  for (const auto& [code, text] : en["messages"].items())
    CHECK_MESSAGE(fr["messages"].contains(code), code);
  for (const auto& [code, text] : fr["messages"].items())
    CHECK_MESSAGE(en["messages"].contains(code), code);
}

TEST_CASE("messages are codes in JSON, rendered in the report's language") {
  Fixture f;
  Written w = Write(f, "fr", {"json", "html", "md"});
  json report = json::parse(testing::ReadFile(w.dir + "/report.json"));
  json failed;
  for (const json& item : report["items"]) {
    if (item["state"] == "fail") failed = item;
  }
  REQUIRE(failed.is_object());
  CHECK(failed["message"]["code"] == "match.header.missing.fail");
  CHECK(failed["message"]["text"].get<std::string>().rfind("En-tête X", 0) == 0);
  CHECK(failed["checks"][0]["message"]["code"] == "match.header.missing.fail");
  CHECK(failed["evidence"][0]["type"] == "http");
  Written en = Write(f, "en", {"html"});
  CHECK(testing::ReadFile(en.dir + "/report.html").find("Header X | &lt;script&gt;") !=
        std::string::npos);
  std::filesystem::remove_all(w.dir);
  std::filesystem::remove_all(en.dir);
}

TEST_CASE("the scoring formula comes from the report language's catalog") {
  Fixture f;
  Written fr = Write(f, "fr", {"json"});
  Written en = Write(f, "en", {"json"});
  std::string fr_formula =
      json::parse(testing::ReadFile(fr.dir + "/report.json"))["scoring"]["formula"];
  std::string en_formula =
      json::parse(testing::ReadFile(en.dir + "/report.json"))["scoring"]["formula"];
  CHECK(fr_formula.find("non applicables") != std::string::npos);
  CHECK(en_formula.find("not_applicable") != std::string::npos);
  std::filesystem::remove_all(fr.dir);
  std::filesystem::remove_all(en.dir);
}

TEST_CASE("a French report holds no sentence of the English catalog") {
  Fixture f;
  // Every message of the catalog, so that none escapes the scan.
  ItemResult& failed = *std::find_if(f.results.begin(), f.results.end(),
                                     [](const ItemResult& r) { return r.state == State::kFail; });
  json english = Catalog("en");
  for (const auto& [code, text] : english["messages"].items()) {
    Check check;
    check.key = "test";
    check.state = CheckState::kFail;
    check.message = Msg(code, {{"name", "X"}, {"status", "503"}});
    failed.checks.push_back(check);
  }
  Written w = Write(f, "fr", {"html", "md"});
  for (const std::string& file : {w.dir + "/report.html", w.dir + "/report.md"}) {
    std::string french = testing::ReadFile(file);
    for (const auto& [key, value] : english.items()) {
      if (!value.is_string()) continue;
      for (const std::string& part : SentenceParts(value)) {
        CHECK_MESSAGE(french.find(part) == std::string::npos, file << ": " << key << ": " << part);
      }
    }
    for (const auto& [code, text] : english["messages"].items()) {
      for (const std::string& part : SentenceParts(text)) {
        CHECK_MESSAGE(french.find(part) == std::string::npos, file << ": " << code << ": " << part);
      }
    }
  }
  std::filesystem::remove_all(w.dir);
}

TEST_CASE("the Markdown report keeps table rows intact") {
  Fixture f;
  Written w = Write(f, "fr", {"md"});
  std::string md = testing::ReadFile(w.dir + "/report.md");
  CHECK(md.find("ENT &lt;test&gt; &amp; \"quotes\" \\| pipes") != std::string::npos);
  CHECK(md.find("En-tête X \\| &lt;script&gt;") != std::string::npos);
  std::filesystem::remove_all(w.dir);
}

TEST_CASE("the JUnit report counts failures and errors per axis") {
  Fixture f;
  Written w = Write(f, "fr", {"junit"});
  pugi::xml_document doc;
  REQUIRE(doc.load_file((w.dir + "/report.junit.xml").c_str()));
  int tests = 0, failures = 0, errors = 0;
  for (pugi::xml_node suite : doc.child("testsuites").children("testsuite")) {
    tests += suite.attribute("tests").as_int();
    failures += suite.attribute("failures").as_int();
    errors += suite.attribute("errors").as_int();
  }
  CHECK(tests == static_cast<int>(f.grid.items.size()));
  CHECK(failures == f.summary.overall.exigence.fail + f.summary.overall.recommandation.fail);
  CHECK(errors == f.summary.overall.exigence.error + f.summary.overall.recommandation.error);
  std::filesystem::remove_all(w.dir);
}

TEST_CASE("the SARIF report: one rule per item, one result per failing check, waivers suppressed") {
  Fixture f;
  Written w = Write(f, "en", {"sarif"});
  REQUIRE_MESSAGE(w.ok, w.error);
  json sarif = json::parse(testing::ReadFile(w.dir + "/report.sarif"));
  CHECK(sarif["version"] == "2.1.0");
  REQUIRE(sarif["runs"].size() == 1);
  const json& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["rules"].size() == f.grid.items.size());
  size_t failing = 0, waived = 0;
  for (const ItemResult& r : f.results) {
    if (r.state == State::kFail) failing += std::max<size_t>(r.checks.size(), 1);
    if (r.state == State::kWaived) ++waived;
  }
  size_t suppressed = 0;
  for (const json& result : run["results"]) {
    const json& rule = run["tool"]["driver"]["rules"][result["ruleIndex"].get<size_t>()];
    CHECK(rule["id"] == result["ruleId"]);
    CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "https://ent.example.fr");
    CHECK(result["partialFingerprints"]["sdetcheckCheck/v1"].get<std::string>().size() == 64);
    if (result.contains("suppressions")) ++suppressed;
  }
  CHECK(run["results"].size() == failing + waived);
  CHECK(suppressed == waived);
  std::filesystem::remove_all(w.dir);
}

TEST_CASE("an unwritable output directory or a missing template is a clear error") {
  Fixture f;
  std::vector<std::string> files;
  std::string error;
  CHECK(!WriteReports(f.Context("fr"), {"json"}, "/proc/sdetcheck-cannot", &files, &error));
  CHECK(error.find("/proc/sdetcheck-cannot") != std::string::npos);
  ReportContext context = f.Context("fr");
  context.reports_dir = "/nonexistent";
  std::string dir = testing::MakeTempDir("sdetcheck-report");
  CHECK(!WriteReports(context, {"html"}, dir, &files, &error));
  CHECK(error.find("/nonexistent/i18n/fr.json") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a saved report renders again to the same HTML and Markdown") {
  Fixture f;
  Written w = Write(f, "fr", {"json", "html", "md"});
  REQUIRE_MESSAGE(w.ok, w.error);
  std::string again = testing::MakeTempDir("sdetcheck-render");
  std::vector<std::string> files;
  std::string error;
  REQUIRE_MESSAGE(RenderSavedReport(w.dir + "/report.json", f.Context("fr").reports_dir,
                                    {"html", "md", "json"}, again, &files, &error),
                  error);
  CHECK(files.size() == 3);
  for (const char* name : {"/report.html", "/report.md", "/report.json"})
    CHECK(testing::ReadFile(again + name) == testing::ReadFile(w.dir + name));
  std::filesystem::remove_all(w.dir);
  std::filesystem::remove_all(again);
}

TEST_CASE("a version 1 report, an incomplete one or a non-report is refused clearly") {
  Fixture f;
  std::string dir = testing::MakeTempDir("sdetcheck-render");
  auto refused = [&](const std::string& content) {
    std::string file = dir + "/report.json";
    std::ofstream(file) << content;
    std::vector<std::string> files;
    std::string error;
    CHECK(!RenderSavedReport(file, f.Context("fr").reports_dir, {"html"}, dir + "/out", &files,
                             &error));
    CHECK(files.empty());
    CHECK(error.find(file) == 0);
    return error;
  };
  std::string v1 = refused(R"({"schema_version": "1", "lang": "fr", "items": []})");
  CHECK(v1.find("schema version 1") != std::string::npos);
  CHECK(v1.find("reads version 2") != std::string::npos);
  CHECK(v1.find("run the audit again") != std::string::npos);
  CHECK(refused(R"({"lang": "fr"})").find("schema version null") != std::string::npos);
  CHECK(refused(R"({"schema_version": "2", "lang": "fr"})").find("'target' is missing") !=
        std::string::npos);
  CHECK(refused("<html>not json</html>").find("not a JSON report") != std::string::npos);
  CHECK(refused("[1, 2]").find("not a JSON report") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sdetcheck
