#pragma once
// PCRE2 regular expressions with a bounded match effort, so a hostile body cannot make
// a matcher run away (std::regex recurses per character and overflows on large bodies).

#include <memory>
#include <optional>
#include <string>

namespace sdetcheck {

class Regex {
 public:
  // Returns nullopt and sets *error on an invalid pattern.
  static std::optional<Regex> Compile(const std::string& pattern, std::string* error);

  enum class Match { kFound, kNotFound, kGaveUp };
  // Searches anywhere in `text`. On kFound, *matched (if given) receives the match.
  Match Search(const std::string& text, std::string* matched = nullptr) const;
  const std::string& pattern() const { return pattern_; }

 private:
  struct Compiled;
  std::string pattern_;
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace sdetcheck
