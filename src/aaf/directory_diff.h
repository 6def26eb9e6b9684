#pragma once
// The ENT's directory compared with the AAF feed (aaf_sso.md §2.6), pure: both sides already
// brought to canonical persons (aaf/feed_people.h, aaf/directory_people.h). Says who is
// missing in the ENT, who is extra (including accounts left after a full import), which
// fields differ for the people on both sides, and the counts per establishment and profile.
// Only join keys and field names come out: no personal value.

#include <cstddef>
#include <string>
#include <vector>

#include "aaf/directory_person.h"

namespace sdetcheck {

// The fields compared, as named in drift reports.
inline constexpr const char* kDriftProfile = "profile";
inline constexpr const char* kDriftEstablishment = "establishment";
inline constexpr const char* kDriftClasses = "classes";
inline constexpr const char* kDriftRelatives = "relatives";
inline constexpr const char* kDriftJoinKey = "join_key";
inline constexpr const char* kDriftBirthDate = "birth_date";

// The fields a comparison looks at: every one for a directory entry; for the attributes an SSO
// releases about a person, those whose attributes were released.
struct ComparedFields {
  bool profile = true;
  bool establishment = true;
  bool classes = true;
  bool relatives = true;
  bool birth_date = true;
};

struct PersonDrift {
  std::string key;
  std::vector<std::string> fields;  // kDrift* names, in that order
};

struct PeopleCount {
  std::string uai;      // "" = no establishment known
  std::string profile;  // AAF category
  size_t feed = 0;
  size_t directory = 0;
};

struct DirectoryDiff {
  std::vector<std::string> missing;  // join keys in the feed, not in the directory
  std::vector<std::string> extra;    // join keys in the directory, not in the feed
  std::vector<PersonDrift> drift;
  std::vector<PeopleCount> counts;  // sorted by establishment then profile
  std::vector<std::string> feed_duplicates;
  std::vector<std::string> directory_duplicates;
  size_t feed_unkeyed = 0;
  size_t directory_unkeyed = 0;
  size_t matched = 0;
};

// The fields of `feed` that `entry` does not carry the same (kDrift* names, in that order).
// The entry may know an establishment or a birth date the feed leaves out: only what the feed
// says counts.
std::vector<std::string> DriftedFields(const CanonicalPerson& feed, const CanonicalPerson& entry,
                                       const ComparedFields& compared = {});

DirectoryDiff CompareDirectory(const PeopleSide& feed, const PeopleSide& directory);

}  // namespace sdetcheck
