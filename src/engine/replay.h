#pragma once
// Judging a recorded run again, offline (sdetcheck replay): the grid given now, the answers
// given now, and each probed item's outcome as recorded, reused only for the same probe with
// the same parameters. Nothing is sent anywhere.

#include <map>
#include <string>
#include <vector>

#include "engine/audit.h"
#include "runs/recorded_run.h"

namespace sdetcheck {

// Results in grid order, as RunAudit gives them. A probed item without a matching recording
// (a new item, another probe, other parameters) is an `error` saying so: it could not be
// checked offline.
std::vector<ItemResult> JudgeRecorded(const AuditInputs& inputs,
                                      const std::map<std::string, RecordedItem>& recorded);

}  // namespace sdetcheck
