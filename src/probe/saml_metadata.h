#pragma once
// Reading of SAML 2.0 metadata (pure): the root's freshness, the descriptor of one role, its
// keys, services and name identifier formats. Elements are matched by local name, whatever
// the prefixes.

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace sdetcheck {

struct SamlKey {
  std::string use;          // KeyDescriptor@use: "signing", "encryption", "" (both)
  std::string certificate;  // base64 DER; empty when the KeyInfo carries none
};

struct SamlService {
  std::string element;  // local name, e.g. "SingleSignOnService"
  std::string binding;
  std::string location;
  std::string response_location;  // empty when absent
};

// validUntil / cacheDuration of one element ("" when absent).
struct SamlFreshness {
  std::string element;  // local name of the element carrying them
  std::string valid_until;
  std::string cache_duration;
};

struct SamlDescriptor {
  bool found = false;
  std::string problem;  // set when the document is not SAML metadata
  std::string entity_id;
  bool root_signed = false;  // the root element has a ds:Signature child
  SamlFreshness root;        // the document element (EntityDescriptor or EntitiesDescriptor)
  SamlFreshness descriptor;  // the role descriptor
  std::string protocols;     // protocolSupportEnumeration
  // WantAuthnRequestsSigned (IdP) or AuthnRequestsSigned (SP); "" when absent.
  std::string requests_signed;
  std::vector<SamlKey> keys;
  std::vector<std::string> signing_certificates;  // base64 DER, use signing or absent
  std::vector<std::string> endpoints;             // Location and ResponseLocation of every service
  std::vector<SamlService> services;
  std::vector<std::string> name_id_formats;
};

// `role`: "idp" (IDPSSODescriptor) or "sp" (SPSSODescriptor). No DTD or entity is loaded.
SamlDescriptor ReadSamlDescriptor(const std::string& xml, const std::string& role);

// An xs:dateTime in UTC ("2026-12-11T00:00:00Z", fractions and offsets allowed) as a time_t;
// nullopt when it is not one.
std::optional<std::time_t> ParseXmlDateTime(const std::string& text);

}  // namespace sdetcheck
