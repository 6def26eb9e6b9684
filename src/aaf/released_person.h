#pragma once
// A person as a single sign-on releases it (CAS attributes by name, as the ENT gives them to
// its services), brought to the canonical person of the directory cross-check
// (aaf/directory_person.h), and compared with the person's feed record on the fields whose
// attributes were released. Relatives are never compared: an SSO names them, when at all, by
// identifiers the feed does not know.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aaf/directory_diff.h"
#include "aaf/directory_person.h"

namespace sdetcheck {

struct ReleasedPerson {
  CanonicalPerson person;  // key: the known AAF id, else the released join key's
  ComparedFields compared;
  std::vector<std::string> compared_names;  // kDrift* names of the fields compared
  bool join_key_released = false;
  std::string released_key;  // the AAF id in the released join key ("" = none)
};

// `known_key`: the person's AAF id when the auditor declared it ("" = take the released join
// key's). nullopt when there is neither: nothing to find the feed record by.
std::optional<ReleasedPerson> PersonReleased(
    const std::map<std::string, std::vector<std::string>>& attributes,
    const std::string& join_prefix, const std::string& known_key);

// The fields of the feed's record the release does not carry the same (kDrift* names); the
// join key differs when it is not released, lacks its prefix or names another person.
std::vector<std::string> ReleasedDrift(const CanonicalPerson& feed, const ReleasedPerson& released);

}  // namespace sdetcheck
