#pragma once
// What the scenarios of the kind "cas_protocol" share: the run's state (one registered
// service, one test account), logins in browser sessions, ticket validations, and how their
// checks are recorded. Each scenario is a coroutine (probe/flow.h) that records its checks
// and ends with Finish().

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "probe/cas_login.h"
#include "probe/cas_validation.h"
#include "probe/registry.h"
#include "target/profile.h"

namespace sdetcheck {

struct CasScenario {
  std::string cas_url;
  std::string service;  // registered with the CAS server
  std::string subject;  // account -> service, or the CAS URL when no account is involved
  const Account* account = nullptr;
  ProbeContext context;
  ProbeOutcome outcome;
  ProbeDone done;
};
using ScenarioPtr = std::shared_ptr<CasScenario>;

std::shared_ptr<BrowserSession> NewBrowser(const ScenarioPtr& s);
// A login of the scenario's account to `service` in `browser`; `extra` query parameters.
CasLogin LoginTo(const ScenarioPtr& s, const std::shared_ptr<BrowserSession>& browser,
                 const std::string& service,
                 std::vector<std::pair<std::string, std::string>> extra = {});

// A fresh browser logged in to the scenario's service, and the ticket it got.
struct LoggedIn {
  std::shared_ptr<BrowserSession> browser;
  TicketResult ticket;  // ticket set
};
// co_await LogIn(s, keys): nullopt when no ticket came; the check saying why, and `keys`
// blocked by it, are then recorded.
Completion<std::optional<LoggedIn>> LogIn(const ScenarioPtr& s, std::vector<std::string> keys);

// One request to a validation endpoint, its answer parsed (version 1: CAS 1 text, else XML).
struct ValidationQuery {
  std::string path = "/p3/serviceValidate";
  int version = 3;
  std::vector<std::pair<std::string, std::string>> params;  // in order, e.g. service, ticket
};
struct Validation {
  bool answered = false;  // false: `problem` says why (transport, status, timeout)
  Check problem;
  CasValidation parsed;
  size_t evidence = 0;
  std::string content_type;
  std::string body;  // bounded by the transport
};
Completion<Validation> Validate(const ScenarioPtr& s, ValidationQuery query);
// service + ticket, the usual parameters.
ValidationQuery TicketQuery(const std::string& service, const std::string& ticket,
                            const std::string& path = "/p3/serviceValidate", int version = 3);

// A fetch without following anything, recorded; its evidence index.
size_t Record(const ScenarioPtr& s, const std::string& method, const std::string& url,
              const FetchResult& r);

Check& Add(const ScenarioPtr& s, const std::string& key, CheckState state, Message message,
           size_t evidence, const std::string& observed = "");
// `keys` not judged because `problem` did not pass.
void AddBlocked(const ScenarioPtr& s, Check problem, const std::vector<std::string>& keys);
// The answer must be a refusal with one of `codes`: pass; a success: fail; another code:
// fail; no readable answer: error.
void JudgeRefusal(const ScenarioPtr& s, const std::string& key, const Validation& v,
                  const std::vector<std::string>& codes);
// Hands the outcome over (the scenario's account and service set on every check that has
// none yet). Call exactly once.
void Finish(const ScenarioPtr& s);

// Where `r` sends the browser (absolute), or "" when it is no redirect.
std::string RedirectTarget(const FetchResult& r);

}  // namespace sdetcheck
