#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "probe/http_kind.h"
#include "probe/registry.h"
#include "support/replay_transport.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

const char* kBase = "https://ent.example.test";
const std::string kPassword = "Tr0ub4dor&3-ent-secret";

struct ParsedProbe {
  std::shared_ptr<const ProbeConfig> config;
  Diagnostics diagnostics;
};

ParsedProbe ParseProbe(const std::string& yaml) {
  const ProbeKind* kind = FindProbeKind("http");
  REQUIRE(kind != nullptr);
  ParsedProbe parsed;
  YamlReader reader("probe.yaml", &parsed.diagnostics);
  std::optional<YAML::Node> node = reader.LoadString(yaml);
  REQUIRE(node.has_value());
  parsed.config = kind->parse(reader, *node, "probe p");
  return parsed;
}

std::shared_ptr<const ProbeConfig> MustParse(const std::string& yaml) {
  ParsedProbe parsed = ParseProbe(yaml);
  INFO(parsed.diagnostics.Format());
  REQUIRE(parsed.diagnostics.empty());
  REQUIRE(parsed.config != nullptr);
  return parsed.config;
}

// A probe requesting `url` and judging it with `expect` (YAML flow text).
std::string ProbeYaml(const std::string& url, const std::string& expect) {
  return "request: {url: '" + url + "'}\nexpect: " + expect + "\n";
}

Variables BaseVariables() { return {{"base_url", kBase}, {"http_url", "http://ent.example.test"}}; }

ProbeOutcome RunProbe(const ProbeConfig& config, const Variables& variables, Transport& transport,
                      const Redactor& redactor) {
  const ProbeKind* kind = FindProbeKind("http");
  REQUIRE(kind != nullptr);
  ProbeContext context{&transport, &redactor};
  int calls = 0;
  ProbeOutcome outcome;
  kind->run(config, variables, context, [&](ProbeOutcome o) {
    ++calls;
    outcome = std::move(o);
  });
  transport.Run();
  CHECK(calls == 1);
  return outcome;
}

ProbeOutcome RunYaml(const std::string& yaml, Transport& transport, const Redactor& redactor = {}) {
  std::shared_ptr<const ProbeConfig> config = MustParse(yaml);
  return RunProbe(*config, BaseVariables(), transport, redactor);
}

// Every string of an outcome a report could print.
std::string AllText(const ProbeOutcome& outcome) {
  std::string all = outcome.message + "\n" + outcome.expected + "\n";
  for (const Evidence& e : outcome.evidence) {
    all += e.request + "\n" + e.final_url + "\n" + e.tls_version + "\n" + e.excerpt + "\n";
    for (const auto& [name, value] : e.headers) all += name + ": " + value + "\n";
    for (const std::string& check : e.checks) all += check + "\n";
  }
  return all;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("the http kind is registered with its keys") {
  const ProbeKind* kind = FindProbeKind("http");
  REQUIRE(kind != nullptr);
  CHECK(std::string(kind->name) == "http");
  CHECK(kind->keys == std::vector<std::string>{"request", "expect"});
  CHECK(FindProbeKind("ftp") == nullptr);
}

TEST_CASE("http probe passes and records evidence") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome =
      RunYaml(ProbeYaml("${base_url}/", "{html_text: {matches: 'Bienvenue'}}"), transport);
  CHECK(outcome.status == ProbeOutcome::Status::kPass);
  CHECK(outcome.message.empty());
  CHECK(outcome.expected == "page text matches /Bienvenue/");
  REQUIRE(outcome.evidence.size() == 1);
  const Evidence& e = outcome.evidence[0];
  CHECK(e.request == "GET https://ent.example.test/");
  CHECK(e.status == 200);
  CHECK(e.final_url == "https://ent.example.test/");
  CHECK(e.tls_version == "TLSv1.3");
  CHECK(e.headers.size() == 5);
  CHECK(Contains(e.excerpt, "<!DOCTYPE html>"));
  REQUIRE(e.checks.size() == 1);
  CHECK(e.checks[0].rfind("[pass]", 0) == 0);
  CHECK(transport.SubmittedCount("https://ent.example.test/") == 1);
}

TEST_CASE("http probe fails with the failing check as message") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome = RunYaml(
      ProbeYaml("${base_url}/",
                "{all: [{status: 200}, {header: {name: Content-Security-Policy, exists: true}}]}"),
      transport);
  CHECK(outcome.status == ProbeOutcome::Status::kFail);
  CHECK(outcome.message == "[fail] header Content-Security-Policy present: absent");
  REQUIRE(outcome.evidence.size() == 1);
  CHECK(outcome.evidence[0].checks.size() == 2);
}

TEST_CASE("http probe with a negated matcher names the offending check") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome =
      RunYaml(ProbeYaml("${base_url}/", "{not: {header: {name: X-Frame-Options, exists: true}}}"),
              transport);
  CHECK(outcome.status == ProbeOutcome::Status::kFail);
  CHECK(outcome.message.rfind("[fail] must not hold: header X-Frame-Options present", 0) == 0);
}

TEST_CASE("http probe on a redirect without following it") {
  ReplayTransport transport;
  transport.LoadFile("http-redirect.json");
  const char* yaml = R"(
request:
  url: "${http_url}/"
  follow_redirects: false
expect:
  all:
    - status: [301, 308]
    - header: {name: Location, matches: '^https://'}
)";
  ProbeOutcome outcome = RunYaml(yaml, transport);
  CHECK(outcome.status == ProbeOutcome::Status::kPass);
  REQUIRE(transport.requests().size() == 1);
  CHECK_FALSE(transport.requests()[0].follow_redirects);
  CHECK(outcome.evidence[0].tls_version.empty());
}

TEST_CASE("http probe expands variables in URL, headers and body of a POST") {
  ReplayTransport transport;
  Response ok;
  ok.status = 200;
  transport.AddResponse("POST", "https://ent.example.test/cas/login?uai=0000000A", ok);
  const char* yaml = R"(
request:
  method: POST
  url: "${base_url}/cas/login?uai=${vars.uai}"
  headers: {X-Uai: "${vars.uai}", Accept: "text/html"}
  body: "username=${vars.login}&lt=1"
expect: {status: 200}
)";
  std::shared_ptr<const ProbeConfig> config = MustParse(yaml);
  Variables variables = BaseVariables();
  variables["vars.uai"] = "0000000A";
  variables["vars.login"] = "jdupont";
  ProbeOutcome outcome = RunProbe(*config, variables, transport, Redactor());
  CHECK(outcome.status == ProbeOutcome::Status::kPass);
  REQUIRE(transport.requests().size() == 1);
  const Request& sent = transport.requests()[0];
  CHECK(sent.method == "POST");
  CHECK(sent.body == "username=jdupont&lt=1");
  CHECK(sent.headers == HeaderList{{"X-Uai", "0000000A"}, {"Accept", "text/html"}});
  CHECK(outcome.evidence[0].request == "POST https://ent.example.test/cas/login?uai=0000000A");
}

TEST_CASE("http probe lists every variable it references") {
  const char* yaml = R"(
request:
  method: POST
  url: "${base_url}${path}"
  headers: {X-Uai: "${vars.uai}"}
  body: "login=${vars.login}"
expect: {status: 200}
)";
  std::shared_ptr<const ProbeConfig> config = MustParse(yaml);
  std::vector<std::string> names = FindProbeKind("http")->variables(*config);
  CHECK(names == std::vector<std::string>{"base_url", "path", "vars.uai", "vars.login"});
}

TEST_CASE("http probe: a transport error is an error, never a pass or a fail") {
  ReplayTransport transport;
  transport.LoadFile("connection-refused.json");
  for (const char* expect :
       {"{status: 200}", "{not: {status: 200}}", "{any: [{status: 200}, {not: {status: 200}}]}"}) {
    INFO(expect);
    ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}/down", expect), transport);
    CHECK(outcome.status == ProbeOutcome::Status::kError);
    CHECK(Contains(outcome.message, "Connection refused"));
    REQUIRE(outcome.evidence.size() == 1);
    CHECK(outcome.evidence[0].status == 0);
    CHECK(outcome.evidence[0].checks.empty());
  }
}

TEST_CASE("http probe: every injected fault is an error") {
  using Fault = FaultTransport::Fault;
  struct Case {
    Fault fault;
    const char* text;
  };
  for (const Case& c : {Case{Fault::kTimeout, "no complete answer"},
                        Case{Fault::kConnectionRefused, "Connection refused"},
                        Case{Fault::kTlsHandshake, "TLS handshake failed"},
                        Case{Fault::kBodyTooLarge, "exceeds the limit"},
                        Case{Fault::kRedirectLoop, "redirect loop"}}) {
    INFO(c.text);
    ReplayTransport replay;
    replay.LoadFile("portal-home.json");
    FaultTransport transport(&replay);
    transport.AddFault("ent.example.test/", c.fault);
    ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}/", "{not: {status: 500}}"), transport);
    CHECK(outcome.status == ProbeOutcome::Status::kError);
    CHECK(Contains(outcome.message, c.text));
    CHECK(transport.faults_injected() == 1);
    CHECK(replay.TotalSubmitted() == 0);
  }
}

TEST_CASE("http probe through a fault transport reaches the inner one when no rule applies") {
  ReplayTransport replay;
  replay.LoadFile("portal-home.json");
  FaultTransport transport(&replay);
  transport.AddFault("/down", FaultTransport::Fault::kTimeout);
  ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}/", "{status: 200}"), transport);
  CHECK(outcome.status == ProbeOutcome::Status::kPass);
  CHECK(transport.faults_injected() == 0);
  CHECK(replay.SubmittedCount("https://ent.example.test/") == 1);
}

TEST_CASE("http probe: an unknown variable is an error and sends nothing") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}${nope}", "{status: 200}"), transport);
  CHECK(outcome.status == ProbeOutcome::Status::kError);
  CHECK(Contains(outcome.message, "unknown variable ${nope}"));
  CHECK(transport.TotalSubmitted() == 0);
}

TEST_CASE("http probe: an unrecorded request is an error") {
  ReplayTransport transport;
  ProbeOutcome outcome =
      RunYaml(ProbeYaml("${base_url}/nowhere", "{not: {status: 200}}"), transport);
  CHECK(outcome.status == ProbeOutcome::Status::kError);
  CHECK(transport.unmatched() == std::vector<std::string>{"GET https://ent.example.test/nowhere"});
}

TEST_CASE("http probe: malformed bodies make the check an error") {
  struct Case {
    const char* recording;
    const char* expect;
  };
  for (const Case& c : {Case{"html-where-xml.json", "{xpath: {expr: '//cas:user', exists: false}}"},
                        Case{"truncated-xml.json", "{xpath: {expr: '//cas:user', exists: false}}"},
                        Case{"invalid-json.json", "{json: {pointer: /issuer, exists: false}}"},
                        Case{"empty-body.json", "{json: {pointer: /issuer, exists: false}}"},
                        Case{"binary-garbage.json", "{xpath: {expr: '/a', exists: false}}"}}) {
    INFO(c.recording);
    Recording recording = LoadRecording(c.recording);
    ReplayTransport transport;
    transport.Add(recording);
    ProbeOutcome outcome = RunYaml(ProbeYaml(recording.url, c.expect), transport);
    CHECK(outcome.status == ProbeOutcome::Status::kError);
    CHECK(Contains(outcome.message, "GET https://ent.example.test/"));
    REQUIRE(outcome.evidence.size() == 1);
    CHECK(outcome.evidence[0].status == 200);
  }
}

TEST_CASE("http probe: CAS tickets in the request URL are redacted from the message") {
  Recording recording = LoadRecording("html-where-xml.json");
  ReplayTransport transport;
  transport.Add(recording);
  ProbeOutcome outcome =
      RunYaml(ProbeYaml(recording.url, "{xpath: {expr: '//cas:user', exists: true}}"), transport);
  CHECK(outcome.status == ProbeOutcome::Status::kError);
  CHECK(Contains(outcome.message, "ticket=ST-[REDACTED]"));
  CHECK_FALSE(Contains(AllText(outcome), "htmlpage"));
}

TEST_CASE("http probe: a registered secret echoed by the server never reaches the outcome") {
  Redactor redactor;
  redactor.AddSecret(kPassword);
  const char* expects[] = {
      "{body: {contains: 'mot de passe'}}",
      "{body: {matches: 'mot de passe est (\\S+)'}}",
      "{header: {name: X-Debug-Password, equals: 'other'}}",
      "{header: {name: X-Debug-Password, matches: 'ent-secret'}}",
      "{html: {element: p, text: 'Bonjour'}}",
      "{html_text: {matches: 'votre mot de passe est \\S+'}}",
      "{all: [{status: 500}, {body: {matches: 'passe est \\S+'}}]}",
      "{not: {html: {element: a, attr: {href: 'ticket='}}}}",
      "{xpath: {expr: '//p', matches: 'x'}}",
  };
  for (const char* expect : expects) {
    INFO(expect);
    ReplayTransport transport;
    transport.LoadFile("echo-secret.json");
    ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}/echo", expect), transport, redactor);
    std::string all = AllText(outcome);
    CHECK_FALSE(Contains(all, kPassword));
    CHECK_FALSE(Contains(all, "Tr0ub4dor&3"));
    CHECK_FALSE(Contains(all, "leakyticketvalue"));
    CHECK_FALSE(Contains(all, "s3cr3tcookievalue"));
    CHECK(Contains(all, "[REDACTED]"));
  }
}

TEST_CASE("http probe: a secret in a variable is redacted from request and error text") {
  Redactor redactor;
  redactor.AddSecret(kPassword);
  ReplayTransport transport;  // nothing recorded: the error message quotes the URL
  std::shared_ptr<const ProbeConfig> config =
      MustParse(ProbeYaml("${base_url}/login?password=${vars.password}", "{status: 200}"));
  Variables variables = BaseVariables();
  variables["vars.password"] = kPassword;
  ProbeOutcome outcome = RunProbe(*config, variables, transport, redactor);
  CHECK(outcome.status == ProbeOutcome::Status::kError);
  REQUIRE(transport.requests().size() == 1);
  CHECK(Contains(transport.requests()[0].url, kPassword));  // sent as is...
  CHECK_FALSE(Contains(AllText(outcome), kPassword));       // ...but never reported
  CHECK(outcome.evidence[0].request == "GET https://ent.example.test/login?password=[REDACTED]");
}

TEST_CASE("http probe: Set-Cookie evidence keeps the attributes, not the value") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}/", "{status: 200}"), transport);
  REQUIRE(outcome.evidence.size() == 1);
  bool seen = false;
  for (const auto& [name, value] : outcome.evidence[0].headers) {
    if (name != "Set-Cookie" || value.rfind("JSESSIONID=", 0) != 0) continue;
    seen = true;
    CHECK(value == "JSESSIONID=[REDACTED]; Path=/; Secure; HttpOnly");
  }
  CHECK(seen);
  CHECK_FALSE(Contains(AllText(outcome), "8f3a9c1e77d2b4a0"));
}

TEST_CASE("http probe evidence is bounded: excerpt and header count") {
  ReplayTransport transport;
  transport.LoadFile("deep-nested-html.json");
  Response many;
  many.status = 200;
  for (int i = 0; i < 60; ++i) many.headers.emplace_back("X-H" + std::to_string(i), "v");
  transport.AddResponse("GET", "https://ent.example.test/many", many);
  ProbeOutcome deep = RunYaml(ProbeYaml("${base_url}/deep", "{status: 200}"), transport);
  REQUIRE(deep.evidence.size() == 1);
  CHECK(deep.evidence[0].excerpt.size() == 400 + std::string("…").size());
  ProbeOutcome headers = RunYaml(ProbeYaml("${base_url}/many", "{status: 200}"), transport);
  CHECK(headers.evidence[0].headers.size() == 40);
}

// Regression: text used to be truncated (excerpt, observed values) before redaction, so a
// secret straddling the cut was no longer recognised and its first characters leaked.
TEST_CASE("http probe: a secret cut by the excerpt or check truncation does not leak") {
  Redactor redactor;
  redactor.AddSecret(kPassword);
  Response r;
  r.status = 200;
  r.body = std::string(390, 'x') + kPassword;
  r.headers = {{"X-Echo", std::string(150, 'y') + kPassword}};
  ReplayTransport transport;
  transport.AddResponse("GET", "https://ent.example.test/cut", r);
  ProbeOutcome outcome = RunYaml(
      ProbeYaml("${base_url}/cut", "{header: {name: X-Echo, equals: nope}}"), transport, redactor);
  CHECK_FALSE(Contains(AllText(outcome), "Tr0ub4dor"));
}

TEST_CASE("http probe sends HTTP Basic credentials of a target account, never reports them") {
  TargetProfile target;
  Account account;
  account.id = "prof1";
  account.profile = "enseignant";
  account.login = "mdupont";
  account.password.value = kPassword;
  target.accounts.push_back(account);
  target.base_url = kBase;
  Redactor redactor;
  redactor.AddSecret(kPassword);
  redactor.AddSecret(BasicCredentials(account));
  ReplayTransport transport;
  transport.LoadFile("echo-secret.json");
  std::shared_ptr<const ProbeConfig> config = MustParse(
      "request: {url: '${base_url}/echo', auth: {account: prof1}}\nexpect: {status: 401}");
  ProbeContext context{&transport, &redactor, &target};
  ProbeOutcome outcome;
  FindProbeKind("http")->run(*config, BaseVariables(), context,
                             [&](ProbeOutcome o) { outcome = o; });
  transport.Run();
  CHECK(outcome.status == ProbeOutcome::Status::kFail);
  REQUIRE(transport.requests().size() == 1);
  HeaderList sent = transport.requests()[0].headers;
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].first == "Authorization");
  CHECK(sent[0].second == "Basic " + BasicCredentials(account));
  std::string all = AllText(outcome);
  CHECK_FALSE(Contains(all, BasicCredentials(account)));
  CHECK_FALSE(Contains(all, kPassword));
}

TEST_CASE("http probe sends HTTP Basic credentials only over HTTPS to the ENT's origins") {
  TargetProfile target;
  target.base_url = kBase;
  target.accounts.push_back({"prof1", "enseignant", "mdupont", {"", "", kPassword}});
  Redactor redactor;
  for (const char* url : {"http://ent.example.test/echo", "https://elsewhere.test/echo",
                          "https://ent.example.test:8443/echo"}) {
    ReplayTransport transport;
    std::shared_ptr<const ProbeConfig> config =
        MustParse(std::string("request: {url: '") + url +
                  "', auth: {account: prof1}}\nexpect: {status: 200}");
    ProbeContext context{&transport, &redactor, &target};
    ProbeOutcome outcome;
    FindProbeKind("http")->run(*config, BaseVariables(), context,
                               [&](ProbeOutcome o) { outcome = o; });
    transport.Run();
    CHECK_MESSAGE(outcome.status == ProbeOutcome::Status::kError, url);
    CHECK(Contains(outcome.message, "only over HTTPS"));
    CHECK(transport.TotalSubmitted() == 0);
  }
}

TEST_CASE("http probe with auth for an unknown account is an error and sends nothing") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  std::shared_ptr<const ProbeConfig> config =
      MustParse("request: {url: '${base_url}/', auth: {account: ghost}}\nexpect: {status: 200}");
  TargetProfile target;
  Redactor redactor;
  ProbeContext context{&transport, &redactor, &target};
  ProbeOutcome outcome;
  FindProbeKind("http")->run(*config, BaseVariables(), context,
                             [&](ProbeOutcome o) { outcome = o; });
  transport.Run();
  CHECK(outcome.status == ProbeOutcome::Status::kError);
  CHECK(Contains(outcome.message, "no account 'ghost'"));
  CHECK(transport.TotalSubmitted() == 0);
}

TEST_CASE("http probe parse errors") {
  CHECK_FALSE(ParseProbe("expect: {status: 200}").diagnostics.empty());
  ParsedProbe no_expect = ParseProbe("request: {url: 'https://x/'}");
  CHECK(no_expect.config == nullptr);
  CHECK(Contains(no_expect.diagnostics.Format(), "missing required key 'expect'"));
  ParsedProbe get_body =
      ParseProbe("request: {url: 'https://x/', body: 'a=b'}\nexpect: {status: 200}");
  CHECK(Contains(get_body.diagnostics.Format(), "only allowed with method POST"));
  ParsedProbe method =
      ParseProbe("request: {url: 'https://x/', method: PUT}\nexpect: {status: 200}");
  CHECK(Contains(method.diagnostics.Format(), "'PUT' is not one of: GET, HEAD, POST"));
  ParsedProbe typo = ParseProbe("request: {url: 'https://x/', metod: GET}\nexpect: {status: 200}");
  CHECK(Contains(typo.diagnostics.Format(), "did you mean 'method'?"));
  ParsedProbe no_url = ParseProbe("request: {method: GET}\nexpect: {status: 200}");
  CHECK(no_url.config == nullptr);
  CHECK(Contains(no_url.diagnostics.Format(), "missing required key 'url'"));
  ParsedProbe bad_matcher = ParseProbe("request: {url: 'https://x/'}\nexpect: {stauts: 200}");
  CHECK(bad_matcher.config == nullptr);
  CHECK(Contains(bad_matcher.diagnostics.Format(), "did you mean 'status'?"));
}

}  // namespace
}  // namespace sdetcheck
