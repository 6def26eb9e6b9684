#pragma once
// The pages a signed-in user sees: one browser session per test account logs in through
// CAS to each service its profile should reach (the credentials typed once, over HTTPS to the
// ENT's origins only; later services ride on the SSO session) and fetches the service page
// with its ticket, as a browser does after the login. For kinds that judge what pages
// contain (web_page) on logged-in pages too.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/login_plan.h"
#include "finding/check.h"
#include "net/browser_session.h"
#include "net/http.h"
#include "probe/flow.h"
#include "probe/registry.h"
#include "target/profile.h"

namespace sdetcheck {

struct SignedInVisit {
  std::string subject;  // "account -> service URL" (masked)
  std::string url;      // the service page reached (its final address, ticket masked)
  FetchResult result;   // of the service page, when a ticket was obtained
  size_t evidence = 0;
  std::optional<Check> problem;  // why no page: no ticket (login refused, unsafe form...)
};

struct SignedInPlan {
  const Account* account = nullptr;
  std::vector<std::string> services;  // URLs
  std::string cas_url;
  std::string key;  // of the problem checks
  ProbeContext context;
  ProbeOutcome* outcome = nullptr;  // evidence goes there; must outlive the visits
};

// The visits of one account, and its browser afterwards: its cookies (names and attributes)
// and a session for fetching more as that user.
struct SignedInSession {
  std::vector<SignedInVisit> visits;  // one per service of the plan, in order
  std::shared_ptr<BrowserSession> browser;
};

// The accounts of `spec` with the services each should reach, or the check (key
// "web.signed_in", about `subject`) saying why no page can be read signed in: not applicable
// for a target without a CAS server or test accounts, an error for an account spec naming no
// account of the target.
std::variant<std::vector<AccountLogins>, Check> PlanSignedIn(const std::string& spec,
                                                             const TargetProfile& target,
                                                             const std::string& subject);

// co_await VisitSignedIn(plan).
Completion<SignedInSession> VisitSignedIn(SignedInPlan plan);

}  // namespace sdetcheck
