#include <string>

#include <doctest/doctest.h>

#include "target/profile.h"

namespace sdetcheck {
namespace {

const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures";

std::string Messages(const Diagnostics& diagnostics) {
  std::string all;
  for (const Diagnostic& d : diagnostics.list()) {
    all += d.loc.file + ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) +
           ": " + d.message + "\n";
  }
  return all;
}

TEST_CASE("target profile from text: relative paths resolved against the name given") {
  Diagnostics d;
  TargetProfile target = LoadTargetProfileFromText(
      "target:\n  name: T\n  base_url: https://ent.example/\n  feeds: [{path: feeds/a.xml}]\n"
      "  accounts: [{id: e1, profile: eleve, login: e, password: {file: secrets/e1}}]\n",
      "conf/target.yaml", &d);
  INFO(Messages(d));
  CHECK(d.empty());
  CHECK(target.file == "conf/target.yaml");
  CHECK(target.base_url == "https://ent.example");
  REQUIRE(target.feeds.size() == 1);
  CHECK(target.feeds[0] == "conf/feeds/a.xml");
  REQUIRE(target.accounts.size() == 1);
  CHECK(target.accounts[0].password.file == "conf/secrets/e1");
}

// Regression: fs::exists threw on a name the file system refuses (ENAMETOOLONG), and the
// exception ended the process.
TEST_CASE("target profile: a ca_bundle name too long for the file system is not found") {
  Diagnostics d;
  LoadTargetProfileFromText("target:\n  name: T\n  base_url: https://ent.example\n  ca_bundle: " +
                                std::string(300, 'A') + "\n",
                            kFixtures + "/target.yaml", &d);
  CHECK(Messages(d).find("target.yaml:4:14: target.ca_bundle: file not found") !=
        std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
