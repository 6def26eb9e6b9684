#pragma once
// What a finished run observed, item by item, read back from its report.json to be judged
// again offline (sdetcheck replay): each probed item's probe, its parameters and its outcome
// (checks and evidence) exactly as the probe returned them.

#include <map>
#include <string>

#include "finding/outcome.h"

namespace sdetcheck {

struct RecordedItem {
  std::string probe;
  std::map<std::string, std::string> with;
  ProbeOutcome outcome;
};

// Item id -> what its probe observed, for the probed items of `report_text` (the bytes of a
// report.json; `name` names it in errors). False with *error when it is not a readable report
// or an item's checks or evidence cannot be read back.
bool ReadRecordedRun(const std::string& report_text, const std::string& name,
                     std::map<std::string, RecordedItem>* items, std::string* error);

}  // namespace sdetcheck
