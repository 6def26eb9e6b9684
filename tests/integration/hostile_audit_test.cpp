// Audits of the hostile test server (tests/hostile/server.py, started by CTest as the
// fixture `hostile`) with the real binary: each hostile endpoint gets the state it must get,
// no secret leaves where it must not (as the server saw it), every report format stays
// valid, and the configured rate and per-host limits hold as the server measured them.
//
// $SDETCHECK_AUDIT_BINARY runs another build (an older one, to show a test fails there).

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "html/document.h"
#include "support/hostile_server.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
using testing::HostileCaBundle;
using testing::HostilePort;
using testing::HostileReset;
using testing::HostileSeen;
using testing::HostileStats;
using testing::HostileUrl;
using testing::ReadFile;

const std::string kRoot = SDETCHECK_SOURCE_DIR;
const char* kPassword = "Canary-Pa55word-7f3e9b";
const char* kCookieValue = "COOKIEVALUECANARY12345";  // what /cookie sets by default
const char* kPrefsCookieValue = "PREFSCANARY67890";
const long kTimeoutMs = 3000;

std::string Binary() {
  const char* other = std::getenv("SDETCHECK_AUDIT_BINARY");
  return other && *other ? other : SDETCHECK_BINARY;
}

// One grid item: which probe, with which parameters, and what it must be judged.
struct Case {
  const char* id;
  const char* probe;
  const char* with;     // YAML flow map, or ""
  const char* state;    // pass, fail, error
  const char* message;  // a message code or a technical detail ("" = any)
};

const Case kCases[] = {
    // Credentials go only to the ENT's HTTPS origins; a form posting elsewhere gets nothing.
    {"H-CAS-OK", "cas-validate-3", "{shape: ok}", "pass", ""},
    {"H-CAS-HTTP-ACTION", "cas-ticket", "{shape: http-action}", "fail", "cas.form.plain_http"},
    {"H-CAS-FOREIGN-ACTION", "cas-ticket", "{shape: foreign-action}", "error",
     "cas.form.other_origin"},
    {"H-CAS-NOFORM", "cas-ticket", "{shape: noform}", "error", "cas.form.missing"},
    {"H-CAS-NOLOC", "cas-ticket", "{shape: noloc}", "error", "without a Location"},
    // Malformed CAS identities are errors, never a login.
    {"H-CAS-COMMENT", "cas-validate-3", "{shape: comment-in-user}", "error", "CAS answer rejected"},
    {"H-CAS-TWO-USERS", "cas-validate-3", "{shape: two-users}", "error", "CAS answer rejected"},
    {"H-CAS-WRONG-NS", "cas-validate-3", "{shape: wrong-namespace}", "error",
     "CAS answer rejected"},
    {"H-CAS-NO-NS", "cas-validate-2", "{shape: no-namespace}", "error", "CAS answer rejected"},
    {"H-CAS-ENTITY", "cas-validate-3", "{shape: entity}", "error", "CAS answer rejected"},
    {"H-CAS-LAUGHS", "cas-validate-2", "{shape: billion-laughs}", "error", "CAS answer rejected"},
    {"H-CAS-PI", "cas-validate-3", "{shape: pi-in-user}", "error", "CAS answer rejected"},
    {"H-CAS-UTF8", "cas-validate-3", "{shape: invalid-utf8}", "error", "CAS answer rejected"},
    {"H-CAS-DEEP", "cas-validate-3", "{shape: deep-nesting}", "error", "CAS answer rejected"},
    {"H-CAS-HTML", "cas-validate-3", "{shape: html}", "error", ""},
    {"H-CAS-EMPTY-USER", "cas-validate-2", "{shape: empty-user}", "error", "CAS answer rejected"},
    {"H-CAS-BOTH", "cas-validate-3", "{shape: success-and-failure}", "error",
     "CAS answer rejected"},
    {"H-CAS1-EXTRA", "cas-validate-1", "{shape: cas1-extra-line}", "error", "CAS answer rejected"},
    {"H-CAS1-NO-USER", "cas-validate-1", "{shape: cas1-no-user}", "error", "CAS answer rejected"},
    {"H-CAS1-SPACE", "cas-validate-1", "{shape: cas1-space}", "error", "CAS answer rejected"},
    // Cookies: judged on names and attributes; their values never reach a report.
    {"H-COOKIE", "cookie-flags", "", "fail", "match.not.fail"},
    // Redirect traps.
    {"H-DOWNGRADE", "get-status", "{path: '/downgrade'}", "error", "from HTTPS to plain HTTP"},
    {"H-LOOP", "get-status", "{path: '/loop'}", "error", "more than 5 redirects (--max-redirects"},
    {"H-NO-LOCATION", "get-status", "{path: '/no-location'}", "error", "without a Location"},
    {"H-LOCATION-HUGE", "get-status", "{path: '/location-huge'}", "error",
     "header line longer than libcurl accepts"},
    {"H-CHAIN", "get-status", "{path: '/chain/4'}", "pass", ""},
    {"H-SLOW-1", "get-status", "{path: '/slow?ms=1500&n=1'}", "pass", ""},
    {"H-SLOW-2", "get-status", "{path: '/slow?ms=1500&n=2'}", "pass", ""},
    {"H-SLOW-3", "get-status", "{origin: '${vars.https2_url}', path: '/slow?ms=1500&n=3'}", "pass",
     ""},
    {"H-SLOW-4", "get-status", "{origin: '${vars.https2_url}', path: '/slow?ms=1500&n=4'}", "pass",
     ""},
    {"H-PORT-HOP", "get-status", "{path: '/port-hop/4'}", "pass", ""},
    // Slow and endless answers.
    {"H-HANG", "get-status", "{path: '/hang'}", "error",
     "no complete answer within 3 s (--timeout"},
    {"H-DRIP", "get-status", "{path: '/drip'}", "error", "no complete answer within 3 s"},
    {"H-SLOW-HEADERS", "get-status", "{path: '/slow-headers?s=30'}", "error",
     "no complete answer within 3 s"},
    {"H-ENDLESS", "get-status", "{path: '/endless'}", "error",
     "exceeds the limit of 10 MiB (--max-body)"},
    {"H-TLS-HANG", "get-status", "{origin: '${vars.tls_hang_url}'}", "error", "(--timeout"},
    {"H-UNTRUSTED", "get-status", "{origin: '${vars.untrusted_url}'}", "error",
     "TLS certificate not trusted"},
    // Bombs and encodings.
    {"H-GZIP-BOMB", "get-status", "{path: '/gzip-bomb'}", "error",
     "exceeds the limit of 10 MiB (--max-body)"},
    {"H-TRUNCATED-GZIP", "get-status", "{path: '/truncated-gzip'}", "error",
     "compressed body is truncated"},
    {"H-GZIP-OK", "get-html", "{path: '/gzip-ok'}", "pass", ""},
    {"H-DEFLATE-RAW", "get-status", "{path: '/deflate-raw'}", "pass", ""},
    {"H-BR-UNASKED", "get-status", "{path: '/br-unasked'}", "error",
     "unsupported Content-Encoding 'br'"},
    // Broken framing and header floods.
    {"H-CHUNK-EXT", "get-status", "{path: '/chunk-ext'}", "error", "chunked framing carries"},
    {"H-BAD-CHUNK", "get-status", "{path: '/bad-chunk'}", "error", ""},
    {"H-SHORT-BODY", "get-status", "{path: '/short-body'}", "error",
     "before the announced body was complete"},
    {"H-HEADERS-10000", "get-status", "{path: '/headers-10000'}", "error",
     "more than 300 header lines"},
    {"H-HEADERS-RESET", "get-status", "{path: '/headers-reset'}", "error",
     "more than 300 header lines"},
    {"H-HEADER-LINE-HUGE", "get-status", "{path: '/header-line-huge'}", "error",
     "header line longer than libcurl accepts"},
    {"H-STATUS-GARBAGE", "get-status", "{path: '/status-garbage'}", "error", ""},
    {"H-NO-STATUS", "get-status", "{path: '/no-status'}", "error", ""},
    // Refusals: could not check, never a failure; 429 and 503 never retried.
    {"H-429", "get-status", "{path: '/429'}", "error",
     "the server refused service (HTTP 429, Retry-After: 120)"},
    {"H-503", "get-status", "{path: '/503'}", "error",
     "the server refused service (HTTP 503, Retry-After: 60)"},
    {"H-502", "get-status", "{path: '/502'}", "error",
     "the server refused service (HTTP 502) after 2 attempts"},
    // Pathological content: an error naming the limit, quickly.
    {"H-ATTRS-100K", "get-html", "{path: '/attrs-100k'}", "error",
     "attributes, beyond what sdetcheck analyses"},
    {"H-DEEP-HTML", "get-html", "{path: '/deep-html'}", "error", "beyond what sdetcheck analyses"},
    {"H-MANY-TAGS", "get-html", "{path: '/many-tags'}", "error", "more than 30000 tags"},
    {"H-XML-DEEP", "get-xml", "{path: '/xml-deep'}", "error", "nested deeper than"},
    {"H-JSON-DEEP", "get-json", "{path: '/json-deep'}", "error", "nested deeper than"},
    {"H-JSON-HUGE-NUMBER", "get-json", "{path: '/json-huge-number'}", "error",
     "number too large to represent"},
    {"H-JSON-OK", "get-json", "{path: '/json-ok'}", "pass", ""},
    // ${...} in a matcher value is expanded: the issuer is compared with the real URL.
    {"H-OIDC-ISSUER", "oidc-issuer", "", "fail", "https://evil.example/oidc"},
    // Report injection: hostile header values become evidence, the reports stay valid.
    {"H-INJECT", "inject-header", "", "fail", ""},
    {"H-TLS-LEGACY", "tls-legacy", "", "pass", ""},
    {"H-SAML-XXE", "saml-metadata", "", "pass", ""},
    // Secret-bearing values reach the evidence masked (the TOKCANARY canaries).
    {"H-TOKENS-BODY", "tokens-body", "", "fail", ""},
    {"H-TOKENS-JSON", "tokens-json", "", "fail", ""},
    {"H-TOKENS-REDIRECT", "tokens-redirect", "", "fail", ""},
    {"H-CAS-PLAIN-TICKET", "cas-validate-3", "{shape: plain-ticket}", "pass", ""},
};

std::string Quoted(const std::string& text) { return json(text).dump(); }

std::string GridItem(const Case& c) {
  std::string check =
      "{probe: " + std::string(c.probe) + (*c.with ? ", with: " + std::string(c.with) : "") + "}";
  return "  - {id: " + std::string(c.id) +
         ", axis: technique, level: exigence, title: {fr: " + Quoted(c.id) +
         ", en: " + Quoted(c.id) +
         "}, statement: {fr: x, en: x}, source: {document: test, provenance: unverified}, check: " +
         check + ", remediation: {fr: x, en: x}}\n";
}

// The grid of kCases, and a target for the hostile server, in `dir`.
void WriteInputs(const std::string& dir) {
  std::filesystem::create_directories(dir + "/grid");
  std::ofstream(dir + "/grid/manifest.yaml")
      << "grid_set: hostile\nsdet_version: test\npublished: \"2026-12\"\n"
         "title: {fr: \"Serveur hostile\", en: \"Hostile server\"}\n"
         "provenance: \"Test fixture, not SDET content.\"\n"
         "axes:\n  - {id: technique, name: {fr: Technique, en: Technical}, file: technique.yaml}\n";
  std::ofstream items(dir + "/grid/technique.yaml");
  items << "items:\n";
  for (const Case& c : kCases) items << GridItem(c);
  items.close();
  std::ofstream(dir + "/target.yaml")
      << "target:\n"
      << "  name: \"Serveur hostile\"\n"
      << "  base_url: \"" << HostileUrl("https", "") << "\"\n"
      << "  http_url: \"" << HostileUrl("http", "") << "\"\n"
      << "  profiles: [eleve]\n"
      << "  ca_bundle: \"" << HostileCaBundle() << "\"\n"
      << "  sso: {cas: \"" << HostileUrl("https", "/cas-ok") << "\"}\n"
      << "  accounts:\n"
      << "    - {id: eleve1, profile: eleve, login: eleve.test, password: {env: "
         "SDET_CANARY_PASSWORD}}\n"
      << "  vars:\n"
      << "    tls_hang_url: \"https://127.0.0.1:" << HostilePort("tls_hang") << "\"\n"
      << "    untrusted_url: \"" << HostileUrl("untrusted", "") << "\"\n"
      << "    https2_url: \"" << HostileUrl("https2", "") << "\"\n";
}

struct AuditRun {
  int exit_code = -1;
  std::string out, err, dir;
  json report;
  json stats;                                  // what the server measured during the audit
  std::map<std::string, std::string> reports;  // file name -> content
};

AuditRun Audit(const std::string& extra) {
  AuditRun run;
  run.dir = testing::MakeTempDir("sdetcheck-hostile");
  WriteInputs(run.dir);
  HostileReset();
  std::string command = "SDET_CANARY_PASSWORD='" + std::string(kPassword) + "' " + Binary() +
                        " audit --quiet --target " + run.dir + "/target.yaml --grids " + run.dir +
                        "/grid --probes " + kRoot + "/tests/fixtures/hostile/probes.yaml --out " +
                        run.dir + "/out --today 2026-12-02 --timeout " +
                        std::to_string(kTimeoutMs) + " --connect-timeout 2000 " + extra;
  run.exit_code = testing::RunCommand(command, &run.out, &run.err);
  run.stats = HostileStats();
  for (const char* name : {"report.json", "report.html", "report.md", "report.junit.xml"}) {
    run.reports[name] = ReadFile(run.dir + "/out/" + name);
  }
  run.report = json::parse(run.reports["report.json"], nullptr, false);
  return run;
}

const AuditRun& FullRun() {
  static const AuditRun run = Audit("");
  return run;
}

const json* FindItem(const json& report, const std::string& id) {
  if (!report.is_object()) return nullptr;
  for (const json& item : report["items"]) {
    if (item["id"] == id) return &item;
  }
  return nullptr;
}

int PathCount(const json& stats, const std::string& path) {
  return stats["by_path"].contains(path) ? stats["by_path"][path].get<int>() : 0;
}

// A byte no report may hold raw: C0 controls but TAB, LF and CR; DEL; C1 controls.
std::optional<size_t> RawControl(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < text.size() &&
        (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0x80)
      return i;
  }
  return std::nullopt;
}

TEST_SUITE("hostile") {
  TEST_CASE("hostile audit: every hostile endpoint gets the state it must, with a clear message") {
    const AuditRun& run = FullRun();
    INFO("stderr: " << run.err.substr(0, 2000));
    REQUIRE(run.report.is_object());
    for (const Case& c : kCases) {
      std::string id = c.id;  // doctest shows a const char* as an address
      const json* item = FindItem(run.report, id);
      REQUIRE_MESSAGE(item, id);
      // The fragment is a message code or a technical detail: both are in the item's JSON.
      std::string state = (*item)["state"], all = item->dump();
      CHECK_MESSAGE(state == c.state, id << " is " << state << ": " << (*item)["message"].dump());
      CHECK_MESSAGE(all.find(c.message) != std::string::npos, id << ": " << all.substr(0, 3000));
    }
  }

  TEST_CASE("hostile audit: the password reaches only the CAS server's HTTPS origin") {
    const AuditRun& run = FullRun();
    REQUIRE(run.report.is_object());
    // Where the server saw the canary password, decoded in every way it knows.
    CHECK(HostileSeen(kPassword) > 0);  // the legitimate logins did send it
    json stats = run.stats;
    for (const json& request : stats["request_log"]) {
      std::string target = request["target"];
      bool credentials_path =
          target.rfind("/cas-", 0) == 0 && target.find("/login") != std::string::npos;
      if (request["method"] == "POST") {
        CHECK_MESSAGE(request["port"] == HostilePort("https"), target);
        CHECK_MESSAGE(credentials_path, target);
      }
    }
    CHECK(PathCount(stats, "/collect") == 0);
    for (const auto& [name, text] : run.reports)
      CHECK_MESSAGE(text.find(kPassword) == std::string::npos, name);
    CHECK(run.out.find(kPassword) == std::string::npos);
    CHECK(run.err.find(kPassword) == std::string::npos);
  }

  TEST_CASE(
      "hostile audit: the server saw no downgrade hop, no entity fetch and no retried refusal") {
    const json& stats = FullRun().stats;
    CHECK(PathCount(stats, "/landing") == 0);
    CHECK(PathCount(stats, "/xxe-fetched") == 0);
    CHECK(PathCount(stats, "/429") == 1);
    CHECK(PathCount(stats, "/503") == 1);
    CHECK(PathCount(stats, "/502") == 2);  // one retry (--retries 1) for a gateway error
  }

  TEST_CASE("hostile audit: cookie values are in no report, their names and attributes are") {
    const AuditRun& run = FullRun();
    for (const auto& [name, text] : run.reports) {
      CHECK_MESSAGE(text.find(kCookieValue) == std::string::npos, name);
      CHECK_MESSAGE(text.find(kPrefsCookieValue) == std::string::npos, name);
    }
    CHECK(run.reports.at("report.json").find("ENTPREFS=[REDACTED]") != std::string::npos);
  }

  TEST_CASE("hostile audit: no SAML message, OIDC code, token, JWT or ticket in any output") {
    const AuditRun& run = FullRun();
    // Every canary of the hostile server holds TOKCANARY; the JWT is a canary of its own.
    const char* kJwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJUT0tDQU5BUlkifQ";
    for (const auto& [name, text] : run.reports) {
      CHECK_MESSAGE(text.find("TOKCANARY") == std::string::npos, name);
      CHECK_MESSAGE(text.find(kJwt) == std::string::npos, name);
    }
    for (const std::string* stream : {&run.out, &run.err}) {
      CHECK(stream->find("TOKCANARY") == std::string::npos);
      CHECK(stream->find(kJwt) == std::string::npos);
    }
    // The names stay, as evidence of what was there.
    const std::string& report = run.reports.at("report.json");
    for (const char* name : {"SAMLResponse", "RelayState", "access_token", "id_token"})
      CHECK_MESSAGE(report.find(name) != std::string::npos, name);
  }

  TEST_CASE("hostile audit: every report format stays valid, without a raw control character") {
    const AuditRun& run = FullRun();
    for (const auto& [name, text] : run.reports) {
      REQUIRE_MESSAGE(!text.empty(), name);
      std::optional<size_t> control = RawControl(text);
      CHECK_MESSAGE(!control, name << ": raw control byte at " << control.value_or(0));
    }
    CHECK_FALSE(json::parse(run.reports.at("report.json"), nullptr, false).is_discarded());
    pugi::xml_document junit;
    pugi::xml_parse_result parsed = junit.load_string(run.reports.at("report.junit.xml").c_str());
    CHECK_MESSAGE(parsed, parsed.description());
    CHECK(run.reports.at("report.junit.xml").find("&#27;") == std::string::npos);
    std::vector<HtmlElement> scripts;
    std::string error;
    CHECK_MESSAGE(FindHtmlElements(run.reports.at("report.html"), "script", &scripts, &error),
                  error);
    CHECK(scripts.size() == 1);  // the report's own; "<script>alert(1)</script>" only as text
  }

  std::string Measured(const json& stats) {
    return std::to_string(stats["requests"].get<int>()) + " requests, at most " +
           std::to_string(stats["max_requests_in_any_1s_window"].get<int>()) + " in a second, " +
           std::to_string(stats["max_concurrent_requests"].get<int>()) + " concurrent requests, " +
           std::to_string(stats["max_concurrent_connections"].get<int>()) +
           " concurrent connections";
  }

  // Hostile URLs, headers and excerpts are the widest text a report can hold.
  TEST_CASE("hostile audit: the HTML report never scrolls sideways, at 1280 px nor on a phone") {
    const AuditRun& run = FullRun();
    std::string out, err;
    int status = testing::RunCommand("bash " + kRoot + "/scripts/check-report-layout.sh " +
                                         run.dir + "/out/report.html 1280 390",
                                     &out, &err);
    MESSAGE(out);
    CHECK_MESSAGE(status == 0, err);
  }

  TEST_CASE("hostile audit: the default limits hold as the server measured them") {
    const json& stats = FullRun().stats;
    MESSAGE("default limits (--rate 10, --concurrency 4), server measured: " << Measured(stats));
    CHECK(stats["max_requests_in_any_1s_window"].get<int>() <= 10);
    CHECK(stats["max_concurrent_requests"].get<int>() <= 4);
  }

  TEST_CASE("hostile audit: connections end with their request, hanging ones at the timeout") {
    const json& stats = FullRun().stats;
    int measured = 0;
    for (const json& connection : stats["connections"]) {
      if (connection["linger_seconds"].is_null()) continue;
      ++measured;
      double linger = connection["linger_seconds"];
      CHECK_MESSAGE(linger <= kTimeoutMs / 1000.0 + 1.0, connection.dump());
      // Endpoints that trickle a byte a second have no "end" to measure from: the client
      // closes at its timeout, up to a second after the last byte.
      std::string paths = connection["paths"].dump();
      bool trickles = paths.find("/slow-headers") != std::string::npos ||
                      paths.find("/drip") != std::string::npos;
      bool answered = !connection["last_response_end"].is_null();
      if (answered && !trickles) CHECK_MESSAGE(linger <= 1.0, connection.dump());
    }
    MESSAGE(measured << " connections closed, none lingering");
    CHECK(measured > 50);
  }

  TEST_CASE("hostile audit: rate and per-host limits hold through redirect chains across ports") {
    // 4-hop chains on one port and across two ports of the same host, plus slow answers
    // that keep connections busy: every hop must wait for the limits.
    AuditRun run = Audit(
        "--rate 3 --concurrency 2 --only "
        "H-CHAIN,H-PORT-HOP,H-SLOW-1,H-SLOW-2,H-SLOW-3,H-SLOW-4,H-CAS-OK,H-GZIP-OK,H-TLS-LEGACY");
    INFO("stderr: " << run.err.substr(0, 2000));
    REQUIRE(run.report.is_object());
    CHECK(FindItem(run.report, "H-CHAIN")->at("state") == "pass");
    CHECK(FindItem(run.report, "H-PORT-HOP")->at("state") == "pass");
    const json& stats = run.stats;
    MESSAGE("--rate 3 --concurrency 2, server measured: " << Measured(stats));
    CHECK(stats["requests"].get<int>() >= 18);
    CHECK(stats["max_concurrent_requests"].get<int>() == 2);  // the limit was reached, not avoided
    CHECK(stats["max_requests_in_any_1s_window"].get<int>() <= 3);
    CHECK(stats["max_concurrent_connections"].get<int>() <= 2);
  }

  TEST_CASE("hostile audit: the redirect limit message names the configured limit") {
    AuditRun run = Audit("--max-redirects 3 --only H-LOOP,H-CHAIN");
    REQUIRE(run.report.is_object());
    CHECK(FindItem(run.report, "H-LOOP")->dump().find("more than 3 redirects (--max-redirects") !=
          std::string::npos);
    CHECK(FindItem(run.report, "H-CHAIN")->at("state") == "error");  // 4 hops > 3
  }

}  // TEST_SUITE

}  // namespace
}  // namespace sdetcheck
