// Audits of the local HTTPS test ENT (scripts/testenv.sh, started by CTest as a fixture):
// the real binary, the real curl-multi transport, real nginx on 127.0.0.1.

#include "engine/audit.h"

#include <filesystem>
#include <fstream>
#include <variant>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "engine/progress.h"
#include "grid/loader.h"
#include "net/curl_transport.h"
#include "probe/loader.h"
#include "support/json_schema.h"
#include "support/local_servers.h"
#include "target/profile.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
using testing::ReadFile;
using testing::RunCommand;

const std::string kRoot = SDETCHECK_SOURCE_DIR;
const std::string kBinary = SDETCHECK_BINARY;
const char* kPassword = "Corr3ct-Horse-Battery";

struct CliRun {
  int exit_code = -1;
  std::string out, err, dir;
  json report;
};

CliRun Audit(const std::string& extra, const std::string& target) {
  CliRun run;
  run.dir = testing::MakeTempDir("sdetcheck-audit");
  std::string command = "SDET_TEST_PASSWORD='" + std::string(kPassword) + "' " + kBinary +
                        " audit --target " + target + " --out " + run.dir + " --today 2026-11-23 " +
                        extra;
  run.exit_code = RunCommand(command, &run.out, &run.err);
  run.report = json::parse(ReadFile(run.dir + "/report.json"), nullptr, false);
  return run;
}

const json* FindItem(const json& report, const std::string& id) {
  for (const json& item : report["items"]) {
    if (item["id"] == id) return &item;
  }
  return nullptr;
}

const json& Axis(const json& report, const std::string& id) {
  for (const json& scope : report["summary"]["axes"]) {
    if (scope["axis"] == id) return scope;
  }
  throw std::runtime_error("no axis " + id);
}

// Expected exigence score computed from the grid files, independently of the scorer:
// every applicable exigence counts; the ones not met are `unmet`.
double ExpectedExigenceScore(const std::vector<std::string>& unmet,
                             const std::vector<std::string>& not_applicable = {}) {
  Diagnostics d;
  GridSet grid = LoadGridSet(kRoot + "/grids/sdet-6.3", &d);
  int total = 0, met = 0;
  for (const Item& item : grid.items) {
    if (item.level != Level::kExigence) continue;
    if (std::find(not_applicable.begin(), not_applicable.end(), item.id) != not_applicable.end())
      continue;
    total += item.weight;
    if (std::find(unmet.begin(), unmet.end(), item.id) == unmet.end()) met += item.weight;
  }
  return static_cast<double>(met) / total;
}

TEST_SUITE("integration") {
  TEST_CASE("audit of the local test ENT writes four valid reports with the expected verdicts") {
    REQUIRE(!testing::TestEnvDir().empty());
    CliRun run = Audit("--answers " + kRoot + "/examples/answers.yaml",
                       testing::TestEnvDir() + "/target.yaml");
    INFO(run.err);
    // examples/answers.yaml declares AAF-05 non conforme and leaves INT-04 unanswered. The
    // nginx-only test ENT declares no SSO endpoint: its SSO items cannot be checked (error),
    // but for the ENT as SAML SP, which is not applicable without sso.ent_sp.
    CHECK(run.exit_code == 1);
    REQUIRE(!run.report.is_discarded());
    CHECK(testing::SchemaErrors(run.report, kRoot + "/docs/schemas/report.schema.json") == "");
    CHECK(run.report["verdict"] == "non_conforme");
    CHECK(Axis(run.report, "fonctionnel")["verdict"] == "incomplet");
    CHECK(Axis(run.report, "technique")["verdict"] == "incomplet");
    // securite holds CAS session items (SEC-CAS-*): without SSO they cannot be checked.
    CHECK(Axis(run.report, "securite")["verdict"] == "incomplet");
    CHECK(Axis(run.report, "juridique")["verdict"] == "non_conforme");
    std::vector<std::string> unmet = {"AAF-05", "INT-04"};
    std::vector<std::string> not_applicable;
    int probed = 0, sso_exigences = 0;
    for (const json& item : run.report["items"]) {
      if (item["method"] != "probe") continue;
      ++probed;
      std::string probe = item["probe"];
      // SSO probes, and probes that reach pages through the CAS login (services, the
      // audience tag after login): the test ENT has no CAS server.
      bool sso =
          probe.rfind("cas-", 0) == 0 || probe.rfind("saml-", 0) == 0 ||
          probe.rfind("oidc-", 0) == 0 ||
          (item["message"].is_object() && item["message"]["code"] == "variable.not_in_target" &&
           item["message"]["params"].value("name", "") == "cas_url");
      // The AAF feed is not applicable to a target listing no feed file.
      if (probe == "aaf-feed") {
        CHECK_MESSAGE(item["state"] == "not_applicable", item["id"]);
        CHECK(item["message"]["code"] == "aaf.feed.none");
        continue;
      }
      // Nor is the directory cross-check to a target granting no LDAP access.
      if (probe == "aaf-directory") {
        CHECK_MESSAGE(item["state"] == "not_applicable", item["id"]);
        CHECK(item["message"]["code"] == "aaf.directory.none");
        continue;
      }
      // Nor are the cookies of a signed-in browser to a target without a CAS server.
      if (probe == "signed-in-cookie-flags") {
        CHECK_MESSAGE(item["state"] == "not_applicable", item["id"]);
        CHECK(item["message"]["code"] == "web.signed_in.no_cas");
        not_applicable.push_back(item["id"]);
        continue;
      }
      if (!sso) {
        CHECK_MESSAGE(item["state"] == "pass", item["id"] << ": " << item["message"]);
        CHECK_MESSAGE(!item["evidence"].empty(), item["id"]);
        continue;
      }
      // The ENT as SAML SP is not applicable without sso.ent_sp (nothing to post to).
      if (probe == "saml-ent-sp-rejects") {
        CHECK_MESSAGE(item["state"] == "not_applicable", item["id"]);
        CHECK(item["message"]["code"] == "saml.sp.no_ent_sp");
        not_applicable.push_back(item["id"]);
        continue;
      }
      CHECK_MESSAGE(item["state"] == "error", item["id"]);
      CHECK_MESSAGE(item["message"]["code"] == "variable.not_in_target",
                    item["id"] << ": " << item["message"]);
      if (item["level"] == "exigence") {
        ++sso_exigences;
        unmet.push_back(item["id"]);
      }
    }
    CHECK(probed >= 10);
    CHECK(sso_exigences >= 5);
    const json& exigences = run.report["summary"]["overall"]["exigence"];
    CHECK(exigences["fail"] == 1);
    CHECK(exigences["not_tested"] == 1);
    CHECK(exigences["error"] == sso_exigences);
    CHECK(exigences["score"].get<double>() ==
          doctest::Approx(ExpectedExigenceScore(unmet, not_applicable)));
    CHECK((*FindItem(run.report, "AAF-05"))["state"] == "fail");
    CHECK((*FindItem(run.report, "INT-04"))["state"] == "not_tested");
    CHECK((*FindItem(run.report, "RGPD-01"))["state"] == "attested");
    // Every grid and probe file is stamped with its hash.
    CHECK(run.report["inputs"].size() >= 7);

    std::string html = ReadFile(run.dir + "/report.html");
    CHECK(html.find("<html lang=\"fr\">") != std::string::npos);
    CHECK(html.find("Non conforme") != std::string::npos);
    CHECK(html.find("<link") == std::string::npos);  // single file: no external assets
    CHECK(html.find("src=\"http") == std::string::npos);
    std::string markdown = ReadFile(run.dir + "/report.md");
    CHECK(markdown.find("## Verdict : **Non conforme**") != std::string::npos);
    pugi::xml_document junit;
    REQUIRE(junit.load_file((run.dir + "/report.junit.xml").c_str()));
    int failures = 0;
    for (pugi::xml_node suite : junit.child("testsuites").children("testsuite")) {
      failures += suite.attribute("failures").as_int();
    }
    CHECK(failures == 1);
  }

  TEST_CASE("the same audit in English, without answers, is incomplet and exits 2") {
    CliRun run = Audit("--lang en --format json,html", testing::TestEnvDir() + "/target.yaml");
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.report["verdict"] == "incomplet");
    CHECK(run.report["lang"] == "en");
    CHECK(ReadFile(run.dir + "/report.html").find("Incomplete") != std::string::npos);
    CHECK(!std::filesystem::exists(run.dir + "/report.md"));
  }

  TEST_CASE("--only restricts the audit to one axis") {
    CliRun run = Audit("--only securite --format json", testing::TestEnvDir() + "/target.yaml");
    for (const json& item : run.report["items"]) CHECK(item["axis"] == "securite");
    CHECK(!run.report["items"].empty());
  }

  // A target for the fault grid: the test ENT plus a closed port and a silent server.
  std::string WriteFaultTarget(const std::string& dir, int silent_port) {
    Diagnostics d;
    TargetProfile env = LoadTargetProfile(testing::TestEnvDir() + "/target.yaml", &d);
    std::string path = dir + "/target.yaml";
    std::ofstream out(path);
    out << "target:\n"
        << "  name: \"faults\"\n"
        << "  base_url: \"" << env.base_url << "\"\n"
        << "  ca_bundle: \"" << env.ca_bundle << "\"\n"
        << "  accounts:\n"
        << "    - {id: enseignant1, profile: enseignant, login: prof.martin, password: {env: "
           "SDET_TEST_PASSWORD}}\n"
        << "  vars:\n"
        << "    closed_url: \"http://127.0.0.1:" << testing::ClosedPort() << "\"\n"
        << "    silent_url: \"http://127.0.0.1:" << silent_port << "\"\n"
        << "    untrusted_url: \"" << env.vars.at("untrusted_url") << "\"\n"
        << "    expired_url: \"" << env.vars.at("expired_url") << "\"\n";
    return path;
  }

  struct FaultRun {
    std::map<std::string, ItemResult> results;
    GridSet grid;
    ProbeCatalog probes;
  };

  TEST_CASE(
      "hostile and broken endpoints each yield error with a clear message; the others complete") {
    testing::SilentServer silent;
    std::string dir = testing::MakeTempDir("sdetcheck-faults");
    setenv("SDET_TEST_PASSWORD", kPassword, 1);
    Diagnostics d;
    GridSet grid = LoadGridSet(kRoot + "/tests/fixtures/faults/grid", &d);
    ProbeCatalog probes = LoadProbes({kRoot + "/tests/fixtures/faults/probes.yaml"}, &d);
    TargetProfile target = LoadTargetProfile(WriteFaultTarget(dir, silent.port()), &d);
    Redactor redactor;
    ResolveSecrets(&target, &redactor, &d);
    REQUIRE_MESSAGE(d.empty(), d.Format());

    TransportOptions options;
    options.ca_bundle = target.ca_bundle;
    options.connect_timeout_ms = 2000;
    options.total_timeout_ms = 3000;
    options.retries = 1;
    options.backoff_ms = 50;
    options.rate_per_second = 100;
    CurlTransport transport(options);
    Progress progress(Progress::Mode::kQuiet);
    Answers answers;
    AuditInputs inputs{&grid, &probes, &target, &answers, {}, "2026-11-23"};
    std::vector<ItemResult> results = RunAudit(inputs, &transport, redactor, &progress);
    REQUIRE(results.size() == grid.items.size());

    std::map<std::string, const ItemResult*> by_id;
    for (const ItemResult& r : results) by_id[r.item->id] = &r;
    // The item's message says what happened in words (a code); the technical detail names
    // the limit or the library's reason.
    auto expect_error = [&](const std::string& id, const std::string& code,
                            const std::string& detail) {
      const ItemResult& r = *by_id.at(id);
      std::string observed;
      for (const Check& check : r.checks) observed += check.observed + "\n";
      CHECK_MESSAGE(r.state == State::kError, id << " is " << StateName(r.state));
      CHECK_MESSAGE(r.message.code == code, id << ": " << r.message.code);
      CHECK_MESSAGE(observed.find(detail) != std::string::npos, id << ": " << observed);
    };
    expect_error("F-UNREACHABLE", "transport.connect", "connection failed");
    expect_error("F-UNTRUSTED", "transport.tls", "TLS certificate not trusted");
    expect_error("F-EXPIRED", "transport.tls", "expired");
    expect_error("F-HTML-NOT-XML", "match.unreadable", "expected XML, got an HTML page");
    expect_error("F-HUGE-BODY", "transport.too_large", "exceeds the limit");
    expect_error("F-REDIRECT-LOOP", "transport.redirects", "redirect loop");
    expect_error("F-SILENT", "transport.timeout", "no complete answer within 3 s (--timeout");
    CHECK(by_id.at("OK-HOME")->state == State::kPass);
    CHECK(by_id.at("F-ECHO-AUTH")->state == State::kPass);
    // The echoed credentials were masked in the evidence.
    const ItemResult& echo = *by_id.at("F-ECHO-AUTH");
    REQUIRE(!echo.evidence.empty());
    CHECK(std::get<HttpExchange>(echo.evidence[0]).excerpt == "authorization=Basic [REDACTED]\n");
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a password given to the target profile appears in no report and no log") {
    testing::SilentServer silent;
    std::string dir = testing::MakeTempDir("sdetcheck-secret");
    std::string target = WriteFaultTarget(dir, silent.port());
    CliRun run = Audit("--grids " + kRoot + "/tests/fixtures/faults/grid --probes " + kRoot +
                           "/tests/fixtures/faults/probes.yaml --timeout 3000 --retries 0",
                       target);
    INFO(run.err);
    CHECK(run.exit_code == 2);  // errors, no failure: incomplet
    Account account{"enseignant1", "enseignant", "prof.martin", {"", "", kPassword}, ""};
    std::string basic = BasicCredentials(account);
    std::vector<std::string> outputs = {run.out, run.err};
    for (const char* file : {"report.json", "report.html", "report.md", "report.junit.xml"}) {
      outputs.push_back(ReadFile(run.dir + "/" + file));
      CHECK_MESSAGE(!outputs.back().empty(), file);
    }
    for (const std::string& text : outputs) {
      CHECK(text.find(kPassword) == std::string::npos);
      CHECK(text.find(basic) == std::string::npos);
    }
    // The server really did echo the credentials: the evidence shows them masked.
    CHECK(outputs[2].find("authorization=Basic [REDACTED]") != std::string::npos);
    std::filesystem::remove_all(dir);
  }

}  // TEST_SUITE

}  // namespace
}  // namespace sdetcheck
