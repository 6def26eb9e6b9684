#include <doctest/doctest.h>

#include "probe/saml_sp_attempt.h"

namespace sdetcheck {
namespace {

FormsFound Forms(const std::string& html) { return FormsOf(html); }

TEST_CASE("session page: a page is a session, a login or a redirect away is none") {
  FormsFound menu = Forms("<html><p>Bienvenue</p><form action=/logout><input name=x></form>");
  CHECK(SessionOf(200, false, &menu) == SessionSeen::kOpened);
  FormsFound login = Forms("<form><input name=user><input type=password name=pw></form>");
  CHECK(SessionOf(200, false, &login) == SessionSeen::kRefused);
  FormsFound post_binding = Forms(
      "<form method=post action=https://idp/sso><input type=hidden name=SAMLRequest "
      "value=abc></form>");
  CHECK(SessionOf(200, false, &post_binding) == SessionSeen::kRefused);
  CHECK(SessionOf(302, true, nullptr) == SessionSeen::kRefused);
  CHECK(SessionOf(401, false, nullptr) == SessionSeen::kRefused);
  CHECK(SessionOf(403, false, &menu) == SessionSeen::kRefused);
}

TEST_CASE("session page: what cannot tell is an error, never a session") {
  FormsFound menu = Forms("<html><p>Bienvenue</p></html>");
  CHECK(SessionOf(500, false, &menu) == SessionSeen::kError);
  CHECK(SessionOf(404, false, &menu) == SessionSeen::kError);
  CHECK(SessionOf(200, false, nullptr) == SessionSeen::kError);  // analysis past its deadline
  FormsFound huge = Forms(std::string(6u << 20, 'a'));
  CHECK(SessionOf(200, false, &huge) == SessionSeen::kError);
}

}  // namespace
}  // namespace sdetcheck
