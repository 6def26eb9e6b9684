#pragma once
// Standard base64 (RFC 4648 §4) with OpenSSL: SAML messages, certificates in metadata.

#include <optional>
#include <string>

namespace sdetcheck {

std::string Base64Encode(const std::string& data);

// Whitespace (line breaks of PEM and metadata) ignored; nullopt when not base64.
std::optional<std::string> Base64Decode(const std::string& text);

}  // namespace sdetcheck
