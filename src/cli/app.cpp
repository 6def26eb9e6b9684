#include "cli/app.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/man_page.h"
#include "util/version.h"

#ifndef SDETCHECK_DEFAULT_DATA_DIR
#define SDETCHECK_DEFAULT_DATA_DIR "."
#endif

namespace sdetcheck {
namespace {

const char* kFooter = R"(Exit codes:
  0  conforme (audit) / no problem (lint)
  1  non conforme: at least one applicable exigence fails
  2  incomplet: no exigence fails, but one could not be checked or is unanswered
  3  invalid input: bad arguments or invalid grid/probe/target/answers files
  4  internal error

Examples:
  sdetcheck lint
  sdetcheck grid export --format csv -o questionnaire.csv
  sdetcheck aaf generate --out /tmp/feed --persons 20000 --inject value.uai=2
  sdetcheck aaf validate /tmp/feed --format csv -o findings.csv
  sdetcheck audit --target target.yaml --answers answers.yaml --out out/
  sdetcheck audit --target target.yaml --only securite --format json,junit --rate 2
  sdetcheck tls scan https://ent.example.fr/ --json)";

// $SDETCHECK_DATA_DIR, else an installed copy's share/sdetcheck beside its bin/ (cmake
// --install, the .deb), else the source tree the binary was built from.
std::string DefaultDataDir() {
  if (const char* env = std::getenv("SDETCHECK_DATA_DIR")) return env;
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "sdetcheck";
    if (std::filesystem::is_directory(installed / "grids", ec)) return installed.string();
  }
  return SDETCHECK_DEFAULT_DATA_DIR;
}

void FillDefaults(CliOptions* o) {
  if (o->data_dir.empty()) o->data_dir = DefaultDataDir();
  if (o->grids.empty()) o->grids = o->data_dir + "/grids/sdet-6.3";
  if (o->probes.empty()) o->probes = {o->data_dir + "/probes"};
}

void AddGlobalOptions(CLI::App* app, CliOptions* options, bool* man) {
  app->footer(kFooter);
  app->require_subcommand(1);
  app->fallthrough();  // global options (-q, --data-dir) also work after the subcommand
  app->add_option("--data-dir", options->data_dir,
                  "Where grids/, probes/ and reports/ live (default: $SDETCHECK_DATA_DIR, else "
                  "../share/sdetcheck beside the binary, else the build's source tree)");
  app->add_flag("-q,--quiet", options->quiet, "No progress on stderr");
  app->set_version_flag("--version", std::string("sdetcheck ") + kSdetcheckVersion);
  app->add_flag("--man", *man, "Print the manual page sdetcheck(1) (roff) and exit")->group("");
}

// The subcommand table registered on CLI11: each parsed subcommand maps to its row.
std::map<CLI::App*, const Command*> AddCommands(CLI::App* app, CliOptions* options) {
  std::map<std::string, CLI::App*> groups;
  std::map<CLI::App*, const Command*> commands;
  for (const Command& command : Commands()) {
    CLI::App* parent = app;
    if (command.group) {
      CLI::App*& group = groups[command.group];
      if (!group) {
        group = app->add_subcommand(command.group, CommandGroupHelp(command.group));
        group->require_subcommand(1);
      }
      parent = group;
    }
    CLI::App* sub = parent->add_subcommand(command.name, command.help);
    command.setup(sub, options);
    commands[sub] = &command;
  }
  return commands;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CliOptions options;
  CLI::App app{
      "sdetcheck: audits a French school ENT against the SDET and writes a scored "
      "conformity report.",
      "sdetcheck"};
  bool man = false;
  AddGlobalOptions(&app, &options, &man);
  std::map<CLI::App*, const Command*> commands = AddCommands(&app, &options);
  if (argc == 2 && std::string(argv[1]) == "--man") {
    std::cout << ManPage(app, kSdetcheckVersion);
    return kExitConforme;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitConforme : kExitInvalidInput;
  }
  FillDefaults(&options);
  for (const auto& [sub, command] : commands) {
    if (sub->parsed()) {
      try {
        return command->run(options);
      } catch (const std::exception& e) {
        std::cerr << "sdetcheck: internal error: " << e.what() << "\n";
        return kExitInternal;
      }
    }
  }
  return kExitInvalidInput;
}

}  // namespace sdetcheck
