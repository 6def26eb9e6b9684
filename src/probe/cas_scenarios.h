#pragma once
// The scenarios of the kind "cas_protocol": each checks one rule of the CAS protocol 3.0
// (Apereo) as a named set of checks, written as a coroutine that ends with Finish().

#include <string>
#include <vector>

#include "probe/cas_scenario.h"

namespace sdetcheck {

struct CasScenarioKind {
  const char* name;  // the probe's `check:` value
  const char* summary;
  bool needs_account;  // logs in (a test account of the target)
  Flow (*run)(ScenarioPtr scenario);
};

const std::vector<CasScenarioKind>& CasScenarioKinds();
const CasScenarioKind* FindCasScenario(const std::string& name);

// Tickets (cas_scenarios_ticket.cpp).
Flow ValidationEndpoints(ScenarioPtr s);
Flow TicketSingleUse(ScenarioPtr s);
Flow TicketServiceBound(ScenarioPtr s);
Flow InvalidRequests(ScenarioPtr s);
Flow ProxyCallback(ScenarioPtr s);

// The SSO session (cas_scenarios_session.cpp).
Flow Renew(ScenarioPtr s);
Flow Gateway(ScenarioPtr s);
Flow ServiceLookalikes(ScenarioPtr s);
Flow LogoutEndsSession(ScenarioPtr s);
Flow LogoutRedirect(ScenarioPtr s);
Flow SsoCookie(ScenarioPtr s);
Flow SessionFixation(ScenarioPtr s);

// Attributes per service and profile (cas_scenarios_release.cpp).
Flow AttributeRelease(ScenarioPtr s);

// The attributes released for the account against its AAF feed record (cas_scenarios_feed.cpp).
Flow FeedMatch(ScenarioPtr s);

}  // namespace sdetcheck
