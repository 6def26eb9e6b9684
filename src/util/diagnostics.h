#pragma once
// Located problems found while reading input files. Loaders add to a Diagnostics
// instead of stopping at the first problem, so `lint` can list them all.

#include <string>
#include <vector>

namespace sdetcheck {

struct SourceLoc {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

struct Diagnostic {
  SourceLoc loc;
  std::string message;
  std::string hint;  // e.g. "did you mean 'timeout'?"; may be empty
};

class Diagnostics {
 public:
  void Error(SourceLoc loc, std::string message, std::string hint = "");
  bool empty() const { return list_.empty(); }
  size_t size() const { return list_.size(); }
  const std::vector<Diagnostic>& list() const { return list_; }

  // "file:line:col: error: message (hint)" followed by the offending source line and
  // a caret, for each diagnostic, in file/line order.
  std::string Format() const;

 private:
  std::vector<Diagnostic> list_;
};

// Closest candidate by edit distance, or "" when none is close enough to suggest.
std::string SuggestClosest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace sdetcheck
