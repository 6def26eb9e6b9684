#include <fstream>
#include <iostream>

#include "cli/cli_messages.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "runs/diff_output.h"

namespace sdetcheck {
namespace {

bool WriteOutput(const std::string& file, const std::string& text) {
  if (file.empty()) {
    std::cout << text;
    return static_cast<bool>(std::cout);
  }
  std::ofstream out(file, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int DiffCommand(CliOptions& o) {
  SavedRun old_run, new_run;
  std::string error;
  if (!LoadSavedRun(o.diff_old, &old_run, &error) || !LoadSavedRun(o.diff_new, &new_run, &error)) {
    std::cerr << "sdetcheck diff: " << error << "\n";
    return kExitInvalidInput;
  }
  RunDiff diff = DiffRuns(old_run, new_run);
  DiffSides sides{&old_run, &new_run};
  std::string text;
  if (o.diff_format == "json") {
    text = DiffJson(diff, sides);
  } else {
    CliMessages messages(o);
    Wording wording{[&](const Message& m) { return messages.Text(m); },
                    [&](const std::string& key) { return messages.Label(key); }};
    text = DiffText(diff, sides, o.diff_verbose, wording);
  }
  if (!WriteOutput(o.output_file, text)) {
    std::cerr << "sdetcheck diff: " << o.output_file << ": cannot write\n";
    return kExitInternal;
  }
  bool failed = diff.HasRegression() || (o.diff_strict && diff.Count(ChangeKind::kUnverified) > 0);
  return failed ? kExitNonConforme : kExitConforme;
}

}  // namespace sdetcheck
