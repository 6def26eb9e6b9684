#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include "probe/http_kind.h"
#include "probe/registry.h"
#include "support/outcomes.h"
#include "support/replay_transport.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::AllText;
using testing::DecisiveCode;
using testing::English;
using testing::FindCheck;
using testing::OutcomeState;

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
  std::optional<YamlNode> node = reader.LoadString(yaml);
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

// The outcome's only evidence record: the exchange every HTTP probe records.
const HttpExchange& OnlyExchange(const ProbeOutcome& outcome) {
  REQUIRE(outcome.evidence.size() == 1);
  REQUIRE(std::holds_alternative<HttpExchange>(outcome.evidence[0]));
  return std::get<HttpExchange>(outcome.evidence[0]);
}

// The only check of the outcome.
const Check& OnlyCheck(const ProbeOutcome& outcome) {
  REQUIRE(outcome.checks.size() == 1);
  return outcome.checks[0];
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("the http kind is registered with its keys") {
  const ProbeKind* kind = FindProbeKind("http");
  REQUIRE(kind != nullptr);
  CHECK(std::string(kind->name) == "http");
  CHECK(kind->keys == std::vector<std::string>{"request", "when", "expect"});
  CHECK(FindProbeKind("ftp") == nullptr);
}

TEST_CASE("http probe passes and records evidence") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome =
      RunYaml(ProbeYaml("${base_url}/", "{html_text: {matches: 'Bienvenue'}}"), transport);
  CHECK(OutcomeState(outcome) == CheckState::kPass);
  CHECK(DecisiveCode(outcome).empty());
  const Check& check = OnlyCheck(outcome);
  CHECK(check.key == "http.html_text");
  CHECK(check.state == CheckState::kPass);
  CHECK(check.message.code == "match.html_text.pass");
  CHECK(check.expected == "page text matches /Bienvenue/");
  CHECK(check.observed == "Bienvenue");
  CHECK(check.evidence == std::vector<size_t>{0});
  const HttpExchange& e = OnlyExchange(outcome);
  CHECK(e.method == "GET");
  CHECK(e.url == "https://ent.example.test/");
  CHECK(e.status == 200);
  CHECK(e.final_url.empty());  // no redirect
  CHECK(e.tls_version == "TLSv1.3");
  CHECK(e.headers.size() == 5);
  CHECK(Contains(e.excerpt, "<!DOCTYPE html>"));
  CHECK(e.error.empty());
  CHECK(transport.SubmittedCount("https://ent.example.test/") == 1);
}

TEST_CASE("http probe fails on the failing check, every check on the exchange it judged") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome = RunYaml(
      ProbeYaml("${base_url}/",
                "{all: [{status: 200}, {header: {name: Content-Security-Policy, exists: true}}]}"),
      transport);
  CHECK(OutcomeState(outcome) == CheckState::kFail);
  CHECK(DecisiveCode(outcome) == "match.header.present.fail");
  REQUIRE(outcome.checks.size() == 2);
  CHECK(outcome.checks[0].state == CheckState::kPass);
  const Check* header = FindCheck(outcome, "http.header");
  REQUIRE(header != nullptr);
  CHECK(header->state == CheckState::kFail);
  CHECK(header->subject == "Content-Security-Policy");
  CHECK(header->expected == "header Content-Security-Policy present");
  CHECK(header->observed == "absent");
  CHECK(English(header->message) == "Header Content-Security-Policy missing.");
  CHECK(OnlyExchange(outcome).status == 200);
  for (const Check& check : outcome.checks) CHECK(check.evidence == std::vector<size_t>{0});
}

TEST_CASE("http probe with a negated matcher names the offending check") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome =
      RunYaml(ProbeYaml("${base_url}/", "{not: {header: {name: X-Frame-Options, exists: true}}}"),
              transport);
  CHECK(OutcomeState(outcome) == CheckState::kFail);
  CHECK(DecisiveCode(outcome) == "match.not.fail");
  const Check& check = OnlyCheck(outcome);
  CHECK(check.key == "http.not");
  CHECK(check.message.Param("what") == "header X-Frame-Options present");
  CHECK(check.expected == "not (header X-Frame-Options present)");
  CHECK(check.observed == "present");
}

TEST_CASE("http probe: a failing check outweighs one that could not be made, both kept") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome = RunYaml(
      ProbeYaml("${base_url}/", "{all: [{xpath: {expr: '/a', exists: true}}, {status: 404}]}"),
      transport);
  CHECK(OutcomeState(outcome) == CheckState::kFail);
  CHECK(DecisiveCode(outcome) == "match.status.fail");
  const Check* xpath = FindCheck(outcome, "http.xpath");
  REQUIRE(xpath != nullptr);
  CHECK(xpath->state == CheckState::kError);
  CHECK(xpath->message.code == "match.unreadable");
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
  CHECK(OutcomeState(outcome) == CheckState::kPass);
  CHECK(outcome.checks.size() == 2);
  REQUIRE(transport.requests().size() == 1);
  CHECK_FALSE(transport.requests()[0].follow_redirects);
  const HttpExchange& e = OnlyExchange(outcome);
  CHECK(e.status == 301);
  CHECK(e.tls_version.empty());
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
  CHECK(OutcomeState(outcome) == CheckState::kPass);
  REQUIRE(transport.requests().size() == 1);
  const Request& sent = transport.requests()[0];
  CHECK(sent.method == "POST");
  CHECK(sent.body == "username=jdupont&lt=1");
  CHECK(sent.headers == HeaderList{{"X-Uai", "0000000A"}, {"Accept", "text/html"}});
  const HttpExchange& e = OnlyExchange(outcome);
  CHECK(e.method == "POST");
  CHECK(e.url == "https://ent.example.test/cas/login?uai=0000000A");
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
    CHECK(OutcomeState(outcome) == CheckState::kError);
    CHECK(DecisiveCode(outcome) == "transport.connect");
    const Check& check = OnlyCheck(outcome);  // the matcher judged nothing
    CHECK(check.key == "http.request");
    CHECK(Contains(check.observed, "Connection refused"));
    CHECK(check.evidence == std::vector<size_t>{0});
    const HttpExchange& e = OnlyExchange(outcome);
    CHECK(e.url == "https://ent.example.test/down");
    CHECK(e.status == 0);
    CHECK(Contains(e.error, "Connection refused"));
  }
}

TEST_CASE("http probe: a refusal (503) is an error whose evidence keeps the server's answer") {
  Recording busy;
  busy.url = "https://ent.example.test/busy";
  busy.result.error = "GET https://ent.example.test/busy: the server refused service (HTTP 503)";
  busy.result.error_kind = FetchError::kRefused;
  busy.result.response.status = 503;
  busy.result.response.headers = {{"Retry-After", "120"}};
  ReplayTransport transport;
  transport.Add(busy);
  ProbeOutcome outcome = RunYaml(ProbeYaml(busy.url, "{not: {status: 503}}"), transport);
  CHECK(OutcomeState(outcome) == CheckState::kError);
  CHECK(DecisiveCode(outcome) == "transport.refused");
  const Message& why = OnlyCheck(outcome).message;
  CHECK(why.Param("status") == "503");
  CHECK(why.Param("retry_after") == "120");
  const HttpExchange& e = OnlyExchange(outcome);
  CHECK(e.status == 503);
  CHECK(e.headers == HeaderList{{"Retry-After", "120"}});
  CHECK(Contains(e.error, "refused service"));
}

TEST_CASE("http probe: every injected fault is an error") {
  using Fault = FaultTransport::Fault;
  struct Case {
    Fault fault;
    const char* code;
    const char* text;
  };
  for (const Case& c : {Case{Fault::kTimeout, "transport.timeout", "no complete answer"},
                        Case{Fault::kConnectionRefused, "transport.connect", "Connection refused"},
                        Case{Fault::kTlsHandshake, "transport.tls", "TLS handshake failed"},
                        Case{Fault::kBodyTooLarge, "transport.too_large", "exceeds the limit"},
                        Case{Fault::kRedirectLoop, "transport.redirects", "redirect loop"}}) {
    INFO(c.text);
    ReplayTransport replay;
    replay.LoadFile("portal-home.json");
    FaultTransport transport(&replay);
    transport.AddFault("ent.example.test/", c.fault);
    ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}/", "{not: {status: 500}}"), transport);
    CHECK(OutcomeState(outcome) == CheckState::kError);
    CHECK(DecisiveCode(outcome) == c.code);
    CHECK(Contains(OnlyCheck(outcome).observed, c.text));
    CHECK(Contains(OnlyExchange(outcome).error, c.text));
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
  CHECK(OutcomeState(outcome) == CheckState::kPass);
  CHECK(transport.faults_injected() == 0);
  CHECK(replay.SubmittedCount("https://ent.example.test/") == 1);
}

TEST_CASE("http probe: an unknown variable is an error and sends nothing") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}${nope}", "{status: 200}"), transport);
  CHECK(OutcomeState(outcome) == CheckState::kError);
  CHECK(DecisiveCode(outcome) == "variable.unknown");
  const Check& check = OnlyCheck(outcome);
  CHECK(check.key == "probe.setup");
  CHECK(check.message.Param("name") == "nope");
  CHECK(outcome.evidence.empty());
  CHECK(transport.TotalSubmitted() == 0);
}

TEST_CASE("http probe: an unrecorded request is an error") {
  ReplayTransport transport;
  ProbeOutcome outcome =
      RunYaml(ProbeYaml("${base_url}/nowhere", "{not: {status: 200}}"), transport);
  CHECK(OutcomeState(outcome) == CheckState::kError);
  CHECK(DecisiveCode(outcome) == "transport.other");
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
    CHECK(OutcomeState(outcome) == CheckState::kError);
    CHECK(DecisiveCode(outcome) == "match.unreadable");
    const Check& check = OnlyCheck(outcome);
    CHECK_FALSE(check.observed.empty());
    // The check points at the exchange whose answer could not be read.
    REQUIRE(check.evidence == std::vector<size_t>{0});
    const HttpExchange& e = OnlyExchange(outcome);
    CHECK(e.method == "GET");
    CHECK(e.url.rfind("https://ent.example.test/", 0) == 0);
    CHECK(e.status == 200);
  }
}

TEST_CASE("http probe: CAS tickets in the request URL are redacted from the outcome") {
  Recording recording = LoadRecording("html-where-xml.json");
  ReplayTransport transport;
  transport.Add(recording);
  ProbeOutcome outcome =
      RunYaml(ProbeYaml(recording.url, "{xpath: {expr: '//cas:user', exists: true}}"), transport);
  CHECK(OutcomeState(outcome) == CheckState::kError);
  CHECK(Contains(OnlyExchange(outcome).url, "ticket=ST-[REDACTED]"));
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
  CHECK(OutcomeState(outcome) == CheckState::kError);
  REQUIRE(transport.requests().size() == 1);
  CHECK(Contains(transport.requests()[0].url, kPassword));  // sent as is...
  CHECK_FALSE(Contains(AllText(outcome), kPassword));       // ...but never reported
  CHECK(OnlyExchange(outcome).url == "https://ent.example.test/login?password=[REDACTED]");
  CHECK(OnlyCheck(outcome).subject == "https://ent.example.test/login?password=[REDACTED]");
}

TEST_CASE("http probe: Set-Cookie evidence keeps the attributes, not the value") {
  ReplayTransport transport;
  transport.LoadFile("portal-home.json");
  ProbeOutcome outcome = RunYaml(ProbeYaml("${base_url}/", "{status: 200}"), transport);
  bool seen = false;
  for (const auto& [name, value] : OnlyExchange(outcome).headers) {
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
  CHECK(OnlyExchange(deep).excerpt.size() == 400 + std::string("…").size());
  ProbeOutcome headers = RunYaml(ProbeYaml("${base_url}/many", "{status: 200}"), transport);
  CHECK(OnlyExchange(headers).headers.size() == 40);
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
                             [&](ProbeOutcome o) { outcome = std::move(o); });
  transport.Run();
  CHECK(OutcomeState(outcome) == CheckState::kFail);
  CHECK(DecisiveCode(outcome) == "match.status.fail");
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
  target.accounts.push_back({"prof1", "enseignant", "mdupont", {"", "", kPassword}, ""});
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
                               [&](ProbeOutcome o) { outcome = std::move(o); });
    transport.Run();
    INFO(url);
    CHECK(OutcomeState(outcome) == CheckState::kError);
    CHECK(DecisiveCode(outcome) == "probe.credentials_withheld");
    const Message& why = OnlyCheck(outcome).message;
    CHECK(why.Param("account") == "prof1");
    CHECK(why.Param("url") == url);
    CHECK(Contains(English(why), "only over HTTPS"));
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
                             [&](ProbeOutcome o) { outcome = std::move(o); });
  transport.Run();
  CHECK(OutcomeState(outcome) == CheckState::kError);
  CHECK(DecisiveCode(outcome) == "probe.account_unknown");
  CHECK(OnlyCheck(outcome).message.Param("account") == "ghost");
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

// The session-cookie probe's shape: judged only when the page sets a cookie.
const char* kCookieProbe =
    "request: {url: '${base_url}/'}\n"
    "when: {header: {name: Set-Cookie, exists: true}}\n"
    "expect: {not: {header: {name: Set-Cookie, matches: '(?i)^(?!.*;\\s*secure)'}}}";

ProbeOutcome RunCookieProbe(HeaderList headers, long status = 200) {
  ReplayTransport transport;
  Response r;
  r.status = status;
  r.headers = std::move(headers);
  transport.AddResponse("GET", std::string(kBase) + "/", r);
  return RunYaml(kCookieProbe, transport);
}

TEST_CASE("http when: no cookie set is not applicable, never a non-conformity") {
  ProbeOutcome none = RunCookieProbe({});
  CHECK(OutcomeState(none) == CheckState::kNotApplicable);
  CHECK(DecisiveCode(none) == "http.precondition_absent");
  CHECK(OnlyCheck(none).key == "http.precondition");
  ProbeOutcome secure = RunCookieProbe({{"Set-Cookie", "ENTSESSION=x; Secure; HttpOnly"}});
  CHECK(OutcomeState(secure) == CheckState::kPass);
  ProbeOutcome clear = RunCookieProbe({{"Set-Cookie", "ENTSESSION=x; HttpOnly"}});
  CHECK(OutcomeState(clear) == CheckState::kFail);
  CHECK(AllText(clear).find("ENTSESSION=x") == std::string::npos);  // value masked
}

TEST_CASE("http when: a precondition that cannot be judged is an error") {
  ReplayTransport transport;
  Response r;
  r.status = 200;
  r.body = "<html>not json</html>";
  transport.AddResponse("GET", std::string(kBase) + "/", r);
  ProbeOutcome o = RunYaml(
      "request: {url: '${base_url}/'}\nwhen: {json: {pointer: /a, exists: true}}\nexpect: {status: "
      "200}",
      transport);
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(OnlyCheck(o).key == "http.precondition");
}

}  // namespace
}  // namespace sdetcheck
