#include <doctest/doctest.h>

#include "net/coalescing_transport.h"
#include "support/replay_transport.h"

namespace sdetcheck {
namespace {

const char* kHome = "https://ent.example.test/";

Request Get(const std::string& url, HeaderList headers = {}) {
  Request r;
  r.url = url;
  r.headers = std::move(headers);
  return r;
}

struct Fixture {
  Fixture() : coalescing(&replay) { replay.LoadFile("portal-home.json"); }
  ReplayTransport replay;
  CoalescingTransport coalescing;
};

TEST_CASE("identical requests are sent once and every caller gets the result") {
  Fixture f;
  std::vector<long> statuses;
  std::vector<size_t> body_sizes;
  for (int i = 0; i < 3; ++i) {
    f.coalescing.Submit(Get(kHome, {{"Accept", "text/html"}}), [&](const FetchResult& r) {
      statuses.push_back(r.response.status);
      body_sizes.push_back(r.response.body.size());
    });
  }
  CHECK(statuses.empty());  // nothing is delivered before Run()
  f.coalescing.Run();
  CHECK(f.replay.SubmittedCount(kHome) == 1);
  CHECK(statuses == std::vector<long>{200, 200, 200});
  REQUIRE(body_sizes.size() == 3);
  CHECK(body_sizes[0] > 0);
  CHECK(body_sizes[1] == body_sizes[0]);
  CHECK(f.coalescing.sent() == 1);
  CHECK(f.coalescing.coalesced() == 2);
}

TEST_CASE("requests differing in headers are sent separately") {
  Fixture f;
  int calls = 0;
  f.coalescing.Submit(Get(kHome, {{"Accept", "text/html"}}), [&](const FetchResult&) { ++calls; });
  f.coalescing.Submit(Get(kHome, {{"Accept", "application/json"}}),
                      [&](const FetchResult&) { ++calls; });
  f.coalescing.Submit(Get(kHome), [&](const FetchResult&) { ++calls; });
  f.coalescing.Run();
  CHECK(calls == 3);
  CHECK(f.replay.SubmittedCount(kHome) == 3);
  CHECK(f.coalescing.sent() == 3);
  CHECK(f.coalescing.coalesced() == 0);
}

TEST_CASE("header names are compared case-insensitively when coalescing") {
  Fixture f;
  int calls = 0;
  f.coalescing.Submit(Get(kHome, {{"Accept", "text/html"}}), [&](const FetchResult&) { ++calls; });
  f.coalescing.Submit(Get(kHome, {{"accept", "text/html"}}), [&](const FetchResult&) { ++calls; });
  f.coalescing.Run();
  CHECK(calls == 2);
  CHECK(f.replay.SubmittedCount(kHome) == 1);
}

TEST_CASE("method, body and redirect policy distinguish requests") {
  Fixture f;
  Request base = Get(kHome);
  Request head = base;
  head.method = "HEAD";
  Request no_follow = base;
  no_follow.follow_redirects = false;
  Request post = base;
  post.method = "POST";
  post.body = "a=1";
  Request post2 = post;
  post2.body = "a=2";
  int calls = 0;
  for (const Request& r : {base, head, no_follow, post, post2}) {
    f.coalescing.Submit(r, [&](const FetchResult&) { ++calls; });
  }
  f.coalescing.Run();
  CHECK(calls == 5);
  CHECK(f.replay.SubmittedCount(kHome) == 5);
  CHECK(f.coalescing.sent() == 5);
}

TEST_CASE("a request repeated from a callback after completion is answered from the cache") {
  Fixture f;
  int inner_calls = 0;
  long second_status = 0;
  f.coalescing.Submit(Get(kHome), [&](const FetchResult&) {
    ++inner_calls;
    f.coalescing.Submit(Get(kHome),
                        [&](const FetchResult& r) { second_status = r.response.status; });
  });
  f.coalescing.Run();
  CHECK(inner_calls == 1);
  CHECK(second_status == 200);
  CHECK(f.replay.SubmittedCount(kHome) == 1);
  CHECK(f.coalescing.coalesced() == 1);
}

TEST_CASE("a new request submitted from a callback is driven to completion by Run") {
  Fixture f;
  f.replay.LoadFile("http-redirect.json");
  long followed = 0;
  f.coalescing.Submit(Get("http://ent.example.test/"), [&](const FetchResult& r) {
    REQUIRE(r.ok);
    std::vector<std::string> location = r.response.HeaderValues("location");
    REQUIRE(location.size() == 1);
    f.coalescing.Submit(Get(location[0]),
                        [&](const FetchResult& next) { followed = next.response.status; });
  });
  f.coalescing.Run();
  CHECK(followed == 200);
  CHECK(f.replay.TotalSubmitted() == 2);
}

TEST_CASE("errors are coalesced like responses") {
  ReplayTransport replay;
  FaultTransport faults(&replay);
  faults.AddFault("/down", FaultTransport::Fault::kTimeout);
  CoalescingTransport coalescing(&faults);
  std::vector<std::string> errors;
  for (int i = 0; i < 2; ++i) {
    coalescing.Submit(Get("https://ent.example.test/down"), [&](const FetchResult& r) {
      CHECK_FALSE(r.ok);
      errors.push_back(r.error);
    });
  }
  coalescing.Run();
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == errors[1]);
  CHECK(errors[0].find("no complete answer") != std::string::npos);
  CHECK(faults.faults_injected() == 1);
}

TEST_CASE("requests marked not to coalesce are always sent") {
  Fixture f;
  Request step = Get(kHome);
  step.coalesce = false;
  int calls = 0;
  f.coalescing.Submit(Get(kHome), [&](const FetchResult&) { ++calls; });
  f.coalescing.Submit(step, [&](const FetchResult&) { ++calls; });
  f.coalescing.Submit(step, [&](const FetchResult&) { ++calls; });
  f.coalescing.Run();
  CHECK(calls == 3);
  CHECK(f.replay.SubmittedCount(kHome) == 3);
  CHECK(f.coalescing.coalesced() == 0);
}

TEST_CASE("Request::Key covers method, URL, headers, body and redirect policy") {
  Request a = Get(kHome, {{"Accept", "text/html"}});
  Request b = a;
  CHECK(a.Key() == b.Key());
  b.headers[0].first = "ACCEPT";
  CHECK(a.Key() == b.Key());
  b.headers[0].second = "TEXT/HTML";
  CHECK(a.Key() != b.Key());
  Request c = a;
  c.url = "https://ent.example.test/x";
  CHECK(a.Key() != c.Key());
  Request d = a;
  d.follow_redirects = false;
  CHECK(a.Key() != d.Key());
}

// ------------------------------------------------ the test transports themselves

TEST_CASE("ReplayTransport loads every recording file of the fixtures directory") {
  ReplayTransport replay;
  replay.LoadDirectory(RecordingsDirectory());
  CHECK(replay.HasRecording("GET", kHome));
  CHECK(replay.HasRecording("GET", "http://ent.example.test/"));
  CHECK(replay.HasRecording("GET", "https://ent.example.test/down"));
  CHECK_FALSE(replay.HasRecording("POST", kHome));
  Recording garbage = LoadRecording("binary-garbage.json");
  CHECK(garbage.result.response.body.size() == 497);
  CHECK(garbage.result.response.body[1] == '\xff');
  Recording refused = LoadRecording("connection-refused.json");
  CHECK_FALSE(refused.result.ok);
  CHECK(refused.result.error_kind == FetchError::kConnect);
}

TEST_CASE("ReplayTransport reports malformed or missing recording files") {
  std::string error;
  CHECK_FALSE(ReadRecordingFile("/nonexistent/sdetcheck.json", &error).has_value());
  CHECK(error.find("cannot read") != std::string::npos);
  CHECK_THROWS(LoadRecording("no-such-recording.json"));
}

TEST_CASE("ReplayTransport delivers callbacks only in Run, including chained ones") {
  ReplayTransport replay;
  replay.LoadFile("portal-home.json");
  replay.LoadFile("http-redirect.json");
  std::vector<std::string> order;
  replay.Submit(Get("http://ent.example.test/"), [&](const FetchResult&) {
    order.push_back("redirect");
    replay.Submit(Get(kHome), [&](const FetchResult& r) {
      order.push_back("home " + std::to_string(r.response.status));
    });
  });
  replay.Submit(Get("https://ent.example.test/unknown"),
                [&](const FetchResult& r) { order.push_back(r.ok ? "unexpected" : "missing"); });
  CHECK(order.empty());
  replay.Run();
  CHECK(order == std::vector<std::string>{"redirect", "missing", "home 200"});
  CHECK(replay.TotalSubmitted() == 3);
  CHECK(replay.unmatched() == std::vector<std::string>{"GET https://ent.example.test/unknown"});
}

TEST_CASE("ReplayTransport keys recordings by TLS cap when one is given") {
  ReplayTransport replay;
  replay.LoadFile("portal-home.json");
  replay.AddError("GET", kHome, "TLS handshake failed", FetchError::kTls);  // replaces the page
  Recording legacy;
  legacy.url = kHome;
  legacy.tls_max_version = "1.0";
  legacy.result.ok = false;
  legacy.result.error = "GET https://ent.example.test/: TLS handshake failed";
  legacy.result.error_kind = FetchError::kTls;
  replay.Add(legacy);
  Request capped = Get(kHome);
  capped.tls_max_version = "1.0";
  Request capped11 = capped;
  capped11.tls_max_version = "1.1";
  std::vector<FetchError> kinds;
  for (const Request& r : {capped, capped11}) {
    replay.Submit(r, [&](const FetchResult& result) { kinds.push_back(result.error_kind); });
  }
  replay.Run();
  CHECK(kinds == std::vector<FetchError>{FetchError::kTls, FetchError::kOther});
  CHECK(replay.SubmittedCount(kHome) == 2);
}

TEST_CASE("FaultTransport injects each fault with its kind and passes the rest through") {
  using Fault = FaultTransport::Fault;
  ReplayTransport replay;
  replay.LoadFile("portal-home.json");
  FaultTransport faults(&replay);
  faults.AddFault("/t", Fault::kTimeout);
  faults.AddFault("/c", Fault::kConnectionRefused);
  faults.AddFault("/s", Fault::kTlsHandshake);
  faults.AddFault("/b", Fault::kBodyTooLarge);
  faults.AddFault("/r", Fault::kRedirectLoop);
  std::vector<FetchError> kinds;
  for (const char* path : {"t", "c", "s", "b", "r", ""}) {
    faults.Submit(Get(std::string(kHome) + path), [&kinds, path](const FetchResult& r) {
      kinds.push_back(r.ok ? FetchError::kNone : r.error_kind);
      if (!r.ok) CHECK(r.error.find(std::string(kHome) + path + ": ") != std::string::npos);
    });
  }
  faults.Run();
  CHECK(kinds == std::vector<FetchError>{FetchError::kTimeout, FetchError::kConnect,
                                         FetchError::kTls, FetchError::kTooLarge,
                                         FetchError::kRedirects, FetchError::kNone});
  CHECK(faults.faults_injected() == 5);
  CHECK(replay.TotalSubmitted() == 1);
}

}  // namespace
}  // namespace sdetcheck
