#pragma once
// The people of an ENT's LDAP directory as canonical persons (aaf/directory_person.h), from
// entries already read (attribute name -> values, names compared without case). Normalised
// as aaf_sso.md §2.6 says: the join key loses its prefix ("AAF$" by default), compound
// values already carry UAIs, relatives named by uid are turned into their join keys, the
// national profile gives the AAF category, dates become ISO.

#include <map>
#include <string>
#include <vector>

#include "aaf/directory_person.h"

namespace sdetcheck {

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const;
};

struct DirectoryEntry {
  std::string dn;
  std::map<std::string, std::vector<std::string>, CaseInsensitiveLess> attributes;
};

struct DirectoryPeopleOptions {
  std::string join_prefix = "AAF$";  // what precedes the AAF id in ENTPersonJointure
};

// Entries that are not persons (no ENTPerson class, no join key, no profile) are skipped.
PeopleSide DirectoryPeople(const std::vector<DirectoryEntry>& entries,
                           const DirectoryPeopleOptions& options);

// "National_ELV" -> "Eleve", "National_TUT" -> "PersRelEleve", other "National_*" ->
// "PersEducNat", anything else -> "".
std::string ProfileCategory(std::string_view profile);

}  // namespace sdetcheck
