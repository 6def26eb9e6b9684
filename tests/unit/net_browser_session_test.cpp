#include <doctest/doctest.h>

#include "net/browser_session.h"
#include "support/replay_transport.h"

namespace sdetcheck {
namespace {

// A replay that records which sessions were opened and closed.
class SessionRecordingTransport : public ReplayTransport {
 public:
  uint64_t OpenSession() override {
    opened.push_back(ReplayTransport::OpenSession());
    return opened.back();
  }
  void CloseSession(uint64_t session) override { closed.push_back(session); }
  std::vector<uint64_t> opened, closed;
};

Response Redirect(const std::string& location) {
  Response r;
  r.status = 302;
  r.headers = {{"Location", location}};
  return r;
}

TEST_CASE("browser session: every hop is in the session, no hand-made Cookie, closed at the end") {
  SessionRecordingTransport transport;
  transport.AddResponse("GET", "https://cas.test/a", Redirect("/b"));
  transport.AddResponse("GET", "https://cas.test/b", Redirect("https://cas.test/c"));
  Response done;
  done.status = 200;
  transport.AddResponse("GET", "https://cas.test/c", done);
  std::vector<std::string> trail;
  {
    auto browser = BrowserSession::Create(&transport, 5);
    Request request;
    request.url = "https://cas.test/a";
    request.headers = {{"Cookie", "forged=1"}, {"Accept", "text/html"}};
    browser->Fetch(
        request, [](const std::string&) { return true; },
        [&trail](const FetchResult& r, const std::vector<std::string>& t) {
          CHECK(r.ok);
          trail = t;
        });
  }
  transport.Run();
  CHECK(trail ==
        std::vector<std::string>{"https://cas.test/a", "https://cas.test/b", "https://cas.test/c"});
  REQUIRE(transport.opened.size() == 1);
  REQUIRE(transport.requests().size() == 3);
  for (const Request& hop : transport.requests()) {
    CHECK(hop.session == transport.opened[0]);
    CHECK_FALSE(hop.coalesce);
    HeaderList expected = {{"Accept", "text/html"}};
    CHECK(hop.headers == expected);
  }
  // The last callback held the last reference: the session is closed once the flow ends.
  CHECK(transport.closed == transport.opened);
}

TEST_CASE("browser session: two sessions never share an id") {
  SessionRecordingTransport transport;
  auto a = BrowserSession::Create(&transport, 5);
  auto b = BrowserSession::Create(&transport, 5);
  CHECK(a->id() != 0);
  CHECK(a->id() != b->id());
}

TEST_CASE("a form post carries what a browser sends with it") {
  Request same =
      FormPost("https://cas.test:8443/cas/login?service=x#top",
               "https://cas.test:8443/cas/login?service=x", {{"user", "a b"}, {"lt", ""}});
  CHECK(same.method == "POST");
  CHECK(same.body == "user=a%20b&lt=");
  HeaderList expected = {{"Content-Type", "application/x-www-form-urlencoded"},
                         {"Origin", "https://cas.test:8443"},
                         {"Referer", "https://cas.test:8443/cas/login?service=x"}};
  CHECK(same.headers == expected);
  Request other = FormPost("https://ent.test/login", "https://idp.test/auth", {});
  expected = {{"Content-Type", "application/x-www-form-urlencoded"},
              {"Origin", "https://ent.test"},
              {"Referer", "https://ent.test/"}};
  CHECK(other.headers == expected);
}

}  // namespace
}  // namespace sdetcheck
