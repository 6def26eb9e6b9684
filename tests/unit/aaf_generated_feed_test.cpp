// The generator and the validator together (issue 13's done-when): every fault kind the
// generator injects is found with its exact count and nothing else is, and a clean feed gives
// no finding, full and delta, first and second degree.

#include <filesystem>

#include <doctest/doctest.h>
#include <unistd.h>

#include "aaf/feed_validation.h"
#include "aaf/generator.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

struct Generated {
  fs::path dir, full, delta;
  explicit Generated(AafGeneratorOptions options) {
    dir = fs::temp_directory_path() / ("sdetcheck-gen-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    GeneratedFeed feed;
    std::optional<Message> refused = GenerateFeed(options, dir.string(), &feed);
    REQUIRE_MESSAGE(!refused, (refused ? refused->code : ""));
    full = dir / "full";
    delta = dir / "delta";
    fs::create_directories(full);
    fs::create_directories(delta);
    for (const std::string& file : feed.files) {
      fs::path p(file);
      bool is_delta = p.filename().string().find("_Delta_") != std::string::npos;
      fs::rename(p, (is_delta ? delta : full) / p.filename());
    }
  }
  ~Generated() { fs::remove_all(dir); }
};

FeedValidation Validate(const fs::path& dir, const fs::path& previous = {}) {
  FeedValidationOptions options;
  options.inputs = {dir.string()};
  options.previous = previous.string();
  return ValidateFeed(options);
}

std::map<std::string, uint64_t> Faults(bool delta) {
  std::map<std::string, uint64_t> inject;
  uint64_t count = 1;
  for (const FaultKind& kind : FaultKinds()) {
    if (kind.delta_only != delta) continue;
    inject[std::string(kind.rule)] = count;
    count = count % 4 + 1;  // 1 to 4, so a count off by one shows
  }
  return inject;
}

TEST_CASE("aaf generated feeds: clean ones give no finding, full and delta, both degrees") {
  for (int degree : {1, 2}) {
    CAPTURE(degree);
    AafGeneratorOptions options;
    options.persons = 6000;
    options.degree = degree;
    options.delta = true;
    Generated feed(options);
    FeedValidation full = Validate(feed.full);
    CHECK(full.records > 6000);
    CHECK(full.files_read_by_libxml2 == 0);
    CHECK_MESSAGE(full.counts.empty(), (full.findings.empty() ? "" : full.findings[0].rule));
    FeedValidation delta = Validate(feed.delta, feed.full);
    CHECK(delta.records > 0);
    CHECK_MESSAGE(delta.counts.empty(), (delta.findings.empty() ? "" : delta.findings[0].rule));
  }
}

TEST_CASE("aaf generated feeds: every injected fault found with its exact count") {
  for (int degree : {1, 2}) {
    for (bool delta : {false, true}) {
      CAPTURE(degree);
      CAPTURE(delta);
      AafGeneratorOptions options;
      options.persons = 6000;
      options.degree = degree;
      options.delta = delta;
      options.inject = Faults(delta);
      REQUIRE(!options.inject.empty());
      Generated feed(options);
      FeedValidation v = delta ? Validate(feed.delta, feed.full) : Validate(feed.full);
      for (const auto& [rule, count] : options.inject) {
        CAPTURE(rule);
        CHECK(v.Count(rule) == count);
      }
      for (const auto& [rule, count] : v.counts) {
        CHECK_MESSAGE(options.inject.count(rule) == 1, "unexpected " << rule << " x" << count);
      }
    }
  }
}

}  // namespace
}  // namespace sdetcheck
