// A whole TLS scan against the hostile server: a real TLS endpoint scanned to the end, a
// hanging one bounded in time and told as an error, an untrusted chain told as untrusted,
// and the limits held across the scan's handshakes.

#include "tls/tls_scan.h"

#include <chrono>
#include <ctime>

#include <doctest/doctest.h>

#include "exec/thread_executor.h"
#include "net/curl_transport.h"
#include "support/hostile_server.h"
#include "tls/certificate_chain.h"
#include "tls/tls_scan_judge.h"

namespace sdetcheck {
namespace {

using testing::HostilePort;
using testing::HostileUrl;
using Clock = std::chrono::steady_clock;

TlsScan ScanPort(const std::string& name, double rate, std::chrono::milliseconds deadline) {
  TransportOptions options;
  options.rate_per_second = rate;
  options.per_host_concurrency = 2;
  options.ca_bundle = testing::HostileCaBundle();
  CurlTransport transport(options);
  ThreadExecutor executor(2, std::chrono::milliseconds(10000));
  transport.AttachExecutor(&executor);
  TlsEndpoint endpoint;
  endpoint.url = HostileUrl(name, "/");
  endpoint.host = "127.0.0.1";
  endpoint.port = HostilePort(name);
  TlsScanOptions scan_options;
  scan_options.deadline = deadline;
  TlsScan result;
  ScanTls(transport, endpoint, scan_options, RunTlsHandshake,
          [&](TlsScan scan) { result = std::move(scan); });
  transport.Run();
  return result;
}

}  // namespace

TEST_SUITE("hostile") {
  TEST_CASE("tls scan: the hostile https endpoint scanned to the end, its chain trusted") {
    TlsScan scan = ScanPort("https", 200, std::chrono::milliseconds(3000));
    bool any = false;
    for (const VersionScan& v : scan.versions) {
      CHECK(v.error.empty());
      if (v.Offered()) {
        any = true;
        CHECK_FALSE(v.accepted.empty());
      }
    }
    REQUIRE(any);
    REQUIRE_FALSE(scan.certificate.chain_der.empty());
    ChainReport chain = InspectChain(scan.certificate.chain_der, "127.0.0.1",
                                     testing::HostileCaBundle(), std::time(nullptr));
    CHECK(chain.trusted);
    CHECK(chain.hostname_matches);
  }

  TEST_CASE("tls scan: an untrusted certificate is judged untrusted, not unreachable") {
    TlsScan scan = ScanPort("untrusted", 200, std::chrono::milliseconds(3000));
    REQUIRE_FALSE(scan.certificate.chain_der.empty());
    ChainReport chain = InspectChain(scan.certificate.chain_der, "127.0.0.1",
                                     testing::HostileCaBundle(), std::time(nullptr));
    CHECK_FALSE(chain.trusted);
    TlsJudgeInputs in;
    in.scan = &scan;
    in.chain = &chain;
    in.url = HostileUrl("untrusted", "/");
    ProbeOutcome outcome = JudgeTlsScan(TlsAspect::kCertificate, in);
    bool untrusted_failed = false;
    for (const Check& check : outcome.checks)
      untrusted_failed |= check.key == "tls.cert.trusted" && check.state == CheckState::kFail;
    CHECK(untrusted_failed);
  }

  TEST_CASE("tls scan: a server that never answers the ClientHello ends, bounded, as an error") {
    auto start = Clock::now();
    TlsScan scan = ScanPort("tls_hang", 200, std::chrono::milliseconds(700));
    auto took = Clock::now() - start;
    CHECK(took < std::chrono::seconds(8));  // 4 versions, 2 at a time, 0.7 s each
    for (const VersionScan& v : scan.versions) {
      CHECK_FALSE(v.Offered());
      CHECK(v.first.outcome == HandshakeResult::Outcome::kTimedOut);
    }
    TlsJudgeInputs in;
    in.scan = &scan;
    in.url = HostileUrl("tls_hang", "/");
    ProbeOutcome outcome = JudgeTlsScan(TlsAspect::kWeakCiphers, in);
    REQUIRE(outcome.checks.size() == 1);
    CHECK(outcome.checks.front().state == CheckState::kError);
  }
}

}  // namespace sdetcheck
