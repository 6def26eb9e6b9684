#include "aaf/released_person.h"

#include <algorithm>

#include "aaf/directory_people.h"

namespace sdetcheck {

namespace {

constexpr const char* kJoinKey = "ENTPersonJointure";

bool Released(const DirectoryEntry& entry, const char* attribute) {
  auto found = entry.attributes.find(attribute);
  return found != entry.attributes.end() &&
         std::any_of(found->second.begin(), found->second.end(),
                     [](const std::string& value) { return !value.empty(); });
}

ComparedFields ReleasedFields(const DirectoryEntry& entry, std::vector<std::string>& names) {
  ComparedFields compared;
  compared.profile = Released(entry, "ENTPersonProfils");
  compared.establishment = Released(entry, "ENTPersonStructRattach");
  compared.classes = Released(entry, "ENTEleveClasses") || Released(entry, "ENTAuxEnsClasses");
  compared.relatives = false;
  compared.birth_date = Released(entry, "ENTPersonDateNaissance");
  for (auto [name, on] : {std::pair{kDriftProfile, compared.profile},
                          std::pair{kDriftEstablishment, compared.establishment},
                          std::pair{kDriftClasses, compared.classes},
                          std::pair{kDriftBirthDate, compared.birth_date}})
    if (on) names.emplace_back(name);
  names.emplace_back(kDriftJoinKey);
  return compared;
}

}  // namespace

std::optional<ReleasedPerson> PersonReleased(
    const std::map<std::string, std::vector<std::string>>& attributes,
    const std::string& join_prefix, const std::string& known_key) {
  DirectoryEntry entry;
  for (const auto& [name, values] : attributes) {
    std::vector<std::string>& kept = entry.attributes[name];
    kept.insert(kept.end(), values.begin(), values.end());
  }
  entry.attributes.erase("objectClass");  // a released objectClass says nothing here
  ReleasedPerson released;
  released.join_key_released = Released(entry, kJoinKey);
  if (!released.join_key_released) {
    if (known_key.empty()) return std::nullopt;
    entry.attributes[kJoinKey] = {join_prefix + known_key};  // to be read as a person
  }
  DirectoryPeopleOptions options;
  options.join_prefix = join_prefix;
  PeopleSide side = DirectoryPeople({entry}, options);
  if (side.people.empty()) return std::nullopt;
  released.person = side.people.front();
  if (released.join_key_released) released.released_key = released.person.key;
  if (!known_key.empty()) released.person.key = known_key;
  released.compared = ReleasedFields(entry, released.compared_names);
  return released;
}

std::vector<std::string> ReleasedDrift(const CanonicalPerson& feed,
                                       const ReleasedPerson& released) {
  std::vector<std::string> fields = DriftedFields(feed, released.person, released.compared);
  bool join_key_differs = !released.join_key_released || released.released_key != feed.key;
  if (join_key_differs && std::find(fields.begin(), fields.end(), kDriftJoinKey) == fields.end())
    fields.emplace_back(kDriftJoinKey);
  return fields;
}

}  // namespace sdetcheck
