#include "web/hosts_named.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "util/text.h"
#include "web/bounds.h"

namespace sdetcheck {
namespace {

// Second-level suffixes under which names are registered, as a French ENT's third parties
// use them. Not the public suffix list: the hosts come from one page, and a missed suffix
// only makes the check stricter (the text must then name a longer part).
constexpr std::array<std::string_view, 14> kRegistrySuffixes = {
    "gouv.fr", "asso.fr", "nom.fr", "presse.fr", "com.fr", "co.uk",  "org.uk",
    "ac.uk",   "gov.uk",  "com.au", "co.jp",     "co.nz",  "com.br", "co.za",
};

std::vector<std::string_view> Labels(std::string_view host) {
  std::vector<std::string_view> labels;
  for (size_t start = 0; start <= host.size();) {
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    labels.push_back(host.substr(start, dot - start));
    start = dot + 1;
  }
  return labels;
}

bool IsIpAddress(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

// The last `count` of `labels`, joined.
std::string LastLabels(const std::vector<std::string_view>& labels, size_t count) {
  std::string joined;
  for (size_t i = labels.size() - count; i < labels.size(); ++i) {
    if (!joined.empty()) joined += '.';
    joined += labels[i];
  }
  return joined;
}

bool IsNameByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// `name` written in `text` as a whole name: not inside a longer label, and not followed by
// another label ("example.fr.evil.com"); a sentence's final period is fine.
bool NamedIn(std::string_view text, std::string_view name) {
  for (size_t pos = text.find(name); pos != std::string_view::npos;
       pos = text.find(name, pos + 1)) {
    size_t end = pos + name.size();
    bool starts = pos == 0 || !IsNameByte(text[pos - 1]);
    bool ends = end == text.size() ||
                (!IsNameByte(text[end]) &&
                 !(text[end] == '.' && end + 1 < text.size() && IsNameByte(text[end + 1])));
    if (starts && ends) return true;
  }
  return false;
}

std::string NormalizedHost(const std::string& host) {
  std::string lower = AsciiLower(host);
  while (!lower.empty() && lower.back() == '.') lower.pop_back();
  return lower;
}

}  // namespace

std::string RegistrablePart(const std::string& host) {
  std::string lower = NormalizedHost(host);
  if (IsIpAddress(lower)) return lower;
  std::vector<std::string_view> labels = Labels(lower);
  if (labels.size() <= 2) return lower;
  std::string last_two = LastLabels(labels, 2);
  bool registry = std::find(kRegistrySuffixes.begin(), kRegistrySuffixes.end(), last_two) !=
                  kRegistrySuffixes.end();
  return registry ? LastLabels(labels, 3) : last_two;
}

std::vector<std::string> HostsNotNamed(const std::vector<std::string>& hosts,
                                       const std::string& privacy_text) {
  std::string text = AsciiLower(TruncateUtf8(privacy_text, kMaxWebTextBytes));
  std::vector<std::string> missing;
  for (const std::string& host : hosts) {
    std::string name = NormalizedHost(host);
    if (name.empty() || NamedIn(text, name) || NamedIn(text, RegistrablePart(name))) continue;
    if (missing.size() == kMaxWebListEntries) break;
    missing.push_back(host);
  }
  return missing;
}

}  // namespace sdetcheck
