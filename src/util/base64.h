#pragma once
// Base64 (RFC 4648 §4) and base64url without padding (§5, JOSE), through OpenSSL's codec.

#include <optional>
#include <string>

namespace sdetcheck {

std::string Base64Encode(const std::string& bytes);
std::string Base64UrlEncode(const std::string& bytes);
// nullopt for anything but unpadded base64url.
std::optional<std::string> Base64UrlDecode(const std::string& text);

}  // namespace sdetcheck
