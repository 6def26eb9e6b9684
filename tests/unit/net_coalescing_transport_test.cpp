#include "net/coalescing_transport.h"

#include <doctest/doctest.h>

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
  f.coalescing.Submit(Get(kHome, {{"Accept", "application/json"}}), [&](const FetchResult&) { ++calls; });
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
    f.coalescing.Submit(Get(kHome), [&](const FetchResult& r) { second_status = r.response.status; });
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
    f.coalescing.Submit(Get(location[0]), [&](const FetchResult& next) { followed = next.response.status; });
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

}  // namespace
}  // namespace sdetcheck
