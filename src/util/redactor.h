#pragma once
// Removes secrets from any text that may reach a report, evidence or a log line:
// registered secret values (passwords), and values that are secret by nature: CAS
// tickets, session cookies, Authorization headers, SAML messages and RelayState, OIDC codes
// and tokens, JWTs (util/secret_values.h).

#include <string>
#include <vector>

namespace sdetcheck {

class Redactor {
 public:
  static constexpr const char* kMask = "[REDACTED]";

  // Values shorter than 4 characters are not registered: masking them would
  // shred ordinary text and they are too weak to leak meaningfully anyway.
  void AddSecret(const std::string& value);
  // A header whose values are secret for this target (a session token header, say): its
  // values are masked like those of Authorization and Cookie.
  void AddSecretHeader(const std::string& name);

  // Also replaces invalid UTF-8 with U+FFFD: everything redacted is safe to report.
  std::string Redact(const std::string& text) const;

  // Redacts, then keeps at most `max_bytes` (UTF-8 safe, "…" when cut). Redacting first
  // matters: a secret cut in two would no longer be recognised.
  std::string RedactShort(const std::string& text, size_t max_bytes) const;

  // For a header line: masks the whole value of Authorization, Cookie and secret headers,
  // and the value of Set-Cookie (its name and attributes are kept as evidence).
  std::string RedactHeader(const std::string& name, const std::string& value) const;

 private:
  std::vector<std::string> secrets_;
  std::vector<std::string> secret_headers_;  // lower case
};

}  // namespace sdetcheck
