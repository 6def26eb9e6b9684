#pragma once
// The judged state of one grid item, with everything the report needs to defend it.

#include <optional>
#include <string>
#include <vector>

#include "answers/answers.h"
#include "finding/outcome.h"
#include "grid/item.h"

namespace sdetcheck {

enum class State {
  kPass,           // probed and conformant
  kFail,           // probed or declared non-conformant
  kError,          // could not be checked (transport, parsing, configuration)
  kNotApplicable,  // outside the target's degrees/profiles, or declared not applicable
  kNotTested,      // attestation item without an answer
  kAttested,       // declared conformant, with evidence
  kWaived,         // failing, under a waiver that has not expired
};

const char* StateName(State state);  // "pass", "fail", "error", ...

enum class Method { kProbe, kAttestation };

struct ItemResult {
  const Item* item = nullptr;
  State state = State::kNotTested;
  Method method = Method::kProbe;
  Message message;            // why (the decisive check, non-applicability), redacted
  std::vector<Check> checks;  // what the probe checked, one by one
  std::vector<Evidence> evidence;
  std::optional<Attestation> attestation;
  std::optional<Waiver> waiver;
  bool waiver_expired = false;
};

}  // namespace sdetcheck
