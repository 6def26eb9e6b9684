#pragma once
// Plans and runs an audit: which items apply, which probes to run with which variables,
// then judges every item. Network I/O only through the given transport.

#include <map>
#include <string>
#include <vector>

#include "answers/answers.h"
#include "grid/grid_set.h"
#include "judge/result.h"
#include "probe/probe_def.h"
#include "target/profile.h"

namespace sdetcheck {

class Transport;
class Redactor;
class Progress;

struct AuditInputs {
  const GridSet* grid = nullptr;
  const ProbeCatalog* probes = nullptr;
  const TargetProfile* target = nullptr;
  const Answers* answers = nullptr;   // may be empty
  std::vector<std::string> only;      // item ids or axis ids; empty = all
  std::string today;                  // YYYY-MM-DD
  int max_redirects = 5;              // for flows that follow redirects hop by hop
  long handshake_timeout_ms = 10000;  // one pinned TLS handshake, connection included
};

class Executor;

// The items selected by `only` (ids or axes), in grid order.
std::vector<const Item*> SelectItems(const GridSet& grid, const std::vector<std::string>& only);

// Why `item` does not apply to `target` (degrees, profiles); empty when it applies.
Message NotApplicableReason(const Item& item, const TargetProfile& target);

// Runs every selected probe concurrently through `transport`, parsing answers on
// `executor` (inline when null), and judges every item. Results are in grid order.
std::vector<ItemResult> RunAudit(const AuditInputs& inputs, Transport* transport,
                                 const Redactor& redactor, Progress* progress,
                                 Executor* executor = nullptr);

// Judges the selected items from outcomes already obtained (item id -> outcome), without
// probing: applicability, answers and waivers as RunAudit does. A probed item missing from
// `outcomes` is judged as not run.
std::vector<ItemResult> JudgeOutcomes(const AuditInputs& inputs,
                                      const std::map<std::string, ProbeOutcome>& outcomes);

}  // namespace sdetcheck
