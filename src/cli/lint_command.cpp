#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "lint/linter.h"

namespace sdetcheck {

int LintCommand(CliOptions& o) {
  std::vector<std::string> paths = o.lint_paths;
  if (paths.empty()) {
    paths.push_back(o.grids);
    paths.insert(paths.end(), o.probes.begin(), o.probes.end());
  }
  Diagnostics diagnostics;
  LintSummary s = LintPaths(paths, o.probes, o.grids, &diagnostics);
  if (!diagnostics.empty()) {
    std::cerr << diagnostics.Format() << diagnostics.size() << " problem(s) found.\n";
    return kExitInvalidInput;
  }
  std::cout << "ok: " << s.grid_sets << " grid set(s) with " << s.items << " items, "
            << s.probe_files << " probe file(s) with " << s.probes << " probes, " << s.targets
            << " target(s), " << s.answers << " answers file(s)\n";
  return kExitConforme;
}

}  // namespace sdetcheck
