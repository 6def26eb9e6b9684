#pragma once
// One thing a probe checked, as data: what (a stable key), on what (the subject), the
// outcome, why in words (a message code), and the technical detail behind it.

#include <cstddef>
#include <string>
#include <vector>

#include "finding/message.h"

namespace sdetcheck {

enum class CheckState {
  kPass,
  kFail,
  kError,          // could not be checked: never a pass, never a fail
  kNotApplicable,  // its precondition is absent, or a prerequisite check did not pass
};

const char* CheckStateName(CheckState state);  // "pass", "fail", "error", "not_applicable"

struct Check {
  std::string key;      // stable across runs, e.g. "cas.ticket.issued"
  std::string subject;  // account -> service, an endpoint, a TLS version, file:line...
  CheckState state = CheckState::kError;
  Message message;               // why, in words
  std::string expected;          // technical: a status list, a regex, a date...
  std::string observed;          // technical: what was seen
  std::string blocked_by;        // key of the prerequisite that did not pass (not judged)
  std::vector<size_t> evidence;  // indexes into the outcome's evidence
  // The login this check belongs to, when it is one (the services x profiles matrix): the
  // account id and the service URL (redacted); empty otherwise.
  std::string account;
  std::string service;
};

// `check` not judged because `prerequisite` did not pass (Accès'Cible's dependent tests).
Check Blocked(std::string key, std::string subject, const Check& prerequisite);

// Appends to `checks` one Blocked check per key of `pending` (planned and not judged), each
// naming the last check that failed or erred as its prerequisite; nothing when every check so
// far passed (the pending ones were then not needed). Clears `pending`.
void BlockPending(std::vector<Check>* checks, std::vector<std::string>* pending,
                  const std::string& subject);

}  // namespace sdetcheck
