// The false verdicts of issue 11, audited with the real binary and the shipped probes
// (probes/ of the binary's data directory) against the hostile server: each must be what
// the protocol and the user need, never a pass or a fail the ENT did not earn.
//
// $SDETCHECK_AUDIT_BINARY runs another build (an older one: with its own probes, as shipped)
// to show these tests fail there.

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/hostile_server.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
using testing::HostileUrl;

std::string Binary() {
  const char* other = std::getenv("SDETCHECK_AUDIT_BINARY");
  return other && *other ? other : SDETCHECK_BINARY;
}

struct Verdict {
  std::string state;
  std::string report;  // report.json, for messages
};

// Audits one grid item checked by the shipped probe `probe` (with `with`, YAML flow map or
// ""), against the hostile server with its CAS at `cas_path`; `env` prefixes the command.
Verdict AuditOne(const std::string& probe, const std::string& with, const std::string& cas_path,
                 const std::string& env = "") {
  std::string dir = testing::MakeTempDir("sdetcheck-verdict");
  std::filesystem::create_directories(dir + "/grid");
  std::ofstream(dir + "/grid/manifest.yaml")
      << "grid_set: verdicts\nsdet_version: test\npublished: \"2026-12\"\n"
         "title: {fr: Verdicts, en: Verdicts}\nprovenance: \"Test fixture, not SDET content.\"\n"
         "axes:\n  - {id: securite, name: {fr: Sécurité, en: Security}, file: securite.yaml}\n";
  std::ofstream(dir + "/grid/securite.yaml")
      << "items:\n  - {id: V-01, axis: securite, level: exigence, title: {fr: v, en: v}, "
         "statement: {fr: v, en: v}, source: {document: test, provenance: unverified}, "
         "check: {probe: "
      << probe << (with.empty() ? "" : ", with: " + with) << "}, remediation: {fr: v, en: v}}\n";
  std::ofstream(dir + "/target.yaml")
      << "target:\n  name: hostile\n  base_url: \"" << HostileUrl("https", "") << "\"\n"
      << "  profiles: [eleve]\n  ca_bundle: \"" << testing::HostileCaBundle() << "\"\n"
      << "  sso: {cas: \"" << HostileUrl("https", cas_path) << "\"}\n"
      << "  accounts:\n    - {id: eleve1, profile: eleve, login: eleve.test, password: {env: "
         "SDET_VERDICT_PASSWORD}}\n";
  std::string out, err;
  testing::RunCommand(env + " SDET_VERDICT_PASSWORD=verdict-pass-123 " + Binary() +
                          " audit --quiet --target " + dir + "/target.yaml --grids " + dir +
                          "/grid --out " + dir + "/out --format json --timeout 5000",
                      &out, &err);
  Verdict verdict;
  verdict.report = testing::ReadFile(dir + "/out/report.json");
  json report = json::parse(verdict.report, nullptr, false);
  INFO("stderr: " << err);
  REQUIRE(report.is_object());
  REQUIRE(report["items"].size() == 1);
  verdict.state = report["items"][0]["state"];
  std::filesystem::remove_all(dir);
  return verdict;
}

// An OpenSSL configuration under which this machine cannot offer TLS 1.0 or 1.1.
std::string NoLegacyTlsConfig() {
  std::string dir = testing::MakeTempDir("sdetcheck-openssl");
  std::ofstream(dir + "/openssl.cnf") << "openssl_conf = openssl_init\n"
                                         "[openssl_init]\nssl_conf = ssl_sect\n"
                                         "[ssl_sect]\nsystem_default = system_default_sect\n"
                                         "[system_default_sect]\nProtocol = -TLSv1, -TLSv1.1\n";
  return dir + "/openssl.cnf";
}

}  // namespace

TEST_SUITE("hostile") {
  TEST_CASE("false verdict: ticket:false at a wrong cas_url (a 404) is an error, not a pass") {
    Verdict v = AuditOne("cas-unregistered-service", "", "/no-cas-here");
    CHECK(v.state == "error");
  }

  TEST_CASE("false verdict: a login post refused with 403 (CSRF) is an error, not a fail") {
    CHECK(AuditOne("cas-attributes", "", "/cas-forbidden").state == "error");
  }

  TEST_CASE("false verdict: the login form shown again is an error, not a fail") {
    CHECK(AuditOne("cas-attributes", "", "/cas-form-again").state == "error");
  }

  TEST_CASE("false verdict: a page that sets no cookie is not applicable to the cookie checks") {
    CHECK(AuditOne("session-cookie-flags", "{path: /ok}", "/cas-ok").state == "not_applicable");
  }

  TEST_CASE("false verdict: TLS 1.0 this machine cannot offer is an error, not 'refused'") {
    Verdict v =
        AuditOne("tls-legacy-refused", "", "/cas-ok", "OPENSSL_CONF=" + NoLegacyTlsConfig());
    CHECK(v.state == "error");
  }
}  // TEST_SUITE

}  // namespace sdetcheck
