#pragma once
// A SAML 2.0 AuthnRequest from sdetcheck playing a registered SP, sent with the HTTP-Redirect
// binding (saml-bindings-2.0-os §3.4): DEFLATE (zlib, raw), base64, percent-encoding, and,
// with a key, the query signed (SigAlg, Signature) with OpenSSL.

#include <ctime>
#include <optional>
#include <string>

#include "util/base64.h"

namespace sdetcheck {

struct SamlAuthnRequest {
  std::string id;   // the request's ID, expected back as InResponseTo
  std::string xml;  // the request itself
  std::string url;  // the IdP's SingleSignOnService URL with the query
  bool signed_ = false;
};

// A fresh SAML ID: "_sdetcheck" and 32 random hex digits (OpenSSL RAND_bytes); "" when the
// random generator fails.
std::string SamlRandomId();
// `now` as a SAML dateTime in UTC (2026-11-23T08:00:00Z).
std::string SamlDateTime(std::time_t now);

// `key_pem`: the SP's private key (RSA or EC, PEM), or "" for an unsigned request. nullopt
// and *error set when the key cannot be used.
std::optional<SamlAuthnRequest> BuildAuthnRequest(const std::string& sso_url,
                                                  const std::string& sp_entity_id,
                                                  const std::string& acs_url, std::time_t now,
                                                  const std::string& key_pem, std::string* error);

// The XML of an HTTP-Redirect SAMLRequest/SAMLResponse parameter value (already
// percent-decoded): base64 then raw inflate, at most `max_bytes`; nullopt when it is not one.
std::optional<std::string> InflateRedirectMessage(const std::string& value,
                                                  size_t max_bytes = 1 << 20);

}  // namespace sdetcheck
