#pragma once
// Reading of SAML 2.0 metadata (pure): the descriptor of one role, its signing
// certificates and endpoints. Elements are matched by local name, whatever the prefixes.

#include <string>
#include <vector>

namespace sdetcheck {

struct SamlDescriptor {
  bool found = false;
  std::string problem;  // set when the document is not SAML metadata
  std::string entity_id;
  std::vector<std::string> signing_certificates;  // base64 DER
  std::vector<std::string> endpoints;  // Location attributes of the descriptor's services
};

// `role`: "idp" (IDPSSODescriptor) or "sp" (SPSSODescriptor). No DTD or entity is loaded.
SamlDescriptor ReadSamlDescriptor(const std::string& xml, const std::string& role);

}  // namespace sdetcheck
