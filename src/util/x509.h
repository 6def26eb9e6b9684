#pragma once
// X.509 certificates as found in SAML metadata (base64 DER) or sent by a TLS server (DER),
// read with OpenSSL.

#include <ctime>
#include <optional>
#include <string>

namespace sdetcheck {

struct CertificateInfo {
  std::string subject;     // one-line distinguished name
  std::string issuer;      // one-line distinguished name
  std::string not_before;  // e.g. "Jan  1 00:00:00 2020 GMT"
  std::string not_after;
  bool valid_at_start = false;  // notBefore <= the instant checked
  bool valid_at_end = false;    // instant checked + days < notAfter
  long days_left = 0;           // whole days from the instant checked to notAfter (< 0: expired)
  std::string key_type;         // "RSA", "EC", or OpenSSL's name of another key type
  int key_bits = 0;             // key size in bits
  std::string signature_algorithm;   // OpenSSL's long name, e.g. "sha256WithRSAEncryption"
  bool weak_signature_hash = false;  // signed with SHA-1 or MD5
  bool self_signed = false;          // subject == issuer
  std::string sha256_fingerprint;    // lower-case hex of the DER's SHA-256
};

// Decodes a base64 DER certificate (whitespace allowed) and checks it at `now` and
// `now + days`. Returns nullopt and sets *error when it is not a certificate.
std::optional<CertificateInfo> InspectCertificate(const std::string& base64_der, std::time_t now,
                                                  int days, std::string* error);

// The same from the DER bytes (a certificate a TLS server sent).
std::optional<CertificateInfo> InspectCertificateDer(const std::string& der, std::time_t now,
                                                     int days, std::string* error);

}  // namespace sdetcheck
