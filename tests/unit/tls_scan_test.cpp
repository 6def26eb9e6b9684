#include "tls/tls_scan.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "net/transport.h"
#include "tls/tls_scan_cache.h"

namespace sdetcheck {
namespace {

using Outcome = HandshakeResult::Outcome;

// Runs blocking work at once (Transport's default) and answers nothing else.
class InlineTransport : public Transport {
 public:
  void Submit(const Request&, Callback done) override {
    FetchResult result;
    done(result);
  }
  void Run() override {}
};

// A server accepting `suites` per version, choosing by its own order or the client's.
struct FakeServer {
  std::map<std::string, std::vector<std::string>> suites;
  bool server_order = true;
  std::set<std::string> hang;  // versions whose handshakes time out
  std::vector<TlsHello> hellos;

  HandshakeResult operator()(const TlsHello& hello) {
    hellos.push_back(hello);
    HandshakeResult r;
    if (hang.count(hello.version)) {
      r.outcome = Outcome::kTimedOut;
      r.detail = "handshake";
      return r;
    }
    auto found = suites.find(hello.version);
    if (found == suites.end()) {
      r.outcome = Outcome::kAlert;
      r.alert = "protocol version";
      return r;
    }
    const std::vector<std::string>& mine = found->second;
    auto offered = [&](const std::string& s) {
      return std::find(hello.ciphers.begin(), hello.ciphers.end(), s) != hello.ciphers.end();
    };
    std::string chosen;
    if (server_order) {
      for (const std::string& s : mine)
        if (chosen.empty() && offered(s)) chosen = s;
    } else {
      for (const std::string& s : hello.ciphers)
        if (chosen.empty() && std::find(mine.begin(), mine.end(), s) != mine.end()) chosen = s;
    }
    if (chosen.empty()) {
      r.outcome = Outcome::kAlert;
      r.alert = "handshake failure";
      return r;
    }
    r.outcome = Outcome::kCompleted;
    r.version = "TLSv" + hello.version;
    r.cipher = chosen;
    if (hello.capture_chain) r.chain_der = {"leaf-der"};
    return r;
  }
};

TlsScan Scan(FakeServer& server) {
  InlineTransport transport;
  TlsEndpoint endpoint;
  endpoint.url = "https://ent.test/";
  endpoint.host = "ent.test";
  endpoint.server_name = "ent.test";
  TlsScan result;
  ScanTls(
      transport, endpoint, {}, [&](const TlsHello& h) { return server(h); },
      [&](TlsScan scan) { result = std::move(scan); });
  return result;
}

const VersionScan& Version(const TlsScan& scan, const std::string& version) {
  for (const VersionScan& v : scan.versions)
    if (v.version == version) return v;
  FAIL("no version " << version);
  return scan.versions.front();
}

}  // namespace

TEST_CASE("tls scan: every accepted suite found, in the server's order, and that order told") {
  FakeServer server;
  server.suites["1.2"] = {"ECDHE-RSA-AES256-GCM-SHA384", "AES128-SHA", "NULL-SHA256"};
  server.suites["1.3"] = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};
  TlsScan scan = Scan(server);
  CHECK_FALSE(Version(scan, "1.0").Offered());
  CHECK(Version(scan, "1.0").first.alert == "protocol version");
  CHECK_FALSE(Version(scan, "1.1").Offered());
  const VersionScan& tls12 = Version(scan, "1.2");
  CHECK(tls12.accepted == server.suites["1.2"]);
  CHECK(tls12.order == "server");
  CHECK(tls12.error.empty());
  CHECK(Version(scan, "1.3").accepted == server.suites["1.3"]);
  // 2 refusals, 1.2: 3 accepted + 1 refusal + 1 order check; 1.3: 2 + 1 + 1.
  CHECK(scan.handshakes == 2 + 5 + 4);
  CHECK(scan.certificate.version == "TLSv1.3");  // the highest version's first handshake
  CHECK(scan.certificate.chain_der.size() == 1);
}

TEST_CASE("tls scan: a server following the client's order is told apart") {
  FakeServer server;
  server.server_order = false;
  server.suites["1.2"] = {"AES128-SHA", "ECDHE-RSA-AES256-GCM-SHA384"};
  TlsScan scan = Scan(server);
  const VersionScan& tls12 = Version(scan, "1.2");
  CHECK(tls12.accepted.size() == 2);
  CHECK(tls12.order == "client");
}

TEST_CASE("tls scan: a hanging version is an error of that version, the others still scanned") {
  FakeServer server;
  server.suites["1.2"] = {"ECDHE-RSA-AES256-GCM-SHA384"};
  server.suites["1.3"] = {"TLS_AES_128_GCM_SHA256"};
  server.hang = {"1.3"};
  TlsScan scan = Scan(server);
  CHECK(Version(scan, "1.3").first.outcome == Outcome::kTimedOut);
  CHECK(Version(scan, "1.2").accepted.size() == 1);
  CHECK(Version(scan, "1.2").order.empty());  // a single suite: no order to judge
  CHECK(scan.certificate.version == "TLSv1.2");
}

TEST_CASE("tls scan: a server choosing a suite never offered stops the walk, never loops") {
  FakeServer server;
  server.suites["1.2"] = {"ECDHE-RSA-AES256-GCM-SHA384"};
  InlineTransport transport;
  TlsEndpoint endpoint;
  endpoint.host = "ent.test";
  TlsScanOptions options;
  options.versions = {"1.2"};
  TlsScan result;
  int calls = 0;
  ScanTls(
      transport, endpoint, options,
      [&](const TlsHello&) {
        ++calls;
        HandshakeResult r;
        r.outcome = Outcome::kCompleted;
        r.cipher = "SOMETHING-ELSE";
        return r;
      },
      [&](TlsScan scan) { result = std::move(scan); });
  CHECK(calls == 1);
  CHECK(result.versions.front().error.find("SOMETHING-ELSE") != std::string::npos);
}

TEST_CASE("tls scan cache: probes of one run share one scan per endpoint") {
  FakeServer server;
  server.suites["1.3"] = {"TLS_AES_128_GCM_SHA256"};
  InlineTransport transport;
  TlsEndpoint endpoint;
  endpoint.host = "ent.test";
  endpoint.port = 443;
  TlsScanCache cache;
  HandshakeFn handshake = [&](const TlsHello& h) { return server(h); };
  int answers = 0;
  cache.Scan(transport, endpoint, {}, handshake, [&](const TlsScan&) { ++answers; });
  size_t after_first = server.hellos.size();
  cache.Scan(transport, endpoint, {}, handshake, [&](const TlsScan&) { ++answers; });
  CHECK(answers == 2);
  CHECK(server.hellos.size() == after_first);
  endpoint.port = 8443;
  cache.Scan(transport, endpoint, {}, handshake, [&](const TlsScan&) { ++answers; });
  CHECK(server.hellos.size() > after_first);
}

}  // namespace sdetcheck
