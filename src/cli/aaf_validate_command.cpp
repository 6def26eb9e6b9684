#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

#include <unistd.h>

#include "aaf/feed_validation.h"
#include "aaf/feed_validation_output.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace sdetcheck {
namespace {

// "\r 42% of 1800 MB" on a terminal, at most once per percent.
std::function<void(uint64_t, uint64_t)> TerminalProgress(bool quiet) {
  if (quiet || !isatty(STDERR_FILENO)) return nullptr;
  auto last = std::make_shared<std::atomic<int>>(-1);
  return [last](uint64_t done, uint64_t total) {
    int percent = total ? static_cast<int>(done * 100 / total) : 100;
    if (last->exchange(percent) == percent) return;
    std::cerr << "\r  " << percent << "% of " << total / 1000000 << " MB" << std::flush;
  };
}

}  // namespace

int AafValidateCommand(CliOptions& o) {
  FeedValidationOptions options;
  options.inputs = o.aaf_inputs;
  options.previous = o.aaf_previous;
  options.threads = o.aaf_threads;
  options.kept_per_rule = o.aaf_kept;
  options.progress = TerminalProgress(o.quiet);
  auto start = std::chrono::steady_clock::now();
  FeedValidation validation = ValidateFeed(options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.progress) std::cerr << "\r\033[K";
  if (!validation.errors.empty()) {
    for (const std::string& error : validation.errors) std::cerr << "sdetcheck: " << error << "\n";
    return kExitInvalidInput;
  }
  std::string text = o.aaf_format == "json"  ? FeedValidationJson(validation)
                     : o.aaf_format == "csv" ? FeedValidationCsv(validation)
                                             : FeedValidationText(validation, seconds);
  if (o.output_file.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(o.output_file, std::ios::binary);
    out << text;
    if (!out) {
      std::cerr << "sdetcheck: cannot write " << o.output_file << "\n";
      return kExitInternal;
    }
  }
  return FeedHasErrors(validation) ? kExitNonConforme : kExitConforme;
}

}  // namespace sdetcheck
