#pragma once
// X.509 certificates as found in SAML metadata (base64 DER), read with OpenSSL.

#include <ctime>
#include <optional>
#include <string>

namespace sdetcheck {

struct CertificateInfo {
  std::string subject;     // one-line distinguished name
  std::string not_before;  // e.g. "Jan  1 00:00:00 2020 GMT"
  std::string not_after;
  bool valid_at_start = false;  // notBefore <= the instant checked
  bool valid_at_end = false;    // instant checked + days < notAfter
};

// Decodes a base64 DER certificate (whitespace allowed) and checks it at `now` and
// `now + days`. Returns nullopt and sets *error when it is not a certificate.
std::optional<CertificateInfo> InspectCertificate(const std::string& base64_der, std::time_t now,
                                                  int days, std::string* error);

}  // namespace sdetcheck
