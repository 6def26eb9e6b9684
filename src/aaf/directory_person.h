#pragma once
// The canonical person both sides of the directory cross-check are brought to (aaf_sso.md
// §2.6): the AAF join key, the AAF category as profile, the establishment's UAI, the classes
// as "UAI$code", the relatives' join keys and the birth date in ISO form. Built from feed
// records (aaf/feed_people.h) and from LDAP entries (aaf/directory_people.h).

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sdetcheck {

struct CanonicalPerson {
  std::string key;                   // AAF identifier/id, without any prefix
  std::string profile;               // "Eleve", "PersRelEleve", "PersEducNat" ("" = not understood)
  std::string uai;                   // establishment of attachment ("" = none known)
  std::set<std::string> classes;     // "UAI$class code"
  std::set<std::string> relatives;   // join keys (pupil: its relatives; relative: its pupils)
  std::string birth_date;            // yyyy-mm-dd, or the value as found when not a date
  bool join_key_as_expected = true;  // false: the stored key lacks the expected prefix
};

// One side of the comparison: the people, and what could not be keyed or was keyed twice.
struct PeopleSide {
  std::vector<CanonicalPerson> people;  // one per key, the first one seen
  std::vector<std::string> duplicate_keys;
  size_t unkeyed = 0;  // person entries or records without a join key
};

// dd/MM/yyyy -> yyyy-mm-dd; yyyy-mm-dd and yyyymmdd[...] (LDAP GeneralizedTime) too.
// Anything else is returned as is, so that it differs from a real date.
std::string CanonicalDate(std::string_view value);

// Gives each relative the pupils that name it among their relatives: importers derive this
// reverse link (aaf_sso.md §2.6), which feeds and some directories give on one side only.
void AddReverseRelativeLinks(std::vector<CanonicalPerson>& people);

// Keeps the first person of each key; later ones go to duplicate_keys (each key once).
PeopleSide DeduplicatedPeople(std::vector<CanonicalPerson> people, size_t unkeyed);

}  // namespace sdetcheck
