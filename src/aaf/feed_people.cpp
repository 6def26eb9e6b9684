#include "aaf/feed_people.h"

#include "aaf/feed_file_reading.h"
#include "aaf/value_formats.h"

namespace sdetcheck {

namespace {

bool IsPersonCategory(std::string_view category) {
  return category == "Eleve" || category == "PersRelEleve" || category == "PersEducNat";
}

std::string FirstValue(const FeedRecord& record, std::string_view name) {
  for (const FeedAttribute& attribute : record.attributes) {
    if (attribute.name != name) continue;
    for (std::string_view value : record.ValuesOf(attribute))
      if (!value.empty()) return std::string(value);
  }
  return {};
}

std::vector<std::string_view> AllValues(const FeedRecord& record, std::string_view name) {
  std::vector<std::string_view> out;
  for (const FeedAttribute& attribute : record.attributes) {
    if (attribute.name != name) continue;
    for (std::string_view value : record.ValuesOf(attribute))
      if (!value.empty()) out.push_back(value);
  }
  return out;
}

// "structure$class$..." -> "structure$class"; 1st degree "structure$year$level$class$label".
std::string StructureAndClass(std::string_view value, size_t class_field = 1) {
  return std::string(CompoundField(value, 0)) + "$" +
         std::string(CompoundField(value, class_field));
}

}  // namespace

void FeedPeople::Add(const FeedRecord& record) {
  if (record.category == "EtabEducNat") {
    AddStructure(record);
  } else if (IsPersonCategory(record.category)) {
    AddPerson(record);
  }
}

void FeedPeople::AddStructure(const FeedRecord& record) {
  std::string uai = FirstValue(record, "ENTStructureUAI");
  if (uai.empty()) uai = FirstValue(record, "ENTEtablissementUAI");
  if (!record.id.empty() && !uai.empty()) uai_by_structure_[std::string(record.id)] = uai;
}

void FeedPeople::AddPerson(const FeedRecord& record) {
  std::string key(record.id);
  if (key.empty()) {
    ++unkeyed_;
    return;
  }
  if (!only_keys_.empty() && only_keys_.count(key) == 0) return;
  auto found = index_by_key_.find(key);
  if (record.operation == FeedOperation::kDelete) {
    if (found != index_by_key_.end()) pending_[found->second].person.key.clear();
    return;
  }
  Pending pending;
  pending.person.key = key;
  pending.person.profile = std::string(record.category);
  pending.person.birth_date = CanonicalDate(FirstValue(record, "ENTPersonDateNaissance"));
  pending.structure_id = FirstValue(record, "ENTPersonStructRattach");
  for (std::string_view value : AllValues(record, "ENTEleveClasses"))
    pending.raw_classes.push_back(StructureAndClass(value));
  for (std::string_view value : AllValues(record, "ENTAuxEnsClassesMatieres"))
    pending.raw_classes.push_back(StructureAndClass(value));
  for (std::string_view value : AllValues(record, "ENTPersonClasses"))  // 1st degree
    pending.raw_classes.push_back(StructureAndClass(value, 3));
  for (const char* relation : {"ENTElevePersRelEleve", "ENTAuxPersRelEleveEleve",
                               "ENTEleveAutoriteParentale", "ENTPersRelEleveEleve"})
    for (std::string_view value : AllValues(record, relation))
      pending.person.relatives.insert(std::string(CompoundField(value, 0)));
  if (found != index_by_key_.end()) {
    pending_[found->second] = std::move(pending);
  } else {
    index_by_key_[key] = pending_.size();
    pending_.push_back(std::move(pending));
  }
}

std::string FeedPeople::UaiOf(const std::string& structure_id) const {
  auto found = uai_by_structure_.find(structure_id);
  return found == uai_by_structure_.end() ? structure_id : found->second;
}

CanonicalPerson FeedPeople::Resolved(const Pending& pending) const {
  CanonicalPerson person = pending.person;
  if (!pending.structure_id.empty()) person.uai = UaiOf(pending.structure_id);
  for (const std::string& raw : pending.raw_classes) {
    std::string_view value(raw);
    person.classes.insert(UaiOf(std::string(CompoundField(value, 0))) + "$" +
                          std::string(CompoundField(value, 1)));
  }
  return person;
}

PeopleSide FeedPeople::Finish() const {
  std::vector<CanonicalPerson> people;
  std::map<std::string, std::string> uai_by_key;
  for (const Pending& pending : pending_) {
    if (pending.person.key.empty()) continue;  // deleted
    people.push_back(Resolved(pending));
    uai_by_key[people.back().key] = people.back().uai;
  }
  AddReverseRelativeLinks(people);  // 2nd degree relatives rarely carry their pupils
  for (CanonicalPerson& person : people) {
    if (!person.uai.empty() || person.profile != "PersRelEleve") continue;
    for (const std::string& pupil : person.relatives) {
      auto found = uai_by_key.find(pupil);
      if (found != uai_by_key.end() && !found->second.empty()) {
        person.uai = found->second;
        break;
      }
    }
  }
  return DeduplicatedPeople(std::move(people), unkeyed_);
}

FeedPeopleReading ReadFeedPeople(const std::vector<std::string>& feeds,
                                 std::set<std::string> only_keys) {
  FeedPeopleReading reading;
  FeedPeople people(std::move(only_keys));
  for (const std::string& feed : feeds) {
    FeedFileReading file = ReadFeed(
        feed, [&people](const FeedRecord& record) { people.Add(record); },
        [](const FeedProblem&) {}, [] {});
    if (file.error) {
      reading.error = feed + ": " + file.error->message;
      return reading;
    }
  }
  reading.people = people.Finish();
  return reading;
}

}  // namespace sdetcheck
