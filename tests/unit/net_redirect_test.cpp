#include <doctest/doctest.h>

#include "net/redirect.h"

namespace sdetcheck {
namespace {

Request Get(const std::string& url, HeaderList headers = {}) {
  Request r;
  r.url = url;
  r.headers = std::move(headers);
  return r;
}

Response Redirect(long status, const std::string& location) {
  Response r;
  r.status = status;
  if (!location.empty()) r.headers.emplace_back("Location", location);
  return r;
}

bool HasHeader(const Request& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return true;
  }
  return false;
}

TEST_CASE("redirect: a final answer is not a hop") {
  CHECK(NextHop(Get("https://a.test/"), Redirect(200, "")).action == RedirectStep::Action::kNone);
  CHECK(NextHop(Get("https://a.test/"), Redirect(304, "")).action == RedirectStep::Action::kNone);
}

TEST_CASE("redirect: a relative Location is resolved against the current URL") {
  RedirectStep step = NextHop(Get("https://a.test/x/y?q=1"), Redirect(302, "../z"));
  REQUIRE(step.action == RedirectStep::Action::kFollow);
  CHECK(step.next.url == "https://a.test/z");
}

TEST_CASE("redirect: HTTPS to plain HTTP is refused, never followed") {
  RedirectStep step = NextHop(Get("https://a.test/"), Redirect(302, "http://a.test/landing"));
  CHECK(step.action == RedirectStep::Action::kRefuse);
  CHECK(step.error_kind == FetchError::kDowngrade);
  CHECK(step.error.find("from HTTPS to plain HTTP") != std::string::npos);
  // Upgrading is fine.
  CHECK(NextHop(Get("http://a.test/"), Redirect(301, "https://a.test/")).action ==
        RedirectStep::Action::kFollow);
}

TEST_CASE("redirect: without a Location, with a huge one or to another scheme it is refused") {
  RedirectStep none = NextHop(Get("https://a.test/"), Redirect(302, ""));
  CHECK(none.action == RedirectStep::Action::kRefuse);
  CHECK(none.error.find("without a Location") != std::string::npos);
  RedirectStep huge =
      NextHop(Get("https://a.test/"), Redirect(302, "/" + std::string(200000, 'a')));
  CHECK(huge.action == RedirectStep::Action::kRefuse);
  CHECK(huge.error.find("200001 bytes") != std::string::npos);
  CHECK(NextHop(Get("https://a.test/"), Redirect(302, "file:///etc/passwd")).action ==
        RedirectStep::Action::kRefuse);
  CHECK(NextHop(Get("https://a.test/"), Redirect(302, "ftp://a.test/")).action ==
        RedirectStep::Action::kRefuse);
}

TEST_CASE("redirect: credentials never follow to another origin") {
  Request r = Get("https://a.test/",
                  {{"Authorization", "Basic eDp5"}, {"Cookie", "s=1"}, {"Accept", "text/html"}});
  RedirectStep same = NextHop(r, Redirect(302, "/next"));
  CHECK(HasHeader(same.next, "Authorization"));
  RedirectStep other = NextHop(r, Redirect(302, "https://b.test/"));
  REQUIRE(other.action == RedirectStep::Action::kFollow);
  CHECK_FALSE(HasHeader(other.next, "Authorization"));
  CHECK_FALSE(HasHeader(other.next, "Cookie"));
  CHECK(HasHeader(other.next, "Accept"));
  // Another port is another origin.
  CHECK_FALSE(HasHeader(NextHop(r, Redirect(302, "https://a.test:8443/")).next, "Authorization"));
}

TEST_CASE("redirect: 303 and 302 after a POST become a GET without body") {
  Request post =
      Get("https://a.test/login", {{"Content-Type", "application/x-www-form-urlencoded"}});
  post.method = "POST";
  post.body = "user=a&password=b";
  for (long status : {301L, 302L, 303L}) {
    RedirectStep step = NextHop(post, Redirect(status, "/home"));
    REQUIRE(step.action == RedirectStep::Action::kFollow);
    CHECK(step.next.method == "GET");
    CHECK(step.next.body.empty());
    CHECK_FALSE(HasHeader(step.next, "Content-Type"));
  }
  RedirectStep kept = NextHop(post, Redirect(307, "/again"));
  CHECK(kept.next.method == "POST");
  CHECK(kept.next.body == post.body);
}

TEST_CASE("redirect: a 307/308 re-sending a form to another origin is refused") {
  Request post = Get("https://a.test/login");
  post.method = "POST";
  post.body = "password=secret";
  RedirectStep step = NextHop(post, Redirect(307, "https://collect.test/"));
  CHECK(step.action == RedirectStep::Action::kRefuse);
  CHECK(step.error.find("another origin") != std::string::npos);
}

TEST_CASE("redirect: Origin goes with a form post only, Referer keeps its origin only elsewhere") {
  Request post =
      Get("https://cas.test/login?service=s",
          {{"Origin", "https://cas.test"}, {"Referer", "https://cas.test/login?service=s"}});
  post.method = "POST";
  post.body = "user=a";
  RedirectStep same = NextHop(post, Redirect(303, "/done"));
  CHECK_FALSE(HasHeader(same.next, "Origin"));
  REQUIRE(HasHeader(same.next, "Referer"));
  CHECK(same.next.headers.back().second == "https://cas.test/login?service=s");
  RedirectStep other = NextHop(post, Redirect(302, "https://ent.test/?ticket=ST-1"));
  HeaderList expected = {{"Referer", "https://cas.test/"}};
  CHECK(other.next.headers == expected);
  RedirectStep again = NextHop(post, Redirect(307, "/login2"));
  CHECK(HasHeader(again.next, "Origin"));  // the same post, sent again
}

}  // namespace
}  // namespace sdetcheck
