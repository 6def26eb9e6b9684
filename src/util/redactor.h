#pragma once
// Removes secrets from any text that may reach a report, evidence or a log line:
// registered secret values (passwords), and values that are secret by nature
// (CAS tickets, session cookies, Authorization headers).

#include <string>
#include <vector>

namespace sdetcheck {

class Redactor {
 public:
  static constexpr const char* kMask = "[REDACTED]";

  // Values shorter than 4 characters are not registered: masking them would
  // shred ordinary text and they are too weak to leak meaningfully anyway.
  void AddSecret(const std::string& value);

  std::string Redact(const std::string& text) const;

  // For a header line: masks the whole value of Authorization, Cookie, Set-Cookie values.
  std::string RedactHeader(const std::string& name, const std::string& value) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace sdetcheck
