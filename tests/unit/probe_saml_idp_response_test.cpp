#include <string>

#include <doctest/doctest.h>

#include "probe/saml_idp_response.h"
#include "probe/saml_response.h"
#include "support/test_keys.h"

namespace sdetcheck {
namespace {

const std::time_t kNow = 1795000000;  // 2026-11-18

SamlIdpResponse Spec() {
  SamlIdpResponse spec;
  spec.idp_entity_id = "https://idp.test/test-idp";
  spec.sp_entity_id = "https://ent.example/saml/metadata";
  spec.acs_url = "https://ent.example/saml/acs";
  spec.in_response_to = "_req1";
  spec.name_id = "_subject <&>";
  spec.attributes = {{"FrEduCtId", {"EDU-1"}}, {"FrEduVecteur", {"4|||42|0751234J"}}};
  spec.now = kNow;
  return spec;
}

SamlExpectations Expect(const testing::TestKeyPair& keys) {
  return {"https://idp.test/test-idp",    "https://ent.example/saml/metadata",
          "https://ent.example/saml/acs", "_req1",
          {keys.certificate_der},         kNow};
}

CheckState StateOf(const std::vector<Check>& checks, const std::string& key) {
  for (const Check& c : checks) {
    if (c.key == key) return c.state;
  }
  FAIL("no check " << key);
  return CheckState::kError;
}

std::vector<Check> Judged(ResponseDefect defect, const testing::TestKeyPair& keys) {
  std::string error;
  std::optional<std::string> xml = SignedSamlIdpResponse(Spec(), defect, keys.key_pem, &error);
  REQUIRE_MESSAGE(xml, error);
  return JudgeSamlResponse(*xml, Expect(keys), 0);
}

TEST_CASE("test IdP Response: a valid one passes every check a relying party makes") {
  testing::TestKeyPair keys = testing::MakeTestKeyPair();
  for (const Check& check : Judged(ResponseDefect::kNone, keys)) {
    CHECK_MESSAGE(check.state == CheckState::kPass, check.key << ": " << check.observed);
  }
}

TEST_CASE("test IdP Response: each defect breaks exactly what it says") {
  testing::TestKeyPair keys = testing::MakeTestKeyPair();
  std::vector<Check> expired = Judged(ResponseDefect::kExpired, keys);
  CHECK(StateOf(expired, "saml.assertion.conditions") == CheckState::kFail);
  CHECK(StateOf(expired, "saml.assertion.signature") == CheckState::kPass);
  std::vector<Check> foreign = Judged(ResponseDefect::kForeignAudience, keys);
  CHECK(StateOf(foreign, "saml.assertion.audience") == CheckState::kFail);
  CHECK(StateOf(foreign, "saml.response.destination") == CheckState::kFail);
  CHECK(StateOf(foreign, "saml.assertion.signature") == CheckState::kPass);
  std::vector<Check> unsigned_ = Judged(ResponseDefect::kUnsigned, keys);
  CHECK(StateOf(unsigned_, "saml.assertion.signature") != CheckState::kPass);
  std::vector<Check> untrusted = Judged(ResponseDefect::kUntrustedKey, keys);
  CHECK(StateOf(untrusted, "saml.assertion.signature") == CheckState::kFail);
  CHECK(StateOf(untrusted, "saml.assertion.conditions") == CheckState::kPass);
}

TEST_CASE("test IdP Response: unsolicited when there is no request, fresh IDs each time") {
  SamlIdpResponse spec = Spec();
  spec.in_response_to = "";
  std::string response_id, assertion_id, again_id, again_assertion;
  std::string xml = SamlIdpResponseXml(spec, ResponseDefect::kNone, &response_id, &assertion_id);
  SamlIdpResponseXml(spec, ResponseDefect::kNone, &again_id, &again_assertion);
  CHECK(xml.find("InResponseTo") == std::string::npos);
  CHECK(response_id != again_id);
  CHECK(assertion_id != again_assertion);
  CHECK(xml.find("_subject &lt;&amp;&gt;") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
