// Blocking network work through the transport: OpenSSL handshakes pinned to one version,
// against the hostile server, under the same limits as HTTP requests as the server
// measured them, without holding the event loop.

#include "net/tls_handshake.h"

#include <algorithm>
#include <chrono>
#include <vector>

#include <doctest/doctest.h>

#include "exec/thread_executor.h"
#include "net/curl_transport.h"
#include "support/hostile_server.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
using testing::HostilePort;
using testing::HostileUrl;
using Outcome = HandshakeResult::Outcome;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kDeadline{3000};

// Most connections opened inside any half-open window [t, t + width).
int MostOpenedInWindow(const json& connections, double width) {
  std::vector<double> opened;
  for (const json& c : connections) opened.push_back(c["opened"].get<double>());
  std::sort(opened.begin(), opened.end());
  int most = 0;
  for (size_t i = 0; i < opened.size(); ++i) {
    auto end =
        std::lower_bound(opened.begin() + static_cast<long>(i), opened.end(), opened[i] + width);
    most = std::max(most, static_cast<int>(end - (opened.begin() + static_cast<long>(i))));
  }
  return most;
}

Request Get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

TransportOptions Limits(double rate, int per_host) {
  TransportOptions options;
  options.rate_per_second = rate;
  options.per_host_concurrency = per_host;
  options.ca_bundle = testing::HostileCaBundle();
  options.retries = 0;
  return options;
}

void SubmitHandshake(Transport* transport, const std::string& port_name,
                     std::chrono::milliseconds deadline, std::vector<HandshakeResult>* results) {
  auto result = std::make_shared<HandshakeResult>();
  int port = HostilePort(port_name);
  transport->SubmitBlocking(
      HostileUrl(port_name, "/"),
      [result, port, deadline] {
        *result = PinnedTlsHandshake("127.0.0.1", port, "", "1.2", deadline);
      },
      [result, results](bool finished) {
        if (finished) results->push_back(*result);
      });
}

}  // namespace

TEST_SUITE("hostile") {
  TEST_CASE("TlsHandshake: accepted, refused, hanging and closed servers, each told apart") {
    int https = HostilePort("https");
    HandshakeResult modern = PinnedTlsHandshake("127.0.0.1", https, "", "1.2", kDeadline);
    CHECK(modern.outcome == Outcome::kCompleted);
    CHECK(modern.version == "TLSv1.2");
    CHECK(!modern.cipher.empty());

    // The hostile server speaks TLS 1.2 and up: 1.0 is refused by the server when this
    // machine can offer it, and untestable (never "refused") when it cannot.
    HandshakeResult legacy = PinnedTlsHandshake("127.0.0.1", https, "", "1.0", kDeadline);
    INFO(HandshakeOutcomeName(legacy.outcome), " ", legacy.alert, " ", legacy.detail);
    CHECK((legacy.outcome == Outcome::kAlert || legacy.outcome == Outcome::kClosed ||
           legacy.outcome == Outcome::kUntestable));

    auto start = Clock::now();
    HandshakeResult hang = PinnedTlsHandshake("127.0.0.1", HostilePort("tls_hang"), "", "1.2",
                                              std::chrono::milliseconds(800));
    CHECK(hang.outcome == Outcome::kTimedOut);
    CHECK(Clock::now() - start < std::chrono::seconds(3));

    // The port above the control port is closed.
    HandshakeResult closed =
        PinnedTlsHandshake("127.0.0.1", HostilePort("control") + 1, "", "1.2", kDeadline);
    CHECK(closed.outcome == Outcome::kUnreachable);
    CHECK(PinnedTlsHandshake("127.0.0.1", https, "", "0.9", kDeadline).outcome ==
          Outcome::kUntestable);
  }

  TEST_CASE("handshakes and requests together never exceed the rate and per-host limits") {
    testing::HostileReset();
    CurlTransport transport(Limits(4, 2));
    ThreadExecutor executor(4, std::chrono::milliseconds(10000));
    transport.AttachExecutor(&executor);
    std::vector<HandshakeResult> handshakes;
    int answered = 0;
    for (int i = 0; i < 6; ++i) {
      transport.Submit(Get(HostileUrl("https", "/slow?ms=600")),
                       [&answered](const FetchResult& r) { answered += r.ok ? 1 : 0; });
      SubmitHandshake(&transport, "tls_hang", std::chrono::milliseconds(600), &handshakes);
    }
    transport.Run();
    CHECK(answered == 6);
    REQUIRE(handshakes.size() == 6);
    for (const HandshakeResult& h : handshakes) CHECK(h.outcome == Outcome::kTimedOut);
    CHECK(transport.started_blocking() == 6);

    json stats = testing::HostileStatsOnceClosed();
    REQUIRE(stats["connections"].size() == 12);
    // One host name, two ports: the two kinds of work share its two slots.
    CHECK(stats["max_concurrent_connections"].get<int>() <= 2);
    CHECK(MostOpenedInWindow(stats["connections"], 1.0) <= 4);
  }

  TEST_CASE("a hanging handshake does not hold the event loop: requests finish meanwhile") {
    testing::HostileReset();
    TransportOptions options = Limits(20, 4);
    options.per_host_includes_port = true;  // the two ports are two hosts here
    CurlTransport transport(options);
    ThreadExecutor executor(2, std::chrono::milliseconds(10000));
    transport.AttachExecutor(&executor);
    std::vector<HandshakeResult> handshakes;
    auto start = Clock::now();
    Clock::duration handshake_took{}, requests_took{};
    int answered = 0;
    transport.SubmitBlocking(
        HostileUrl("tls_hang", "/"),
        [] {
          PinnedTlsHandshake("127.0.0.1", HostilePort("tls_hang"), "", "1.2",
                             std::chrono::milliseconds(2000));
        },
        [&](bool) { handshake_took = Clock::now() - start; });
    for (int i = 0; i < 3; ++i) {
      transport.Submit(Get(HostileUrl("https", "/ok")), [&](const FetchResult& r) {
        if (r.ok && ++answered == 3) requests_took = Clock::now() - start;
      });
    }
    transport.Run();
    CHECK(answered == 3);
    CHECK(handshake_took >= std::chrono::milliseconds(1900));
    CHECK(requests_took < std::chrono::milliseconds(1500));
  }
}  // TEST_SUITE

}  // namespace sdetcheck
