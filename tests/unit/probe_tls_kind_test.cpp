#include <doctest/doctest.h>

#include "probe/registry.h"
#include "probe/tls_kind.h"
#include "support/replay_transport.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

const std::string kUrl = "https://ent.test/";

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

  void Legacy(const std::string& version, bool accepted) {
    Recording recording;
    recording.url = kUrl;
    recording.tls_max_version = version;
    if (accepted) {
      recording.result.ok = true;
      recording.result.response.status = 200;
      recording.result.response.tls_version = version == "1.0" ? "TLSv1" : "TLSv" + version;
    } else {
      recording.result.error =
          "GET " + kUrl + ": TLS handshake failed: tlsv1 alert protocol version";
      recording.result.error_kind = FetchError::kTls;
    }
    transport.Add(recording);
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

TEST_CASE("tls: refused legacy handshakes pass") {
  TlsHarness h;
  REQUIRE_MESSAGE(h.config, h.diagnostics.Format());
  h.Baseline();
  h.Legacy("1.0", false);
  h.Legacy("1.1", false);
  ProbeOutcome o = h.Run();
  CHECK(o.status == ProbeOutcome::Status::kPass);
  REQUIRE(o.evidence.size() == 1);
  CHECK(o.evidence[0].checks == std::vector<std::string>{"[pass] default handshake: TLSv1.3",
                                                         "[pass] TLS 1.0 refused",
                                                         "[pass] TLS 1.1 refused"});
}

TEST_CASE("tls: a legacy handshake answered 503 was accepted all the same") {
  TlsHarness h;
  h.Baseline();
  Recording refused;
  refused.url = kUrl;
  refused.tls_max_version = "1.0";
  refused.result.error = "GET " + kUrl + ": the server refused service (HTTP 503)";
  refused.result.error_kind = FetchError::kRefused;
  refused.result.response.status = 503;
  refused.result.response.tls_version = "TLSv1";
  h.transport.Add(refused);
  h.Legacy("1.1", false);
  ProbeOutcome o = h.Run();
  CHECK(o.status == ProbeOutcome::Status::kFail);
  CHECK(o.message == "the server accepts TLS 1.0");
}

TEST_CASE("tls: an accepted legacy handshake fails and says which") {
  TlsHarness h;
  h.Baseline();
  h.Legacy("1.0", true);
  h.Legacy("1.1", false);
  ProbeOutcome o = h.Run();
  CHECK(o.status == ProbeOutcome::Status::kFail);
  CHECK(o.message == "the server accepts TLS 1.0");
}

TEST_CASE("tls: an unreachable server is an error, never a pass by refusal") {
  TlsHarness h;
  h.transport.AddError("GET", kUrl, "GET https://ent.test/: connection failed",
                       FetchError::kConnect);
  Recording refused;
  refused.url = kUrl;
  refused.tls_max_version = "1.0";
  refused.result.error = "GET https://ent.test/: connection failed";
  refused.result.error_kind = FetchError::kConnect;
  h.transport.Add(refused);
  refused.tls_max_version = "1.1";
  h.transport.Add(refused);
  ProbeOutcome o = h.Run();
  CHECK(o.status == ProbeOutcome::Status::kError);
  CHECK(o.message.find("connection failed") != std::string::npos);
}

TEST_CASE("tls: a legacy attempt that times out is an error, not a refusal") {
  TlsHarness h;
  h.Baseline();
  h.Legacy("1.1", false);
  Recording slow;
  slow.url = kUrl;
  slow.tls_max_version = "1.0";
  slow.result.error = "GET https://ent.test/: no complete answer within 20000 ms";
  slow.result.error_kind = FetchError::kTimeout;
  h.transport.Add(slow);
  CHECK(h.Run().status == ProbeOutcome::Status::kError);
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
  CHECK(o.status == ProbeOutcome::Status::kError);
  CHECK(plain.transport.TotalSubmitted() == 0);
}

}  // namespace
}  // namespace sdetcheck
