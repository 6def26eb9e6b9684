#include "util/secret_values.h"

#include <cctype>
#include <cstring>

namespace sdetcheck {
namespace {

struct SecretName {
  const char* name;
  bool url_parameter_only;
};

constexpr SecretName kSecretNames[] = {
    {"SAMLRequest", false},   {"SAMLResponse", false},  {"RelayState", false},
    {"SAMLart", false},       {"id_token", false},      {"access_token", false},
    {"refresh_token", false}, {"client_secret", false}, {"logoutRequest", false},
    {"ticket", true},         {"code", true},
};

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// Ends a value in a URL, a form body or an unquoted attribute.
bool EndsUrlValue(char c) { return std::strchr("&#\"'<> \t\r\n;,)]}\\", c) != nullptr; }

// Replaces text[begin, end) by `mask`; returns where scanning goes on. A value masked
// already stays as it is, so that redacting twice changes nothing.
size_t Replace(std::string& text, size_t begin, size_t end, const char* mask) {
  const size_t mask_length = std::strlen(mask);
  if (text.compare(begin, mask_length, mask) == 0) return begin + mask_length;
  if (end <= begin) return end;
  text.replace(begin, end - begin, mask);
  return begin + mask_length;
}

// A CAS ticket keeps its type prefix (ST-, PT-...) as evidence, as util/redactor does.
size_t TicketPrefixLength(const std::string& text, size_t at) {
  for (const char* prefix : {"ST-", "PT-", "PGT-", "PGTIOU-", "TGT-"}) {
    if (text.compare(at, std::strlen(prefix), prefix) == 0) return std::strlen(prefix);
  }
  return 0;
}

// `name=value` in a URL or form: the name starts the text or follows ?, &, a quote or space.
size_t MaskAssignment(std::string& text, size_t name_at, size_t after, const char* mask,
                      bool url_only) {
  if (after >= text.size() || text[after] != '=') return after;
  char before = name_at == 0 ? '\0' : text[name_at - 1];
  bool url_position = before == '?' || before == '&' || before == ';' || before == '#';
  bool other_position = name_at == 0 || std::isspace(static_cast<unsigned char>(before)) ||
                        before == '"' || before == '\'';
  if (!url_position && (url_only || !other_position)) return after;
  size_t begin = after + 1 + TicketPrefixLength(text, after + 1), end = begin;
  while (end < text.size() && !EndsUrlValue(text[end])) ++end;
  return Replace(text, begin, end, mask);
}

// `"name": "value"` in JSON (escaped quotes inside the value included).
size_t MaskJsonMember(std::string& text, size_t after, const char* mask) {
  if (after >= text.size() || text[after] != '"') return after;
  size_t i = after + 1;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i >= text.size() || text[i] != ':') return after;
  ++i;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i >= text.size() || text[i] != '"') return after;
  size_t begin = i + 1, end = begin;
  while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
  return Replace(text, begin, std::min(end, text.size()), mask);
}

// An HTML tag naming the field (`name="SAMLResponse"`): every value="..." of that tag.
size_t MaskInputValue(std::string& text, size_t name_at, size_t after, const char* mask) {
  size_t open = text.rfind('<', name_at);
  if (open == std::string::npos) return after;
  if (text.find('>', open) < name_at) return after;  // the name is not inside this tag
  // A text cut inside the tag (an excerpt of a long auto-submit form): the rest may be value.
  size_t close = std::min(text.find('>', after), text.size());
  size_t resume = after;
  for (size_t v = text.find("value=", open); v != std::string::npos && v < close;
       v = text.find("value=", v + 1)) {
    size_t begin = v + 6;
    if (begin >= text.size()) break;
    char quote = text[begin];
    size_t end;
    if (quote == '"' || quote == '\'') {
      end = std::min(text.find(quote, ++begin), text.size());  // unterminated: to the end
    } else {
      end = begin;
      while (end < close && !EndsUrlValue(text[end])) ++end;
    }
    size_t masked_end = Replace(text, begin, end, mask);
    close = std::min(text.find('>', masked_end), text.size());
    resume = std::max(resume, masked_end);
  }
  return resume;
}

void MaskName(std::string& text, const SecretName& secret, const char* mask) {
  const size_t length = std::strlen(secret.name);
  for (size_t at = text.find(secret.name); at != std::string::npos;
       at = text.find(secret.name, at)) {
    size_t after = at + length;
    bool whole = (at == 0 || !IsNameChar(text[at - 1])) &&
                 (after >= text.size() || !IsNameChar(text[after]));
    if (!whole) {
      at = after;
      continue;
    }
    size_t next = MaskAssignment(text, at, after, mask, secret.url_parameter_only);
    if (next == after && !secret.url_parameter_only) {
      next = MaskJsonMember(text, after, mask);
      // name="SAMLResponse", name='SAMLResponse' or unquoted name=SAMLResponse in a tag.
      bool quoted = at > 0 && (text[at - 1] == '"' || text[at - 1] == '\'');
      bool unquoted = at >= 5 && text.compare(at - 5, 5, "name=") == 0;
      if (next == after && (quoted || unquoted)) {
        next = MaskInputValue(text, at, after, mask);
      }
    }
    at = std::max(next, after);
  }
}

bool IsBase64Url(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

}  // namespace

bool IsSecretFieldName(const std::string& name) {
  for (const SecretName& secret : kSecretNames) {
    if (!secret.url_parameter_only && name == secret.name) return true;
  }
  return false;
}

void MaskSecretParameters(std::string& text, const char* mask) {
  for (const SecretName& secret : kSecretNames) MaskName(text, secret, mask);
}

void MaskJsonWebTokens(std::string& text, const char* mask) {
  for (size_t at = text.find("eyJ"); at != std::string::npos; at = text.find("eyJ", at + 1)) {
    if (at > 0 && IsBase64Url(text[at - 1])) continue;
    size_t end = at;
    int dots = 0;
    while (end < text.size() && (IsBase64Url(text[end]) || (text[end] == '.' && dots < 2))) {
      if (text[end] == '.') ++dots;
      ++end;
    }
    if (dots < 1 || end - at < 16) continue;  // one segment is not a token
    text.replace(at, end - at, mask);
  }
}

}  // namespace sdetcheck
