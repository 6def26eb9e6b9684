#pragma once
// The in-depth checks of SAML 2.0 metadata (pure): entityID, freshness, protocol, bindings,
// name identifier formats, single logout, signed requests, strength of the certificates.
// Each check rests on evidence record `evidence` (the metadata exchange); values redacted.

#include <ctime>
#include <vector>

#include "finding/check.h"
#include "probe/saml_metadata.h"

namespace sdetcheck {

class Redactor;

Check SamlCheck(const char* key, std::string subject, CheckState state, Message message,
                size_t evidence);

// What saml-metadata-2.0-os requires: saml.metadata.{entity_id, valid_until, protocol,
// binding} for the descriptor of `role` ("idp" or "sp"), at instant `now`.
std::vector<Check> SamlStructureChecks(const SamlDescriptor& d, const std::string& role,
                                       std::time_t now, size_t evidence, const Redactor& redactor);

// Practices sdetcheck recommends (optional in the specification):
// saml.metadata.{name_id_format, single_logout, requests_signed}.
std::vector<Check> SamlPracticeChecks(const SamlDescriptor& d, const std::string& role,
                                      size_t evidence);

// saml.certificate.{use, key, signature_algorithm} for every key of the descriptor.
std::vector<Check> SamlCertificateStrengthChecks(const SamlDescriptor& d, std::time_t now,
                                                 size_t evidence, const Redactor& redactor);

}  // namespace sdetcheck
