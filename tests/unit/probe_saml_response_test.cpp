#include <string>

#include <doctest/doctest.h>

#include "probe/saml_metadata.h"
#include "probe/saml_response.h"
#include "support/local_servers.h"
#include "xml/signature.h"

namespace sdetcheck {
namespace {

const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures/saml/";

SamlExpectations Expect() {
  SamlExpectations e;
  e.idp_entity_id = "https://idp.example.fr/saml/metadata";
  e.sp_entity_id = "https://sp.example.fr/saml/metadata";
  e.acs_url = "https://sp.example.fr/saml/acs";
  e.request_id = "_req1";
  e.idp_certificates_der = {CertificateDer(testing::ReadFile(kFixtures + "anchor.pem"))};
  e.now = *ParseXmlDateTime("2026-01-01T10:01:00Z");
  return e;
}

std::vector<Check> Judge(const std::string& file, const SamlExpectations& e = Expect()) {
  return JudgeSamlResponse(testing::ReadFile(kFixtures + file), e, 0);
}

const Check* Find(const std::vector<Check>& checks, const std::string& key) {
  for (const Check& check : checks) {
    if (check.key == key) return &check;
  }
  return nullptr;
}

CheckState StateOf(const std::vector<Check>& checks, const std::string& key) {
  const Check* check = Find(checks, key);
  REQUIRE_MESSAGE(check != nullptr, key);
  return check->state;
}

TEST_CASE("saml response: a well-formed signed Response passes every check") {
  std::vector<Check> checks = Judge("response-signed.xml");
  for (const char* key :
       {"saml.response.status", "saml.response.destination", "saml.response.in_response_to",
        "saml.response.signature", "saml.assertion.count", "saml.response.issuer",
        "saml.assertion.signature", "saml.assertion.subject_confirmation",
        "saml.assertion.conditions", "saml.assertion.audience", "saml.assertion.attributes"}) {
    CHECK_MESSAGE(StateOf(checks, key) == CheckState::kPass, key);
  }
  CHECK(Find(checks, "saml.assertion.attributes")->message.Param("names") ==
        "uid, ENTPersonProfils");
  // Only the assertion signed: the Response signature is not applicable, the rest passes.
  std::vector<Check> assertion_only = Judge("response-assertion-signed.xml");
  CHECK(StateOf(assertion_only, "saml.response.signature") == CheckState::kNotApplicable);
  CHECK(StateOf(assertion_only, "saml.assertion.signature") == CheckState::kPass);
}

TEST_CASE("saml response: signed by a key carried inline, not the metadata's, it fails") {
  std::vector<Check> checks = Judge("response-inline-key.xml");
  CHECK(StateOf(checks, "saml.response.signature") == CheckState::kFail);
  CHECK(StateOf(checks, "saml.assertion.signature") == CheckState::kFail);
}

TEST_CASE("saml response: signature wrapping is refused") {
  // A second, forged Assertion next to the signed one.
  std::vector<Check> two = Judge("response-two-assertions.xml");
  CHECK(StateOf(two, "saml.assertion.count") == CheckState::kFail);
  CHECK(Find(two, "saml.assertion.count")->observed == "2");
  CHECK(Find(two, "saml.assertion.signature") == nullptr);  // nothing consumed
  // The assertion's signature covers the Response, not the assertion.
  std::vector<Check> wrapped = Judge("response-wrapped.xml");
  CHECK(StateOf(wrapped, "saml.assertion.signature") == CheckState::kFail);
  CHECK(Find(wrapped, "saml.assertion.signature")->observed.find("#_r1") != std::string::npos);
}

TEST_CASE("saml response: expired, early, for another SP or another request, it fails") {
  SamlExpectations late = Expect();
  late.now = *ParseXmlDateTime("2026-01-01T10:09:00Z");  // 4 min after NotOnOrAfter > skew
  std::vector<Check> expired = Judge("response-signed.xml", late);
  CHECK(StateOf(expired, "saml.assertion.conditions") == CheckState::kFail);
  CHECK(StateOf(expired, "saml.assertion.subject_confirmation") == CheckState::kFail);
  SamlExpectations skewed = Expect();
  skewed.now = *ParseXmlDateTime("2026-01-01T10:07:00Z");  // within the 180 s skew
  CHECK(StateOf(Judge("response-signed.xml", skewed), "saml.assertion.conditions") ==
        CheckState::kPass);
  SamlExpectations early = Expect();
  early.now = *ParseXmlDateTime("2026-01-01T09:50:00Z");
  CHECK(StateOf(Judge("response-signed.xml", early), "saml.assertion.conditions") ==
        CheckState::kFail);
  SamlExpectations other_sp = Expect();
  other_sp.sp_entity_id = "https://other.example.fr/saml/metadata";
  CHECK(StateOf(Judge("response-signed.xml", other_sp), "saml.assertion.audience") ==
        CheckState::kFail);
  SamlExpectations other_request = Expect();
  other_request.request_id = "_req2";
  std::vector<Check> replay = Judge("response-signed.xml", other_request);
  CHECK(StateOf(replay, "saml.response.in_response_to") == CheckState::kFail);
  CHECK(StateOf(replay, "saml.assertion.subject_confirmation") == CheckState::kFail);
  SamlExpectations other_acs = Expect();
  other_acs.acs_url = "https://sp.example.fr/other";
  CHECK(StateOf(Judge("response-signed.xml", other_acs), "saml.response.destination") ==
        CheckState::kFail);
  SamlExpectations other_idp = Expect();
  other_idp.idp_entity_id = "https://evil.example/idp";
  CHECK(StateOf(Judge("response-signed.xml", other_idp), "saml.response.issuer") ==
        CheckState::kFail);
}

TEST_CASE("saml response: a refusal, HTML, a wrong namespace or a DOCTYPE is judged as such") {
  std::string refused =
      "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\">"
      "<samlp:Status><samlp:StatusCode "
      "Value=\"urn:oasis:names:tc:SAML:2.0:status:Requester\"/></samlp:Status></samlp:Response>";
  std::vector<Check> checks = JudgeSamlResponse(refused, Expect(), 0);
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].key == "saml.response.status");
  CHECK(checks[0].state == CheckState::kFail);
  for (const std::string& hostile :
       {std::string("<html><body>Erreur</body></html>"),
        std::string("<samlp:Response xmlns:samlp=\"urn:example:other\" ID=\"_r\"/>"),
        std::string("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&x;"
                    "</samlp:Response>")}) {
    std::vector<Check> judged = JudgeSamlResponse(hostile, Expect(), 0);
    REQUIRE(judged.size() == 1);
    CHECK(judged[0].key == "saml.response.readable");
    CHECK(judged[0].state == CheckState::kError);
    CHECK(judged[0].observed.find("passwd") == std::string::npos);
  }
}

}  // namespace
}  // namespace sdetcheck
