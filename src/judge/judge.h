#pragma once
// Pure judgement: item + what was observed or declared -> state. No I/O.

#include <string>

#include "judge/result.h"

namespace sdetcheck {

struct JudgeInput {
  const Item* item = nullptr;
  Message not_applicable_reason;          // non-empty when the item does not apply to the target
  const ProbeOutcome* outcome = nullptr;  // for probed items; null when not run
  const Attestation* attestation = nullptr;
  const Waiver* waiver = nullptr;
  std::string today;  // YYYY-MM-DD, for waiver expiry
};

ItemResult JudgeItem(const JudgeInput& input);

}  // namespace sdetcheck
