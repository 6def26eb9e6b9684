#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <unistd.h>

#include "util/diagnostics.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

// A file that exists for the lifetime of the object, so Format() can quote its lines.
class TempFile {
 public:
  explicit TempFile(const std::string& name, const std::string& content)
      : path_((fs::temp_directory_path() /
               ("sdetcheck-diag-" + std::to_string(getpid()) + "-" + name))
                  .string()) {
    std::ofstream(path_) << content;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST_CASE("SuggestClosest proposes the nearest candidate for a typo") {
  std::vector<std::string> keys = {"timeout", "retries", "method", "url"};
  CHECK(SuggestClosest("timout", keys) == "timeout");
  CHECK(SuggestClosest("metod", keys) == "method");
  CHECK(SuggestClosest("retires", keys) == "retries");
  CHECK(SuggestClosest("url", keys) == "url");
}

TEST_CASE("SuggestClosest suggests nothing when no candidate is close") {
  std::vector<std::string> keys = {"timeout", "retries"};
  CHECK(SuggestClosest("zzzzzzzzzz", keys).empty());
  CHECK(SuggestClosest("x", keys).empty());
  CHECK(SuggestClosest("timeout", {}).empty());
}

TEST_CASE("SuggestClosest prefers the first of equally close candidates") {
  CHECK(SuggestClosest("ab", {"abc", "abd"}) == "abc");
}

TEST_CASE("Diagnostics collects errors in order") {
  Diagnostics a;
  CHECK(a.empty());
  a.Error({"a.yaml", 1, 2}, "first");
  a.Error({"b.yaml", 3, 4}, "second", "hint");
  REQUIRE(a.size() == 2);
  CHECK(a.list()[0].message == "first");
  CHECK(a.list()[1].loc.file == "b.yaml");
  CHECK(a.list()[1].hint == "hint");
  CHECK_FALSE(a.empty());
}

TEST_CASE("Diagnostics::Format prints file:line:col, message, hint, source line and caret") {
  TempFile file("format.yaml", "probes:\n  - nmae: x\n    kind: http\n");
  Diagnostics d;
  d.Error({file.path(), 2, 5}, "probe: unknown key 'nmae'", "did you mean 'name'?");
  std::string out = d.Format();
  std::string expected = file.path() +
                         ":2:5: error: probe: unknown key 'nmae' (did you mean 'name'?)\n"
                         "    - nmae: x\n"
                         "      ^\n";
  CHECK(out == expected);
}

TEST_CASE("Diagnostics::Format puts the caret under column 1 at the line start") {
  TempFile file("col1.yaml", "bad: [\n");
  Diagnostics d;
  d.Error({file.path(), 1, 1}, "invalid YAML");
  CHECK(d.Format() == file.path() + ":1:1: error: invalid YAML\n  bad: [\n  ^\n");
}

TEST_CASE("Diagnostics::Format without a location prints no position and no caret") {
  Diagnostics d;
  d.Error({"missing.yaml", 0, 0}, "cannot read file");
  CHECK(d.Format() == "missing.yaml: error: cannot read file\n");
}

TEST_CASE("Diagnostics::Format omits the source line when the file cannot be read") {
  Diagnostics d;
  d.Error({"/nonexistent/sdetcheck/x.yaml", 3, 2}, "oops");
  CHECK(d.Format() == "/nonexistent/sdetcheck/x.yaml:3:2: error: oops\n");
}

TEST_CASE("Diagnostics::Format sorts by file, then line, then column, stably") {
  Diagnostics d;
  d.Error({"b.yaml", 1, 1}, "b1");
  d.Error({"a.yaml", 10, 1}, "a10");
  d.Error({"a.yaml", 2, 7}, "a2c7");
  d.Error({"a.yaml", 2, 3}, "a2c3-first");
  d.Error({"a.yaml", 2, 3}, "a2c3-second");
  std::string out = d.Format();
  size_t a2c3 = out.find("a2c3-first");
  size_t a2c3b = out.find("a2c3-second");
  size_t a2c7 = out.find("a2c7");
  size_t a10 = out.find("a10");
  size_t b1 = out.find("b1");
  REQUIRE(a2c3 != std::string::npos);
  REQUIRE(b1 != std::string::npos);
  CHECK(a2c3 < a2c3b);
  CHECK(a2c3b < a2c7);
  CHECK(a2c7 < a10);  // line 2 before line 10: numeric, not textual, order
  CHECK(a10 < b1);
  // Format does not reorder the stored list.
  CHECK(d.list().front().message == "b1");
}

}  // namespace
}  // namespace sdetcheck
