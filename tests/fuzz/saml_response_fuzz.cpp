// libFuzzer target: a SAML Response as sdetcheck's SP judges it (libxml2 parse with the
// DOCTYPE refusal, ID registration, xmlsec1 signature verification, pugixml reads).
#include <cstddef>
#include <cstdint>
#include <string>

#include "probe/saml_response.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string xml(reinterpret_cast<const char*>(data), size);
  sdetcheck::SamlExpectations expect;
  expect.idp_entity_id = "https://idp.example.fr/saml/metadata";
  expect.sp_entity_id = "https://sp.example.fr/saml/metadata";
  expect.acs_url = "https://sp.example.fr/saml/acs";
  expect.request_id = "_req1";
  expect.now = 1767261660;  // 2026-01-01T10:01:00Z, inside the fixtures' conditions
  std::vector<sdetcheck::Check> checks = sdetcheck::JudgeSamlResponse(xml, expect, 0);
  if (checks.empty()) __builtin_trap();  // always at least "readable" or "status"
  for (const sdetcheck::Check& check : checks) {
    // No certificate is trusted: nothing may verify.
    if ((check.key == "saml.response.signature" || check.key == "saml.assertion.signature") &&
        check.state == sdetcheck::CheckState::kPass)
      __builtin_trap();
  }
  return 0;
}
