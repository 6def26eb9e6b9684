// CAS logins as a browser does them, against two CAS servers that differ: the reference ENT's
// LemonLDAP::NG (scripts/refent.sh) and django-cas-server (scripts/cas2.sh), whose login form
// is CSRF-protected (token in a cookie and a hidden field, Referer checked over HTTPS). The
// real binary logs in, gets a ticket and validates it on both; a refused password is an
// `error` (the login could not be completed), never a `fail` of the ENT.
//
// In the `refent` suite: CTest starts both servers for it (fixtures refent and cas2).

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "support/local_servers.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
const std::string kRoot = SDETCHECK_SOURCE_DIR;
const char* kWrongPassword = "Wrong-Pa55word-canary-4d1c";

// One CAS server: where it runs, from the target profile its script wrote.
struct CasServer {
  std::string name, dir, base_url, cas_url, ca_bundle, secrets, service, unregistered;
};

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

CasServer FromTarget(const std::string& name, const std::string& dir, const std::string& service,
                     const std::string& unregistered) {
  YAML::Node target = YAML::LoadFile(dir + "/target.yaml")["target"];
  CasServer server;
  server.name = name;
  server.dir = dir;
  server.base_url = target["base_url"].as<std::string>();
  server.cas_url = target["sso"]["cas"].as<std::string>();
  server.ca_bundle = dir + "/" + target["ca_bundle"].as<std::string>();
  server.secrets = dir + "/secrets";
  server.service = service.empty() ? server.base_url + "/" : service;
  server.unregistered = unregistered;
  return server;
}

std::vector<CasServer> Servers() {
  std::vector<CasServer> servers;
  std::string refent = Env("SDETCHECK_REFENT"), cas2 = Env("SDETCHECK_CAS2");
  REQUIRE_MESSAGE(!refent.empty(), "SDETCHECK_REFENT: run through CTest (fixture refent)");
  REQUIRE_MESSAGE(!cas2.empty(), "SDETCHECK_CAS2: run through CTest (fixture cas2)");
  servers.push_back(
      FromTarget("LemonLDAP::NG", refent, "", "https://service-non-enregistre.example.org/"));
  YAML::Node vars = YAML::LoadFile(cas2 + "/target.yaml")["target"]["vars"];
  servers.push_back(FromTarget("django-cas-server", cas2, vars["service_url"].as<std::string>(),
                               "https://service-non-enregistre.example.org/"));
  return servers;
}

std::string Quoted(const std::string& text) { return json(text).dump(); }

// A grid of three items (login and CAS 3 validation; the same with a wrong password; no ticket
// for an unregistered service), its probes and a target for `server`, in `dir`.
void WriteInputs(const CasServer& server, const std::string& dir) {
  std::filesystem::create_directories(dir + "/grid");
  std::ofstream(dir + "/grid/manifest.yaml")
      << "grid_set: login\nsdet_version: test\npublished: \"2026-12\"\n"
         "title: {fr: \"Connexion\", en: \"Login\"}\n"
         "provenance: \"Test fixture, not SDET content.\"\n"
         "axes:\n  - {id: securite, name: {fr: Sécurité, en: Security}, file: securite.yaml}\n";
  auto item = [](const std::string& id, const std::string& probe, const std::string& with) {
    return "  - {id: " + id + ", axis: securite, level: exigence, title: {fr: " + id +
           ", en: " + id +
           "}, statement: {fr: x, en: x}, source: {document: test, provenance: unverified}, " +
           "check: {probe: " + probe + ", with: " + with + "}, remediation: {fr: x, en: x}}\n";
  };
  std::ofstream(dir + "/grid/securite.yaml")
      << "items:\n"
      << item("L-LOGIN", "login-validate",
              "{account: eleve1, service: " + Quoted(server.service) + "}")
      << item("L-WRONG-PASSWORD", "login-validate",
              "{account: intrus, service: " + Quoted(server.service) + "}")
      << item("L-UNREGISTERED", "login-no-ticket",
              "{service: " + Quoted(server.unregistered) + "}");
  std::ofstream(dir + "/probes.yaml")
      << "probes:\n"
         "  - name: login-validate\n"
         "    kind: cas\n"
         "    description: \"Log in, validate the ticket with CAS 3\"\n"
         "    params: {account: eleve1, service: \"${base_url}/\"}\n"
         "    login: {account: \"${account}\", service: \"${service}\"}\n"
         "    expect: {ticket: true, validate: 3}\n"
         "  - name: login-no-ticket\n"
         "    kind: cas\n"
         "    description: \"No ticket for an unregistered service\"\n"
         "    params: {service: \"https://unregistered.invalid/\"}\n"
         "    login: {account: eleve1, service: \"${service}\"}\n"
         "    expect: {ticket: false}\n";
  std::ofstream(dir + "/target.yaml")
      << "target:\n"
      << "  name: " << Quoted(server.name) << "\n"
      << "  base_url: " << Quoted(server.base_url) << "\n"
      << "  profiles: [eleve]\n"
      << "  ca_bundle: " << Quoted(server.ca_bundle) << "\n"
      << "  sso: {cas: " << Quoted(server.cas_url) << "}\n"
      << "  accounts:\n"
      << "    - {id: eleve1, profile: eleve, login: eleve1, password: {file: "
      << Quoted(server.secrets + "/eleve1") << "}}\n"
      << "    - {id: intrus, profile: eleve, login: eleve1, password: {env: "
         "SDET_WRONG_PASSWORD}}\n";
}

struct AuditRun {
  int exit_code = -1;
  std::string out, err, dir;
  json report;
};

AuditRun Audit(const CasServer& server) {
  AuditRun run;
  run.dir = testing::MakeTempDir("sdetcheck-login");
  WriteInputs(server, run.dir);
  std::string command =
      "SDET_WRONG_PASSWORD='" + std::string(kWrongPassword) + "' " + SDETCHECK_BINARY +
      " audit --quiet --target " + run.dir + "/target.yaml --grids " + run.dir + "/grid --probes " +
      run.dir + "/probes.yaml --out " + run.dir + "/out --today 2026-12-02 --format json,md";
  run.exit_code = testing::RunCommand(command, &run.out, &run.err);
  run.report = json::parse(testing::ReadFile(run.dir + "/out/report.json"), nullptr, false);
  return run;
}

// One audit per server, shared by the test cases.
const AuditRun& AuditOf(const CasServer& server) {
  static std::map<std::string, AuditRun> runs;
  auto found = runs.find(server.dir);
  if (found == runs.end()) found = runs.emplace(server.dir, Audit(server)).first;
  return found->second;
}

const json* FindItem(const json& report, const std::string& id) {
  if (!report.is_object()) return nullptr;
  for (const json& item : report["items"]) {
    if (item["id"] == id) return &item;
  }
  return nullptr;
}

// The state of the check `key` of an item, "" when absent.
std::string CheckState(const json& item, const std::string& key) {
  for (const json& check : item.value("checks", json::array())) {
    if (check.value("key", "") == key) return check.value("state", "");
  }
  return "";
}

std::string CheckCode(const json& item, const std::string& key) {
  for (const json& check : item.value("checks", json::array())) {
    if (check.value("key", "") == key) return check["message"].value("code", "");
  }
  return "";
}

TEST_SUITE("refent") {
  TEST_CASE("login: the cas kind logs in, gets a ticket and validates it on two CAS servers") {
    for (const CasServer& server : Servers()) {
      const AuditRun& run = AuditOf(server);
      INFO(server.name << " (" << run.dir << "), stderr: " << run.err.substr(0, 2000));
      REQUIRE(run.report.is_object());
      const json* login = FindItem(run.report, "L-LOGIN");
      REQUIRE(login);
      std::string detail = login->dump().substr(0, 3000);
      CHECK_MESSAGE((*login)["state"] == "pass", detail);
      CHECK_MESSAGE(CheckState(*login, "cas.login_form") == "pass", detail);
      CHECK_MESSAGE(CheckState(*login, "cas.ticket") == "pass", detail);
      CHECK_MESSAGE(CheckState(*login, "cas.validation") == "pass", detail);
      CHECK(CheckCode(*login, "cas.validation") == "cas.validation.success");
      CHECK(login->dump().find("eleve1") != std::string::npos);  // the validated user
    }
  }

  TEST_CASE("login: a refused password is an error saying what to check, never a failure") {
    for (const CasServer& server : Servers()) {
      const AuditRun& run = AuditOf(server);
      INFO(server.name << " (" << run.dir << "), stderr: " << run.err.substr(0, 2000));
      REQUIRE(run.report.is_object());
      const json* wrong = FindItem(run.report, "L-WRONG-PASSWORD");
      REQUIRE(wrong);
      std::string detail = wrong->dump().substr(0, 3000);
      CHECK_MESSAGE((*wrong)["state"] == "error", detail);
      CHECK_MESSAGE(CheckState(*wrong, "cas.ticket") == "error", detail);
      CHECK_MESSAGE(CheckCode(*wrong, "cas.ticket") == "cas.login.form_again", detail);
      for (const char* name : {"report.json", "report.md"}) {
        std::string text = testing::ReadFile(run.dir + "/out/" + name);
        CHECK_MESSAGE(text.find(kWrongPassword) == std::string::npos, name);
        CHECK_MESSAGE(text.find(testing::ReadFile(server.secrets + "/eleve1")) == std::string::npos,
                      name);
      }
      CHECK(run.err.find(kWrongPassword) == std::string::npos);
    }
  }

  TEST_CASE("login: no ticket for an unregistered service, on both CAS servers") {
    for (const CasServer& server : Servers()) {
      const AuditRun& run = AuditOf(server);
      INFO(server.name << " (" << run.dir << "), stderr: " << run.err.substr(0, 2000));
      REQUIRE(run.report.is_object());
      const json* item = FindItem(run.report, "L-UNREGISTERED");
      REQUIRE(item);
      CHECK_MESSAGE((*item)["state"] == "pass", item->dump().substr(0, 3000));
      CHECK(CheckState(*item, "cas.server") == "pass");
    }
  }
}  // TEST_SUITE

}  // namespace
}  // namespace sdetcheck
