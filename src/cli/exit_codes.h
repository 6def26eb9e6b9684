#pragma once

namespace sdetcheck {

// Documented in README.md and `sdetcheck --help`. Stable: CI pipelines depend on them.
enum ExitCode : int {
  kExitConforme = 0,      // audit: every applicable exigence met; lint: no problem
  kExitNonConforme = 1,   // audit: at least one exigence fails
  kExitIncomplet = 2,     // audit: no failure, but an exigence errored or is unanswered
  kExitInvalidInput = 3,  // bad arguments, or invalid grid/probe/target/answers files
  kExitInternal = 4,      // a bug or an environment failure (cannot write the report...)
};

enum class Verdict;

// The exit status an audit's overall verdict gives (audit, replay): 0, 1 or 2.
int ExitCodeFor(Verdict verdict);

}  // namespace sdetcheck
