// Canary test: an audit of the reference ENT logs in with every test account through CAS,
// SAML and OpenID Connect, and posts the test IdP's Responses to the ENT's SAML SP. Nothing secret
// it handled may appear in any report it writes, nor in its evidence bundle: passwords, the OIDC
// client secret (known here from the ENT's secrets directory) and the test IdP's signing key, and
// values recognised by their shape (session cookies, CAS tickets, SAML messages, OIDC codes and
// tokens).

#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "support/local_servers.h"
#include "util/regex.h"

namespace sdetcheck {
namespace {

using testing::RefEntDir;

std::vector<std::string> KnownSecrets() {
  std::vector<std::string> secrets;
  for (const auto& entry : std::filesystem::directory_iterator(RefEntDir() + "/secrets")) {
    std::string value = testing::ReadFile(entry.path().string());
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
    if (value.size() >= 6) secrets.push_back(value);
  }
  // The test IdP's private key, which sdetcheck signs the ENT SP's Responses with: a line of
  // its body stands for the whole.
  std::string key = testing::ReadFile(RefEntDir() + "/certs/test-idp.key");
  size_t body = key.find('\n');
  if (body != std::string::npos) secrets.push_back(key.substr(body + 1, 64));
  return secrets;
}

// Shapes of secret values; a masked value reads "[REDACTED]" and matches none of them.
const std::vector<std::pair<std::string, std::string>> kSecretShapes = {
    {"LemonLDAP::NG session cookie", "lemonldap(?:http|sp)?=[0-9a-f]{16,}"},
    {"CAS ticket", "\\b(?:ST|PT|PGT|PGTIOU|TGT)-[A-Za-z0-9-]{12,}"},
    {"ticket parameter", "ticket=(?!\\[REDACTED\\])[A-Za-z0-9-]{8,}"},
    {"SAML message parameter", "SAML(?:Request|Response)=(?!\\[REDACTED\\])[A-Za-z0-9%+/=]{16,}"},
    {"base64 SAML XML", "PHNhbWxw|PD94bWwg|PHNhbWw6"},
    {"OIDC code parameter", "[?&]code=(?!\\[REDACTED\\])[A-Za-z0-9._~-]{8,}"},
    {"JSON Web Token", "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\."},
};

std::vector<std::string> ReportFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  return files;
}

// The reference ENT runs on this machine: audited at --rate 40 (the default 10 is for real
// ENTs), so that the suite stays short; the per-host concurrency limit still applies.
TEST_SUITE("refent") {
  TEST_CASE(
      "no secret handled during an audit of the reference ENT appears in its reports or bundle") {
    REQUIRE(!RefEntDir().empty());
    std::string dir = testing::MakeTempDir("sdetcheck-canary");
    std::string out, err;
    std::string command = std::string(SDETCHECK_BINARY) + " audit -q --rate 40 --target " +
                          RefEntDir() + "/target.yaml --today 2026-11-23 --out " + dir +
                          " --format json,html,md,junit,sarif --bundle " + dir +
                          "/run.sdetbundle 2>" + dir + "/stderr.log";
    int exit_code = testing::RunCommand(command, &out, &err);
    CHECK(exit_code <= 2);
    // The bundle's files one by one: its inputs/ are the grid, probe and target files as the
    // team wrote them (a probe's made-up ticket "ST-0-sdetcheck-unknown-ticket" is no secret),
    // searched for known secrets only.
    std::filesystem::create_directories(dir + "/bundle");
    REQUIRE(testing::RunCommand("tar -xf " + dir + "/run.sdetbundle -C " + dir + "/bundle", &out,
                                &err) == 0);
    std::filesystem::remove(dir + "/run.sdetbundle");
    std::vector<std::string> files = ReportFiles(dir);
    // Five reports, the log and the bundle's files (every exchange made, the input files, the
    // reports, the manifest).
    REQUIRE(files.size() >= 15);
    std::vector<std::string> secrets = KnownSecrets();
    REQUIRE(secrets.size() >= 5);
    for (const std::string& file : files) {
      std::string text = testing::ReadFile(file);
      for (const std::string& secret : secrets)
        CHECK_MESSAGE(text.find(secret) == std::string::npos, file << " holds a known secret");
      if (file.find("/bundle/inputs/") != std::string::npos) continue;
      for (const auto& [what, pattern] : kSecretShapes) {
        std::string error, matched;
        std::optional<Regex> regex = Regex::Compile(pattern, &error);
        REQUIRE_MESSAGE(regex, error);
        Regex::Match found = regex->Search(text, &matched);
        CHECK_MESSAGE(found == Regex::Match::kNotFound,
                      file << " holds a " << what << ": " << matched.substr(0, 24) << "...");
      }
    }
    std::filesystem::remove_all(dir);
  }
}  // TEST_SUITE

}  // namespace
}  // namespace sdetcheck
