#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include "probe/registry.h"
#include "probe/tls_kind.h"
#include "support/outcomes.h"
#include "support/replay_transport.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::DecisiveCode;
using testing::English;
using testing::FindCheck;
using testing::OutcomeState;

const std::string kUrl = "https://ent.test/";

using Outcome = HandshakeResult::Outcome;

HandshakeResult Handshake(Outcome outcome, std::string alert = "", std::string version = "") {
  HandshakeResult h;
  h.outcome = outcome;
  h.alert = std::move(alert);
  h.version = std::move(version);
  if (outcome == Outcome::kCompleted) h.cipher = "ECDHE-RSA-AES256-SHA";
  return h;
}

HandshakeResult Refusal() { return Handshake(Outcome::kAlert, "protocol version"); }

struct TlsHarness {
  ReplayTransport transport;
  Redactor redactor;
  Diagnostics diagnostics;
  std::shared_ptr<const ProbeConfig> config;
  std::map<std::string, HandshakeResult> answers;  // by version offered
  std::vector<std::string> asked;                  // "host:port sni version", in order

  explicit TlsHarness(
      const std::string& yaml = "url: \"${base_url}/\"\nrefuse: [\"1.0\", \"1.1\"]") {
    YamlReader reader("probe.yaml", &diagnostics);
    config = FindProbeKind("tls")->parse(reader, *reader.LoadString(yaml), "probe");
  }

  void Baseline() {
    Response r;
    r.status = 200;
    r.tls_version = "TLSv1.3";
    transport.AddResponse("GET", kUrl, r);
  }

  void Legacy(const std::string& version, const HandshakeResult& answer) {
    answers[version] = answer;
  }

  ProbeOutcome Run() {
    ProbeContext context{&transport, &redactor, nullptr};
    context.handshake = [this](const TlsHello& hello) {
      asked.push_back(hello.host + ":" + std::to_string(hello.port) + " " + hello.server_name +
                      " " + hello.version);
      auto found = answers.find(hello.version);
      return found == answers.end() ? Handshake(Outcome::kUnreachable) : found->second;
    };
    ProbeOutcome outcome;
    FindProbeKind("tls")->run(*config, {{"base_url", "https://ent.test"}}, context,
                              [&](ProbeOutcome o) { outcome = std::move(o); });
    transport.Run();
    return outcome;
  }
};

// The check of the legacy `version` ("1.0").
const Check& LegacyCheck(const ProbeOutcome& outcome, const std::string& version) {
  auto found = std::find_if(outcome.checks.begin(), outcome.checks.end(), [&](const Check& c) {
    return c.key == "tls.legacy_refused" && c.subject == "TLS " + version;
  });
  REQUIRE_MESSAGE(found != outcome.checks.end(), "no check for TLS " << version);
  return *found;
}

// The handshake a check rests on.
const TlsHandshake& HandshakeOf(const ProbeOutcome& outcome, const Check& check) {
  REQUIRE(check.evidence.size() == 1);
  REQUIRE(check.evidence[0] < outcome.evidence.size());
  REQUIRE(std::holds_alternative<TlsHandshake>(outcome.evidence[check.evidence[0]]));
  return std::get<TlsHandshake>(outcome.evidence[check.evidence[0]]);
}

TEST_CASE("tls: refused legacy handshakes pass, each handshake pinned to its version") {
  TlsHarness h;
  REQUIRE_MESSAGE(h.config, h.diagnostics.Format());
  h.Baseline();
  h.Legacy("1.0", Refusal());
  h.Legacy("1.1", Refusal());
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kPass);
  CHECK(h.asked ==
        std::vector<std::string>{"ent.test:443 ent.test 1.0", "ent.test:443 ent.test 1.1"});
  REQUIRE(o.checks.size() == 3);
  const Check* baseline = FindCheck(o, "tls.default");
  REQUIRE(baseline != nullptr);
  CHECK(baseline->state == CheckState::kPass);
  CHECK(English(baseline->message) == "Default TLS connection: TLSv1.3.");
  CHECK(HandshakeOf(o, *baseline).offered.empty());
  CHECK(HandshakeOf(o, *baseline).negotiated == "TLSv1.3");
  for (const char* version : {"1.0", "1.1"}) {
    INFO(version);
    const Check& legacy = LegacyCheck(o, version);
    CHECK(legacy.state == CheckState::kPass);
    CHECK(legacy.message.code == "tls.legacy.refused");
    CHECK(English(legacy.message) == "TLS " + std::string(version) + " refused by the server.");
    CHECK(legacy.observed == "alert: protocol version");
    const TlsHandshake& handshake = HandshakeOf(o, legacy);
    CHECK(handshake.url == kUrl);
    CHECK(handshake.offered == version);
    CHECK(handshake.negotiated.empty());
    CHECK(handshake.error == "alert: protocol version");
  }
  CHECK(o.evidence.size() == 3);
}

TEST_CASE("tls: the refusals the protocol prescribes: version alerts, or closed after the hello") {
  for (const HandshakeResult& refusal :
       {Handshake(Outcome::kAlert, "protocol version"),
        Handshake(Outcome::kAlert, "handshake failure"),
        Handshake(Outcome::kAlert, "insufficient security"), Handshake(Outcome::kClosed),
        Handshake(Outcome::kOtherVersion)}) {
    INFO(HandshakeOutcomeName(refusal.outcome), " ", refusal.alert);
    TlsHarness h;
    h.Baseline();
    h.Legacy("1.0", refusal);
    h.Legacy("1.1", Refusal());
    ProbeOutcome o = h.Run();
    CHECK(OutcomeState(o) == CheckState::kPass);
    CHECK(LegacyCheck(o, "1.0").message.code == "tls.legacy.refused");
  }
}

TEST_CASE("tls: an accepted legacy handshake fails and says which") {
  TlsHarness h;
  h.Baseline();
  h.Legacy("1.0", Handshake(Outcome::kCompleted, "", "TLSv1"));
  h.Legacy("1.1", Refusal());
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "tls.legacy.accepted");
  const Check& accepted = LegacyCheck(o, "1.0");
  CHECK(English(accepted.message) == "The server accepts TLS 1.0 (negotiated: TLSv1).");
  CHECK(accepted.observed == "negotiated TLSv1 (ECDHE-RSA-AES256-SHA)");
  CHECK(HandshakeOf(o, accepted).negotiated == "TLSv1");
  CHECK(LegacyCheck(o, "1.1").state == CheckState::kPass);
}

// Regression (issue 11): any TLS-class failure used to count as "refused", so a client that
// could not offer TLS 1.0 reported the server conformant.
TEST_CASE("tls: a version this machine cannot offer is an error, never a refusal") {
  TlsHarness h;
  h.Baseline();
  HandshakeResult untestable = Handshake(Outcome::kUntestable);
  untestable.detail = "this machine's OpenSSL cannot offer TLS 1.0";
  h.Legacy("1.0", untestable);
  h.Legacy("1.1", Refusal());
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "tls.legacy.untestable");
  CHECK(English(LegacyCheck(o, "1.0").message) ==
        "TLS 1.0 cannot be tested from this machine (local OpenSSL).");
}

TEST_CASE("tls: an unreachable server is an error, never a pass by refusal") {
  const std::string unreachable = "GET https://ent.test/: connection failed";
  TlsHarness h;
  h.transport.AddError("GET", kUrl, unreachable, FetchError::kConnect);
  ProbeOutcome o = h.Run();  // no scripted answer: the handshakes find nobody
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "transport.connect");
  for (const char* version : {"1.0", "1.1"}) {
    INFO(version);
    CHECK(LegacyCheck(o, version).state == CheckState::kError);
    CHECK(LegacyCheck(o, version).message.code == "tls.legacy.unclear");
  }
}

// A failed handshake proves a refusal only when the server says so.
TEST_CASE("tls: a legacy attempt failing for another reason is an error, not a refusal") {
  HandshakeResult timed_out = Handshake(Outcome::kTimedOut);
  timed_out.detail = "handshake";
  HandshakeResult client = Handshake(Outcome::kClientError);
  client.detail = "error:0A000086:SSL routines::certificate verify failed";
  for (const HandshakeResult& other :
       {timed_out, client, Handshake(Outcome::kAlert, "internal error"),
        Handshake(Outcome::kAlert, "unrecognized name"), Handshake(Outcome::kUnreachable)}) {
    INFO(HandshakeOutcomeName(other.outcome), " ", other.alert);
    TlsHarness h;
    h.Baseline();
    h.Legacy("1.0", other);
    h.Legacy("1.1", Refusal());
    ProbeOutcome o = h.Run();
    CHECK(OutcomeState(o) == CheckState::kError);
    CHECK(DecisiveCode(o) == "tls.legacy.unclear");
    const Check& unclear = LegacyCheck(o, "1.0");
    CHECK(English(unclear.message) ==
          "TLS 1.0 attempt without a usable answer: refusal not established.");
    CHECK(!HandshakeOf(o, unclear).error.empty());
  }
}

TEST_CASE("tls: configuration errors are caught before any request") {
  for (const char* yaml :
       {"url: x", "url: x\nrefuse: []", "url: x\nrefuse: [\"1.2\"]", "refuse: [\"1.0\"]"}) {
    TlsHarness h(yaml);
    CHECK_MESSAGE(!h.config, yaml);
    CHECK(!h.diagnostics.empty());
  }
  TlsHarness plain("url: \"http://ent.test/\"\nrefuse: [\"1.0\"]");
  REQUIRE(plain.config);
  ProbeOutcome o = plain.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "tls.url_not_https");
  CHECK(FindCheck(o, "probe.setup") != nullptr);
  CHECK(plain.transport.TotalSubmitted() == 0);
}

}  // namespace
}  // namespace sdetcheck
