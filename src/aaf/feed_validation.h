#pragma once
// Validation of a whole AAF feed: every file read (two at a time), each record checked
// against its type's vocabulary and formats, then identifiers, duplicates and references
// across files, and a delta against the full set it follows. Counts are exact; the findings
// kept are bounded per rule.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sdetcheck {

struct FeedFinding {
  std::string rule;  // aaf/feed_rules.h
  std::string file;  // file name, no directory
  std::string type;  // file type ("Eleve", ...), "" when unknown
  uint32_t line = 0;
  std::string record;     // identifier/id
  std::string attribute;  // "" for the record or the file
  std::string value;      // the value at fault, bounded
};

struct FeedValidationOptions {
  std::vector<std::string> inputs;  // files, or directories whose *.xml are read
  std::string previous;             // the full set a delta follows ("" none)
  int threads = 2;
  size_t kept_per_rule = 1000;  // findings kept per rule (counts stay exact)
  // Bytes read so far out of the total, now and then, from any thread.
  std::function<void(uint64_t done, uint64_t total)> progress;
};

struct FeedValidation {
  std::vector<std::string> files;
  std::vector<std::string> errors;  // nothing could be validated: why
  uint64_t records = 0;
  uint64_t bytes = 0;
  int files_read_by_libxml2 = 0;
  std::map<std::string, uint64_t> counts;                          // rule -> findings
  std::map<std::string, std::map<std::string, uint64_t>> by_type;  // type -> rule -> findings
  std::vector<FeedFinding> findings;                               // kept, in file order

  uint64_t Count(const std::string& rule) const;
};

FeedValidation ValidateFeed(const FeedValidationOptions& options);

// The feed files `inputs` name: files as given, then each directory's *.xml by name; an input
// that is neither goes to `errors`.
std::vector<std::string> FeedFilesOf(const std::vector<std::string>& inputs,
                                     std::vector<std::string>* errors);

}  // namespace sdetcheck
