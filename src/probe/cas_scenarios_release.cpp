// Which attributes the CAS validation releases, for every service of the target and every
// profile that has a test account, and whether the grid's national attributes are there and
// well formed (SDET annexe opérationnelle §4.7; aaf_sso.md §3.1 (j)).

#include <algorithm>
#include <cctype>

#include "engine/login_plan.h"
#include "probe/cas_scenarios.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

// A national profile code: National_ and three capital letters (National_ELV...).
bool IsNationalProfile(const std::string& value) {
  return value.size() == 12 && value.rfind("National_", 0) == 0 &&
         std::all_of(value.begin() + 9, value.end(),
                     [](unsigned char c) { return c >= 'A' && c <= 'Z'; });
}

bool HasText(const std::string& value) {
  return std::any_of(value.begin(), value.end(),
                     [](unsigned char c) { return std::isspace(c) == 0; });
}

struct Required {
  const char* name;
  bool required;  // false: judged only when released (ENTEleveClasses)
  bool (*well_formed)(const std::string& value);
  const char* form;  // what well_formed accepts, in words
};

const std::vector<Required>& RequiredAttributes() {
  static const std::vector<Required> kRequired = {
      {"ENTPersonProfils", true, IsNationalProfile, "National_XXX"},
      {"ENTPersonJointure", true, HasText, "non-empty"},
      {"ENTPersonStructRattach", true, HasText, "non-empty"},
      {"ENTEleveClasses", false, HasText, "non-empty"},
  };
  return kRequired;
}

std::string Names(const CasValidation& v) {
  std::string names;
  for (const auto& [name, values] : v.attributes) names += (names.empty() ? "" : ", ") + name;
  return names;
}

// One attribute of one (account, service) validation. Values are shown only for the
// profile (a national code); identifiers are masked.
void JudgeAttribute(const ScenarioPtr& s, const Required& r, const CasValidation& v,
                    const std::string& subject, size_t evidence) {
  auto found = v.attributes.find(r.name);
  std::string key = std::string("cas.release.") + r.name;
  if (found == v.attributes.end() || found->second.empty()) {
    if (!r.required) return;
    Check& check = Add(s, key, CheckState::kFail, Msg("cas.attribute.missing", {{"name", r.name}}),
                       evidence, "released: " + Names(v));
    check.subject = subject;
    check.expected = r.name;
    return;
  }
  bool well_formed = std::all_of(found->second.begin(), found->second.end(), r.well_formed);
  bool shown = std::string(r.name) == "ENTPersonProfils";
  std::string values =
      shown ? found->second.front() : std::to_string(found->second.size()) + " value(s), masked";
  Check& check = Add(
      s, key, well_formed ? CheckState::kPass : CheckState::kFail,
      Msg(well_formed ? "cas.release.well_formed" : "cas.release.malformed", {{"name", r.name}}),
      evidence, values);
  check.subject = subject;
  check.expected = r.form;
}

void JudgeRelease(const ScenarioPtr& s, const std::string& subject, const Validation& v) {
  if (!v.answered || v.parsed.status != CasValidation::Status::kSuccess) {
    Check& check =
        Add(s, "cas.release.validation", CheckState::kError,
            v.answered ? Msg("cas.validation.refused", {{"code", v.parsed.failure_code}})
                       : v.problem.message,
            v.evidence, v.answered ? v.parsed.failure_code + v.parsed.problem : v.problem.observed);
    check.subject = subject;
    return;
  }
  for (const Required& r : RequiredAttributes())
    JudgeAttribute(s, r, v.parsed, subject, v.evidence);
}

// Marks the checks added since `first` as those of `account` logging into `service`.
void Label(const ScenarioPtr& s, size_t first, const Account& account, const std::string& service) {
  for (size_t i = first; i < s->outcome.checks.size(); ++i) {
    s->outcome.checks[i].account = account.id;
    s->outcome.checks[i].service = s->context.redactor->Redact(service);
  }
}

}  // namespace

// The scenario runs once per account (FanOutAccounts): this account, every service.
Flow AttributeRelease(ScenarioPtr s) {
  const TargetProfile& target = *s->context.target;
  const Account& account = *s->account;
  std::vector<std::string> services = ServicesFor(account, "*", target);
  services.insert(services.begin(), s->service);
  std::shared_ptr<BrowserSession> browser = NewBrowser(s);
  for (const std::string& service : services) {
    size_t first = s->outcome.checks.size();
    std::string subject = account.id + " -> " + s->context.redactor->Redact(service);
    CasLogin login = LoginTo(s, browser, service);
    login.subject = subject;
    TicketResult t = co_await ObtainTicket(login);
    if (!t.ticket) {
      s->outcome.checks.push_back(*t.problem);
    } else {
      Validation v = co_await Validate(s, TicketQuery(service, *t.ticket));
      JudgeRelease(s, subject, v);
    }
    Label(s, first, account, service);
  }
  Finish(s);
}

}  // namespace sdetcheck
