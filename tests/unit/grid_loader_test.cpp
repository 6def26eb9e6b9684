#include <string>

#include <doctest/doctest.h>

#include "grid/loader.h"

namespace sdetcheck {
namespace {

const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures";

bool HasError(const Diagnostics& d, const std::string& file_suffix, int line, int column,
              const std::string& message_part) {
  for (const Diagnostic& diagnostic : d.list()) {
    const SourceLoc& loc = diagnostic.loc;
    bool file_ok = loc.file.size() >= file_suffix.size() &&
                   loc.file.compare(loc.file.size() - file_suffix.size(), file_suffix.size(),
                                    file_suffix) == 0;
    if (file_ok && loc.line == line && loc.column == column &&
        (diagnostic.message + " " + diagnostic.hint).find(message_part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST_CASE("the shipped grid set loads without a problem and covers the four axes") {
  Diagnostics diagnostics;
  GridSet grid = LoadGridSet(std::string(SDETCHECK_SOURCE_DIR) + "/grids/sdet-6.3", &diagnostics);
  INFO(diagnostics.Format());
  CHECK(diagnostics.empty());
  REQUIRE(grid.axes.size() == 4);
  CHECK(grid.items.size() >= 12);
  for (const Axis& axis : grid.axes) {
    int count = 0;
    for (const Item& item : grid.items) count += item.axis == axis.id;
    CHECK_MESSAGE(count > 0, "axis without items: " << axis.id);
  }
  CHECK(grid.files.size() == 5);  // manifest + 4 axis files, each hashed
  for (const InputFile& file : grid.files) CHECK(file.sha256.size() == 64);
}

TEST_CASE("a broken grid set reports every problem with file:line:column") {
  Diagnostics d;
  GridSet grid = LoadGridSet(kFixtures + "/broken-grid", &d);
  INFO(d.Format());
  // Unknown key, with a suggestion.
  CHECK(HasError(d, "broken-grid/fonctionnel.yaml", 5, 5, "unknown key 'titel'"));
  CHECK(HasError(d, "broken-grid/fonctionnel.yaml", 5, 5, "did you mean 'title'?"));
  // The missing title is reported too.
  CHECK(HasError(d, "broken-grid/fonctionnel.yaml", 2, 5, "missing required key 'title'"));
  // Wrong level, with a suggestion.
  CHECK(HasError(d, "broken-grid/technique.yaml", 4, 12,
                 "'exigance' is not one of: exigence, recommandation"));
  CHECK(HasError(d, "broken-grid/technique.yaml", 4, 12, "did you mean 'exigence'?"));
  // Duplicate id, pointing at the first definition.
  CHECK(HasError(d, "broken-grid/technique.yaml", 10, 5, "duplicate item id 'F-01'"));
  CHECK(HasError(d, "broken-grid/technique.yaml", 10, 5, "fonctionnel.yaml:2:5"));
  // Bad YAML.
  CHECK(HasError(d, "broken-grid/securite.yaml", 7, 1, "invalid YAML"));
  // Items from the good parts are still there.
  // An item with an invalid level is still read, so later problems in it are found too.
  CHECK(grid.FindItem("T-01") != nullptr);
}

TEST_CASE("the formatted diagnostics show the offending line and a caret") {
  Diagnostics d;
  LoadGridSet(kFixtures + "/broken-grid", &d);
  std::string text = d.Format();
  CHECK(text.find(
            "fonctionnel.yaml:5:5: error: item F-01: unknown key 'titel' (did you mean 'title'?)\n"
            "      titel: {fr: \"Portail\", en: \"Portal\"}\n"
            "      ^\n") != std::string::npos);
}

TEST_CASE("a grid set directory without manifest is one clear error") {
  Diagnostics d;
  LoadGridSet(kFixtures + "/does-not-exist", &d);
  REQUIRE(d.size() == 1);
  CHECK(d.list()[0].message == "cannot read file");
  CHECK(d.list()[0].loc.file.find("does-not-exist/manifest.yaml") != std::string::npos);
}

TEST_CASE("grid loader from text: the manifest and an axis file read from memory") {
  Diagnostics d;
  GridSet set = LoadGridManifestFromText(
      "grid_set: g\nsdet_version: '6.3'\npublished: '2024-01'\n"
      "title: {fr: T, en: T}\nprovenance: p\n"
      "axes:\n  - {id: securite, name: {fr: S, en: S}, file: nowhere.yaml}\n",
      "in-memory/manifest.yaml", &d);
  // Axis files named by the manifest must exist next to it.
  REQUIRE(d.size() == 1);
  CHECK(d.list()[0].message.find("'nowhere.yaml' does not exist") != std::string::npos);
  CHECK(d.list()[0].loc.file == "in-memory/manifest.yaml");
  CHECK(set.id == "g");
  REQUIRE(set.files.size() == 1);
  CHECK(set.files[0].sha256.size() == 64);

  Diagnostics axis_diagnostics;
  Axis axis{"securite", {}, "in-memory/securite.yaml"};
  LoadGridAxisFromText(axis, "items:\n  - {id: SEC-01, axis: technique}\n", &set,
                       &axis_diagnostics);
  REQUIRE(set.items.size() == 1);
  CHECK(set.items[0].id == "SEC-01");
  CHECK(HasError(axis_diagnostics, "in-memory/securite.yaml", 2, 24,
                 "axis 'technique' but this file holds axis 'securite'"));
}

// Regression: libstdc++'s std::regex recursed once per character of the id, and a 20 000-
// character id overflowed the stack.
TEST_CASE("grid loader: a very long item id is refused without exhausting the stack") {
  GridSet set;
  Diagnostics d;
  Axis axis{"securite", {}, "in-memory/securite.yaml"};
  LoadGridAxisFromText(axis, "items:\n  - id: " + std::string(200000, 'A') + "-\n", &set, &d);
  CHECK(HasError(d, "in-memory/securite.yaml", 2, 9, "id must match [A-Z0-9]+(-[A-Z0-9]+)*"));
  Diagnostics good_id;
  LoadGridAxisFromText(axis, "items:\n  - id: " + std::string(200000, 'A') + "\n", &set, &good_id);
  CHECK_FALSE(HasError(good_id, "in-memory/securite.yaml", 2, 9, "id must match"));
  for (const char* bad : {"-A", "A-", "A--B", "a-1", "SEC 01", "SEC_01"}) {
    Diagnostics bad_id;
    LoadGridAxisFromText(axis, std::string("items:\n  - id: '") + bad + "'\n", &set, &bad_id);
    CHECK_MESSAGE(HasError(bad_id, "in-memory/securite.yaml", 2, 9, "id must match"), bad);
  }
}

// Regression: fs::exists threw on a name the file system refuses (ENAMETOOLONG), and the
// exception ended the process.
TEST_CASE("grid loader: an axis file name too long for the file system is not found, no throw") {
  Diagnostics d;
  GridSet set = LoadGridManifestFromText(
      "axes:\n  - {id: securite, name: {fr: S, en: S}, file: " + std::string(300, 'A') + "}\n",
      kFixtures + "/unit/grid/manifest.yaml", &d);
  CHECK(set.axes.empty());
  CHECK(HasError(d, "unit/grid/manifest.yaml", 2, 48, "does not exist"));
}

}  // namespace
}  // namespace sdetcheck
