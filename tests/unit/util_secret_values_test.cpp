#include <doctest/doctest.h>

#include "util/redactor.h"
#include "util/secret_values.h"

namespace sdetcheck {
namespace {

std::string Masked(std::string text) {
  Redactor redactor;
  return redactor.Redact(text);
}

}  // namespace

TEST_CASE("SAML messages and RelayState are masked in URLs, forms, JSON and HTML inputs") {
  CHECK(Masked("https://idp/sso?SAMLRequest=fZJNb4Mw&RelayState=abc123&x=1") ==
        "https://idp/sso?SAMLRequest=[REDACTED]&RelayState=[REDACTED]&x=1");
  CHECK(Masked("SAMLResponse=PHNhbWw%2B&RelayState=r1") ==
        "SAMLResponse=[REDACTED]&RelayState=[REDACTED]");
  CHECK(Masked(R"({"SAMLResponse": "PHNh\"bWw", "other": "kept"})") ==
        R"({"SAMLResponse": "[REDACTED]", "other": "kept"})");
  CHECK(Masked(R"(<input type="hidden" name="SAMLResponse" value="PHNhbWw+">)") ==
        R"(<input type="hidden" name="SAMLResponse" value="[REDACTED]">)");
  CHECK(Masked(R"(<input value='r2' name='RelayState'>)") ==
        R"(<input value='[REDACTED]' name='RelayState'>)");
  // Unquoted name (HTML allows it): the auto-submit form of an IdP.
  CHECK(Masked(R"(<input type=hidden name=SAMLResponse value="PHNhbWw+">)") ==
        R"(<input type=hidden name=SAMLResponse value="[REDACTED]">)");
  CHECK(Masked(R"(<input value=PHNhbWw name=SAMLResponse>)") ==
        R"(<input value=[REDACTED] name=SAMLResponse>)");
  // Cut inside the value (an excerpt of a long form): the rest is masked.
  CHECK(Masked(R"(<form><input name="SAMLResponse" value="PHNhbWxwOlJlc3Bv)") ==
        R"(<form><input name="SAMLResponse" value="[REDACTED])");
  CHECK(Masked(R"(<input name="SAMLResponse" value=PHNhbWxw)") ==
        R"(<input name="SAMLResponse" value=[REDACTED])");
}

TEST_CASE("OIDC tokens are masked wherever they are named; the code only as a URL parameter") {
  CHECK(Masked(R"({"access_token":"at1","refresh_token":"rt1","token_type":"Bearer"})") ==
        R"({"access_token":"[REDACTED]","refresh_token":"[REDACTED]","token_type":"Bearer"})");
  CHECK(Masked("https://rp/cb?state=s&code=SplxlOBeZQQYbYS6WxSbIA") ==
        "https://rp/cb?state=s&code=[REDACTED]");
  CHECK(Masked("https://rp/cb#access_token=at2&id_token=x.y") ==
        "https://rp/cb#access_token=[REDACTED]&id_token=[REDACTED]");
  // "code" is an ordinary word elsewhere: a CAS failure code, a postal code, prose.
  CHECK(Masked(R"(<cas:authenticationFailure code="INVALID_TICKET">)") ==
        R"(<cas:authenticationFailure code="INVALID_TICKET">)");
  CHECK(Masked(R"({"code": "INVALID_TICKET"})") == R"({"code": "INVALID_TICKET"})");
  CHECK(Masked("postal_code=75001&zipcode=1") == "postal_code=75001&zipcode=1");
}

TEST_CASE("a ticket is masked as a URL parameter even without the ST- prefix") {
  CHECK(Masked("https://svc/?ticket=abcdefgh123") == "https://svc/?ticket=[REDACTED]");
  CHECK(Masked("https://svc/?ticket=ST-abcdefgh123") == "https://svc/?ticket=ST-[REDACTED]");
  CHECK(Masked("the ticket=value in prose") == "the ticket=value in prose");
}

TEST_CASE("JWTs are masked anywhere, one segment is not a token") {
  CHECK(Masked("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln end") == "Bearer [REDACTED] end");
  CHECK(Masked("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.") == "[REDACTED]");
  CHECK(Masked("keyJob and eyJshort") == "keyJob and eyJshort");
}

TEST_CASE("redacting twice changes nothing, and names stay as evidence") {
  std::string once = Masked(
      "?ticket=ST-abcdef12345&SAMLRequest=abc&code=c1 "
      R"({"id_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."} <input name="RelayState" value=r>)");
  CHECK(Masked(once) == once);
  for (const char* name : {"ticket=", "SAMLRequest=", "code=", "id_token", "RelayState"})
    CHECK_MESSAGE(once.find(name) != std::string::npos, name);
}

TEST_CASE("hostile text: unterminated values and lone names do not crash or over-read") {
  for (const char* text : {"SAMLResponse", "SAMLResponse=", R"("SAMLResponse": ")",
                           R"(<input name="RelayState" value=")", "?code=", "eyJ", "eyJa.",
                           R"(name="SAMLRequest")", "<name='RelayState' value"}) {
    std::string masked = Masked(text);
    CHECK(masked.size() < 64);
  }
}

}  // namespace sdetcheck
