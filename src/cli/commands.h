#pragma once
// The subcommand table: each row registers its options on CLI11 and runs.

#include <string>
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
// The help line of a parent subcommand ("grid", "aaf").
const char* CommandGroupHelp(const std::string& group);

int AuditCommand(CliOptions& options);
int LintCommand(CliOptions& options);
int RenderCommand(CliOptions& options);
int DiffCommand(CliOptions& options);
int CompareCommand(CliOptions& options);
int BundleVerifyCommand(CliOptions& options);
int ReplayCommand(CliOptions& options);
int FleetCommand(CliOptions& options);
int MergeCommand(CliOptions& options);
int GridListCommand(CliOptions& options);
int GridShowCommand(CliOptions& options);
int GridExportCommand(CliOptions& options);
int ProbesListCommand(CliOptions& options);
int AafValidateCommand(CliOptions& options);
int AafGenerateCommand(CliOptions& options);
int AafLdifCommand(CliOptions& options);
int TlsScanCommand(CliOptions& options);

}  // namespace sdetcheck
