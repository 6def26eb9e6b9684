#include <string>

#include <doctest/doctest.h>

#include "lint/linter.h"

namespace sdetcheck {
namespace {

const std::string kRoot = SDETCHECK_SOURCE_DIR;
const std::string kBroken = kRoot + "/tests/fixtures/broken-inputs";

bool Mentions(const Diagnostics& d, const std::string& part) {
  for (const Diagnostic& diagnostic : d.list()) {
    std::string text = diagnostic.loc.file + ":" + std::to_string(diagnostic.loc.line) + ":" +
                       std::to_string(diagnostic.loc.column) + ": " + diagnostic.message + " " +
                       diagnostic.hint;
    if (text.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("lint passes on the shipped grid set, probes and example answers") {
  Diagnostics d;
  LintSummary s =
      LintPaths({kRoot + "/grids/sdet-6.3", kRoot + "/probes", kRoot + "/examples/answers.yaml"},
                {kRoot + "/probes"}, kRoot + "/grids/sdet-6.3", &d);
  INFO(d.Format());
  CHECK(d.empty());
  CHECK(s.grid_sets == 1);
  CHECK(s.items >= 12);
  CHECK(s.probes >= 10);
  CHECK(s.answers == 1);
}

TEST_CASE("lint finds dangling probe references in a grid") {
  Diagnostics d;
  LintPaths({kRoot + "/tests/fixtures/broken-grid"}, {kRoot + "/probes"}, "", &d);
  CHECK(Mentions(d, "technique.yaml:10:5: item F-01: probe 'no-such-probe' is not defined"));
}

TEST_CASE("lint reports every problem of broken probe, target and answers files") {
  Diagnostics d;
  LintPaths({kBroken + "/probes.yaml", kBroken + "/target.yaml", kBroken + "/answers.yaml"},
            {kRoot + "/probes"}, kRoot + "/grids/sdet-6.3", &d);
  INFO(d.Format());
  CHECK(Mentions(d,
                 "probes.yaml:5:5: probe home-page: unknown key 'reqest' did you mean 'request'?"));
  CHECK(Mentions(d, "probes.yaml:5:5: probe home-page: unknown key 'reqest'"));
  CHECK(Mentions(
      d,
      "probes.yaml:8:11: probe audience-tag.kind: 'htp' is not one of: http, tls, tls_scan, cas, "
      "saml_metadata, cas_protocol, oidc, saml_login, saml_sp, aaf_feed, aaf_directory, "
      "service_access, web_page, page_weight "
      "did you mean 'http'?"));
  CHECK(Mentions(d,
                 "probes.yaml:15:5: probe typo-variable: unknown variable ${base_ulr} did you mean "
                 "'base_url'?"));
  CHECK(Mentions(d, "probe bad-regex.expect.body.matches: invalid regex"));
  CHECK(Mentions(d, "target.yaml:3:13: target.base_url: must start with https://"));
  CHECK(Mentions(d, "target.yaml:8:17: account prof1.password: secrets are never written inline"));
  CHECK(Mentions(d, "answers.yaml:3:13: attestation for RGPD-01.answer: 'oui' is not one of"));
  CHECK(Mentions(d, "answers.yaml:8:5: waiver matches no item: 'SEC-99'"));
}

TEST_CASE("lint says what a file is expected to be when it recognises nothing") {
  Diagnostics d;
  LintPaths({kRoot + "/tests/fixtures/broken-grid/../../../.clang-format"}, {}, "", &d);
  REQUIRE(!d.empty());
}

// Regression: std::filesystem's throwing calls ended the process on a path the file system
// refuses (ENAMETOOLONG), as in the grid and target loaders.
TEST_CASE("lint: a path too long for the file system is not found, no exception") {
  Diagnostics d;
  std::string path = kRoot + "/" + std::string(300, 'A') + ".yaml";
  LintPaths({path}, {kRoot + "/probes"}, kRoot + "/grids/sdet-6.3", &d);
  CHECK(Mentions(d, path + ":0:0: no such file or directory"));
}

}  // namespace
}  // namespace sdetcheck
