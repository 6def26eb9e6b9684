#include "probe/cas_kind.h"

#include <algorithm>

#include "engine/login_plan.h"
#include "net/browser_session.h"
#include "net/redirect.h"
#include "net/url.h"
#include "probe/cas_login.h"
#include "probe/cas_validation.h"
#include "probe/http_record.h"
#include "probe/matcher_parser.h"
#include "probe/matcher_variables.h"
#include "probe/ticket_referrer.h"
#include "target/profile.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

struct CasProbeConfig : ProbeConfig {
  std::string cas_url = "${cas_url}";
  std::string account;
  std::string service;
  bool expect_ticket = true;
  // The form coming back after the password is, for a probe whose question is "can this
  // account log in", the finding; elsewhere a login the tool could not complete.
  bool refused_login_fails = false;
  // Each login after the first of a browser session must be answered by the SSO session,
  // without the credentials being asked again.
  bool single_sign_on = false;
  // The service page reached with the ticket must not hand its address to third parties.
  bool referrer_safe = false;
  int validate_version = 0;  // 0 = do not validate; 1, 2 or 3
  std::vector<std::string> attributes;
  std::optional<Matcher> service_page;
};

struct CasRun {
  std::string cas_url, service, login, password;
  std::string subject;  // "account -> service", the subject of every check of this login
  std::string account;
  int validate_version = 0;
  bool expect_ticket = true;
  bool refused_login_fails = false;
  bool expect_sso = false;  // a login after the first of its session, single_sign_on asked
  bool referrer_safe = false;
  std::vector<std::string> attributes;
  std::shared_ptr<const Matcher> service_page;  // shared: parsing may outlive the run
  std::shared_ptr<BrowserSession> browser;
  Transport* transport = nullptr;
  const Redactor* redactor = nullptr;
  const TargetProfile* target = nullptr;
  Executor* executor = nullptr;
  int max_redirects = 5;
  int credential_posts = 0;
  std::vector<std::string> pending_keys;  // checks still to come, in order
  size_t last_exchange = 0;
  ProbeOutcome outcome;
  ProbeDone done;
};
using RunPtr = std::shared_ptr<CasRun>;

// The checks a login will make, in order: each is judged, or reported as not judged when
// an earlier one did not pass.
std::vector<std::string> PlannedKeys(const CasRun& run) {
  std::vector<std::string> keys = {"cas.login_form", "cas.ticket"};
  if (run.expect_sso) keys.insert(keys.begin(), "cas.single_sign_on");
  if (run.validate_version > 0) keys.push_back("cas.validation");
  for (const std::string& name : run.attributes) keys.push_back("cas.attribute." + name);
  if (run.service_page) keys.push_back("cas.service_page");
  if (run.referrer_safe) keys.push_back("cas.referrer");
  return keys;
}

size_t Step(const RunPtr& run, const std::string& method, const std::string& url,
            const FetchResult& r) {
  run->last_exchange = run->outcome.AddEvidence(RecordExchange(method, url, r, *run->redactor));
  return run->last_exchange;
}

// Records check `key` about this login, on the last exchange, and marks it done.
Check& Record(const RunPtr& run, const std::string& key, CheckState state, Message message,
              const std::string& observed = "") {
  Check check;
  check.key = key;
  check.subject = run->subject;
  check.state = state;
  check.message = std::move(message);
  check.observed = run->redactor->Redact(observed);
  check.evidence.push_back(run->last_exchange);
  auto planned = std::find(run->pending_keys.begin(), run->pending_keys.end(), key);
  if (planned != run->pending_keys.end()) run->pending_keys.erase(planned);
  run->outcome.checks.push_back(std::move(check));
  return run->outcome.checks.back();
}

// Ends the login: what was planned and not judged says which check stopped it.
void Finish(const RunPtr& run) {
  BlockPending(&run->outcome.checks, &run->pending_keys, run->subject);
  run->done(std::move(run->outcome));
}

// Records an error (or failure) and ends the login.
void Stop(const RunPtr& run, const std::string& key, CheckState state, Message message,
          const std::string& observed = "") {
  Record(run, key, state, std::move(message), observed);
  Finish(run);
}

void StopOnTransport(const RunPtr& run, const std::string& key, const FetchResult& r) {
  Check check = TransportCheck(key, run->subject, r, run->last_exchange, *run->redactor);
  Stop(run, key, CheckState::kError, check.message, r.error);
}

// Runs `work` (parsing what the server sent) on the executor, then `then` with its result
// on the loop; past the deadline the login ends in an error.
template <typename T>
void Analyse(const RunPtr& run, const std::string& key, std::function<T()> work,
             std::function<void(T)> then) {
  RunBounded<T>(run->executor, std::move(work),
                [run, key, then = std::move(then)](std::optional<T> result) {
                  if (!result) return Stop(run, key, CheckState::kError, Msg("analysis.timeout"));
                  then(std::move(*result));
                });
}

BrowserSession::FollowPolicy StayOnCas(const RunPtr& run) {
  return sdetcheck::StayOnCas(run->cas_url, run->service);
}

std::optional<std::string> TicketFrom(const RunPtr& run, const FetchResult& r) {
  return sdetcheck::TicketFrom(run->service, r);
}

// What the service page reached with the ticket shows: judged by the probe's matcher, and
// for its referrer policy.
struct ServicePageFindings {
  std::optional<MatchResult> match;
  std::optional<ReferrerJudgement> referrer;
};

ServicePageFindings AnalyseServicePage(const std::shared_ptr<const Matcher>& matcher, bool referrer,
                                       const Response& page, const Redactor* redactor) {
  ServicePageFindings findings;
  if (matcher) findings.match = Evaluate(*matcher, page, redactor);
  if (referrer) findings.referrer = JudgeTicketReferrer(page.effective_url, page);
  return findings;
}

void JudgeServicePage(const RunPtr& run, const ServicePageFindings& findings) {
  if (findings.match) {
    for (Check check : findings.match->checks) {
      check.key = "cas.service_page." + check.key;
      check.subject = run->subject + " · " + check.subject;
      check.expected = run->redactor->RedactShort(check.expected, 300);
      check.observed = run->redactor->RedactShort(check.observed, 300);
      check.evidence.push_back(run->last_exchange);
      run->outcome.checks.push_back(std::move(check));
    }
    auto planned =
        std::find(run->pending_keys.begin(), run->pending_keys.end(), "cas.service_page");
    if (planned != run->pending_keys.end()) run->pending_keys.erase(planned);
  }
  if (findings.referrer) {
    const ReferrerJudgement& referrer = *findings.referrer;
    Record(run, "cas.referrer", referrer.state, referrer.message, referrer.observed);
  }
  Finish(run);
}

void FollowToService(const RunPtr& run, const std::string& ticket) {
  std::string url = WithQueryParameter(run->service, "ticket", ticket);
  std::string origin = OriginOf(run->service);
  std::string key = run->service_page ? "cas.service_page" : "cas.referrer";
  Request request;
  request.url = url;
  run->browser->Fetch(
      request, [origin](const std::string& next) { return OriginOf(next) == origin; },
      [run, url, key](const FetchResult& r, const std::vector<std::string>&) {
        Step(run, "GET", url, r);
        if (!r.ok) return StopOnTransport(run, key, r);
        Response response = r.response;
        Analyse<ServicePageFindings>(
            run, key,
            [matcher = run->service_page, referrer = run->referrer_safe, response,
             redactor = run->redactor] {
              return AnalyseServicePage(matcher, referrer, response, redactor);
            },
            [run](const ServicePageFindings& findings) { JudgeServicePage(run, findings); });
      });
}

std::string ValidatePath(int version) {
  return version == 1 ? "/validate" : version == 2 ? "/serviceValidate" : "/p3/serviceValidate";
}

void JudgeValidation(const RunPtr& run, const CasValidation& v) {
  using Status = CasValidation::Status;
  if (v.status == Status::kMalformed) {
    return Stop(run, "cas.validation", CheckState::kError, Msg("cas.validation.malformed"),
                v.problem);
  }
  if (v.status == Status::kFailure) {
    return Stop(run, "cas.validation", CheckState::kFail,
                Msg("cas.validation.refused", {{"code", v.failure_code}}), v.failure_code);
  }
  Record(run, "cas.validation", CheckState::kPass,
         Msg("cas.validation.success", {{"user", v.user}}), v.user);
  for (const std::string& name : run->attributes) {
    auto found = v.attributes.find(name);
    bool present = found != v.attributes.end();
    Check& check =
        Record(run, "cas.attribute." + name, present ? CheckState::kPass : CheckState::kFail,
               Msg(present ? "cas.attribute.released" : "cas.attribute.missing", {{"name", name}}),
               present && !found->second.empty() ? found->second.front() : "");
    check.expected = name;
  }
  Finish(run);
}

void Validate(const RunPtr& run, const std::string& ticket) {
  std::string url =
      WithQueryParameter(WithQueryParameter(run->cas_url + ValidatePath(run->validate_version),
                                            "service", run->service),
                         "ticket", ticket);
  Request request;
  request.url = url;
  request.coalesce = false;
  request.follow_redirects = false;
  run->transport->Submit(request, [run, url](const FetchResult& r) {
    Step(run, "GET", url, r);
    if (!r.ok) return StopOnTransport(run, "cas.validation", r);
    if (r.response.status != 200) {
      return Stop(run, "cas.validation", CheckState::kError,
                  Msg("cas.validation.status", {{"status", std::to_string(r.response.status)}}));
    }
    int version = run->validate_version;
    std::string body = r.response.body;
    Analyse<CasValidation>(
        run, "cas.validation", [body, version] { return ParseCasValidation(body, version); },
        [run](const CasValidation& v) { JudgeValidation(run, v); });
  });
}

void OnTicket(const RunPtr& run, const std::string& ticket) {
  if (!run->expect_ticket) {
    return Stop(run, "cas.ticket", CheckState::kFail,
                Msg("cas.ticket.unexpected", {{"service", run->redactor->Redact(run->service)}}));
  }
  Record(run, "cas.ticket", CheckState::kPass, Msg("cas.ticket.issued"));
  if (run->service_page || run->referrer_safe) return FollowToService(run, ticket);
  if (run->validate_version > 0) return Validate(run, ticket);
  Finish(run);
}

// No ticket after the credentials were posted: for a registered service the login could
// not be completed (an error saying what to check, never a non-conformity); for one that
// must get no ticket, that is the expected outcome.
// Refuses to send credentials where they do not belong: only over HTTPS to the ENT's own
// origins (base_url, sso.cas, sso.credential_origins). The ENT serving a form that posts a
// password in clear is a finding; a form posting to an origin the target did not declare
// cannot be checked without handing the password to a third party.
bool RefuseUnsafeForm(const RunPtr& run, const std::string& action) {
  std::optional<Check> unsafe =
      UnsafeFormTarget(*run->target, action, run->cas_url, *run->redactor);
  if (!unsafe) return false;
  Stop(run, unsafe->key, unsafe->state, unsafe->message, unsafe->observed);
  return true;
}

void PostCredentials(const RunPtr& run, const HtmlForm& form, const std::string& page_url);

void OnNoTicket(const RunPtr& run, const Response& answer, const FormsFound& found) {
  std::string status = std::to_string(answer.status);
  // The form shown again: the credentials may have been refused, so a missing ticket
  // proves nothing about the service.
  const HtmlForm* again = PasswordForm(found);
  bool form_again = again != nullptr;
  // Once more into the fresh form first (kCredentialPosts).
  if (form_again && run->credential_posts < kCredentialPosts) {
    if (RefuseUnsafeForm(run, FormTarget(*again, answer.effective_url))) return;
    return PostCredentials(run, *again, answer.effective_url);
  }
  if (!run->expect_ticket && !form_again) {
    return Stop(run, "cas.ticket", CheckState::kPass, Msg("cas.ticket.none"));
  }
  if (form_again && run->refused_login_fails) {
    return Stop(run, "cas.ticket", CheckState::kFail,
                Msg("cas.login.account_refused", {{"account", run->account}}), "HTTP " + status);
  }
  if (form_again) {
    return Stop(run, "cas.ticket", CheckState::kError, Msg("cas.login.form_again"),
                "HTTP " + status);
  }
  if (answer.status == 401 || answer.status == 403) {
    return Stop(run, "cas.ticket", CheckState::kError,
                Msg("cas.login.forbidden", {{"status", status}}), "HTTP " + status);
  }
  if (answer.status >= 400) {
    return Stop(run, "cas.ticket", CheckState::kError,
                Msg("cas.login.status", {{"status", status}}), "HTTP " + status);
  }
  std::vector<std::string> locations = answer.HeaderValues("Location");
  if (IsRedirectStatus(answer.status) && !locations.empty()) {
    // Where the login led instead of the service, without its query (it may carry tokens).
    std::string target = ResolveUrl(answer.effective_url, locations.front());
    target = run->redactor->Redact(target.substr(0, target.find_first_of("?#")).substr(0, 200));
    return Stop(run, "cas.ticket", CheckState::kError,
                Msg("cas.login.redirect_without_ticket", {{"target", target}}),
                "HTTP " + status + " -> " + target);
  }
  Stop(run, "cas.ticket", CheckState::kError, Msg("cas.login.unexpected", {{"status", status}}),
       "HTTP " + status);
}

void PostCredentials(const RunPtr& run, const HtmlForm& form, const std::string& page_url) {
  std::string url = FormTarget(form, page_url);
  ++run->credential_posts;
  // As a browser posts it: CSRF-protected servers refuse a post without Origin or Referer.
  Request post = FormPost(page_url, url, FillForm(form, run->login, run->password));
  run->browser->Fetch(
      post, StayOnCas(run), [run, url](const FetchResult& r, const std::vector<std::string>&) {
        Step(run, "POST", url, r);
        if (!r.ok) return StopOnTransport(run, "cas.ticket", r);
        if (std::optional<std::string> ticket = TicketFrom(run, r)) {
          return OnTicket(run, *ticket);
        }
        Response response = r.response;
        Analyse<FormsFound>(
            run, "cas.ticket", [response] { return FormsOf(response.body); },
            [run, response](const FormsFound& found) { OnNoTicket(run, response, found); });
      });
}

void SubmitCredentials(const RunPtr& run, const HtmlForm& form, const std::string& page_url) {
  if (RefuseUnsafeForm(run, FormTarget(form, page_url))) return;
  Record(run, "cas.login_form", CheckState::kPass, Msg("cas.form.found"));
  PostCredentials(run, form, page_url);
}

void OnLoginForms(const RunPtr& run, const Response& page, const FormsFound& found) {
  if (!found.error.empty()) {
    return Stop(run, "cas.login_form", CheckState::kError, Msg("cas.form.unreadable"), found.error);
  }
  if (const HtmlForm* form = PasswordForm(found)) {
    if (run->expect_sso) {
      Record(run, "cas.single_sign_on", CheckState::kFail, Msg("cas.sso.asked_again"),
             "HTTP " + std::to_string(page.status));
    }
    return SubmitCredentials(run, *form, page.effective_url);
  }
  std::string status = std::to_string(page.status);
  if (!run->expect_ticket) {
    // The server was recognised beforehand: a page without a form here is its refusal.
    Record(run, "cas.login_form", CheckState::kNotApplicable, Msg("cas.form.none_for_service"),
           "HTTP " + status);
    return Stop(run, "cas.ticket", CheckState::kPass, Msg("cas.ticket.none"));
  }
  Stop(run, "cas.login_form", CheckState::kError, Msg("cas.form.missing", {{"status", status}}),
       "HTTP " + status);
}

void OnLoginPage(const RunPtr& run, const FetchResult& r) {
  if (!r.ok) return StopOnTransport(run, "cas.login_form", r);
  if (std::optional<std::string> ticket = TicketFrom(run, r)) {
    // An existing SSO session (or no authentication at all): no form was needed.
    Record(run, "cas.login_form", CheckState::kNotApplicable, Msg("cas.form.sso_session"));
    if (run->expect_sso) {
      Record(run, "cas.single_sign_on", CheckState::kPass, Msg("cas.sso.session_reused"));
    }
    return OnTicket(run, *ticket);
  }
  bool unknown_page = r.response.status == 404 || r.response.status == 405;
  if (r.response.status >= 500 || (unknown_page && run->expect_ticket)) {
    return Stop(run, "cas.login_form", CheckState::kError,
                Msg("cas.login_page.status", {{"status", std::to_string(r.response.status)}}));
  }
  Response response = r.response;
  Analyse<FormsFound>(
      run, "cas.login_form", [response] { return FormsOf(response.body); },
      [run, response](const FormsFound& found) { OnLoginForms(run, response, found); });
}

void StartLogin(const RunPtr& run) {
  Request request;
  request.url = WithQueryParameter(run->cas_url + "/login", "service", run->service);
  std::string url = request.url;
  run->browser->Fetch(request, StayOnCas(run),
                      [run, url](const FetchResult& r, const std::vector<std::string>&) {
                        Step(run, "GET", url, r);
                        OnLoginPage(run, r);
                      });
}

// For a service that must get no ticket, the CAS server must first be recognised at its
// URL (its login form without a service): a 404 or an unrelated page would otherwise read as
// a refusal.
void RecogniseServer(const RunPtr& run) {
  Request request;
  request.url = run->cas_url + "/login";
  // A session of its own: a CAS server may remember this first visit (LemonLDAP::NG keeps it
  // in a cookie) and send the login that follows back to it instead of to the service.
  auto first_visit = BrowserSession::Create(run->transport, run->max_redirects);
  first_visit->Fetch(
      request, StayOnCas(run),
      [run, url = request.url](const FetchResult& r, const std::vector<std::string>&) {
        Step(run, "GET", url, r);
        if (!r.ok) return StopOnTransport(run, "cas.server", r);
        Response response = r.response;
        Analyse<FormsFound>(
            run, "cas.server", [response] { return FormsOf(response.body); },
            [run, response](const FormsFound& found) {
              if (!PasswordForm(found)) {
                return Stop(
                    run, "cas.server", CheckState::kError,
                    Msg("cas.server.not_recognised", {{"status", std::to_string(response.status)}}),
                    "HTTP " + std::to_string(response.status));
              }
              Record(run, "cas.server", CheckState::kPass, Msg("cas.server.recognised"));
              StartLogin(run);
            });
      });
}

void Start(const RunPtr& run) {
  run->pending_keys = PlannedKeys(*run);
  if (run->cas_url.rfind("https://", 0) != 0) {
    return Stop(run, "cas.login_form", CheckState::kError,
                Msg("cas.url_not_https", {{"url", run->redactor->Redact(run->cas_url)}}));
  }
  if (!run->expect_ticket) return RecogniseServer(run);
  StartLogin(run);
}

std::optional<int> ParseValidate(YamlReader& r, const YamlNode& expect, const std::string& what) {
  std::optional<std::string> v = r.Enum(expect, "validate", {"1", "2", "3"}, false, what);
  if (!v) return std::nullopt;
  return std::stoi(*v);
}

bool ParseExpect(YamlReader& r, const YamlNode& node, const std::string& what,
                 CasProbeConfig* config) {
  YamlNode expect = node["expect"];
  std::string where = what + ".expect";
  if (!expect) {
    r.Error(node, what + ": missing required key 'expect'");
    return false;
  }
  if (!r.ExpectMap(expect, where)) return false;
  r.CheckKeys(expect,
              {"ticket", "validate", "attributes", "service", "login_refused", "single_sign_on",
               "referrer"},
              where);
  config->referrer_safe = r.Enum(expect, "referrer", {"safe"}, false, where).value_or("") == "safe";
  config->single_sign_on = r.Boolean(expect, "single_sign_on", false, where).value_or(false);
  config->expect_ticket = r.Boolean(expect, "ticket", false, where).value_or(true);
  config->refused_login_fails =
      r.Enum(expect, "login_refused", {"error", "fail"}, false, where).value_or("error") == "fail";
  config->validate_version = ParseValidate(r, expect, where).value_or(0);
  config->attributes = r.StringList(expect, "attributes", {}, where);
  if (expect["service"]) {
    config->service_page = ParseMatcher(r, expect["service"], where + ".service");
    if (!config->service_page) return false;
  }
  if (!config->attributes.empty() && config->validate_version < 2) {
    r.Error(expect, where + ": attributes need validate: 2 or 3");
    return false;
  }
  if ((config->service_page || config->referrer_safe) && config->validate_version > 0) {
    r.Error(expect, where + ": a ticket is used once: choose either validate or service");
    return false;
  }
  if (!config->expect_ticket && (config->validate_version > 0 || config->service_page ||
                                 config->single_sign_on || config->referrer_safe)) {
    r.Error(expect, where + ": with ticket: false there is nothing to validate or follow");
    return false;
  }
  return true;
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseCasProbe(YamlReader& r, const YamlNode& node,
                                                 const std::string& what) {
  auto config = std::make_shared<CasProbeConfig>();
  YamlNode login = node["login"];
  std::string where = what + ".login";
  if (!login) {
    r.Error(node, what + ": missing required key 'login' ({account, service})");
    return nullptr;
  }
  if (!r.ExpectMap(login, where)) return nullptr;
  r.CheckKeys(login, {"cas_url", "account", "service"}, where);
  config->cas_url = r.String(login, "cas_url", false, where).value_or("${cas_url}");
  std::optional<std::string> account = r.String(login, "account", true, where);
  std::optional<std::string> service = r.String(login, "service", true, where);
  if (!ParseExpect(r, node, what, config.get()) || !account || !service) return nullptr;
  config->account = *account;
  config->service = *service;
  return config;
}

std::vector<std::string> CasProbeVariables(const ProbeConfig& base) {
  const auto& config = static_cast<const CasProbeConfig&>(base);
  std::vector<std::string> names;
  for (const std::string* text : {&config.cas_url, &config.account, &config.service}) {
    for (std::string& name : ReferencedVariables(*text)) names.push_back(name);
  }
  if (config.service_page) {
    for (std::string& name : MatcherVariables(*config.service_page)) names.push_back(name);
  }
  return names;
}

namespace {

// The logins of a fan-out: one browser session per account, the sessions concurrently. In
// a session, the first login types the credentials; the account's other services then open
// together on its SSO session, as a user opens services in several tabs.
struct FanOut {
  const CasProbeConfig* config = nullptr;
  std::string cas_url;
  std::shared_ptr<const Matcher> service_page;  // with its ${...} expanded
  ProbeContext context;
  std::vector<AccountLogins> plan;
  std::vector<std::vector<ProbeOutcome>> results;  // per session, per login: report order
  int pending = 0;                                 // logins not finished
  ProbeDone done;
};

void RunLogin(const std::shared_ptr<FanOut>& fan, size_t session_index, size_t login_index,
              const std::shared_ptr<BrowserSession>& browser);

void FinishLogin(const std::shared_ptr<FanOut>& fan, size_t session_index, size_t login_index,
                 const std::shared_ptr<BrowserSession>& browser, ProbeOutcome outcome) {
  fan->results[session_index][login_index] = std::move(outcome);
  if (login_index == 0) {
    size_t logins = fan->plan[session_index].services.size();
    for (size_t next = 1; next < logins; ++next) RunLogin(fan, session_index, next, browser);
  }
  if (--fan->pending > 0) return;
  ProbeOutcome total;
  for (std::vector<ProbeOutcome>& session : fan->results) {
    for (ProbeOutcome& login : session) total.Append(std::move(login));
  }
  fan->done(std::move(total));
}

std::shared_ptr<CasRun> NewRun(const FanOut& fan, const Account& account,
                               const std::string& service) {
  const CasProbeConfig& config = *fan.config;
  auto run = std::make_shared<CasRun>();
  run->cas_url = fan.cas_url;
  run->service = service;
  run->subject = account.id + " -> " + fan.context.redactor->Redact(service);
  run->account = account.id;
  run->refused_login_fails = config.refused_login_fails;
  run->login = account.login;
  run->password = account.password.value;
  run->expect_ticket = config.expect_ticket;
  run->validate_version = config.validate_version;
  run->attributes = config.attributes;
  run->service_page = fan.service_page;
  run->max_redirects = fan.context.max_redirects;
  run->transport = fan.context.transport;
  run->redactor = fan.context.redactor;
  run->target = fan.context.target;
  run->executor = fan.context.executor;
  return run;
}

void RunLogin(const std::shared_ptr<FanOut>& fan, size_t session_index, size_t login_index,
              const std::shared_ptr<BrowserSession>& browser) {
  const AccountLogins& session = fan->plan[session_index];
  const Account& account = *session.account;
  const std::string& service = session.services[login_index];
  std::shared_ptr<CasRun> run = NewRun(*fan, account, service);
  run->browser = browser;
  run->expect_sso = fan->config->single_sign_on && login_index > 0;
  run->referrer_safe = fan->config->referrer_safe;
  run->done = [fan, session_index, login_index, browser, account_id = account.id,
               service_url = fan->context.redactor->Redact(service)](ProbeOutcome o) {
    for (Check& check : o.checks) {
      check.account = account_id;
      check.service = service_url;
    }
    FinishLogin(fan, session_index, login_index, browser, std::move(o));
  };
  Start(run);
}

}  // namespace

void RunCasProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                 ProbeDone done) {
  const auto& config = static_cast<const CasProbeConfig&>(base);
  Message error;
  std::optional<std::string> cas_url = ExpandVariables(config.cas_url, variables, &error);
  std::optional<std::string> service = ExpandVariables(config.service, variables, &error);
  std::optional<std::string> account_spec = ExpandVariables(config.account, variables, &error);
  if (!cas_url || !service || !account_spec) return done(SetupError(error));
  if (cas_url->empty())
    return done(SetupError(Msg("variable.not_in_target", {{"name", "cas_url"}})));
  if (!context.target) return done(SetupError(Msg("probe.no_target")));
  auto fan = std::make_shared<FanOut>();
  fan->plan = PlanLogins(*account_spec, *service, *context.target, &error);
  if (!error.empty()) return done(SetupError(error));
  if (fan->plan.empty()) {
    Check none;
    none.key = "cas.logins";
    none.state = CheckState::kNotApplicable;
    none.message = Msg("cas.no_service_for_profiles");
    return done(SingleCheck(std::move(none)));
  }
  if (config.service_page) {
    std::optional<Matcher> expanded = ExpandMatcher(*config.service_page, variables, &error);
    if (!expanded) return done(SetupError(error));
    fan->service_page = std::make_shared<const Matcher>(std::move(*expanded));
  }
  fan->config = &config;
  fan->cas_url = *cas_url;
  fan->context = context;
  for (const AccountLogins& session : fan->plan) {
    fan->results.emplace_back(session.services.size());
    fan->pending += static_cast<int>(session.services.size());
  }
  fan->done = std::move(done);
  for (size_t i = 0; i < fan->plan.size(); ++i) {
    RunLogin(fan, i, 0, BrowserSession::Create(context.transport, context.max_redirects));
  }
}

}  // namespace sdetcheck
