#include "aaf/directory_people.h"

#include <algorithm>
#include <cctype>

#include "aaf/value_formats.h"

namespace sdetcheck {

namespace {

using Attributes = decltype(DirectoryEntry::attributes);

const std::vector<std::string>& ValuesOf(const Attributes& attributes, const std::string& name) {
  static const std::vector<std::string> kNone;
  auto found = attributes.find(name);
  return found == attributes.end() ? kNone : found->second;
}

std::string FirstValue(const Attributes& attributes, const std::string& name) {
  for (const std::string& value : ValuesOf(attributes, name))
    if (!value.empty()) return value;
  return {};
}

bool EqualNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool IsPerson(const Attributes& attributes) {
  for (const std::string& object_class : ValuesOf(attributes, "objectClass"))
    if (EqualNoCase(object_class, "ENTPerson")) return true;
  return attributes.count("ENTPersonJointure") > 0 || attributes.count("ENTPersonProfils") > 0;
}

// The AAF id in a stored join key, and whether the key had the expected prefix.
std::pair<std::string, bool> JoinKey(const std::string& stored, const std::string& prefix) {
  if (!prefix.empty() && stored.rfind(prefix, 0) == 0) return {stored.substr(prefix.size()), true};
  size_t dollar = stored.rfind('$');
  if (dollar == std::string::npos) return {stored, prefix.empty()};
  return {stored.substr(dollar + 1), false};
}

std::string ProfileOf(const Attributes& attributes) {
  for (const std::string& profile : ValuesOf(attributes, "ENTPersonProfils")) {
    std::string category = ProfileCategory(profile);
    if (!category.empty()) return category;
  }
  return {};
}

void AddClasses(const Attributes& attributes, const std::string& name, CanonicalPerson& person) {
  for (const std::string& value : ValuesOf(attributes, name))
    if (!value.empty())
      person.classes.insert(std::string(CompoundField(value, 0)) + "$" +
                            std::string(CompoundField(value, 1)));
}

// Relatives as uids (resolved later) from both relation attributes.
std::vector<std::string> RelativeUids(const Attributes& attributes) {
  std::vector<std::string> uids;
  for (const char* name : {"ENTElevePersRelEleve", "ENTAuxPersRelEleveEleve"})
    for (const std::string& value : ValuesOf(attributes, name))
      if (!value.empty()) uids.emplace_back(CompoundField(value, 0));
  return uids;
}

bool StoresReverseLinks(const std::vector<DirectoryEntry>& entries) {
  return std::any_of(entries.begin(), entries.end(), [](const DirectoryEntry& entry) {
    return !FirstValue(entry.attributes, "ENTAuxPersRelEleveEleve").empty();
  });
}

CanonicalPerson PersonOf(const Attributes& attributes, const std::string& join_key,
                         const std::string& prefix) {
  CanonicalPerson person;
  std::tie(person.key, person.join_key_as_expected) = JoinKey(join_key, prefix);
  person.profile = ProfileOf(attributes);
  person.uai = FirstValue(attributes, "ENTPersonStructRattach");
  person.birth_date = CanonicalDate(FirstValue(attributes, "ENTPersonDateNaissance"));
  AddClasses(attributes, "ENTEleveClasses", person);
  AddClasses(attributes, "ENTAuxEnsClasses", person);
  return person;
}

// Relatives named by uid or by join key. One unknown to the directory stays visible as "uid:<uid>",
// so that it differs.
void ResolveRelatives(const std::vector<std::vector<std::string>>& uids,
                      const std::map<std::string, std::string>& key_by_uid,
                      std::vector<CanonicalPerson>& people) {
  for (size_t i = 0; i < people.size(); ++i)
    for (const std::string& uid : uids[i]) {
      auto found = key_by_uid.find(uid);
      people[i].relatives.insert(found == key_by_uid.end() ? "uid:" + uid : found->second);
    }
}

}  // namespace

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) <
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string ProfileCategory(std::string_view profile) {
  if (profile == "National_ELV") return "Eleve";
  if (profile == "National_TUT") return "PersRelEleve";
  if (profile.rfind("National_", 0) == 0 && profile.size() > 9) return "PersEducNat";
  return {};
}

PeopleSide DirectoryPeople(const std::vector<DirectoryEntry>& entries,
                           const DirectoryPeopleOptions& options) {
  std::vector<CanonicalPerson> people;
  std::vector<std::vector<std::string>> relative_uids;
  std::map<std::string, std::string> key_by_uid;
  size_t unkeyed = 0;
  for (const DirectoryEntry& entry : entries) {
    if (!IsPerson(entry.attributes)) continue;
    std::string join_key = FirstValue(entry.attributes, "ENTPersonJointure");
    if (join_key.empty()) {
      ++unkeyed;
      continue;
    }
    people.push_back(PersonOf(entry.attributes, join_key, options.join_prefix));
    relative_uids.push_back(RelativeUids(entry.attributes));
    std::string uid = FirstValue(entry.attributes, "uid");
    if (!uid.empty()) key_by_uid.emplace(uid, people.back().key);
  }
  for (const CanonicalPerson& person : people) key_by_uid.emplace(person.key, person.key);
  ResolveRelatives(relative_uids, key_by_uid, people);
  // A directory that keeps the link on the pupils' side only is read as its importer would.
  if (!StoresReverseLinks(entries)) AddReverseRelativeLinks(people);
  return DeduplicatedPeople(std::move(people), unkeyed);
}

}  // namespace sdetcheck
