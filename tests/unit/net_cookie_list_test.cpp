#include <doctest/doctest.h>

#include "net/cookie_list.h"

namespace sdetcheck {
namespace {

TEST_CASE("cookie list: libcurl's jar lines give names and attributes, never values") {
  std::optional<CookieInfo> host_only =
      CookieFromJarLine("cas.test\tFALSE\t/cas\tTRUE\t0\tlemonldap\tsecret-value");
  REQUIRE(host_only);
  CHECK(host_only->name == "lemonldap");
  CHECK(host_only->domain == "cas.test");
  CHECK(host_only->host_only);
  CHECK(host_only->path == "/cas");
  CHECK(host_only->secure);
  CHECK_FALSE(host_only->http_only);
  CHECK(host_only->expires == 0);

  std::optional<CookieInfo> domain =
      CookieFromJarLine("#HttpOnly_.ent.test\tTRUE\t/\tFALSE\t1827651675\tsessionid\tv");
  REQUIRE(domain);
  CHECK(domain->http_only);
  CHECK_FALSE(domain->host_only);
  CHECK(domain->domain == "ent.test");
  CHECK(domain->expires == 1827651675);
  CHECK_FALSE(domain->secure);

  // An empty value is a cookie; a comment, a short line or a bad field is not.
  CHECK(CookieFromJarLine("a.test\tFALSE\t/\tFALSE\t0\tempty\t"));
  CHECK_FALSE(CookieFromJarLine("# Netscape HTTP Cookie File"));
  CHECK_FALSE(CookieFromJarLine("a.test\tFALSE\t/\tFALSE\t0\tname"));
  CHECK_FALSE(CookieFromJarLine("a.test\tMAYBE\t/\tFALSE\t0\tname\tv"));
  CHECK_FALSE(CookieFromJarLine("a.test\tFALSE\t/\tFALSE\tsoon\tname\tv"));
  CHECK_FALSE(CookieFromJarLine("a.test\tFALSE\t/\tFALSE\t0\t\tv"));
}

}  // namespace
}  // namespace sdetcheck

namespace sdetcheck {

TEST_CASE("Set-Cookie attributes: names compared case-insensitively, values of flags ignored") {
  SetCookieAttributes a =
      ParseSetCookieAttributes("lemonldap=0123abcd; domain=localhost; path=/; secure; HttpOnly=1");
  CHECK(a.name == "lemonldap");
  CHECK(a.secure);
  CHECK(a.http_only);
  SetCookieAttributes b = ParseSetCookieAttributes(" ENTSVC = x ; Path=/s/ ; SameSite = Lax");
  CHECK(b.name == "ENTSVC");
  CHECK_FALSE(b.secure);
  CHECK_FALSE(b.http_only);
  CHECK(b.same_site == "lax");
  // A value that looks like an attribute is the value, not an attribute.
  SetCookieAttributes c = ParseSetCookieAttributes("trap=HttpOnly");
  CHECK_FALSE(c.http_only);
}

}  // namespace sdetcheck
