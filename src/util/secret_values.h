#pragma once
// Values secret by their name or shape, wherever they appear in text a report may quote: a
// URL or form body (`name=value`), JSON (`"name": "value"`), an HTML input (`name="..."
// value="..."`), or a JSON Web Token anywhere. The names stay as evidence; values become
// Redactor::kMask.

#include <string>

namespace sdetcheck {

// SAMLRequest, SAMLResponse, RelayState, SAMLart, id_token, access_token, refresh_token,
// client_secret, logoutRequest, ticket (any CAS ticket, prefixed or not), and the OIDC
// `code` as a URL parameter only (elsewhere "code" is ordinary, e.g. CAS error codes).
void MaskSecretParameters(std::string& text, const char* mask);

// Whether a field of that name holds a secret wherever it is (a JSON member, a form field):
// the names above but the URL-only ones.
bool IsSecretFieldName(const std::string& name);

// Three base64url segments starting "eyJ" (a JSON header): a signed or unsigned JWT.
void MaskJsonWebTokens(std::string& text, const char* mask);

}  // namespace sdetcheck
