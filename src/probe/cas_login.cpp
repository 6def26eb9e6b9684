#include "probe/cas_login.h"

#include "net/redirect.h"
#include "net/url.h"
#include "probe/http_record.h"
#include "target/profile.h"
#include "util/redactor.h"

namespace sdetcheck {

std::optional<Check> UnsafeFormTarget(const TargetProfile& target, const std::string& action,
                                      const std::string& cas_url, const Redactor& redactor) {
  if (target.AcceptsCredentials(action)) return std::nullopt;
  Check check;
  check.key = "cas.login_form";
  check.state = CheckState::kError;
  check.observed = redactor.Redact(action.substr(0, 200));
  if (action.rfind("https://", 0) == 0) {
    check.message =
        Msg("cas.form.other_origin", {{"origin", OriginOf(action)}, {"cas", OriginOf(cas_url)}});
  } else if (action.rfind("http://", 0) == 0) {
    check.state = CheckState::kFail;
    check.message = Msg("cas.form.plain_http", {{"action", check.observed}});
  } else {
    check.message = Msg("cas.form.not_http");
  }
  return check;
}

bool IsTicketRedirect(const std::string& service, const std::string& location) {
  return OriginOf(location) == OriginOf(service) && location.rfind(service, 0) == 0 &&
         !QueryParameter(location, "ticket").value_or("").empty();
}

std::optional<std::string> TicketFrom(const std::string& service, const FetchResult& r) {
  for (const std::string& location : r.response.HeaderValues("Location")) {
    std::string absolute = ResolveUrl(r.response.effective_url, location);
    if (IsTicketRedirect(service, absolute)) return QueryParameter(absolute, "ticket");
  }
  return std::nullopt;
}

BrowserSession::FollowPolicy StayOnCas(const std::string& cas_url, const std::string& service) {
  return [cas_origin = OriginOf(cas_url), service](const std::string& location) {
    return OriginOf(location) == cas_origin && !IsTicketRedirect(service, location);
  };
}

namespace {

using LoginDone = std::function<void(TicketResult)>;

size_t Note(const CasLogin& in, const std::string& method, const std::string& url,
            const FetchResult& r) {
  return in.outcome->AddEvidence(RecordExchange(method, url, r, *in.redactor));
}

Check Problem(const CasLogin& in, const std::string& key, CheckState state, Message message,
              size_t evidence, const std::string& observed = "") {
  Check check;
  check.key = key;
  check.subject = in.subject;
  check.state = state;
  check.message = std::move(message);
  check.observed = in.redactor->Redact(observed);
  check.evidence.push_back(evidence);
  return check;
}

// Why the answer to the credentials carries no ticket.
Check NoTicketAfterCredentials(const CasLogin& in, const Response& answer, bool form_again,
                               size_t evidence) {
  std::string status = std::to_string(answer.status);
  if (form_again) {
    return Problem(in, in.key, CheckState::kError, Msg("cas.login.form_again"), evidence,
                   "HTTP " + status);
  }
  std::vector<std::string> locations = answer.HeaderValues("Location");
  if (IsRedirectStatus(answer.status) && !locations.empty()) {
    std::string target = ResolveUrl(answer.effective_url, locations.front());
    target = in.redactor->Redact(target.substr(0, target.find_first_of("?#")).substr(0, 200));
    return Problem(in, in.key, CheckState::kError,
                   Msg("cas.login.redirect_without_ticket", {{"target", target}}), evidence,
                   "HTTP " + status + " -> " + target);
  }
  return Problem(in, in.key, CheckState::kError, Msg("cas.login.unexpected", {{"status", status}}),
                 evidence, "HTTP " + status);
}

Request LoginPageRequest(const CasLogin& in) {
  Request request;
  request.url = WithQueryParameter(in.cas_url + "/login", "service", in.service);
  for (const auto& [name, value] : in.extra)
    request.url = WithQueryParameter(request.url, name, value);
  request.coalesce = false;
  return request;
}

// The form of the login page was found: the credentials, then the ticket.
Flow TypeCredentials(CasLogin in, HtmlForm form, std::string page_url, TicketResult out,
                     LoginDone done) {
  std::string url = FormTarget(form, page_url);
  if (std::optional<Check> unsafe = UnsafeFormTarget(*in.target, url, in.cas_url, *in.redactor)) {
    unsafe->subject = in.subject;
    unsafe->evidence.push_back(out.evidence);
    out.problem = std::move(*unsafe);
    done(std::move(out));
    co_return;
  }
  Request post = FormPost(page_url, url, FillForm(form, in.login, in.password));
  post.coalesce = false;
  BrowserSession::FollowPolicy follow = StayOnCas(in.cas_url, in.service);
  Browsed answer = co_await Browse(in.browser, post, follow);
  out.evidence = Note(in, "POST", url, answer.result);
  out.typed_credentials = true;
  ++out.credential_posts;
  if (!answer.result.ok) {
    out.problem = TransportCheck(in.key, in.subject, answer.result, out.evidence, *in.redactor);
  } else if ((out.ticket = TicketFrom(in.service, answer.result))) {
    out.answer_headers = answer.result.response.headers;
  } else {
    std::optional<FormsFound> again =
        co_await Analysed<FormsFound>(in.executor, FormsOf, answer.result.response.body);
    const HtmlForm* fresh = again ? PasswordForm(*again) : nullptr;
    // Once more into the form shown again (kCredentialPosts).
    if (fresh && out.credential_posts < kCredentialPosts) {
      TypeCredentials(in, *fresh, answer.result.response.effective_url, std::move(out),
                      std::move(done));
      co_return;
    }
    bool form_again = fresh != nullptr;
    out.problem = NoTicketAfterCredentials(in, answer.result.response, form_again, out.evidence);
  }
  done(std::move(out));
}

Flow LoginFlow(CasLogin in, LoginDone done) {
  TicketResult out;
  Request request = LoginPageRequest(in);
  BrowserSession::FollowPolicy follow = StayOnCas(in.cas_url, in.service);
  Browsed page = co_await Browse(in.browser, request, follow);
  out.evidence = Note(in, "GET", request.url, page.result);
  if (!page.result.ok) {
    out.problem = TransportCheck(in.key, in.subject, page.result, out.evidence, *in.redactor);
  } else if ((out.ticket = TicketFrom(in.service, page.result))) {
    out.answer_headers = page.result.response.headers;  // the SSO session sufficed
  } else {
    std::optional<FormsFound> forms =
        co_await Analysed<FormsFound>(in.executor, FormsOf, page.result.response.body);
    const HtmlForm* form = forms ? PasswordForm(*forms) : nullptr;
    if (form) {
      TypeCredentials(in, *form, page.result.response.effective_url, std::move(out),
                      std::move(done));
      co_return;
    }
    std::string status = std::to_string(page.result.response.status);
    out.problem =
        !forms
            ? Problem(in, in.key, CheckState::kError, Msg("analysis.timeout"), out.evidence)
            : Problem(in, in.key, CheckState::kError, Msg("cas.form.missing", {{"status", status}}),
                      out.evidence, "HTTP " + status);
  }
  done(std::move(out));
}

}  // namespace

Completion<TicketResult> ObtainTicket(CasLogin login) {
  return Completion<TicketResult>(
      [login = std::move(login)](LoginDone done) { LoginFlow(login, std::move(done)); });
}

}  // namespace sdetcheck
