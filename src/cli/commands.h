#pragma once
// The subcommand table: each row registers its options on CLI11 and runs.

#include <vector>

#include "cli/options.h"

namespace CLI {
class App;
}

namespace sdetcheck {

struct Command {
  const char* group;  // parent subcommand ("grid"), or nullptr for a top-level one
  const char* name;
  const char* help;
  void (*setup)(CLI::App* app, CliOptions* options);
  int (*run)(CliOptions& options);
};

const std::vector<Command>& Commands();

int RunAudit(CliOptions& options);
int RunLint(CliOptions& options);
int RunGridList(CliOptions& options);
int RunGridShow(CliOptions& options);
int RunGridExport(CliOptions& options);
int RunProbesList(CliOptions& options);

}  // namespace sdetcheck
