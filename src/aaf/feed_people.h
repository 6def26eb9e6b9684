#pragma once
// The people of an AAF feed as canonical persons (aaf/directory_person.h): records are
// collected as they are read (their views die with the callback), structure ids are turned
// into UAIs at the end from the EtabEducNat records, and relatives without a structure take
// the establishment of their first pupil.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aaf/directory_person.h"
#include "aaf/feed_record.h"

namespace sdetcheck {

class FeedPeople {
 public:
  // Non-empty `only_keys`: the persons of other keys are skipped (structures are all kept).
  explicit FeedPeople(std::set<std::string> only_keys = {}) : only_keys_(std::move(only_keys)) {}
  // Adds or replaces (add, modify) or removes (delete) what the record says.
  void Add(const FeedRecord& record);
  PeopleSide Finish() const;

 private:
  struct Pending {
    CanonicalPerson person;
    std::string structure_id;              // AAF id of the attachment structure
    std::vector<std::string> raw_classes;  // "structure id$code"
  };
  void AddStructure(const FeedRecord& record);
  void AddPerson(const FeedRecord& record);
  CanonicalPerson Resolved(const Pending& pending) const;
  std::string UaiOf(const std::string& structure_id) const;

  std::set<std::string> only_keys_;
  std::map<std::string, std::string> uai_by_structure_;
  std::vector<Pending> pending_;
  std::map<std::string, size_t> index_by_key_;
  size_t unkeyed_ = 0;
};

struct FeedPeopleReading {
  std::optional<std::string> error;  // "file: why", the first file that could not be read
  PeopleSide people;
};

// The people of the feed files, in the order given (a delta after its full set); `only_keys`
// as FeedPeople's. A relative without a structure whose pupils were skipped has no
// establishment.
FeedPeopleReading ReadFeedPeople(const std::vector<std::string>& feeds,
                                 std::set<std::string> only_keys = {});

}  // namespace sdetcheck
