#pragma once
// Reading probe outcomes in tests: the combined state, one check by key, the English text
// of a message, and every string an outcome holds (to prove a secret is in none).

#include <string>

#include "finding/outcome.h"

namespace sdetcheck::testing {

// The state the one combine rule gives the outcome's checks (what the item would get).
CheckState OutcomeState(const ProbeOutcome& outcome);

// The decisive check's message code ("" when it passed or has none).
std::string DecisiveCode(const ProbeOutcome& outcome);

// The first check with this key, or null.
const Check* FindCheck(const ProbeOutcome& outcome, const std::string& key);

// The message rendered with the English catalog (reports/i18n/en.json).
std::string English(const Message& message);

// Every string of the outcome: keys, subjects, message codes, parameters and English texts,
// expected and observed values, and every field of every evidence record.
std::string AllText(const ProbeOutcome& outcome);

}  // namespace sdetcheck::testing
