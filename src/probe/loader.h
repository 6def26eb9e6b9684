#pragma once

#include <string>
#include <vector>

#include "probe/probe_def.h"
#include "util/diagnostics.h"

namespace sdetcheck {

// Loads probe definitions from files or directories (every *.yaml inside, sorted).
// Each definition is validated against its kind before any network I/O.
ProbeCatalog LoadProbes(const std::vector<std::string>& paths, Diagnostics* diagnostics);

// Adds the probes of one probe file given as text (`file` names it in diagnostics) to
// `catalog`; LoadProbes reads each file and calls it.
void LoadProbesFromText(const std::string& text, const std::string& file, ProbeCatalog* catalog,
                        Diagnostics* diagnostics);

// The *.yaml files under `path` (sorted), or `path` itself when it is a file.
std::vector<std::string> YamlFilesUnder(const std::string& path);

}  // namespace sdetcheck
