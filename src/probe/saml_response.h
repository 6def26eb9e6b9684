#pragma once
// Judgement of a SAML 2.0 Response received by sdetcheck playing a registered SP (pure):
// signatures verified with xmlsec1 against the IdP certificates published in its metadata
// only (never a key carried in the message), signature-wrapping defences (exactly one
// Assertion, the signed element is the one read, unique IDs), then the protocol conditions.

#include <ctime>
#include <string>
#include <vector>

#include "finding/check.h"

namespace sdetcheck {

struct SamlExpectations {
  std::string idp_entity_id;
  std::string sp_entity_id;                       // the Audience
  std::string acs_url;                            // Destination and Recipient
  std::string request_id;                         // InResponseTo
  std::vector<std::string> idp_certificates_der;  // from the IdP metadata
  std::time_t now = 0;
  long skew_seconds = 180;
};

constexpr const char* kSamlProtocolNs = "urn:oasis:names:tc:SAML:2.0:protocol";
constexpr const char* kSamlAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";

// Checks saml.response.{readable, status, issuer, destination, in_response_to, signature},
// saml.assertion.{count, signature, subject_confirmation, conditions, audience, attributes}
// on the decoded Response XML; each check rests on evidence record `evidence`. Values shown
// are names, identifiers and dates, never the message itself.
std::vector<Check> JudgeSamlResponse(const std::string& xml, const SamlExpectations& expect,
                                     size_t evidence);

}  // namespace sdetcheck
