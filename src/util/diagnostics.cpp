#include "util/diagnostics.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace sdetcheck {
namespace {

std::string ReadLine(const std::string& file, int line) {
  std::ifstream in(file);
  std::string text;
  for (int i = 1; std::getline(in, text); ++i) {
    if (i == line) return text;
  }
  return "";
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

void Diagnostics::Error(SourceLoc loc, std::string message, std::string hint) {
  list_.push_back({std::move(loc), std::move(message), std::move(hint)});
}

std::string Diagnostics::Format() const {
  std::vector<Diagnostic> sorted = list_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.loc.file != b.loc.file) return a.loc.file < b.loc.file;
    if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
    return a.loc.column < b.loc.column;
  });
  std::ostringstream out;
  for (const Diagnostic& d : sorted) {
    out << d.loc.file;
    if (d.loc.line > 0) out << ':' << d.loc.line << ':' << d.loc.column;
    out << ": error: " << d.message;
    if (!d.hint.empty()) out << " (" << d.hint << ")";
    out << '\n';
    if (d.loc.line <= 0) continue;
    std::string source = ReadLine(d.loc.file, d.loc.line);
    if (source.empty()) continue;
    out << "  " << source << "\n  " << std::string(std::max(d.loc.column - 1, 0), ' ') << "^\n";
  }
  return out.str();
}

std::string SuggestClosest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = word.size() / 2 + 2;
  for (const std::string& candidate : candidates) {
    size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace sdetcheck
