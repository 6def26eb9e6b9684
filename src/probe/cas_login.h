#pragma once
// What every CAS probe does as a browser: find the login form, fill it as a user would,
// refuse to send a password where it does not belong, recognise the redirect that carries a
// service ticket. Shared by the kinds "cas" (callback style) and "cas_protocol"
// (coroutines: ObtainTicket).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "finding/check.h"
#include "finding/outcome.h"
#include "net/browser_session.h"
#include "probe/flow.h"
#include "probe/login_form.h"

namespace sdetcheck {

class Redactor;
struct TargetProfile;

// Why a password must not be posted to `action` (absolute), or nullopt when it may: only
// over HTTPS to the ENT's own origins (TargetProfile::AcceptsCredentials). A form posting in
// clear is a finding (kFail); one posting to an undeclared origin cannot be checked without
// handing the password to a third party (kError). Key "cas.login_form".
std::optional<Check> UnsafeFormTarget(const TargetProfile& target, const std::string& action,
                                      const std::string& cas_url, const Redactor& redactor);

// Whether `location` (absolute) sends the browser to `service` with a non-empty ticket.
// Same origin first: "https://ent.fr" is a prefix of "https://ent.fr.evil/".
bool IsTicketRedirect(const std::string& service, const std::string& location);
// The ticket of the first Location of `r` that is a ticket redirect to `service`.
std::optional<std::string> TicketFrom(const std::string& service, const FetchResult& r);
// Redirects are followed while they stay on the CAS server and carry no ticket.
BrowserSession::FollowPolicy StayOnCas(const std::string& cas_url, const std::string& service);

// One login to `service` in `browser`: the CAS login page (with `extra` query parameters,
// e.g. renew), the credentials typed when the server asks for them, the ticket.
struct CasLogin {
  std::string cas_url;
  std::string service;
  std::vector<std::pair<std::string, std::string>> extra;
  std::string login;
  std::string password;
  std::string key = "cas.login";  // of the check explaining a missing ticket
  std::string subject;
  std::shared_ptr<BrowserSession> browser;
  const TargetProfile* target = nullptr;
  const Redactor* redactor = nullptr;
  Executor* executor = nullptr;
  ProbeOutcome* outcome = nullptr;  // evidence goes there; must outlive the login
};

struct TicketResult {
  std::optional<std::string> ticket;
  bool typed_credentials = false;  // false: the SSO session (or no authentication) sufficed
  int credential_posts = 0;        // 2: typed again into the form shown again
  std::optional<Check> problem;    // why there is no ticket
  size_t evidence = 0;             // the last exchange recorded
  HeaderList answer_headers;       // of the answer that carried the ticket
};

// co_await ObtainTicket(login): the ticket, or the check explaining why none came.
Completion<TicketResult> ObtainTicket(CasLogin login);

}  // namespace sdetcheck
