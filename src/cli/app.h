#pragma once

namespace sdetcheck {

// Parses arguments, runs the chosen subcommand and returns the process exit code.
int RunCli(int argc, char** argv);

}  // namespace sdetcheck
