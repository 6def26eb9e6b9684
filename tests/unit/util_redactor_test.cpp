#include <string>

#include <doctest/doctest.h>

#include "util/redactor.h"

namespace sdetcheck {
namespace {

const std::string kMask = Redactor::kMask;

TEST_CASE("Redactor masks every occurrence of a registered password") {
  Redactor r;
  r.AddSecret("Tr0ub4dor&3");
  std::string out = r.Redact("login=jdupont&password=Tr0ub4dor&3 (again: Tr0ub4dor&3)");
  CHECK(out.find("Tr0ub4dor") == std::string::npos);
  CHECK(out == "login=jdupont&password=" + kMask + " (again: " + kMask + ")");
}

TEST_CASE("Redactor masks a secret containing another one as a whole") {
  Redactor r;
  r.AddSecret("pass");
  r.AddSecret("password-long");
  CHECK(r.Redact("x password-long y pass") == "x " + kMask + " y " + kMask);
}

TEST_CASE("Redactor ignores secrets shorter than four characters") {
  Redactor r;
  r.AddSecret("abc");
  r.AddSecret("");
  CHECK(r.Redact("abc abcabc") == "abc abcabc");
}

TEST_CASE("Redactor registers a four-character secret") {
  Redactor r;
  r.AddSecret("abcd");
  CHECK(r.Redact("xabcdx") == "x" + kMask + "x");
}

TEST_CASE("Redactor leaves text without secrets unchanged") {
  Redactor r;
  r.AddSecret("s3cr3t-value");
  CHECK(r.Redact("Bienvenue sur l'ENT") == "Bienvenue sur l'ENT");
  CHECK(r.Redact("").empty());
}

TEST_CASE("Redactor masks CAS tickets of every kind, keeping the prefix") {
  Redactor r;
  CHECK(r.Redact("ticket=ST-1-abcdefgh-cas") == "ticket=ST-" + kMask);
  CHECK(r.Redact("pgt PGT-12-aZ09xyz") == "pgt PGT-" + kMask);
  CHECK(
      r.Redact("<cas:proxyGrantingTicket>PGTIOU-84678-8a9d2sfa23casd</cas:proxyGrantingTicket>") ==
      "<cas:proxyGrantingTicket>PGTIOU-" + kMask + "</cas:proxyGrantingTicket>");
  CHECK(r.Redact("CASTGC=TGT-42-secretvalue; Path=/") == "CASTGC=TGT-" + kMask + "; Path=/");
  CHECK(r.Redact("PT-9-proxyticket") == "PT-" + kMask);
}

TEST_CASE("Redactor masks several tickets in one text") {
  Redactor r;
  std::string out = r.Redact("a ST-1-aaaaaaa b ST-2-bbbbbbb c");
  CHECK(out == "a ST-" + kMask + " b ST-" + kMask + " c");
}

TEST_CASE("Redactor does not mask ticket-like prefixes inside words or too short") {
  Redactor r;
  CHECK(r.Redact("TEST-12345 result") == "TEST-12345 result");
  CHECK(r.Redact("ST-1") == "ST-1");
  CHECK(r.Redact("HOST-abcdef") == "HOST-abcdef");
}

TEST_CASE("RedactHeader masks Authorization, Proxy-Authorization and Cookie whole") {
  Redactor r;
  CHECK(r.RedactHeader("Authorization", "Basic amR1cG9udDpzZWNyZXQ=") == kMask);
  CHECK(r.RedactHeader("authorization", "Bearer eyJhbGciOi") == kMask);
  CHECK(r.RedactHeader("Proxy-Authorization", "Basic eA==") == kMask);
  CHECK(r.RedactHeader("Cookie", "JSESSIONID=abc; lang=fr") == kMask);
}

TEST_CASE("RedactHeader masks a Set-Cookie value but keeps the name and attributes") {
  Redactor r;
  CHECK(r.RedactHeader("Set-Cookie", "JSESSIONID=8f3a9c1e77d2b4a0; Path=/; Secure; HttpOnly") ==
        "JSESSIONID=" + kMask + "; Path=/; Secure; HttpOnly");
  CHECK(r.RedactHeader("set-cookie", "sid=xyz") == "sid=" + kMask);
  CHECK(r.RedactHeader("SET-COOKIE", "sid=; Max-Age=0") == "sid=" + kMask + "; Max-Age=0");
}

TEST_CASE("RedactHeader still redacts secrets in Set-Cookie attributes") {
  Redactor r;
  r.AddSecret("internal-host-secret");
  std::string out = r.RedactHeader("Set-Cookie", "a=b; Domain=internal-host-secret; Secure");
  CHECK(out == "a=" + kMask + "; Domain=" + kMask + "; Secure");
}

TEST_CASE("RedactHeader on other headers redacts tickets and secrets only") {
  Redactor r;
  r.AddSecret("hunter2-long");
  CHECK(r.RedactHeader("Location", "https://ent.example.test/?ticket=ST-5-abcdefgh") ==
        "https://ent.example.test/?ticket=ST-" + kMask);
  CHECK(r.RedactHeader("X-Echo", "pw hunter2-long") == "pw " + kMask);
  CHECK(r.RedactHeader("Content-Type", "text/html") == "text/html");
}

}  // namespace
}  // namespace sdetcheck
