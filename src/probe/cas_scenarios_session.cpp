// Scenarios about the SSO session: renew, gateway, which service URLs get a ticket, logout,
// the ticket-granting cookie (CAS protocol 3.0 §2.1-2.3, §3.6).

#include <algorithm>
#include <cctype>

#include "net/cookie_list.h"
#include "net/url.h"
#include "probe/cas_scenarios.h"
#include "probe/http_record.h"
#include "util/redactor.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

constexpr const char* kForeign = "https://sdetcheck-foreign.invalid/";

// What a CAS page did with a browser: sent it on with a ticket, asked for credentials, or
// something else.
struct LoginPage {
  enum class Shows { kTicket, kForm, kOther };
  Shows shows = Shows::kOther;
  bool answered = false;
  Check problem;
  size_t evidence = 0;
  std::string redirect;  // where the final answer sends the browser ("" if nowhere)
  // A redirect to plain HTTP: the browser refuses it before asking where it leads, so its
  // target is not known, only that it leaves the CAS server's HTTPS origin.
  bool downgrade = false;
  long status = 0;
  std::optional<Request> confirmation;  // submits the confirmation form of the page
};

using PageDone = std::function<void(LoginPage)>;

// The one form of a page without password field (a "renew your session?" confirmation),
// when it posts to the CAS server itself.
std::optional<HtmlForm> ConfirmationForm(const ScenarioPtr& s, const FormsFound& found,
                                         const std::string& page_url) {
  if (found.forms.size() != 1 || PasswordForm(found)) return std::nullopt;
  const HtmlForm& form = found.forms.front();
  std::string action = FormTarget(form, page_url);
  if (OriginOf(action) != OriginOf(s->cas_url)) return std::nullopt;
  return form;
}

// Reads what the answer `got` shows; with `confirm`, the request submitting a confirmation
// form (no credential in it) is left in page.confirmation.
Flow ReadPage(ScenarioPtr s, Browsed got, std::string service, bool confirm, LoginPage page,
              PageDone done) {
  page.downgrade = got.result.error_kind == FetchError::kDowngrade;
  page.answered = got.result.ok || page.downgrade;
  page.status = got.result.response.status;
  page.redirect = RedirectTarget(got.result);
  if (page.downgrade) {
    page.problem.observed = got.result.error;
  } else if (!got.result.ok) {
    page.problem = TransportCheck("cas.login_page", s->subject, got.result, page.evidence,
                                  *s->context.redactor);
  } else if (TicketFrom(service, got.result)) {
    page.shows = LoginPage::Shows::kTicket;
  } else if (page.redirect.empty()) {
    std::optional<FormsFound> forms =
        co_await Analysed<FormsFound>(s->context.executor, FormsOf, got.result.response.body);
    if (forms && PasswordForm(*forms)) page.shows = LoginPage::Shows::kForm;
    std::string url = got.result.response.effective_url;
    std::optional<HtmlForm> form =
        forms && confirm ? ConfirmationForm(s, *forms, url) : std::nullopt;
    if (form) {
      std::string action = FormTarget(*form, url);
      page.confirmation = FormPost(url, action, FillForm(*form, "", ""));
    }
  }
  done(std::move(page));
}

Completion<LoginPage> Read(const ScenarioPtr& s, Browsed got, const std::string& service,
                           bool confirm, LoginPage page) {
  return Completion<LoginPage>(
      [s, got = std::move(got), service, confirm, page = std::move(page)](PageDone done) {
        ReadPage(s, got, service, confirm, page, std::move(done));
      });
}

Flow LoginPageFlow(ScenarioPtr s, std::shared_ptr<BrowserSession> browser, Request request,
                   std::string service, bool confirm, PageDone done) {
  LoginPage page;
  BrowserSession::FollowPolicy follow = StayOnCas(s->cas_url, service);
  for (int round = 0; round < 2; ++round) {
    request.coalesce = false;
    Browsed got = co_await Browse(browser, request, follow);
    LoginPage fresh;
    fresh.evidence = Record(s, request.method, request.url, got.result);
    page = co_await Read(s, std::move(got), service, confirm && round == 0, std::move(fresh));
    if (!page.confirmation) break;
    request = *page.confirmation;
  }
  done(std::move(page));
}

// co_await ShowLogin(...): what GET `url` in `browser` leads to, redirects followed on the
// CAS server only; `confirm`: through a confirmation page (LemonLDAP::NG asks "renew your
// session?" before its login form).
Completion<LoginPage> ShowLogin(const ScenarioPtr& s,
                                const std::shared_ptr<BrowserSession>& browser,
                                const std::string& url, const std::string& service,
                                bool confirm = false) {
  Request request;
  request.url = url;
  return Completion<LoginPage>([s, browser, request, service, confirm](PageDone done) {
    LoginPageFlow(s, browser, request, service, confirm, std::move(done));
  });
}

// /login?service=... and one optional parameter (renew, gateway).
std::string LoginUrl(const ScenarioPtr& s, const std::string& service, const std::string& name = "",
                     const std::string& value = "") {
  std::string url = WithQueryParameter(s->cas_url + "/login", "service", service);
  return name.empty() ? url : WithQueryParameter(url, name, value);
}

// The redirect target as shown: without query (it may carry a ticket), bounded.
std::string Shown(const ScenarioPtr& s, const std::string& url) {
  return s->context.redactor->Redact(url.substr(0, url.find_first_of("?#")).substr(0, 200));
}

bool LeavesCas(const ScenarioPtr& s, const LoginPage& page) {
  return page.downgrade ||
         (!page.redirect.empty() && OriginOf(page.redirect) != OriginOf(s->cas_url));
}

// Where the page sends the browser, as shown.
std::string Destination(const ScenarioPtr& s, const LoginPage& page) {
  return page.downgrade ? s->context.redactor->RedactShort(page.problem.observed, 200)
                        : Shown(s, page.redirect);
}

// Records an error when the page could not be obtained.
bool Unanswered(const ScenarioPtr& s, const std::string& key, const LoginPage& page) {
  if (page.answered) return false;
  Add(s, key, CheckState::kError, page.problem.message, page.evidence, page.problem.observed);
  return true;
}

void JudgeAsksCredentials(const ScenarioPtr& s, const std::string& key, const LoginPage& page) {
  if (Unanswered(s, key, page)) return;
  if (page.shows == LoginPage::Shows::kForm) {
    Add(s, key, CheckState::kPass, Msg("cas.session.credentials_asked"), page.evidence);
  } else if (page.shows == LoginPage::Shows::kTicket) {
    Add(s, key, CheckState::kFail, Msg("cas.session.ticket_without_credentials"), page.evidence);
  } else {
    Add(s, key, CheckState::kError,
        Msg("cas.form.missing", {{"status", std::to_string(page.status)}}), page.evidence,
        "HTTP " + std::to_string(page.status));
  }
}

// The answer to a renew=true validation of a ticket issued from the SSO session.
void JudgeRenewValidation(const ScenarioPtr& s, const Validation& v) {
  bool cas1_no = v.answered && v.parsed.status == CasValidation::Status::kMalformed &&
                 v.body.rfind("no\n", 0) == 0;
  if (cas1_no) {
    // LemonLDAP::NG answers this refusal in CAS 1 form: a refusal all the same.
    Add(s, "cas.renew.validation", CheckState::kPass, Msg("cas.protocol.refused", {{"code", "no"}}),
        v.evidence, "CAS 1 \"no\"");
    return;
  }
  JudgeRefusal(s, "cas.renew.validation", v, {});
}

struct Lookalike {
  const char* name;
  std::string url;
};

// Service URLs a lax matcher takes for `service`: another host starting with its host, the
// registered origin as user info of another host, the same URL over plain HTTP.
std::vector<Lookalike> LookalikesOf(const std::string& service) {
  std::optional<HostPort> hp = HostAndPort(service);
  std::string authority = hp ? hp->host + ":" + std::to_string(hp->port) : "localhost";
  std::string host = hp ? hp->host : "localhost";
  std::string origin = OriginOf(service);
  std::string path = service.size() > origin.size() ? service.substr(origin.size()) : "/";
  if (path.empty() || path[0] != '/') path = "/";
  return {
      {"host_prefix", "https://" + host + ".sdetcheck-evil.invalid" + path},
      {"userinfo", "https://" + authority + "@sdetcheck-evil.invalid" + path},
      {"plain_http", "http://" + authority + path},
  };
}

// The attributes of the Set-Cookie of `name` among `headers` (net/cookie_list.h): libcurl's
// jar keeps no SameSite.
SetCookieAttributes AttributesOf(const HeaderList& headers, const std::string& name) {
  SetCookieAttributes found;
  for (const auto& [header, value] : headers) {
    if (AsciiLower(header) != "set-cookie") continue;
    SetCookieAttributes attributes = ParseSetCookieAttributes(value);
    if (attributes.name != name) continue;
    found.secure = found.secure || attributes.secure;
    found.http_only = found.http_only || attributes.http_only;
    if (!attributes.same_site.empty()) found.same_site = attributes.same_site;
  }
  return found;
}

void JudgeCookie(const ScenarioPtr& s, CookieInfo cookie, const SetCookieAttributes& set,
                 size_t evidence) {
  cookie.secure = cookie.secure || set.secure;
  cookie.http_only = cookie.http_only || set.http_only;
  const std::string& same_site = set.same_site;
  std::vector<std::string> missing;
  if (!cookie.secure) missing.emplace_back("Secure");
  if (!cookie.http_only) missing.emplace_back("HttpOnly");
  if (same_site != "lax" && same_site != "strict") missing.emplace_back("SameSite=Lax|Strict");
  std::string observed = cookie.name + ": Path=" + cookie.path +
                         (cookie.host_only ? ", host-only" : ", Domain=" + cookie.domain) +
                         (cookie.secure ? ", Secure" : "") +
                         (cookie.http_only ? ", HttpOnly" : "") +
                         (same_site.empty() ? "" : ", SameSite=" + same_site);
  std::string list;
  for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
  Check& check = Add(
      s, "cas.tgc.flags", missing.empty() ? CheckState::kPass : CheckState::kFail,
      missing.empty() ? Msg("cas.tgc.flags_ok", {{"cookie", cookie.name}})
                      : Msg("cas.tgc.flags_missing", {{"cookie", cookie.name}, {"missing", list}}),
      evidence, observed);
  check.subject = s->subject + " · " + cookie.name;
  check.expected = "Secure, HttpOnly, SameSite=Lax|Strict";
}

void JudgeGateway(const ScenarioPtr& s, const LoginPage& page) {
  const std::string key = "cas.gateway";
  if (Unanswered(s, key, page)) return;
  if (page.shows == LoginPage::Shows::kTicket) {
    Add(s, key, CheckState::kFail, Msg("cas.gateway.ticket"), page.evidence);
  } else if (page.shows == LoginPage::Shows::kForm) {
    Add(s, key, CheckState::kFail, Msg("cas.gateway.form"), page.evidence);
  } else if (page.redirect.rfind(s->service, 0) == 0 &&
             OriginOf(page.redirect) == OriginOf(s->service)) {
    Add(s, key, CheckState::kPass, Msg("cas.gateway.back_to_service"), page.evidence,
        Shown(s, page.redirect));
  } else {
    Add(s, key, CheckState::kFail, Msg("cas.gateway.elsewhere"), page.evidence,
        LeavesCas(s, page) ? Destination(s, page) : "HTTP " + std::to_string(page.status));
  }
}

// Judged from the Location header: the browser never follows it off the CAS server.
void JudgeLookalike(const ScenarioPtr& s, const std::string& key, const std::string& url,
                    const LoginPage& page) {
  if (Unanswered(s, key, page)) return;
  std::string shown = s->context.redactor->Redact(url);
  if (page.shows == LoginPage::Shows::kTicket) {
    Add(s, key, CheckState::kFail, Msg("cas.service.lookalike_ticket", {{"service", shown}}),
        page.evidence, shown);
  } else if (LeavesCas(s, page)) {
    Add(s, key, CheckState::kFail, Msg("cas.service.lookalike_redirect", {{"service", shown}}),
        page.evidence, Destination(s, page));
  } else {
    Add(s, key, CheckState::kPass, Msg("cas.service.lookalike_refused", {{"service", shown}}),
        page.evidence, "HTTP " + std::to_string(page.status));
  }
}

void JudgeLogoutRedirect(const ScenarioPtr& s, const std::string& key, const LoginPage& page) {
  if (Unanswered(s, key, page)) return;
  if (LeavesCas(s, page)) {
    Add(s, key, CheckState::kFail,
        Msg("cas.logout.open_redirect", {{"target", Destination(s, page)}}), page.evidence,
        Destination(s, page));
  } else {
    Add(s, key, CheckState::kPass, Msg("cas.logout.no_foreign_redirect"), page.evidence,
        "HTTP " + std::to_string(page.status));
  }
}

// The CAS server's cookies in `browser`, with the digest of each value.
std::vector<std::pair<std::string, std::string>> CasCookieDigests(
    const ScenarioPtr& s, const std::shared_ptr<BrowserSession>& browser) {
  std::vector<std::pair<std::string, std::string>> digests;
  std::optional<HostPort> cas = HostAndPort(s->cas_url);
  for (const CookieInfo& cookie : browser->Cookies()) {
    if (!cas || (cookie.host_only && cookie.domain != cas->host)) continue;
    digests.emplace_back(cookie.name, browser->CookieDigest(cookie.name));
  }
  return digests;
}

// Every CAS cookie present after the login must not carry a value it had before.
void JudgeFixation(const ScenarioPtr& s,
                   const std::vector<std::pair<std::string, std::string>>& before,
                   const std::vector<std::pair<std::string, std::string>>& after, size_t evidence) {
  const std::string key = "cas.session.renewed_at_login";
  std::string kept, names;
  for (const auto& [name, digest] : after) {
    names += (names.empty() ? "" : ", ") + name;
    for (const auto& [old_name, old_digest] : before) {
      if (name == old_name && digest == old_digest) kept += (kept.empty() ? "" : ", ") + name;
    }
  }
  if (after.empty()) {
    Add(s, key, CheckState::kNotApplicable, Msg("cas.tgc.none"), evidence);
  } else if (!kept.empty()) {
    Add(s, key, CheckState::kFail, Msg("cas.session.fixation", {{"cookies", kept}}), evidence,
        kept);
  } else {
    Add(s, key, CheckState::kPass, Msg("cas.session.renewed", {{"cookies", names}}), evidence,
        names);
  }
}

}  // namespace

Flow SessionFixation(ScenarioPtr s) {
  std::shared_ptr<BrowserSession> browser = NewBrowser(s);
  LoginPage first = co_await ShowLogin(s, browser, LoginUrl(s, s->service), s->service);
  std::vector<std::pair<std::string, std::string>> before = CasCookieDigests(s, browser);
  bool digests = browser->Snapshot() != 0;  // a transport that keeps cookies
  TicketResult t = co_await ObtainTicket(LoginTo(s, browser, s->service));
  const std::string key = "cas.session.renewed_at_login";
  if (!t.ticket) {
    AddBlocked(s, *t.problem, {key});
  } else if (!digests || !first.answered) {
    Add(s, key, CheckState::kNotApplicable, Msg("cas.session.no_cookie_copy"), t.evidence);
  } else {
    JudgeFixation(s, before, CasCookieDigests(s, browser), t.evidence);
  }
  Finish(s);
}

Flow SsoCookie(ScenarioPtr s) {
  std::vector<std::string> keys = {"cas.tgc.flags"};
  std::optional<LoggedIn> in = co_await LogIn(s, keys);
  if (!in) co_return Finish(s);
  std::shared_ptr<BrowserSession> browser = in->browser;
  const TicketResult& t = in->ticket;
  std::optional<HostPort> cas = HostAndPort(s->cas_url);
  bool any = false;
  for (const CookieInfo& cookie : browser->Cookies()) {
    // The CAS server's cookies: set by its host (or for a domain it belongs to).
    if (!cas || (cookie.host_only && cookie.domain != cas->host)) continue;
    any = true;
    JudgeCookie(s, cookie, AttributesOf(t.answer_headers, cookie.name), t.evidence);
  }
  if (!any) {
    Add(s, "cas.tgc.flags", CheckState::kNotApplicable, Msg("cas.tgc.none"), t.evidence);
  }
  Finish(s);
}

Flow Renew(ScenarioPtr s) {
  std::vector<std::string> keys = {"cas.renew.login_form", "cas.renew.validation"};
  std::optional<LoggedIn> in = co_await LogIn(s, keys);
  if (!in) co_return Finish(s);
  std::shared_ptr<BrowserSession> browser = in->browser;
  LoginPage renew =
      co_await ShowLogin(s, browser, LoginUrl(s, s->service, "renew", "true"), s->service, true);
  JudgeAsksCredentials(s, "cas.renew.login_form", renew);
  TicketResult sso = co_await ObtainTicket(LoginTo(s, browser, s->service));
  if (!sso.ticket || sso.typed_credentials) {
    Check problem = sso.problem.value_or(Check{});
    problem.key = "cas.renew.sso_ticket";
    problem.state = CheckState::kError;
    if (sso.ticket) problem.message = Msg("cas.renew.no_sso_session");
    AddBlocked(s, problem, {"cas.renew.validation"});
    co_return Finish(s);
  }
  ValidationQuery query = TicketQuery(s->service, *sso.ticket);
  query.params.emplace_back("renew", "true");
  Validation v = co_await Validate(s, query);
  JudgeRenewValidation(s, v);
  Finish(s);
}

Flow Gateway(ScenarioPtr s) {
  std::shared_ptr<BrowserSession> browser = NewBrowser(s);  // no SSO session
  LoginPage page =
      co_await ShowLogin(s, browser, LoginUrl(s, s->service, "gateway", "true"), s->service);
  JudgeGateway(s, page);
  Finish(s);
}

Flow ServiceLookalikes(ScenarioPtr s) {
  std::vector<Lookalike> lookalikes = LookalikesOf(s->service);
  std::vector<std::string> keys;
  keys.reserve(lookalikes.size());
  for (const Lookalike& l : lookalikes)
    keys.push_back(std::string("cas.service.lookalike.") + l.name);
  std::optional<LoggedIn> in = co_await LogIn(s, keys);
  if (!in) co_return Finish(s);
  std::shared_ptr<BrowserSession> browser = in->browser;
  for (size_t i = 0; i < lookalikes.size(); ++i) {
    const Lookalike& l = lookalikes[i];
    LoginPage page = co_await ShowLogin(s, browser, LoginUrl(s, l.url), l.url);
    JudgeLookalike(s, keys[i], l.url, page);
  }
  Finish(s);
}

Flow LogoutEndsSession(ScenarioPtr s) {
  std::vector<std::string> keys = {"cas.logout.ends_session", "cas.logout.old_cookie_replayed"};
  std::optional<LoggedIn> in = co_await LogIn(s, keys);
  if (!in) co_return Finish(s);
  std::shared_ptr<BrowserSession> browser = in->browser;
  uint64_t snapshot = browser->Snapshot();  // the cookies of the logged-in browser, kept aside
  Request logout;
  logout.url = s->cas_url + "/logout";
  logout.coalesce = false;
  BrowserSession::FollowPolicy follow = StayOnCas(s->cas_url, s->service);
  Browsed out = co_await Browse(browser, logout, follow);
  size_t evidence = Record(s, "GET", logout.url, out.result);
  if (!out.result.ok || out.result.response.status >= 400) {
    Check problem =
        TransportCheck("cas.logout", s->subject, out.result, evidence, *s->context.redactor);
    if (out.result.ok) {
      problem.message =
          Msg("cas.logout.status", {{"status", std::to_string(out.result.response.status)}});
    }
    AddBlocked(s, problem, {"cas.logout.ends_session", "cas.logout.old_cookie_replayed"});
    co_return Finish(s);
  }
  LoginPage after = co_await ShowLogin(s, browser, LoginUrl(s, s->service), s->service);
  JudgeAsksCredentials(s, "cas.logout.ends_session", after);
  // The cookies from before the logout, replayed by another browser, must open nothing.
  std::shared_ptr<BrowserSession> replay =
      BrowserSession::CreateFrom(s->context.transport, s->context.max_redirects, snapshot);
  if (!replay) {
    Add(s, "cas.logout.old_cookie_replayed", CheckState::kNotApplicable,
        Msg("cas.session.no_cookie_copy"), evidence);
    co_return Finish(s);
  }
  LoginPage replayed = co_await ShowLogin(s, replay, LoginUrl(s, s->service), s->service);
  JudgeAsksCredentials(s, "cas.logout.old_cookie_replayed", replayed);
  Finish(s);
}

Flow LogoutRedirect(ScenarioPtr s) {
  const std::string key = "cas.logout.foreign_redirect";
  std::vector<std::string> keys = {key};
  std::optional<LoggedIn> in = co_await LogIn(s, keys);
  if (!in) co_return Finish(s);
  std::shared_ptr<BrowserSession> browser = in->browser;
  std::string url = WithQueryParameter(s->cas_url + "/logout", "service", kForeign);
  LoginPage page = co_await ShowLogin(s, browser, url, kForeign);
  JudgeLogoutRedirect(s, key, page);
  Finish(s);
}

}  // namespace sdetcheck
