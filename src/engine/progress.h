#pragma once

#include <string>

namespace sdetcheck {

// Reports audit progress on stderr: a live, rewritten line on a terminal, one plain line
// per finished check otherwise, nothing when quiet.
class Progress {
 public:
  enum class Mode { kAuto, kQuiet };
  explicit Progress(Mode mode);
  void Start(int total);
  void Done(const std::string& item_id, const std::string& state);
  void Finish();

 private:
  bool quiet_;
  bool terminal_;
  int total_ = 0;
  int done_ = 0;
};

}  // namespace sdetcheck
