#pragma once
// A French accessibility statement ("déclaration d'accessibilité", décret n° 2019-768, RGAA)
// read from its page: what it declares, and what it lacks. Pure: strings in, a struct out.

#include <optional>
#include <string>
#include <vector>

#include "finding/message.h"
#include "web/french_date.h"

namespace sdetcheck {

enum class ComplianceLevel {
  kUnknown,
  kTotal,    // "totalement conforme"
  kPartial,  // "partiellement conforme"
  kNone,     // "non conforme"
};

// The statement's own (French, regulatory) wording: "totalement conforme", "partiellement
// conforme", "non conforme", or "?" when none was found; quoted as is in every language.
const char* ComplianceLevelName(ComplianceLevel level);

// sdetcheck's choice, not a legal threshold: RGAA 4 statements must be kept up to date, and
// DINUM's guidance treats an audit older than 3 years as stale.
constexpr int kDefaultMaxAuditAgeMonths = 36;

struct AccessibilityStatement {
  // Non-empty when the page was not analysed (html/document.h's reason: beyond the limits);
  // every other field is then left empty.
  std::string error;
  ComplianceLevel declared_level = ComplianceLevel::kUnknown;
  std::optional<double> compliance_rate;  // percent of RGAA criteria met
  std::string rgaa_version;               // "4.1"; "" when not stated
  std::optional<CalendarDate> audit_date;
  std::optional<CalendarDate> statement_date;  // "établie le ..."
  bool has_contact = false;         // an e-mail address, a mailto link or a contact form link
  bool has_remedies = false;        // the "Défenseur des droits" ("voies de recours")
  std::string multi_year_plan_url;  // absolute; "" when the page links to none
  // Stable codes with parameters, in this order when present: level_missing, rate_missing,
  // rgaa_version_missing, audit_date_missing, audit_too_old {audit_date, age_months,
  // max_months}, level_inconsistent {level, rate}, contact_missing, remedies_missing,
  // plan_missing.
  std::vector<Message> problems;
};

// Reads the statement at `url` (to resolve its links) from its HTML. `today` dates the audit's
// age; an audit older than `max_audit_age_months` is `audit_too_old`. Only the first
// kMaxWebTextBytes of the visible text are read.
AccessibilityStatement AnalyseAccessibilityStatement(
    const std::string& html, const std::string& url, const CalendarDate& today,
    int max_audit_age_months = kDefaultMaxAuditAgeMonths);

// True when the visible text of the multi-year plan ("schéma pluriannuel de mise en
// accessibilité") names a period covering `year`: a range ("2025-2027", "2025 – 2027",
// "années 2024 à 2026") or the year alone, unless written as part of a date ("3 janvier
// 2026", "03/01/2026"), which dates the page rather than the plan. False when the page is
// beyond the HTML limits.
bool MultiYearPlanCoversYear(const std::string& plan_html, int year);

}  // namespace sdetcheck
