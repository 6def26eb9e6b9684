#pragma once

#include "answers/answers.h"
#include "grid/grid_set.h"
#include "probe/probe_def.h"
#include "util/diagnostics.h"

namespace sdetcheck {

// Problems that span files: items naming a probe that does not exist or passing it
// undeclared parameters; answers naming no item, answering a probed item, or twice.
void CrossCheckGridProbes(const GridSet& grid, const ProbeCatalog& probes,
                          Diagnostics* diagnostics);
void CrossCheckAnswers(const GridSet& grid, const Answers& answers, Diagnostics* diagnostics);

}  // namespace sdetcheck
