#include <algorithm>
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
const std::string kRefusal = "GET " + kUrl + ": TLS handshake failed: tlsv1 alert protocol version";

struct TlsHarness {
  ReplayTransport transport;
  Redactor redactor;
  Diagnostics diagnostics;
  std::shared_ptr<const ProbeConfig> config;

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

  // The answer to a handshake capped at `version`.
  void Attempt(const std::string& version, const FetchResult& result) {
    Recording recording;
    recording.url = kUrl;
    recording.tls_max_version = version;
    recording.result = result;
    transport.Add(recording);
  }

  void Legacy(const std::string& version, bool accepted) {
    FetchResult result;
    if (accepted) {
      result.ok = true;
      result.response.status = 200;
      result.response.tls_version = version == "1.0" ? "TLSv1" : "TLSv" + version;
    } else {
      result.error = kRefusal;
      result.error_kind = FetchError::kTls;
    }
    Attempt(version, result);
  }

  // A legacy attempt that failed with `error`.
  void LegacyError(const std::string& version, const std::string& error, FetchError kind) {
    FetchResult result;
    result.error = error;
    result.error_kind = kind;
    Attempt(version, result);
  }

  ProbeOutcome Run() {
    ProbeContext context{&transport, &redactor, nullptr};
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

TEST_CASE("tls: refused legacy handshakes pass") {
  TlsHarness h;
  REQUIRE_MESSAGE(h.config, h.diagnostics.Format());
  h.Baseline();
  h.Legacy("1.0", false);
  h.Legacy("1.1", false);
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kPass);
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
    const TlsHandshake& handshake = HandshakeOf(o, legacy);
    CHECK(handshake.url == kUrl);
    CHECK(handshake.offered == version);
    CHECK(handshake.negotiated.empty());
    CHECK(handshake.error == kRefusal);
  }
  CHECK(o.evidence.size() == 3);
}

TEST_CASE("tls: every way a server says no to the version is a refusal") {
  struct Case {
    const char* error;
    FetchError kind;
  };
  for (const Case& c :
       {Case{"TLS handshake failed: tlsv1 alert protocol version", FetchError::kTls},
        Case{"TLS handshake failed: sslv3 alert handshake failure", FetchError::kTls},
        Case{"TLS handshake failed: unsupported protocol", FetchError::kTls},
        Case{"TLS handshake failed: wrong version number", FetchError::kTls},
        Case{"TLS handshake failed: unexpected eof while reading", FetchError::kTls},
        Case{"TLS handshake failed: Connection reset by peer", FetchError::kTls},
        // The server closed the connection after the ClientHello, without an alert.
        Case{"TLS handshake failed: OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to "
             "127.0.0.1:443",
             FetchError::kTls}}) {
    INFO(c.error);
    TlsHarness h;
    h.Baseline();
    h.LegacyError("1.0", "GET " + kUrl + ": " + c.error, c.kind);
    h.Legacy("1.1", false);
    ProbeOutcome o = h.Run();
    CHECK(OutcomeState(o) == CheckState::kPass);
    CHECK(LegacyCheck(o, "1.0").message.code == "tls.legacy.refused");
  }
}

TEST_CASE("tls: a legacy handshake answered 503 was accepted all the same") {
  TlsHarness h;
  h.Baseline();
  FetchResult refused;
  refused.error = "GET " + kUrl + ": the server refused service (HTTP 503)";
  refused.error_kind = FetchError::kRefused;
  refused.response.status = 503;
  refused.response.tls_version = "TLSv1";
  h.Attempt("1.0", refused);
  h.Legacy("1.1", false);
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "tls.legacy.accepted");
  const Check& accepted = LegacyCheck(o, "1.0");
  CHECK(accepted.state == CheckState::kFail);
  CHECK(accepted.message.Param("negotiated") == "TLSv1");
  CHECK(HandshakeOf(o, accepted).negotiated == "TLSv1");
}

TEST_CASE("tls: an accepted legacy handshake fails and says which") {
  TlsHarness h;
  h.Baseline();
  h.Legacy("1.0", true);
  h.Legacy("1.1", false);
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "tls.legacy.accepted");
  const Check& accepted = LegacyCheck(o, "1.0");
  CHECK(English(accepted.message) == "The server accepts TLS 1.0 (negotiated: TLSv1).");
  CHECK(accepted.observed == "negotiated TLSv1");
  CHECK(LegacyCheck(o, "1.1").state == CheckState::kPass);
}

TEST_CASE("tls: an unreachable server is an error, never a pass by refusal") {
  const std::string unreachable = "GET https://ent.test/: connection failed";
  TlsHarness h;
  h.transport.AddError("GET", kUrl, unreachable, FetchError::kConnect);
  h.LegacyError("1.0", unreachable, FetchError::kConnect);
  h.LegacyError("1.1", unreachable, FetchError::kConnect);
  ProbeOutcome o = h.Run();
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "transport.connect");
  const Check* baseline = FindCheck(o, "tls.default");
  REQUIRE(baseline != nullptr);
  CHECK(baseline->observed.find("connection failed") != std::string::npos);
  for (const char* version : {"1.0", "1.1"}) {
    INFO(version);
    CHECK(LegacyCheck(o, version).state == CheckState::kError);
    CHECK(LegacyCheck(o, version).message.code == "tls.legacy.unclear");
  }
}

// A failed handshake proves a refusal only when the server's error says so.
TEST_CASE("tls: a legacy attempt failing for another reason is an error, not a refusal") {
  struct Case {
    const char* error;
    FetchError kind;
  };
  for (const Case& c :
       {Case{"GET https://ent.test/: no complete answer within 20000 ms", FetchError::kTimeout},
        Case{"GET https://ent.test/: TLS handshake failed: certificate verify failed",
             FetchError::kTls},
        Case{"GET https://ent.test/: Empty reply from server", FetchError::kProtocol},
        // A reset after the handshake (reading the answer) says the version was accepted.
        Case{"GET https://ent.test/: Recv failure: Connection reset by peer",
             FetchError::kProtocol},
        Case{"GET https://ent.test/: connection failed: Connection reset by peer",
             FetchError::kConnect}}) {
    INFO(c.error);
    TlsHarness h;
    h.Baseline();
    h.LegacyError("1.0", c.error, c.kind);
    h.Legacy("1.1", false);
    ProbeOutcome o = h.Run();
    CHECK(OutcomeState(o) == CheckState::kError);
    CHECK(DecisiveCode(o) == "tls.legacy.unclear");
    const Check& unclear = LegacyCheck(o, "1.0");
    CHECK(unclear.state == CheckState::kError);
    CHECK(unclear.observed == c.error);
    CHECK(English(unclear.message) ==
          "TLS 1.0 attempt without a usable answer: refusal not established.");
    CHECK(HandshakeOf(o, unclear).error == c.error);
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
