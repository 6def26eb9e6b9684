#include "web/security_txt.h"

#include <cctype>
#include <string_view>

#include "util/text.h"
#include "web/bounds.h"

namespace sdetcheck {
namespace {

constexpr std::string_view kSignedHeader = "-----BEGIN PGP SIGNED MESSAGE-----";
constexpr std::string_view kSignatureHeader = "-----BEGIN PGP SIGNATURE-----";
constexpr size_t kMaxInvalidLinesReported = 10;
constexpr std::time_t kOneYear = std::time_t{366} * 24 * 3600;

struct Line {
  int number = 0;  // 1-based, in the text as given
  std::string text;
};

std::string TrimSpaces(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

// The first kMaxSecurityTxtBytes of `text`, cut after a line's end.
std::string_view Bounded(const std::string& text, bool* truncated) {
  *truncated = text.size() > kMaxSecurityTxtBytes;
  if (!*truncated) return text;
  std::string_view head(text.data(), kMaxSecurityTxtBytes);
  size_t last_newline = head.rfind('\n');
  return last_newline == std::string_view::npos ? head : head.substr(0, last_newline + 1);
}

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({++number, std::string(line)});
    start = end + 1;
  }
  return lines;
}

// The signed content of an OpenPGP cleartext message (RFC 4880 §7): after the armor headers
// and the blank line ending them, until the signature, dash-escaped lines ("- -----")
// restored. `lines` unchanged when the text is not signed.
std::vector<Line> UnwrapSignedMessage(std::vector<Line> lines, bool* signed_message) {
  size_t first = 0;
  while (first < lines.size() && TrimSpaces(lines[first].text).empty()) ++first;
  *signed_message = first < lines.size() && TrimSpaces(lines[first].text) == kSignedHeader;
  if (!*signed_message) return lines;
  size_t body = first + 1;
  while (body < lines.size() && !TrimSpaces(lines[body].text).empty()) ++body;
  std::vector<Line> content;
  for (size_t i = body + 1; i < lines.size(); ++i) {
    if (TrimSpaces(lines[i].text) == kSignatureHeader) break;
    Line line = lines[i];
    if (line.text.rfind("- ", 0) == 0) line.text.erase(0, 2);
    content.push_back(std::move(line));
  }
  return content;
}

bool IsFieldName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// Reads `count` digits at `*pos` into `*value`.
bool Digits(std::string_view text, size_t* pos, size_t count, int* value) {
  *value = 0;
  for (size_t i = 0; i < count; ++i, ++*pos) {
    if (*pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[*pos]))) return false;
    *value = *value * 10 + (text[*pos] - '0');
  }
  return true;
}

bool Expect(std::string_view text, size_t* pos, std::string_view allowed) {
  if (*pos >= text.size() || allowed.find(text[*pos]) == std::string_view::npos) return false;
  ++*pos;
  return true;
}

// Days from 1970-01-01 to a civil date (H. Hinnant's days_from_civil).
long long DaysFromCivil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  long long era = (year >= 0 ? year : year - 399) / 400;
  long long year_of_era = year - era * 400;
  long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;
};

bool ReadDate(std::string_view text, size_t* pos, DateTime* t) {
  return Digits(text, pos, 4, &t->year) && Expect(text, pos, "-") &&
         Digits(text, pos, 2, &t->month) && Expect(text, pos, "-") &&
         Digits(text, pos, 2, &t->day) && t->month >= 1 && t->month <= 12 && t->day >= 1 &&
         t->day <= DaysInMonth(t->year, t->month);
}

bool ReadTime(std::string_view text, size_t* pos, DateTime* t) {
  if (!Digits(text, pos, 2, &t->hour) || !Expect(text, pos, ":") ||
      !Digits(text, pos, 2, &t->minute) || !Expect(text, pos, ":") ||
      !Digits(text, pos, 2, &t->second)) {
    return false;
  }
  // A leap second is 60.
  if (t->hour > 23 || t->minute > 59 || t->second > 60) return false;
  if (*pos < text.size() && text[*pos] == '.') {
    size_t start = ++*pos;
    while (*pos < text.size() && std::isdigit(static_cast<unsigned char>(text[*pos]))) ++*pos;
    if (*pos == start) return false;
  }
  return true;
}

bool ReadOffset(std::string_view text, size_t* pos, DateTime* t) {
  if (Expect(text, pos, "Zz")) return true;
  if (*pos >= text.size()) return false;
  int sign = text[*pos] == '-' ? -1 : 1;
  int hours = 0;
  int minutes = 0;
  if (!Expect(text, pos, "+-") || !Digits(text, pos, 2, &hours) || !Expect(text, pos, ":") ||
      !Digits(text, pos, 2, &minutes) || hours > 23 || minutes > 59) {
    return false;
  }
  t->offset_minutes = sign * (hours * 60 + minutes);
  return true;
}

struct Fields {
  std::vector<std::string> expires;  // every Expires value, as written
  std::vector<int> invalid_lines;
};

void ReadField(const std::string& name, const std::string& value, SecurityTxt* out,
               Fields* fields) {
  std::string key = AsciiLower(name);
  if (out->fields.size() < kMaxWebListEntries) out->fields.emplace_back(name, value);
  auto add = [&](std::vector<std::string>* list) {
    if (list->size() < kMaxWebListEntries) list->push_back(value);
  };
  if (key == "contact") add(&out->contacts);
  if (key == "encryption") add(&out->encryption);
  if (key == "policy") add(&out->policy);
  if (key == "canonical") add(&out->canonical);
  if (key == "preferred-languages" && out->preferred_languages.empty()) {
    out->preferred_languages = value;
  }
  if (key == "expires") add(&fields->expires);
}

void ReadLine(const Line& line, SecurityTxt* out, Fields* fields) {
  std::string text = TrimSpaces(line.text);
  if (text.empty() || text[0] == '#') return;
  size_t colon = text.find(':');
  std::string name = colon == std::string::npos ? "" : text.substr(0, colon);
  if (!IsFieldName(name)) {
    fields->invalid_lines.push_back(line.number);
    return;
  }
  ReadField(name, TrimSpaces(std::string_view(text).substr(colon + 1)), out, fields);
}

void CheckExpires(const Fields& fields, std::time_t now, SecurityTxt* out) {
  if (fields.expires.empty()) {
    out->problems.push_back(Msg("expires_missing"));
    return;
  }
  if (fields.expires.size() > 1) {
    out->problems.push_back(
        Msg("expires_multiple", {{"count", std::to_string(fields.expires.size())}}));
  }
  const std::string& value = fields.expires.front();
  out->expires = ParseRfc3339(value);
  if (!out->expires) {
    out->problems.push_back(Msg("expires_invalid", {{"value", TruncateUtf8(value, 100)}}));
  } else if (*out->expires <= now) {
    out->problems.push_back(Msg("expired", {{"expires", value}}));
  } else if (*out->expires - now > kOneYear) {
    out->problems.push_back(Msg("expires_too_far", {{"expires", value}}));
  }
}

}  // namespace

std::optional<std::time_t> ParseRfc3339(const std::string& text) {
  DateTime t;
  size_t pos = 0;
  if (!ReadDate(text, &pos, &t) || !Expect(text, &pos, "Tt") || !ReadTime(text, &pos, &t) ||
      !ReadOffset(text, &pos, &t) || pos != text.size()) {
    return std::nullopt;
  }
  long long seconds = DaysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600LL +
                      t.minute * 60LL + t.second - t.offset_minutes * 60LL;
  return static_cast<std::time_t>(seconds);
}

SecurityTxt ParseSecurityTxt(const std::string& text, std::time_t now) {
  SecurityTxt out;
  std::vector<Line> lines =
      UnwrapSignedMessage(SplitLines(Bounded(text, &out.truncated)), &out.signed_message);
  Fields fields;
  for (const Line& line : lines) ReadLine(line, &out, &fields);
  if (out.contacts.empty()) out.problems.push_back(Msg("contact_missing"));
  CheckExpires(fields, now, &out);
  for (size_t i = 0; i < fields.invalid_lines.size() && i < kMaxInvalidLinesReported; ++i) {
    out.problems.push_back(
        Msg("invalid_line", {{"line", std::to_string(fields.invalid_lines[i])}}));
  }
  return out;
}

}  // namespace sdetcheck
