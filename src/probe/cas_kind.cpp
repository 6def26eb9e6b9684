#include "probe/cas_kind.h"

#include <algorithm>

#include "html/document.h"
#include "net/browser_session.h"
#include "net/url.h"
#include "probe/cas_validation.h"
#include "probe/matcher_parser.h"
#include "probe/matcher_variables.h"
#include "target/profile.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

constexpr size_t kExcerptBytes = 400;

struct CasProbeConfig : ProbeConfig {
  std::string cas_url = "${cas_url}";
  std::string account;
  std::string service;
  bool expect_ticket = true;
  int validate_version = 0;  // 0 = do not validate; 1, 2 or 3
  std::vector<std::string> attributes;
  std::optional<Matcher> service_page;
};

struct CasRun {
  std::string cas_url, service, login, password;
  int validate_version = 0;
  bool expect_ticket = true;
  std::vector<std::string> attributes;
  std::shared_ptr<const Matcher> service_page;  // shared: parsing may outlive the run
  std::shared_ptr<BrowserSession> browser;
  Transport* transport = nullptr;
  const Redactor* redactor = nullptr;
  const TargetProfile* target = nullptr;
  Executor* executor = nullptr;
  ProbeOutcome outcome;
  ProbeDone done;
};
using RunPtr = std::shared_ptr<CasRun>;

void Finish(const RunPtr& run, ProbeOutcome::Status status, const std::string& message) {
  run->outcome.status = status;
  run->outcome.message = run->redactor->Redact(message);
  run->done(run->outcome);
}

Evidence& Step(const RunPtr& run, const std::string& method, const std::string& url,
               const FetchResult& r) {
  Evidence e;
  e.request = method + " " + run->redactor->Redact(url);
  if (r.ok) {
    e.status = r.response.status;
    e.final_url = run->redactor->Redact(r.response.effective_url);
    e.tls_version = r.response.tls_version;
    for (const auto& [name, value] : r.response.headers) {
      if (name == "Location" || name == "location" || name == "Set-Cookie" ||
          name == "set-cookie" || name == "Content-Type" || name == "content-type") {
        e.headers.emplace_back(name, run->redactor->RedactHeader(name, value));
      }
    }
    e.excerpt =
        run->redactor->RedactShort(r.response.body.substr(0, kExcerptBytes + 4096), kExcerptBytes);
  }
  run->outcome.evidence.push_back(e);
  return run->outcome.evidence.back();
}

void Note(const RunPtr& run, const std::string& line) {
  run->outcome.evidence.back().checks.push_back(run->redactor->Redact(line));
}

// Runs `work` (parsing what the server sent) on the executor, then `then` with its result
// on the loop; past the deadline the login ends in an error.
template <typename T>
void Analyse(const RunPtr& run, std::function<T()> work, std::function<void(T)> then) {
  RunBounded<T>(run->executor, std::move(work),
                [run, then = std::move(then)](std::optional<T> result) {
                  if (!result) return Finish(run, ProbeOutcome::Status::kError, kAnalysisTimedOut);
                  then(std::move(*result));
                });
}

struct FormsFound {
  std::vector<HtmlForm> forms;
  std::string error;  // the page is beyond the HTML limits
};

FormsFound FormsOf(const std::string& body) {
  FormsFound found;
  FindHtmlForms(body, &found.forms, &found.error);
  return found;
}

bool IsTicketRedirect(const RunPtr& run, const std::string& location) {
  // Same origin first: "https://ent.fr" is a prefix of "https://ent.fr.evil/".
  return OriginOf(location) == OriginOf(run->service) && location.rfind(run->service, 0) == 0 &&
         QueryParameter(location, "ticket").has_value();
}

// Redirects are followed while they stay on the CAS server and carry no ticket.
BrowserSession::FollowPolicy StayOnCas(const RunPtr& run) {
  return [run](const std::string& location) {
    return OriginOf(location) == OriginOf(run->cas_url) && !IsTicketRedirect(run, location);
  };
}

std::optional<std::string> TicketFrom(const RunPtr& run, const FetchResult& r) {
  for (const std::string& location : r.response.HeaderValues("Location")) {
    std::string absolute = ResolveUrl(r.response.effective_url, location);
    if (IsTicketRedirect(run, absolute)) return QueryParameter(absolute, "ticket");
  }
  return std::nullopt;
}

void JudgeServicePage(const RunPtr& run, const MatchResult& match);

void FollowToService(const RunPtr& run, const std::string& ticket) {
  std::string url = WithQueryParameter(run->service, "ticket", ticket);
  std::string origin = OriginOf(run->service);
  Request request;
  request.url = url;
  run->browser->Fetch(
      request, [origin](const std::string& next) { return OriginOf(next) == origin; },
      [run, url](const FetchResult& r, const std::vector<std::string>&) {
        Step(run, "GET", url, r);
        if (!r.ok) return Finish(run, ProbeOutcome::Status::kError, r.error);
        Response response = r.response;
        Analyse<MatchResult>(
            run,
            [matcher = run->service_page, response, redactor = run->redactor] {
              return Evaluate(*matcher, response, redactor);
            },
            [run](MatchResult match) { JudgeServicePage(run, match); });
      });
}

void JudgeServicePage(const RunPtr& run, const MatchResult& match) {
  for (const std::string& line : match.lines) Note(run, run->redactor->RedactShort(line, 300));
  using State = MatchResult::State;
  if (match.state == State::kError) return Finish(run, ProbeOutcome::Status::kError, match.error);
  if (match.state == State::kFail) {
    return Finish(run, ProbeOutcome::Status::kFail,
                  "the service did not answer as expected after login: " +
                      (match.lines.empty() ? "" : match.lines.front()));
  }
  Finish(run, ProbeOutcome::Status::kPass, "");
}

std::string ValidatePath(int version) {
  return version == 1 ? "/validate" : version == 2 ? "/serviceValidate" : "/p3/serviceValidate";
}

void JudgeValidation(const RunPtr& run, const CasValidation& v) {
  using Status = CasValidation::Status;
  if (v.status == Status::kMalformed) return Finish(run, ProbeOutcome::Status::kError, v.problem);
  if (v.status == Status::kFailure) {
    Note(run, "[fail] ticket refused at validation: " + v.failure_code);
    return Finish(run, ProbeOutcome::Status::kFail,
                  "the CAS server refused its own ticket (" + v.failure_code + ")");
  }
  Note(run, "[pass] ticket validated for user " + v.user);
  std::string missing;
  for (const std::string& name : run->attributes) {
    bool present = v.attributes.count(name) > 0;
    Note(run, std::string(present ? "[pass] attribute " : "[fail] attribute ") + name +
                  (present ? " released" : " missing"));
    if (!present) missing += (missing.empty() ? "" : ", ") + name;
  }
  if (!missing.empty())
    return Finish(run, ProbeOutcome::Status::kFail,
                  "attributes missing from the CAS answer: " + missing);
  Finish(run, ProbeOutcome::Status::kPass, "");
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
    if (!r.ok) return Finish(run, ProbeOutcome::Status::kError, r.error);
    if (r.response.status != 200) {
      return Finish(run, ProbeOutcome::Status::kError,
                    "validation endpoint answered HTTP " + std::to_string(r.response.status));
    }
    int version = run->validate_version;
    std::string body = r.response.body;
    Analyse<CasValidation>(
        run, [body, version] { return ParseCasValidation(body, version); },
        [run](CasValidation v) { JudgeValidation(run, v); });
  });
}

void OnTicketOutcome(const RunPtr& run, const std::optional<std::string>& ticket,
                     const std::string& why_none) {
  if (!run->expect_ticket) {
    if (ticket) {
      Note(run, "[fail] a service ticket was issued for " + run->service);
      return Finish(run, ProbeOutcome::Status::kFail,
                    "the CAS server issued a ticket for " + run->service);
    }
    Note(run, "[pass] no ticket issued: " + why_none);
    return Finish(run, ProbeOutcome::Status::kPass, "");
  }
  if (!ticket) {
    Note(run, "[fail] no ticket: " + why_none);
    return Finish(run, ProbeOutcome::Status::kFail, "login gave no service ticket: " + why_none);
  }
  Note(run, "[pass] service ticket issued");
  if (run->service_page) return FollowToService(run, *ticket);
  if (run->validate_version > 0) return Validate(run, *ticket);
  Finish(run, ProbeOutcome::Status::kPass, "");
}

std::string WhyNoTicket(const Response& r, const FormsFound& found) {
  for (const HtmlForm& form : found.forms) {
    if (form.FirstOfType("password")) return "the login form came back (credentials refused?)";
  }
  return "HTTP " + std::to_string(r.status) + " without a ticket";
}

std::vector<std::pair<std::string, std::string>> FillForm(const HtmlForm& form, const RunPtr& run) {
  std::vector<std::pair<std::string, std::string>> fields;
  bool user_set = false;
  for (const HtmlInput& input : form.inputs) {
    if (input.name.empty() || input.type == "submit" || input.type == "button" ||
        input.type == "image" || input.type == "checkbox" || input.type == "radio" ||
        input.type == "reset") {
      continue;
    }
    std::string value = input.value;
    if (input.type == "password") value = run->password;
    if (!user_set && (input.type == "text" || input.type == "email")) {
      value = run->login;
      user_set = true;
    }
    fields.emplace_back(input.name, value);
  }
  return fields;
}

// Where a form would send the password, and whether that is allowed: only over HTTPS to
// the ENT's own origins (base_url, sso.cas, sso.credential_origins).
enum class FormTarget { kAllowed, kPlainHttp, kOtherOrigin, kNotHttp };

FormTarget ClassifyFormTarget(const RunPtr& run, const std::string& url) {
  if (run->target->AcceptsCredentials(url)) return FormTarget::kAllowed;
  if (url.rfind("https://", 0) == 0) return FormTarget::kOtherOrigin;
  return url.rfind("http://", 0) == 0 ? FormTarget::kPlainHttp : FormTarget::kNotHttp;
}

// Refuses to send credentials where they do not belong. The ENT serving a form that posts a
// password in clear is a finding; a form posting to an origin the target did not declare
// cannot be checked without handing the password to a third party.
bool RefuseUnsafeForm(const RunPtr& run, const std::string& action) {
  switch (ClassifyFormTarget(run, action)) {
    case FormTarget::kAllowed:
      return false;
    case FormTarget::kPlainHttp:
      Note(run, "[fail] the login form posts the password over plain HTTP: " + action);
      Finish(run, ProbeOutcome::Status::kFail,
             "the CAS login form would send the password over plain HTTP (" + action +
                 "); sdetcheck did not send it");
      return true;
    case FormTarget::kOtherOrigin:
      Note(run, "[error] the login form posts to another origin: " + action);
      Finish(run, ProbeOutcome::Status::kError,
             "the CAS login form posts to " + OriginOf(action) + ", not to the CAS server (" +
                 OriginOf(run->cas_url) +
                 "); the credentials were not sent. If that origin is part of the ENT's login, "
                 "declare it in the target profile (sso.credential_origins)");
      return true;
    case FormTarget::kNotHttp:
      Note(run, "[error] the login form's action is not an HTTP(S) URL: " + action);
      Finish(run, ProbeOutcome::Status::kError,
             "the CAS login form's action (" + action.substr(0, 80) +
                 ") is not an HTTP(S) URL: a script logs in, which sdetcheck cannot follow; the "
                 "credentials were not sent");
      return true;
  }
  return true;
}

void SubmitCredentials(const RunPtr& run, const HtmlForm& form, const std::string& page_url) {
  Request post;
  post.method = "POST";
  post.url = ResolveUrl(page_url, form.action.empty() ? page_url : form.action);
  if (RefuseUnsafeForm(run, post.url)) return;
  post.body = FormEncode(FillForm(form, run));
  post.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  std::string url = post.url;
  run->browser->Fetch(post, StayOnCas(run),
                      [run, url](const FetchResult& r, const std::vector<std::string>&) {
                        Step(run, "POST", url, r);
                        if (!r.ok) return Finish(run, ProbeOutcome::Status::kError, r.error);
                        if (r.response.status >= 500) {
                          return Finish(run, ProbeOutcome::Status::kError,
                                        "login answered HTTP " + std::to_string(r.response.status));
                        }
                        std::optional<std::string> ticket = TicketFrom(run, r);
                        if (ticket) return OnTicketOutcome(run, ticket, "");
                        Response response = r.response;
                        Analyse<FormsFound>(
                            run, [response] { return FormsOf(response.body); },
                            [run, response](FormsFound found) {
                              OnTicketOutcome(run, std::nullopt, WhyNoTicket(response, found));
                            });
                      });
}

void OnLoginForms(const RunPtr& run, const Response& page, const FormsFound& found);

void OnLoginPage(const RunPtr& run, const FetchResult& r) {
  if (!r.ok) return Finish(run, ProbeOutcome::Status::kError, r.error);
  if (std::optional<std::string> ticket = TicketFrom(run, r)) {
    Note(run, "ticket issued without a login form (existing SSO session or no authentication)");
    return OnTicketOutcome(run, ticket, "");
  }
  if (r.response.status >= 500) {
    return Finish(run, ProbeOutcome::Status::kError,
                  "CAS login page answered HTTP " + std::to_string(r.response.status));
  }
  Response response = r.response;
  Analyse<FormsFound>(
      run, [response] { return FormsOf(response.body); },
      [run, response](FormsFound found) { OnLoginForms(run, response, found); });
}

void OnLoginForms(const RunPtr& run, const Response& page, const FormsFound& found) {
  if (!found.error.empty())
    return Finish(run, ProbeOutcome::Status::kError, "CAS login page: " + found.error);
  for (const HtmlForm& form : found.forms) {
    if (!form.FirstOfType("password")) continue;
    Note(run, "[pass] login form found");
    return SubmitCredentials(run, form, page.effective_url);
  }
  std::string why = "no login form offered (HTTP " + std::to_string(page.status) + ")";
  if (!run->expect_ticket) return OnTicketOutcome(run, std::nullopt, why);
  Note(run, "[error] " + why);
  Finish(run, ProbeOutcome::Status::kError,
         "the CAS login page offers no login form (HTTP " + std::to_string(page.status) + " at " +
             page.effective_url + "): the login could not be attempted");
}

void Start(const RunPtr& run) {
  if (run->cas_url.rfind("https://", 0) != 0) {
    return Finish(run, ProbeOutcome::Status::kError,
                  "the CAS URL " + run->cas_url +
                      " is not HTTPS: sdetcheck sends credentials over HTTPS only");
  }
  Request request;
  request.url = WithQueryParameter(run->cas_url + "/login", "service", run->service);
  std::string url = request.url;
  run->browser->Fetch(request, StayOnCas(run),
                      [run, url](const FetchResult& r, const std::vector<std::string>&) {
                        Step(run, "GET", url, r);
                        OnLoginPage(run, r);
                      });
}

std::optional<int> ParseValidate(YamlReader& r, const YAML::Node& expect, const std::string& what) {
  std::optional<std::string> v = r.Enum(expect, "validate", {"1", "2", "3"}, false, what);
  if (!v) return std::nullopt;
  return std::stoi(*v);
}

bool ParseExpect(YamlReader& r, const YAML::Node& node, const std::string& what,
                 CasProbeConfig* config) {
  YAML::Node expect = node["expect"];
  std::string where = what + ".expect";
  if (!expect) {
    r.Error(node, what + ": missing required key 'expect'");
    return false;
  }
  if (!r.ExpectMap(expect, where)) return false;
  r.CheckKeys(expect, {"ticket", "validate", "attributes", "service"}, where);
  config->expect_ticket = r.Boolean(expect, "ticket", false, where).value_or(true);
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
  if (config->service_page && config->validate_version > 0) {
    r.Error(expect, where + ": a ticket is used once: choose either validate or service");
    return false;
  }
  if (!config->expect_ticket && (config->validate_version > 0 || config->service_page)) {
    r.Error(expect, where + ": with ticket: false there is nothing to validate or follow");
    return false;
  }
  return true;
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseCasProbe(YamlReader& r, const YAML::Node& node,
                                                 const std::string& what) {
  auto config = std::make_shared<CasProbeConfig>();
  YAML::Node login = node["login"];
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

// One login (account, service) of a fan-out. Accounts log in concurrently; the services of
// one account run one after the other in one browser session, as a user would (SSO).
struct Login {
  const Account* account;
  std::string service;
};

struct FanOut {
  const CasProbeConfig* config = nullptr;
  std::string cas_url;
  std::shared_ptr<const Matcher> service_page;  // with its ${...} expanded
  ProbeContext context;
  std::vector<std::vector<Login>> per_account;
  int pending = 0;
  ProbeOutcome total;
  ProbeDone done;
};

void Merge(const std::shared_ptr<FanOut>& fan, const Login& login, const ProbeOutcome& o) {
  ProbeOutcome& t = fan->total;
  for (Evidence e : o.evidence) {
    e.checks.insert(e.checks.begin(), "account " + login.account->id + " -> " + login.service);
    t.evidence.push_back(e);
  }
  bool worse = o.status == ProbeOutcome::Status::kError ||
               (o.status == ProbeOutcome::Status::kFail && t.status == ProbeOutcome::Status::kPass);
  if (worse) {
    t.status = o.status;
    t.message = "account " + login.account->id + ", " + login.service + ": " + o.message;
  }
}

void RunLogin(const std::shared_ptr<FanOut>& fan, size_t account_index, size_t login_index,
              std::shared_ptr<BrowserSession> browser) {
  const std::vector<Login>& logins = fan->per_account[account_index];
  if (login_index == logins.size()) {
    if (--fan->pending == 0) fan->done(fan->total);
    return;
  }
  const Login& login = logins[login_index];
  const CasProbeConfig& config = *fan->config;
  auto run = std::make_shared<CasRun>();
  run->cas_url = fan->cas_url;
  run->service = login.service;
  run->login = login.account->login;
  run->password = login.account->password.value;
  run->expect_ticket = config.expect_ticket;
  run->validate_version = config.validate_version;
  run->attributes = config.attributes;
  run->service_page = fan->service_page;
  run->browser = browser;
  run->transport = fan->context.transport;
  run->redactor = fan->context.redactor;
  run->target = fan->context.target;
  run->executor = fan->context.executor;
  run->done = [fan, account_index, login_index, browser, login](ProbeOutcome o) {
    Merge(fan, login, o);
    RunLogin(fan, account_index, login_index + 1, browser);
  };
  Start(run);
}

std::vector<const Account*> SelectAccounts(const std::string& spec, const TargetProfile& target,
                                           std::string* error) {
  std::vector<const Account*> accounts;
  if (spec == "*") {
    for (const Account& a : target.accounts) accounts.push_back(&a);
  } else if (spec == "each_profile") {
    std::vector<std::string> seen;
    for (const Account& a : target.accounts) {
      if (std::find(seen.begin(), seen.end(), a.profile) != seen.end()) continue;
      seen.push_back(a.profile);
      accounts.push_back(&a);
    }
  } else if (const Account* a = target.FindAccount(spec)) {
    accounts.push_back(a);
  } else {
    *error = "the target profile has no account '" + spec + "'";
  }
  if (accounts.empty() && error->empty()) *error = "the target profile lists no test account";
  return accounts;
}

// service "*": every target service the account's profile should reach.
std::vector<Login> LoginsFor(const Account* account, const std::string& service,
                             const TargetProfile& target) {
  std::vector<Login> logins;
  if (service != "*") return {{account, service}};
  for (const Service& s : target.services) {
    if (std::find(s.profiles.begin(), s.profiles.end(), account->profile) != s.profiles.end()) {
      logins.push_back({account, s.url});
    }
  }
  return logins;
}

ProbeOutcome ErrorOutcome(const std::string& message) {
  ProbeOutcome outcome;
  outcome.message = message;
  return outcome;
}

}  // namespace

void RunCasProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                 ProbeDone done) {
  const auto& config = static_cast<const CasProbeConfig&>(base);
  std::string error;
  std::optional<std::string> cas_url = ExpandVariables(config.cas_url, variables, &error);
  std::optional<std::string> service = ExpandVariables(config.service, variables, &error);
  std::optional<std::string> account_spec = ExpandVariables(config.account, variables, &error);
  if (!cas_url || !service || !account_spec)
    return done(ErrorOutcome(context.redactor->Redact(error)));
  if (cas_url->empty()) return done(ErrorOutcome("the target profile gives no CAS URL (sso.cas)"));
  if (!context.target) return done(ErrorOutcome("no target profile"));
  auto fan = std::make_shared<FanOut>();
  for (const Account* account : SelectAccounts(*account_spec, *context.target, &error)) {
    std::vector<Login> logins = LoginsFor(account, *service, *context.target);
    if (!logins.empty()) fan->per_account.push_back(logins);
  }
  if (!error.empty()) return done(ErrorOutcome(error));
  if (fan->per_account.empty())
    return done(ErrorOutcome(
        "no (account, service) pair to check: the target lists no service for these profiles"));
  if (config.service_page) {
    std::optional<Matcher> expanded = ExpandMatcher(*config.service_page, variables, &error);
    if (!expanded) return done(ErrorOutcome(context.redactor->Redact(error)));
    fan->service_page = std::make_shared<const Matcher>(std::move(*expanded));
  }
  fan->config = &config;
  fan->cas_url = *cas_url;
  fan->context = context;
  fan->pending = static_cast<int>(fan->per_account.size());
  fan->total.status = ProbeOutcome::Status::kPass;
  fan->total.expected =
      config.expect_ticket ? "login gives a service ticket" : "no ticket for the service";
  if (!config.attributes.empty()) {
    fan->total.expected += "; attributes released:";
    for (const std::string& a : config.attributes) fan->total.expected += " " + a;
  }
  if (config.service_page)
    fan->total.expected += "; service page: " + config.service_page->Describe();
  fan->done = std::move(done);
  for (size_t i = 0; i < fan->per_account.size(); ++i) {
    RunLogin(fan, i, 0, BrowserSession::Create(context.transport, context.max_redirects));
  }
}

}  // namespace sdetcheck
