#pragma once
// A security.txt file (RFC 9116, /.well-known/security.txt) read field by field: whom to
// contact about a vulnerability, and until when the file holds. Pure: text in, a struct out.
// Whether it was served as text/plain is the caller's business.

#include <ctime>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "finding/message.h"

namespace sdetcheck {

// The RFC sets no size limit; sdetcheck reads the first 64 KiB (real files are a few hundred
// bytes) and says when it cut.
constexpr size_t kMaxSecurityTxtBytes = size_t{64} * 1024;

struct SecurityTxt {
  std::vector<std::string> contacts;   // Contact values, in order, at most kMaxWebListEntries
  std::optional<std::time_t> expires;  // the first Expires, when it is a valid date-time
  std::vector<std::string> encryption;
  std::vector<std::string> policy;
  std::vector<std::string> canonical;
  std::string preferred_languages;  // "" when absent
  // Every field as read (name as written, value trimmed), known or not, at most
  // kMaxWebListEntries.
  std::vector<std::pair<std::string, std::string>> fields;
  bool signed_message = false;  // an OpenPGP cleartext signature wrapped the fields
  bool truncated = false;       // the text was longer than kMaxSecurityTxtBytes
  // Stable codes with parameters: contact_missing, expires_missing, expires_invalid {value},
  // expires_multiple {count}, expired {expires}, expires_too_far {expires} (more than a year
  // ahead, against RFC 9116's recommendation), invalid_line {line} (neither a field, a comment
  // nor blank; the first 10 such lines).
  std::vector<Message> problems;
};

// Parses `text`; `now` dates `expired` and `expires_too_far`.
SecurityTxt ParseSecurityTxt(const std::string& text, std::time_t now);

// An RFC 3339 date-time ("2026-12-31T23:59:59Z", "2026-12-31t23:59:59.5+01:00") as a time_t;
// nullopt when it is not one.
std::optional<std::time_t> ParseRfc3339(const std::string& text);

}  // namespace sdetcheck
