#include "web/accessibility_statement.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <string_view>

#include "html/document.h"
#include "net/url.h"
#include "util/text.h"
#include "web/bounds.h"
#include "web/french_text.h"

namespace sdetcheck {
namespace {

constexpr size_t kNotFound = std::string_view::npos;

bool VisibleFoldedText(const std::string& html, std::string* folded, std::string* error) {
  std::string text;
  if (!HtmlVisibleText(html, &text, error)) return false;
  *folded = FoldFrenchText(TruncateUtf8(text, kMaxWebTextBytes));
  return true;
}

struct LevelPhrase {
  std::string_view phrase;
  ComplianceLevel level;
};

// The first level phrase from `from` on; the phrase must end a word, so "non conformes"
// (a list of failing contents) is no declaration.
ComplianceLevel FirstLevelFrom(std::string_view folded, size_t from) {
  static constexpr std::array<LevelPhrase, 4> kPhrases = {{
      {"totalement conforme", ComplianceLevel::kTotal},
      {"partiellement conforme", ComplianceLevel::kPartial},
      {"non conforme", ComplianceLevel::kNone},
      {"non-conforme", ComplianceLevel::kNone},
  }};
  for (size_t pos = folded.find("conforme", from); pos != kNotFound;
       pos = folded.find("conforme", pos + 1)) {
    for (const LevelPhrase& candidate : kPhrases) {
      size_t start = pos + std::string_view("conforme").size() - candidate.phrase.size();
      if (pos + 8 >= candidate.phrase.size() && PhraseAt(folded, start, candidate.phrase)) {
        return candidate.level;
      }
    }
  }
  return ComplianceLevel::kUnknown;
}

// The "État de conformité" section says it; a footer mention ("Accessibilité : partiellement
// conforme") is the fallback.
ComplianceLevel DeclaredLevel(std::string_view folded) {
  size_t section = folded.find("état de conformité");
  if (section != kNotFound) {
    ComplianceLevel level = FirstLevelFrom(folded, section);
    if (level != ComplianceLevel::kUnknown) return level;
  }
  return FirstLevelFrom(folded, 0);
}

// "78 % des critères du RGAA ... sont respectés", "taux (moyen) de conformité : 78,5 %".
std::optional<double> ComplianceRate(std::string_view folded) {
  constexpr size_t kBefore = 100;
  constexpr size_t kAfter = 60;
  for (size_t percent = folded.find('%'); percent != kNotFound;
       percent = folded.find('%', percent + 1)) {
    std::optional<double> rate = DecimalEndingAt(folded, percent);
    if (!rate || *rate < 0 || *rate > 100) continue;
    size_t before = percent > kBefore ? percent - kBefore : 0;
    bool criteria = folded.substr(percent, kAfter).find("critère") != kNotFound;
    bool rate_named = folded.substr(before, percent - before).find("taux") != kNotFound;
    if (criteria || rate_named) return rate;
  }
  return std::nullopt;
}

bool SkipWord(std::string_view folded, size_t* pos, std::string_view word) {
  if (folded.substr(*pos, word.size()) != word) return false;
  *pos += word.size();
  return true;
}

// "4", "4.1", "4.1.2" at `pos` (a comma read as a dot); "" when no digit is there.
std::string VersionAt(std::string_view folded, size_t pos) {
  std::string version;
  while (pos < folded.size() && version.size() < 16) {
    char c = folded[pos];
    bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
    bool separator = (c == '.' || c == ',') && !version.empty() && pos + 1 < folded.size() &&
                     std::isdigit(static_cast<unsigned char>(folded[pos + 1]));
    if (!digit && !separator) break;
    version += separator ? '.' : c;
    ++pos;
  }
  return version;
}

// "RGAA 4.1", "RGAA version 4.1", "(RGAA), version 4.1", "RGAA v4".
std::string VersionAfterRgaa(std::string_view folded, size_t pos) {
  while (pos < folded.size() && std::string_view(" ),:;").find(folded[pos]) != kNotFound) ++pos;
  if (!SkipWord(folded, &pos, "version ") && !SkipWord(folded, &pos, "version")) {
    SkipWord(folded, &pos, "v");
  }
  return VersionAt(folded, pos);
}

std::string RgaaVersion(std::string_view folded) {
  for (size_t pos = folded.find("rgaa"); pos != kNotFound; pos = folded.find("rgaa", pos + 1)) {
    std::string version = VersionAfterRgaa(folded, pos + 4);
    if (!version.empty()) return version;
  }
  // "version 4.1 du RGAA"
  for (size_t pos = folded.find("version "); pos != kNotFound;
       pos = folded.find("version ", pos + 1)) {
    std::string version = VersionAt(folded, pos + 8);
    size_t after = pos + 8 + version.size();
    if (!version.empty() && folded.substr(after, 16).find("rgaa") != kNotFound) return version;
  }
  return "";
}

// The first date written within `window` after one of the first occurrences of `anchor`, not
// past a `stop` word (so the audit's anchor never reads the statement's own date). Bounded:
// a statement names its audit a few times, a hostile page a million times.
std::optional<CalendarDate> DateAfter(std::string_view folded, std::string_view anchor,
                                      std::string_view stop, size_t window) {
  constexpr int kMaxAnchors = 200;
  size_t next_stop = 0;
  int tries = 0;
  for (size_t pos = folded.find(anchor); pos != kNotFound && tries < kMaxAnchors;
       pos = folded.find(anchor, pos + 1), ++tries) {
    if (!stop.empty() && next_stop != kNotFound && next_stop <= pos) {
      next_stop = folded.find(stop, pos + anchor.size());
    }
    size_t limit =
        stop.empty() || next_stop == kNotFound ? window : std::min(window, next_stop - pos);
    if (auto found = FindFrenchDate(folded, pos, limit)) return found->date;
  }
  return std::nullopt;
}

std::optional<CalendarDate> AuditDate(std::string_view folded) {
  if (auto date = DateAfter(folded, "audit", "établi", 200)) return date;
  return DateAfter(folded, "réalisé", "établi", 80);
}

bool IsEmailByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("._%+-").find(c) != kNotFound;
}

// "name@domain.tld" somewhere in `text`.
bool HasEmailAddress(std::string_view text) {
  for (size_t at = text.find('@'); at != kNotFound; at = text.find('@', at + 1)) {
    if (at == 0 || !IsEmailByte(text[at - 1])) continue;
    size_t end = at + 1;
    while (end < text.size() && IsEmailByte(text[end])) ++end;
    std::string_view domain = text.substr(at + 1, end - at - 1);
    size_t dot = domain.find('.');
    if (dot != kNotFound && dot > 0 && dot + 1 < domain.size()) return true;
  }
  return false;
}

// The "Retour d'information et contact" part of the text, up to the "Voies de recours" and at
// most kMaxSection bytes; nullopt when the statement has no such heading.
std::optional<std::string_view> ContactSection(std::string_view folded) {
  constexpr size_t kMaxSection = 4000;
  size_t start = folded.find("retour d'information");
  if (start == kNotFound) return std::nullopt;
  size_t end = folded.find("voies de recours", start);
  return folded.substr(start, end == kNotFound ? kMaxSection : std::min(end - start, kMaxSection));
}

struct Link {
  std::string href;
  std::string text;  // folded
  bool in_contact_section = false;
};

// 1..6 for h1..h6, else 0.
int HeadingLevel(const std::string& tag) {
  if (tag.size() != 2 || tag[0] != 'h' || tag[1] < '1' || tag[1] > '6') return 0;
  return tag[1] - '0';
}

std::vector<size_t> Depths(const std::vector<HtmlTreeNode>& nodes) {
  std::vector<size_t> depths(nodes.size(), 0);
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].parent != HtmlTreeNode::kNoParent) depths[i] = depths[nodes[i].parent] + 1;
  }
  return depths;
}

// The folded text of element `i` and its descendants (they follow it, deeper), at most 4 KiB:
// enough for a heading or a link.
std::string SubtreeText(const std::vector<HtmlTreeNode>& nodes, const std::vector<size_t>& depths,
                        size_t i) {
  constexpr size_t kMaxText = 4096;
  std::string text = nodes[i].element.text;
  for (size_t j = i + 1; j < nodes.size() && depths[j] > depths[i] && text.size() < kMaxText; ++j) {
    text += ' ';
    text += nodes[j].element.text;
  }
  return FoldFrenchText(TruncateUtf8(text, kMaxText));
}

// Every <a href>, and whether it sits under the "Retour d'information et contact" heading
// (until the next heading of that level or above).
std::vector<Link> LinksOf(const std::vector<HtmlTreeNode>& nodes) {
  std::vector<size_t> depths = Depths(nodes);
  std::vector<Link> links;
  int contact_level = 0;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const HtmlElement& element = nodes[i].element;
    if (int level = HeadingLevel(element.tag); level != 0) {
      if (contact_level != 0 && level <= contact_level) contact_level = 0;
      if (SubtreeText(nodes, depths, i).find("retour d'information") != kNotFound) {
        contact_level = level;
      }
    }
    const std::string* href = element.Attribute("href");
    if (element.tag == "a" && href) {
      links.push_back({*href, SubtreeText(nodes, depths, i), contact_level != 0});
    }
  }
  return links;
}

// An e-mail address in the contact part (in the whole text when there is no such part), a
// mailto link anywhere (statements put one there and nowhere else), or a link of the contact
// part that names a contact or a form.
bool HasContact(std::string_view folded, const std::vector<Link>& links) {
  if (HasEmailAddress(ContactSection(folded).value_or(folded))) return true;
  for (const Link& link : links) {
    std::string href = AsciiLower(link.href);
    if (href.rfind("mailto:", 0) == 0) return true;
    std::string named = link.text + " " + href;
    bool names_contact =
        named.find("contact") != std::string::npos || named.find("formulaire") != std::string::npos;
    if (link.in_contact_section && names_contact) return true;
  }
  return false;
}

std::string MultiYearPlanUrl(const std::vector<Link>& links, const std::string& url) {
  for (const Link& link : links) {
    if (link.href.empty()) continue;
    bool named = link.text.find("schéma pluriannuel") != std::string::npos ||
                 link.text.find("plan pluriannuel") != std::string::npos ||
                 AsciiLower(link.href).find("pluriannuel") != std::string::npos;
    if (named) return ResolveUrl(url, link.href);
  }
  return "";
}

std::string FormatRate(double rate) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%g", rate);
  return buffer.data();
}

std::string FormatMonth(const CalendarDate& date) {
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d", date.year, date.month);
  return buffer.data();
}

// RGAA's "état de conformité": totally compliant at 100 %, partially from 50 %, not below.
bool LevelMatchesRate(ComplianceLevel level, double rate) {
  switch (level) {
    case ComplianceLevel::kTotal:
      return rate == 100;
    case ComplianceLevel::kPartial:
      return rate >= 50 && rate < 100;
    case ComplianceLevel::kNone:
      return rate < 50;
    case ComplianceLevel::kUnknown:
      break;
  }
  return true;
}

void AddDeclarationProblems(const AccessibilityStatement& s, std::vector<Message>* problems) {
  if (s.declared_level == ComplianceLevel::kUnknown) problems->push_back(Msg("level_missing"));
  if (!s.compliance_rate) problems->push_back(Msg("rate_missing"));
  if (s.rgaa_version.empty()) problems->push_back(Msg("rgaa_version_missing"));
  if (!s.audit_date) problems->push_back(Msg("audit_date_missing"));
}

void AddAuditAgeProblem(const AccessibilityStatement& s, const CalendarDate& today, int max_months,
                        std::vector<Message>* problems) {
  if (!s.audit_date) return;
  int age = MonthsBetween(*s.audit_date, today);
  if (age <= max_months) return;
  problems->push_back(Msg("audit_too_old", {{"audit_date", FormatMonth(*s.audit_date)},
                                            {"age_months", std::to_string(age)},
                                            {"max_months", std::to_string(max_months)}}));
}

void AddProblems(const CalendarDate& today, int max_audit_age_months, AccessibilityStatement* s) {
  AddDeclarationProblems(*s, &s->problems);
  AddAuditAgeProblem(*s, today, max_audit_age_months, &s->problems);
  if (s->compliance_rate && !LevelMatchesRate(s->declared_level, *s->compliance_rate)) {
    s->problems.push_back(
        Msg("level_inconsistent", {{"level", ComplianceLevelName(s->declared_level)},
                                   {"rate", FormatRate(*s->compliance_rate)}}));
  }
  if (!s->has_contact) s->problems.push_back(Msg("contact_missing"));
  if (!s->has_remedies) s->problems.push_back(Msg("remedies_missing"));
  if (s->multi_year_plan_url.empty()) s->problems.push_back(Msg("plan_missing"));
}

bool IsYearAt(std::string_view folded, size_t pos, int* year) {
  if (pos + 4 > folded.size()) return false;
  if (pos > 0 && std::isdigit(static_cast<unsigned char>(folded[pos - 1]))) return false;
  if (pos + 4 < folded.size() && std::isdigit(static_cast<unsigned char>(folded[pos + 4]))) {
    return false;
  }
  *year = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(folded[i]))) return false;
    *year = *year * 10 + (folded[i] - '0');
  }
  return *year >= 1990 && *year <= 2100;
}

// The year closing a range opened at `pos + 4` ("-2027", " - 2027", " à 2027", "/2027").
std::optional<int> RangeEnd(std::string_view folded, size_t pos) {
  size_t i = pos;
  while (i < folded.size() && folded[i] == ' ') ++i;
  if (!SkipWord(folded, &i, "-") && !SkipWord(folded, &i, "/") && !SkipWord(folded, &i, "à ") &&
      !SkipWord(folded, &i, "au ")) {
    return std::nullopt;
  }
  while (i < folded.size() && folded[i] == ' ') ++i;
  int year = 0;
  if (!IsYearAt(folded, i, &year)) return std::nullopt;
  return year;
}

// A year written as the end of a date ("3 janvier 2026", "03/01/2026").
bool EndsDate(std::string_view folded, size_t year_pos) {
  constexpr size_t kLongestDate = 20;  // "30 septembre " and the year
  size_t from = year_pos > kLongestDate ? year_pos - kLongestDate : 0;
  for (size_t pos = from; pos < year_pos; ++pos) {
    auto found = FindFrenchDate(folded, pos, 1);
    if (found && found->end == year_pos + 4) return true;
  }
  return false;
}

}  // namespace

const char* ComplianceLevelName(ComplianceLevel level) {
  switch (level) {
    case ComplianceLevel::kTotal:
      return "totalement conforme";
    case ComplianceLevel::kPartial:
      return "partiellement conforme";
    case ComplianceLevel::kNone:
      return "non conforme";
    case ComplianceLevel::kUnknown:
      break;
  }
  return "?";
}

AccessibilityStatement AnalyseAccessibilityStatement(const std::string& html,
                                                     const std::string& url,
                                                     const CalendarDate& today,
                                                     int max_audit_age_months) {
  AccessibilityStatement s;
  std::string folded;
  std::vector<HtmlTreeNode> nodes;
  if (!VisibleFoldedText(html, &folded, &s.error) || !HtmlElementTree(html, &nodes, &s.error)) {
    return s;
  }
  std::vector<Link> links = LinksOf(nodes);
  s.declared_level = DeclaredLevel(folded);
  s.compliance_rate = ComplianceRate(folded);
  s.rgaa_version = RgaaVersion(folded);
  s.audit_date = AuditDate(folded);
  s.statement_date = DateAfter(folded, "établi", "", 80);
  s.has_contact = HasContact(folded, links);
  s.has_remedies = folded.find("défenseur des droits") != std::string::npos;
  s.multi_year_plan_url = MultiYearPlanUrl(links, url);
  AddProblems(today, max_audit_age_months, &s);
  return s;
}

bool MultiYearPlanCoversYear(const std::string& plan_html, int year) {
  std::string folded;
  std::string error;
  if (!VisibleFoldedText(plan_html, &folded, &error)) return false;
  for (size_t pos = 0; pos + 4 <= folded.size(); ++pos) {
    int first = 0;
    if (!IsYearAt(folded, pos, &first)) continue;
    std::optional<int> last = RangeEnd(folded, pos + 4);
    if (last && first <= year && year <= *last) return true;
    if (!last && first == year && !EndsDate(folded, pos)) return true;
  }
  return false;
}

}  // namespace sdetcheck
