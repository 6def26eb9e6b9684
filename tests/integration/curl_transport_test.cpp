// The real transport against the local test ENT's nginx, observed from nginx's access log
// (`$msec` timestamps): what a production ENT would see.

#include "net/curl_transport.h"

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>

#include "exec/thread_executor.h"
#include "net/coalescing_transport.h"
#include "support/local_servers.h"
#include "target/profile.h"

namespace sdetcheck {
namespace {

struct LogLine {
  double time = 0;
  int status = 0;
  std::string request;
};

std::string AccessLog() { return testing::TestEnvDir() + "/logs/access.log"; }

size_t LogSize() { return testing::ReadFile(AccessLog()).size(); }

// Lines appended to the access log since `offset` whose request contains `needle`.
std::vector<LogLine> LogSince(size_t offset, const std::string& needle) {
  std::istringstream in(testing::ReadFile(AccessLog()).substr(offset));
  std::vector<LogLine> lines;
  std::string text;
  while (std::getline(in, text)) {
    LogLine line;
    std::istringstream fields(text);
    fields >> line.time >> line.status;
    std::getline(fields, line.request);
    if (line.request.find(needle) != std::string::npos) lines.push_back(line);
  }
  return lines;
}

// nginx writes its log line just after sending the response: give it a moment.
std::vector<LogLine> WaitForLog(size_t offset, const std::string& needle, size_t expected) {
  std::vector<LogLine> lines;
  for (int i = 0; i < 50; ++i) {
    lines = LogSince(offset, needle);
    if (lines.size() >= expected) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return lines;
}

TransportOptions LocalOptions() {
  Diagnostics d;
  TargetProfile env = LoadTargetProfile(testing::TestEnvDir() + "/target.yaml", &d);
  TransportOptions options;
  options.ca_bundle = env.ca_bundle;
  options.total_timeout_ms = 5000;
  return options;
}

std::string BaseUrl() {
  Diagnostics d;
  return LoadTargetProfile(testing::TestEnvDir() + "/target.yaml", &d).base_url;
}

TEST_SUITE("integration") {
  TEST_CASE("the server never sees more than the configured rate") {
    TransportOptions options = LocalOptions();
    options.rate_per_second = 5;
    options.per_host_concurrency = 8;
    CurlTransport transport(options);
    size_t offset = LogSize();
    int done = 0;
    for (int i = 0; i < 8; ++i) {
      Request request;
      request.url = BaseUrl() + "/?rate-test=" + std::to_string(i);
      transport.Submit(request, [&done](const FetchResult& r) { done += r.ok; });
    }
    transport.Run();
    CHECK(done == 8);
    std::vector<LogLine> lines = WaitForLog(offset, "rate-test", 8);
    REQUIRE(lines.size() == 8);
    // nginx logs when a request ends, so allow for the spread of response times (small here).
    for (size_t i = 1; i < lines.size(); ++i) {
      CHECK_MESSAGE(lines[i].time - lines[i - 1].time >= 0.2 - 0.05, "gap before request " << i);
    }
    CHECK(lines.back().time - lines.front().time >= 7 * 0.2 - 0.05);
  }

  TEST_CASE("a browser session's next step starts before new work queued earlier") {
    TransportOptions options = LocalOptions();
    options.rate_per_second = 5;
    options.per_host_concurrency = 1;
    CurlTransport transport(options);
    size_t offset = LogSize();
    uint64_t session = transport.OpenSession();
    Request first;
    first.url = BaseUrl() + "/?order-test=session-1";
    first.session = session;
    transport.Submit(first, [&transport, session](const FetchResult&) {
      Request next;  // as a login POST follows the form's GET
      next.url = BaseUrl() + "/?order-test=session-2";
      next.session = session;
      transport.Submit(next, [](const FetchResult&) {});
    });
    for (int i = 0; i < 5; ++i) {
      Request fresh;
      fresh.url = BaseUrl() + "/?order-test=new-" + std::to_string(i);
      transport.Submit(fresh, [](const FetchResult&) {});
    }
    transport.Run();
    std::vector<LogLine> lines = WaitForLog(offset, "order-test", 7);
    REQUIRE(lines.size() == 7);
    CHECK(lines[0].request.find("session-1") != std::string::npos);
    CHECK(lines[1].request.find("session-2") != std::string::npos);
    CHECK(lines[2].request.find("new-0") != std::string::npos);
  }

  // GETs `path` once with two retries allowed; the server's log of it from then on.
  struct RetriedFetch {
    FetchResult result;
    int started = 0;
    size_t log_offset = 0;
  };

  RetriedFetch FetchWithRetries(const std::string& path) {
    TransportOptions options = LocalOptions();
    options.retries = 2;
    options.backoff_ms = 100;
    CurlTransport transport(options);
    RetriedFetch fetch;
    fetch.log_offset = LogSize();
    Request request;
    request.url = BaseUrl() + path;
    transport.Submit(request, [&fetch](const FetchResult& r) { fetch.result = r; });
    transport.Run();
    fetch.started = transport.started_transfers();
    return fetch;
  }

  TEST_CASE("a 502 is retried with backoff, then reported as a refusal, never as an answer") {
    RetriedFetch fetch = FetchWithRetries("/fault/bad-gateway");
    CHECK_FALSE(fetch.result.ok);
    CHECK(fetch.result.error_kind == FetchError::kRefused);
    CHECK(fetch.result.error.find("HTTP 502") != std::string::npos);
    CHECK(fetch.result.attempts == 3);
    std::vector<LogLine> lines = WaitForLog(fetch.log_offset, "/fault/bad-gateway", 3);
    REQUIRE(lines.size() == 3);
    CHECK(lines[1].time - lines[0].time >= 0.1 - 0.02);
    CHECK(lines[2].time - lines[1].time >= 0.2 - 0.02);  // backoff doubles
    CHECK(fetch.started == 3);
  }

  TEST_CASE("a 503 is not retried: the server refused service, the check could not be made") {
    RetriedFetch fetch = FetchWithRetries("/fault/unavailable");
    CHECK_FALSE(fetch.result.ok);
    CHECK(fetch.result.error_kind == FetchError::kRefused);
    CHECK(fetch.result.error.find("the server refused service (HTTP 503, Retry-After: 60)") !=
          std::string::npos);
    CHECK(fetch.result.attempts == 1);
    CHECK(WaitForLog(fetch.log_offset, "/fault/unavailable", 1).size() == 1);
    CHECK(fetch.started == 1);
  }

  TEST_CASE("identical requests from several items reach the server once") {
    CurlTransport curl(LocalOptions());
    CoalescingTransport transport(&curl);
    size_t offset = LogSize();
    int answered = 0;
    Request request;
    request.url = BaseUrl() + "/?coalesce-test";
    for (int i = 0; i < 3; ++i) {
      transport.Submit(request, [&answered](const FetchResult& r) {
        answered += r.ok && r.response.status == 200;
      });
    }
    transport.Run();
    CHECK(answered == 3);
    CHECK(transport.sent() == 1);
    CHECK(transport.coalesced() == 2);
    CHECK(WaitForLog(offset, "coalesce-test", 2).size() == 1);
  }

  TEST_CASE("analysis past its deadline is an error while the requests go on") {
    using namespace std::chrono_literals;
    using Clock = std::chrono::steady_clock;
    CurlTransport transport(LocalOptions());
    std::atomic<bool> release{false};
    Clock::time_point start = Clock::now(), expired_at, answered_at;
    bool expired = false;
    {
      ThreadExecutor executor(2, 300ms);
      transport.AttachExecutor(&executor);
      // A pathological parse that would hold the loop for seconds if it ran there.
      executor.Submit(
          [&release] {
            while (!release) std::this_thread::sleep_for(1ms);
          },
          [&](bool finished) {
            expired = !finished;
            expired_at = Clock::now();
            release = true;
          });
      Request request;
      request.url = BaseUrl() + "/";
      transport.Submit(request, [&](const FetchResult& r) {
        CHECK(r.ok);
        answered_at = Clock::now();
      });
      transport.Run();
    }
    CHECK(expired);
    CHECK(expired_at - start >= 300ms);
    CHECK(expired_at - start < 3s);
    CHECK(answered_at < expired_at);  // answered while the parse still held its thread
  }

}  // TEST_SUITE

}  // namespace
}  // namespace sdetcheck
