#include <doctest/doctest.h>

#include "net/url.h"

namespace sdetcheck {
namespace {

TEST_CASE("form encoding percent-encodes names and values") {
  CHECK(FormEncode({{"user", "prof.martin"}, {"password", "a&b=c d/é"}}) ==
        "user=prof.martin&password=a%26b%3Dc%20d%2F%C3%A9");
  CHECK(FormEncode({}) == "");
}

TEST_CASE("query parameters are appended encoded and read back decoded") {
  std::string url = WithQueryParameter("https://cas.example.fr/cas/login", "service",
                                       "https://ent.example.fr/a?b=c&d");
  CHECK(url ==
        "https://cas.example.fr/cas/login?service=https%3a%2f%2fent.example.fr%2fa%3fb%3dc%26d");
  CHECK(QueryParameter(url, "service") ==
        std::optional<std::string>("https://ent.example.fr/a?b=c&d"));
  CHECK(QueryParameter("https://s/x?ticket=ST-1-abc&x=1", "ticket") ==
        std::optional<std::string>("ST-1-abc"));
  CHECK(!QueryParameter("https://s/x?tickets=1", "ticket"));
  CHECK(!QueryParameter("not a url", "ticket"));
  CHECK(QueryParameter("https://s/x?a+b=c+d", "a b") == std::optional<std::string>("c d"));
}

TEST_CASE("references resolve against a base like a browser does") {
  CHECK(ResolveUrl("https://h:8443/cas/login?service=x", "/cas/login") ==
        "https://h:8443/cas/login");
  CHECK(ResolveUrl("https://h/cas/login", "post") == "https://h/cas/post");
  CHECK(ResolveUrl("https://h/a", "https://other/b") == "https://other/b");
  // A form with action="#" or no action posts to the page itself, query included.
  CHECK(ResolveUrl("https://h/cas/login?service=x#top", "#") == "https://h/cas/login?service=x");
  CHECK(ResolveUrl("https://h/cas/login?service=x", "") == "https://h/cas/login?service=x");
  CHECK(ResolveUrl("https://h/cas/login?service=x", "?renew=true") ==
        "https://h/cas/login?renew=true");
}

TEST_CASE("origins make the default port explicit") {
  CHECK(OriginOf("https://localhost/x") == "https://localhost:443");
  CHECK(OriginOf("http://127.0.0.1:8080/y?z") == "http://127.0.0.1:8080");
  CHECK(OriginOf("::") == "");
}

TEST_CASE("the Origin header serialises an origin as a browser does: no default port") {
  CHECK(SerializedOrigin("https://cas.test/cas/login?service=x#f") == "https://cas.test");
  CHECK(SerializedOrigin("https://cas.test:443/") == "https://cas.test");
  CHECK(SerializedOrigin("https://127.0.0.1:21043/cas/login") == "https://127.0.0.1:21043");
  CHECK(SerializedOrigin("HTTPS://CAS.Test/") == "https://cas.test");
  CHECK(SerializedOrigin("::") == "null");
}

TEST_CASE("the Referer follows strict-origin-when-cross-origin") {
  const std::string page =
      "https://user:pw@cas.test/cas/login?service=https%3A%2F%2Fent.test%2F#top";
  // Same origin: the page URL, without user info nor fragment.
  CHECK(ReferrerFor(page, "https://cas.test/cas/login") ==
        "https://cas.test/cas/login?service=https%3A%2F%2Fent.test%2F");
  // Another HTTPS origin: only the page's origin.
  CHECK(ReferrerFor(page, "https://idp.test/post") == "https://cas.test/");
  // From HTTPS to plain HTTP: nothing.
  CHECK(ReferrerFor(page, "http://cas.test/cas/login").empty());
}

}  // namespace
}  // namespace sdetcheck
