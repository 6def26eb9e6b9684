#pragma once
// Base64 (RFC 4648 §4: SAML messages, certificates in metadata) and base64url without
// padding (§5, JOSE), through OpenSSL's codec.

#include <optional>
#include <string>

namespace sdetcheck {

std::string Base64Encode(const std::string& bytes);
// Whitespace (line breaks of PEM and metadata) ignored; nullopt when not base64.
std::optional<std::string> Base64Decode(const std::string& text);

std::string Base64UrlEncode(const std::string& bytes);
// nullopt for anything but unpadded base64url.
std::optional<std::string> Base64UrlDecode(const std::string& text);

}  // namespace sdetcheck
