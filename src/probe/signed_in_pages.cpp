#include "probe/signed_in_pages.h"

#include "net/url.h"
#include "probe/cas_login.h"
#include "probe/http_record.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

using VisitsDone = std::function<void(SignedInSession)>;

CasLogin LoginTo(const SignedInPlan& plan, const std::string& service,
                 const std::shared_ptr<BrowserSession>& browser, const std::string& subject) {
  CasLogin login;
  login.cas_url = plan.cas_url;
  login.service = service;
  login.login = plan.account->login;
  login.password = plan.account->password.value;
  login.key = plan.key;
  login.subject = subject;
  login.browser = browser;
  login.target = plan.context.target;
  login.redactor = plan.context.redactor;
  login.executor = plan.context.executor;
  login.outcome = plan.outcome;
  return login;
}

// Redirects after the ticket are followed on the service's own origin only, as in cas_kind.
BrowserSession::FollowPolicy SameOrigin(const std::string& service) {
  std::string origin = OriginOf(service);
  return [origin](const std::string& next) { return OriginOf(next) == origin; };
}

Flow VisitAll(SignedInPlan plan, VisitsDone done) {
  SignedInSession session;
  session.browser = BrowserSession::Create(plan.context.transport, plan.context.max_redirects);
  std::shared_ptr<BrowserSession> browser = session.browser;
  const Redactor& redactor = *plan.context.redactor;
  std::vector<SignedInVisit>& visits = session.visits;
  for (const std::string& service : plan.services) {
    SignedInVisit visit;
    visit.subject = plan.account->id + " -> " + redactor.Redact(service);
    visit.url = redactor.Redact(service);
    TicketResult ticket = co_await ObtainTicket(LoginTo(plan, service, browser, visit.subject));
    if (!ticket.ticket) {
      visit.problem = std::move(ticket.problem);
      visits.push_back(std::move(visit));
      continue;
    }
    Request request;
    request.url = WithQueryParameter(service, "ticket", *ticket.ticket);
    request.coalesce = false;
    Browsed page = co_await Browse(browser, request, SameOrigin(service));
    visit.evidence =
        plan.outcome->AddEvidence(RecordExchange("GET", request.url, page.result, redactor));
    if (page.result.ok) visit.url = redactor.Redact(page.result.response.effective_url);
    visit.result = std::move(page.result);
    visits.push_back(std::move(visit));
  }
  done(std::move(session));
}

}  // namespace

std::variant<std::vector<AccountLogins>, Check> PlanSignedIn(const std::string& spec,
                                                             const TargetProfile& target,
                                                             const std::string& subject) {
  Message error;
  std::vector<AccountLogins> plan = PlanLogins(spec, "*", target, &error);
  if (error.code.empty() && !target.cas_url.empty()) return plan;
  Check check;
  check.key = "web.signed_in";
  check.subject = subject;
  check.evidence.push_back(0);
  bool precondition_absent = target.cas_url.empty() || error.code == "probe.no_account";
  check.state = precondition_absent ? CheckState::kNotApplicable : CheckState::kError;
  check.message = error.code.empty() ? Msg("web.signed_in.no_cas") : error;
  return check;
}

Completion<SignedInSession> VisitSignedIn(SignedInPlan plan) {
  return Completion<SignedInSession>(
      [plan = std::move(plan)](VisitsDone done) { VisitAll(plan, std::move(done)); });
}

}  // namespace sdetcheck
