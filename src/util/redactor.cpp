#include "util/redactor.h"

#include <algorithm>
#include <cctype>

#include "util/secret_values.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

void ReplaceAll(std::string& text, const std::string& needle, const std::string& with) {
  for (size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + with.size())) {
    text.replace(pos, needle.size(), with);
  }
}

bool IsTicketChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// CAS tickets (ST-, PT-, PGT-, PGTIOU-, TGT-) are bearer secrets wherever they appear.
void MaskCasTickets(std::string& text) {
  static const char* kPrefixes[] = {"ST-", "PT-", "PGT-", "PGTIOU-", "TGT-"};
  for (const char* prefix : kPrefixes) {
    std::string p = prefix;
    for (size_t pos = text.find(p); pos != std::string::npos; pos = text.find(p, pos + 1)) {
      bool at_word_start = pos == 0 || !IsTicketChar(text[pos - 1]);
      size_t end = pos + p.size();
      while (end < text.size() && IsTicketChar(text[end])) ++end;
      if (!at_word_start || end - pos - p.size() < 4) continue;
      text.replace(pos + p.size(), end - pos - p.size(), Redactor::kMask);
    }
  }
}

}  // namespace

void Redactor::AddSecret(const std::string& value) {
  if (value.size() < 4) return;
  if (std::find(secrets_.begin(), secrets_.end(), value) == secrets_.end()) {
    secrets_.push_back(value);
  }
  // Longest first, so a secret containing another is masked whole.
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Redactor::AddSecretHeader(const std::string& name) {
  std::string lower = AsciiLower(name);
  if (std::find(secret_headers_.begin(), secret_headers_.end(), lower) == secret_headers_.end()) {
    secret_headers_.push_back(lower);
  }
}

std::string Redactor::Redact(const std::string& text) const {
  std::string out = SanitizeUtf8(text);
  for (const std::string& secret : secrets_) ReplaceAll(out, secret, kMask);
  MaskCasTickets(out);
  MaskSecretParameters(out, kMask);
  MaskJsonWebTokens(out, kMask);
  return out;
}

std::string Redactor::RedactShort(const std::string& text, size_t max_bytes) const {
  std::string redacted = Redact(text);
  if (redacted.size() <= max_bytes) return redacted;
  return TruncateUtf8(redacted, max_bytes) + "…";
}

std::string Redactor::RedactHeader(const std::string& name, const std::string& value) const {
  std::string lower = AsciiLower(name);
  bool declared =
      std::find(secret_headers_.begin(), secret_headers_.end(), lower) != secret_headers_.end();
  if (lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" || declared) {
    return kMask;
  }
  if (lower == "set-cookie") {
    // Keep the cookie name and its attributes (Secure, HttpOnly...) as evidence; mask the value.
    size_t eq = value.find('=');
    size_t semi = value.find(';');
    std::string rest = semi == std::string::npos ? "" : value.substr(semi);
    bool named = eq != std::string::npos && (semi == std::string::npos || eq < semi);
    // A pair without '=' is all value (RFC 6265 §5.2): nothing of it is shown.
    return (named ? Redact(value.substr(0, eq + 1)) : "") + kMask + Redact(rest);
  }
  return Redact(value);
}

}  // namespace sdetcheck
