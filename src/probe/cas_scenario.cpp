#include "probe/cas_scenario.h"

#include <algorithm>

#include "net/redirect.h"
#include "net/url.h"
#include "probe/http_record.h"
#include "util/redactor.h"

namespace sdetcheck {

std::shared_ptr<BrowserSession> NewBrowser(const ScenarioPtr& s) {
  return BrowserSession::Create(s->context.transport, s->context.max_redirects);
}

CasLogin LoginTo(const ScenarioPtr& s, const std::shared_ptr<BrowserSession>& browser,
                 const std::string& service,
                 std::vector<std::pair<std::string, std::string>> extra) {
  CasLogin login;
  login.cas_url = s->cas_url;
  login.service = service;
  login.extra = std::move(extra);
  login.login = s->account->login;
  login.password = s->account->password.value;
  login.subject = s->subject;
  login.browser = browser;
  login.target = s->context.target;
  login.redactor = s->context.redactor;
  login.executor = s->context.executor;
  login.outcome = &s->outcome;
  return login;
}

namespace {

using LoggedInDone = std::function<void(std::optional<LoggedIn>)>;

Flow LogInFlow(ScenarioPtr s, std::vector<std::string> keys, LoggedInDone done) {
  LoggedIn in;
  in.browser = NewBrowser(s);
  in.ticket = co_await ObtainTicket(LoginTo(s, in.browser, s->service));
  if (!in.ticket.ticket) {
    AddBlocked(s, *in.ticket.problem, keys);
    co_return done(std::nullopt);
  }
  done(std::move(in));
}

}  // namespace

Completion<std::optional<LoggedIn>> LogIn(const ScenarioPtr& s, std::vector<std::string> keys) {
  return Completion<std::optional<LoggedIn>>(
      [s, keys = std::move(keys)](LoggedInDone done) { LogInFlow(s, keys, std::move(done)); });
}

size_t Record(const ScenarioPtr& s, const std::string& method, const std::string& url,
              const FetchResult& r) {
  return s->outcome.AddEvidence(RecordExchange(method, url, r, *s->context.redactor));
}

ValidationQuery TicketQuery(const std::string& service, const std::string& ticket,
                            const std::string& path, int version) {
  ValidationQuery query;
  query.path = path;
  query.version = version;
  query.params = {{"service", service}, {"ticket", ticket}};
  return query;
}

namespace {

using ValidationDone = std::function<void(Validation)>;

Flow ValidationFlow(ScenarioPtr s, ValidationQuery query, ValidationDone done) {
  Validation v;
  Request request;
  request.url = s->cas_url + query.path;
  for (const auto& [name, value] : query.params) {
    request.url = WithQueryParameter(request.url, name, value);
  }
  request.coalesce = false;
  request.follow_redirects = false;
  FetchResult r = co_await Send(s->context.transport, request);
  v.evidence = Record(s, "GET", request.url, r);
  const Redactor& redactor = *s->context.redactor;
  if (!r.ok) {
    v.problem = TransportCheck("cas.validation", s->subject, r, v.evidence, redactor);
  } else if (r.response.status != 200) {
    v.problem.state = CheckState::kError;
    v.problem.message =
        Msg("cas.validation.status", {{"status", std::to_string(r.response.status)}});
    v.problem.observed = "HTTP " + std::to_string(r.response.status);
  } else {
    v.content_type = r.response.ContentType();
    v.body = std::move(r.response.body);
    std::optional<CasValidation> parsed = co_await Analysed<CasValidation>(
        s->context.executor, ParseCasValidation, v.body, query.version);
    v.answered = parsed.has_value();
    if (parsed) v.parsed = std::move(*parsed);
    if (!parsed) v.problem.message = Msg("analysis.timeout");
  }
  v.problem.evidence = {v.evidence};
  done(std::move(v));
}

}  // namespace

Completion<Validation> Validate(const ScenarioPtr& s, ValidationQuery query) {
  return Completion<Validation>([s, query = std::move(query)](ValidationDone done) {
    ValidationFlow(s, query, std::move(done));
  });
}

Check& Add(const ScenarioPtr& s, const std::string& key, CheckState state, Message message,
           size_t evidence, const std::string& observed) {
  Check check;
  check.key = key;
  check.subject = s->subject;
  check.state = state;
  check.message = std::move(message);
  check.observed = s->context.redactor->RedactShort(observed, 300);
  check.evidence.push_back(evidence);
  s->outcome.checks.push_back(std::move(check));
  return s->outcome.checks.back();
}

void AddBlocked(const ScenarioPtr& s, Check problem, const std::vector<std::string>& keys) {
  if (problem.subject.empty()) problem.subject = s->subject;
  s->outcome.checks.push_back(problem);
  for (const std::string& key : keys)
    s->outcome.checks.push_back(Blocked(key, s->subject, problem));
}

void JudgeRefusal(const ScenarioPtr& s, const std::string& key, const Validation& v,
                  const std::vector<std::string>& codes) {
  using Status = CasValidation::Status;
  std::string expected;
  for (const std::string& code : codes) expected += (expected.empty() ? "" : " | ") + code;
  if (!v.answered) {
    Check& check =
        Add(s, key, CheckState::kError, v.problem.message, v.evidence, v.problem.observed);
    check.expected = expected;
    return;
  }
  const CasValidation& p = v.parsed;
  Check* check = nullptr;
  if (p.status == Status::kMalformed) {
    check =
        &Add(s, key, CheckState::kError, Msg("cas.validation.malformed"), v.evidence, p.problem);
  } else if (p.status == Status::kSuccess) {
    check = &Add(s, key, CheckState::kFail, Msg("cas.protocol.accepted", {{"user", p.user}}),
                 v.evidence, "authenticationSuccess");
  } else if (codes.empty() ||
             std::find(codes.begin(), codes.end(), p.failure_code) != codes.end()) {
    check = &Add(s, key, CheckState::kPass, Msg("cas.protocol.refused", {{"code", p.failure_code}}),
                 v.evidence, p.failure_code);
  } else {
    check = &Add(s, key, CheckState::kFail,
                 Msg("cas.protocol.wrong_code", {{"code", p.failure_code}, {"expected", expected}}),
                 v.evidence, p.failure_code);
  }
  check->expected = expected;
}

void Finish(const ScenarioPtr& s) {
  for (Check& check : s->outcome.checks) {
    if (!check.account.empty() || !check.service.empty()) continue;  // labelled by the scenario
    if (s->account) check.account = s->account->id;
    check.service = s->context.redactor->Redact(s->service);
  }
  ProbeDone done = std::move(s->done);
  done(std::move(s->outcome));
}

std::string RedirectTarget(const FetchResult& r) {
  if (!r.ok || !IsRedirectStatus(r.response.status)) return "";
  std::vector<std::string> locations = r.response.HeaderValues("Location");
  if (locations.empty()) return "";
  return ResolveUrl(r.response.effective_url, locations.front());
}

}  // namespace sdetcheck
