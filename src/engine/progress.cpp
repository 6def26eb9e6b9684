#include "engine/progress.h"

#include <cstdio>

#include <unistd.h>

namespace sdetcheck {

Progress::Progress(Mode mode)
    : quiet_(mode == Mode::kQuiet), terminal_(isatty(STDERR_FILENO) != 0) {}

void Progress::Start(int total) {
  total_ = total;
  done_ = 0;
  if (!quiet_ && !terminal_) std::fprintf(stderr, "sdetcheck: %d checks to run\n", total);
}

void Progress::Done(const std::string& item_id, const std::string& state) {
  ++done_;
  if (quiet_) return;
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K[%d/%d] %s %s", done_, total_, item_id.c_str(), state.c_str());
  } else {
    std::fprintf(stderr, "[%d/%d] %s: %s\n", done_, total_, item_id.c_str(), state.c_str());
  }
  std::fflush(stderr);
}

void Progress::Finish() {
  if (!quiet_ && terminal_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace sdetcheck
