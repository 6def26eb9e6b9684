#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "report/report.h"

namespace sdetcheck {

int RenderCommand(CliOptions& o) {
  std::vector<std::string> written;
  std::string error;
  if (!RenderSavedReport(o.saved_report, o.ReportsDir(), o.formats, o.out_dir, &written, &error)) {
    std::cerr << "sdetcheck render: " << error << "\n";
    return kExitInvalidInput;
  }
  for (const std::string& file : written) std::cout << "report: " << file << "\n";
  return 0;
}

}  // namespace sdetcheck
