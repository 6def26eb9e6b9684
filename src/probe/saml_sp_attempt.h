#pragma once
// One attempt of sdetcheck, playing the test IdP the target declares (sso.ent_sp), to open a
// session at the ENT as SAML SP: a fresh browser asks the ENT's session page; when the ENT
// sends it to the test IdP with an AuthnRequest (SP-initiated), the Response answers that
// request, otherwise it is unsolicited. The Response (with a defect, or a recorded one
// replayed as it is) is posted to the ACS as a browser auto-submits the IdP's form
// (HTTP-POST binding), then the session page tells whether a session opened. The
// SAMLResponse is never recorded: evidence holds the exchanges with the ENT only.

#include <functional>
#include <memory>
#include <string>

#include "finding/message.h"
#include "finding/outcome.h"
#include "probe/login_form.h"
#include "probe/registry.h"
#include "probe/saml_idp_response.h"

namespace sdetcheck {

struct EntServiceProvider;

enum class SessionSeen { kOpened, kRefused, kError };

struct SpAttempt {
  SessionSeen seen = SessionSeen::kError;
  Message why;                // for kError: what went wrong
  std::string observed;       // technical: the last status or URL seen
  std::string saml_response;  // the value posted (base64), kept for a replay; never shown
  size_t evidence = 0;        // the last exchange recorded
};

// Shared by the attempts of one probe run: its context and outcome (evidence appended).
struct SpRun {
  ProbeContext context;
  const EntServiceProvider* sp = nullptr;
  ProbeOutcome outcome;
};

using AttemptDone = std::function<void(SpAttempt)>;

// Starts one attempt: a Response built with `defect`, or, when `replayed` is not empty, that
// value posted again in a fresh browser without asking the ENT first. `done` is called once.
void StartSpAttempt(std::shared_ptr<SpRun> run, ResponseDefect defect, std::string replayed,
                    AttemptDone done);

// What the session page says (pure): a page without a password form or an authentication
// request is a session; a redirect away from the ENT, a login form or 401/403 is none;
// anything else (an error status, a page beyond the HTML limits) cannot tell.
SessionSeen SessionOf(long status, bool redirected_away, const FormsFound* forms);

}  // namespace sdetcheck
