// The feed validator on the reference ENT's sample feed: clean as shipped, and each fault
// written into a copy found by its rule, counted exactly, with file, line, record and value.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <unistd.h>

#include "aaf/feed_validation.h"
#include "aaf/feed_validation_output.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

const std::string kSample = std::string(SDETCHECK_SOURCE_DIR) + "/reference-ent/aaf";
const std::string kPupils = "ENT2D_REFENT_Complet_20260901_Eleve_0000.xml";

// A copy of the sample feed in a fresh directory, removed at the end.
struct FeedCopy {
  fs::path dir;
  FeedCopy() {
    dir = fs::temp_directory_path() / ("sdetcheck-aaf-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& entry : fs::directory_iterator(kSample)) {
      fs::copy_file(entry.path(), dir / entry.path().filename());
    }
  }
  ~FeedCopy() { fs::remove_all(dir); }
  void Replace(const std::string& file, const std::string& from, const std::string& to) {
    std::ifstream in(dir / file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    size_t at = content.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    content.replace(at, from.size(), to);
    std::ofstream(dir / file, std::ios::binary) << content;
  }
  FeedValidation Validate() {
    FeedValidationOptions options;
    options.inputs = {dir.string()};
    return ValidateFeed(options);
  }
};

TEST_CASE("aaf validation: the sample feed is clean, every file by the scanner") {
  FeedValidationOptions options;
  options.inputs = {kSample};
  FeedValidation v = ValidateFeed(options);
  CHECK(v.errors.empty());
  CHECK(v.files.size() == 4);
  CHECK(v.records == 18);
  CHECK(v.files_read_by_libxml2 == 0);
  CHECK(v.counts.empty());
  CHECK(!FeedHasErrors(v));
}

TEST_CASE("aaf validation: faults found by their rule, exactly once") {
  struct Case {
    const char* rule;
    std::string from, to;
  };
  for (const Case& c : std::vector<Case>{
           {"value.date", "<value>14/03/2012</value>", "<value>31/02/2012</value>"},
           {"ref.class", "<value>1001$4A</value>", "<value>1001$9Z</value>"},
           {"ref.relative", "<attr name=\"ENTElevePersRelEleve\"><value>",
            "<attr name=\"ENTElevePersRelEleve\"><value>9999999$10$1$1$1$0</value><value>"},
           {"attr.unknown", "<attr name=\"sn\">",
            "<attr name=\"ENTInconnu\"><value>x</value></attr><attr name=\"sn\">"},
           {"value.compound", "<value>1001$4A</value>", "<value>4A</value>"},
       }) {
    CAPTURE(c.rule);
    FeedCopy copy;
    copy.Replace(kPupils, c.from, c.to);
    FeedValidation v = copy.Validate();
    CHECK(v.Count(c.rule) == 1);
    uint64_t total = 0;
    for (const auto& [rule, count] : v.counts) total += count;
    CHECK(total == 1);
    REQUIRE(v.findings.size() == 1);
    CHECK(v.findings[0].file == kPupils);
    CHECK(v.findings[0].line > 0);
    CHECK(!v.findings[0].record.empty());
  }
}

TEST_CASE("aaf validation: a truncated file is named with its line, the others still checked") {
  FeedCopy copy;
  copy.Replace(kPupils, "</ficAlimMENESR>", "");
  FeedValidation v = copy.Validate();
  CHECK(v.Count("file.unreadable") == 1);
  CHECK(v.files_read_by_libxml2 == 1);
  CHECK(v.records >= 14);
}

TEST_CASE("aaf validation: a 20 MB value, NUL bytes, a lying encoding: named errors, no crash") {
  struct Case {
    std::string from, to;
  };
  for (const Case& c : std::vector<Case>{
           {"<value>MOREAU</value>", "<value>" + std::string(20 << 20, 'A') + "</value>"},
           {"<value>MOREAU</value>", std::string("<value>MO\0REAU</value>", 22)},
           {"encoding=\"UTF-8\"", "encoding=\"UTF-8\"?><!-- \xE9\xE9 --><?x"},
       }) {
    FeedCopy copy;
    copy.Replace(kPupils, c.from, c.to);
    FeedValidation v = copy.Validate();
    CHECK(v.Count("file.unreadable") == 1);
    CHECK(v.files_read_by_libxml2 == 1);
    CHECK(v.files.size() == 4);
    for (const FeedFinding& f : v.findings) {
      if (f.rule != "file.unreadable") continue;
      CHECK(f.file == kPupils);
      CHECK(!f.value.empty());  // libxml2's message
      CHECK(f.value.size() <= 200);
    }
  }
}

TEST_CASE("aaf validation: a missing input is an error, not an empty success") {
  FeedValidationOptions options;
  options.inputs = {"/nonexistent/feed"};
  FeedValidation v = ValidateFeed(options);
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].find("/nonexistent/feed") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
