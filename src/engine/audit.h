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
#include "probe/registry.h"
#include "target/profile.h"
#include "tls/tls_scan_cache.h"

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

// The selected items that apply to the target and are checked by a probe, in grid order.
std::vector<const Item*> ProbedItems(const AuditInputs& inputs);

// One audit whose probes run on a transport it may share with other audits (a fleet): owns
// what its probes refer to while the transport runs, so it must stay in place (never moved)
// from StartAudit until the transport's Run() has returned.
struct AuditSession {
  AuditInputs inputs;
  ProbeContext context;  // transport, redactor, target, executor: set by the caller
  TlsScanCache tls_scans;
  std::map<std::string, ProbeOutcome> outcomes;  // item id -> outcome, filled while running
};

// Starts the probes of ProbedItems(session->inputs); each reports to `progress` (as "label
// ITEM" when a label is given) and lands in session->outcomes during the transport's Run().
void StartAudit(AuditSession* session, Progress* progress, const std::string& label);

// Judges the selected items from outcomes already obtained (item id -> outcome), without
// probing: applicability, answers and waivers as RunAudit does. A probed item missing from
// `outcomes` is judged as not run.
std::vector<ItemResult> JudgeOutcomes(const AuditInputs& inputs,
                                      const std::map<std::string, ProbeOutcome>& outcomes);

}  // namespace sdetcheck
