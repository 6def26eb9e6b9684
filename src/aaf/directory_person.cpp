#include "aaf/directory_person.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace sdetcheck {

namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

}  // namespace

std::string CanonicalDate(std::string_view value) {
  if (value.size() == 10 && value[2] == '/' && value[5] == '/' && AllDigits(value.substr(0, 2)) &&
      AllDigits(value.substr(3, 2)) && AllDigits(value.substr(6, 4)))
    return std::string(value.substr(6, 4)) + "-" + std::string(value.substr(3, 2)) + "-" +
           std::string(value.substr(0, 2));
  if (value.size() >= 8 && AllDigits(value.substr(0, 8)))
    return std::string(value.substr(0, 4)) + "-" + std::string(value.substr(4, 2)) + "-" +
           std::string(value.substr(6, 2));
  return std::string(value);
}

void AddReverseRelativeLinks(std::vector<CanonicalPerson>& people) {
  std::map<std::string, size_t> relative_index;
  for (size_t i = 0; i < people.size(); ++i)
    if (people[i].profile == "PersRelEleve") relative_index.emplace(people[i].key, i);
  for (const CanonicalPerson& pupil : people) {
    if (pupil.profile != "Eleve") continue;
    for (const std::string& relative : pupil.relatives) {
      auto found = relative_index.find(relative);
      if (found != relative_index.end()) people[found->second].relatives.insert(pupil.key);
    }
  }
}

PeopleSide DeduplicatedPeople(std::vector<CanonicalPerson> people, size_t unkeyed) {
  PeopleSide side;
  side.unkeyed = unkeyed;
  std::set<std::string> seen;
  std::set<std::string> duplicated;
  for (CanonicalPerson& person : people) {
    if (seen.insert(person.key).second) {
      side.people.push_back(std::move(person));
    } else if (duplicated.insert(person.key).second) {
      side.duplicate_keys.push_back(person.key);
    }
  }
  std::sort(side.people.begin(), side.people.end(),
            [](const CanonicalPerson& a, const CanonicalPerson& b) { return a.key < b.key; });
  std::sort(side.duplicate_keys.begin(), side.duplicate_keys.end());
  return side;
}

}  // namespace sdetcheck
