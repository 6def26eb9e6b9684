#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "aaf/directory_diff.h"
#include "aaf/directory_people.h"
#include "aaf/feed_file_reading.h"
#include "aaf/feed_people.h"

namespace sdetcheck {
namespace {

using Values = std::vector<std::string>;
using Attribute = std::pair<std::string, Values>;

// A feed record over strings the test keeps alive while the record is used.
struct HandMadeRecord {
  std::vector<std::string> storage;
  FeedRecord record;

  HandMadeRecord(FeedOperation operation, const std::string& category, const std::string& id,
                 std::initializer_list<Attribute> attributes) {
    storage.reserve(64);
    record.operation = operation;
    record.category = Keep(category);
    record.id = Keep(id);
    for (const auto& [name, values] : attributes) {
      FeedAttribute attribute;
      attribute.name = Keep(name);
      attribute.first_value = static_cast<uint32_t>(record.values.size());
      attribute.value_count = static_cast<uint32_t>(values.size());
      for (const std::string& value : values) record.values.push_back(Keep(value));
      record.attributes.push_back(attribute);
    }
  }
  std::string_view Keep(const std::string& text) { return storage.emplace_back(text); }
};

void AddRecord(FeedPeople& people, FeedOperation operation, const std::string& category,
               const std::string& id, std::initializer_list<Attribute> attributes) {
  HandMadeRecord made(operation, category, id, attributes);
  people.Add(made.record);
}

void Add(FeedPeople& people, const std::string& category, const std::string& id,
         std::initializer_list<Attribute> attributes) {
  AddRecord(people, FeedOperation::kAdd, category, id, attributes);
}

DirectoryEntry Entry(const std::string& uid, std::initializer_list<Attribute> attributes) {
  DirectoryEntry entry;
  entry.dn = "uid=" + uid + ",ou=people,dc=example";
  entry.attributes["uid"] = {uid};
  entry.attributes["objectClass"] = {"ENTPerson"};
  for (const auto& [name, values] : attributes) entry.attributes[name] = values;
  return entry;
}

// A small school: one structure, a pupil, its parent, a teacher.
PeopleSide SmallFeed() {
  FeedPeople people;
  Add(people, "Eleve", "200",
      {{"ENTPersonStructRattach", {"1001"}},
       {"ENTEleveClasses", {"1001$4A"}},
       {"ENTElevePersRelEleve", {"300$10$1$1$1$1"}},
       {"ENTPersonDateNaissance", {"14/03/2012"}}});
  Add(people, "PersRelEleve", "300", {{"ENTAuxPersRelEleveEleve", {"200"}}});
  Add(people, "PersEducNat", "400",
      {{"ENTPersonStructRattach", {"1001"}}, {"ENTAuxEnsClassesMatieres", {"1001$4A$061300"}}});
  Add(people, "EtabEducNat", "1001", {{"ENTStructureUAI", {"0751234J"}}});  // after, on purpose
  return people.Finish();
}

std::vector<DirectoryEntry> SmallDirectory() {
  return {Entry("eleve1", {{"ENTPersonJointure", {"AAF$200"}},
                           {"ENTPersonProfils", {"National_ELV"}},
                           {"ENTPersonStructRattach", {"0751234J"}},
                           {"ENTEleveClasses", {"0751234J$4A"}},
                           {"ENTElevePersRelEleve", {"parent1$10$1$1$1$1"}},
                           {"ENTPersonDateNaissance", {"20120314"}}}),
          Entry("parent1", {{"ENTPersonJointure", {"AAF$300"}},
                            {"ENTPersonProfils", {"National_TUT"}},
                            {"ENTPersonStructRattach", {"0751234J"}},
                            {"ENTAuxPersRelEleveEleve", {"eleve1"}}}),
          Entry("prof1", {{"ENTPersonJointure", {"AAF$400"}},
                          {"ENTPersonProfils", {"National_ENS"}},
                          {"ENTPersonStructRattach", {"0751234J"}},
                          {"ENTAuxEnsClasses", {"0751234J$4A"}}})};
}

DirectoryDiff Compare(const std::vector<DirectoryEntry>& entries) {
  return CompareDirectory(SmallFeed(), DirectoryPeople(entries, {}));
}

TEST_CASE("directory diff: a directory made from its feed has no finding") {
  DirectoryDiff diff = Compare(SmallDirectory());
  CHECK(diff.missing.empty());
  CHECK(diff.extra.empty());
  CHECK(diff.drift.empty());
  CHECK(diff.matched == 3);
  REQUIRE(diff.counts.size() == 3);
  for (const PeopleCount& count : diff.counts) {
    CHECK(count.uai == "0751234J");  // the parent takes its pupil's establishment
    CHECK(count.feed == 1);
    CHECK(count.directory == 1);
  }
}

TEST_CASE("directory diff: missing, extra and drifted people, by join key") {
  std::vector<DirectoryEntry> entries = SmallDirectory();
  entries.erase(entries.begin() + 2);  // the teacher is gone
  entries[0].attributes["ENTEleveClasses"] = {"0751234J$3B"};
  entries.push_back(
      Entry("old", {{"ENTPersonJointure", {"AAF$999"}}, {"ENTPersonProfils", {"National_TUT"}}}));
  DirectoryDiff diff = Compare(entries);
  CHECK(diff.missing == std::vector<std::string>{"400"});
  CHECK(diff.extra == std::vector<std::string>{"999"});
  REQUIRE(diff.drift.size() == 1);
  CHECK(diff.drift[0].key == "200");
  CHECK(diff.drift[0].fields == std::vector<std::string>{kDriftClasses});
}

TEST_CASE("directory diff: a relative without its pupil drifts on relatives") {
  std::vector<DirectoryEntry> entries = SmallDirectory();
  entries[1].attributes.erase("ENTAuxPersRelEleveEleve");
  // Another relative keeps its link: this directory stores relatives' links.
  entries.push_back(Entry("parent2", {{"ENTPersonJointure", {"AAF$301"}},
                                      {"ENTPersonProfils", {"National_TUT"}},
                                      {"ENTAuxPersRelEleveEleve", {"eleve1"}}}));
  DirectoryDiff diff = Compare(entries);
  REQUIRE(diff.drift.size() == 1);
  CHECK(diff.drift[0].key == "300");
  CHECK(diff.drift[0].fields == std::vector<std::string>{kDriftRelatives});
  CHECK(diff.extra == std::vector<std::string>{"301"});
}

TEST_CASE("directory diff: links given on the pupils' side only, in the feed or the directory") {
  // A 2nd degree feed: relatives carry no ENTAuxPersRelEleveEleve; the directory has it.
  FeedPeople people;
  Add(people, "Eleve", "200",
      {{"ENTPersonStructRattach", {"1001"}},
       {"ENTEleveClasses", {"1001$4A"}},
       {"ENTElevePersRelEleve", {"300$10$1$1$1$1"}},
       {"ENTPersonDateNaissance", {"14/03/2012"}}});
  Add(people, "PersRelEleve", "300", {});
  Add(people, "PersEducNat", "400",
      {{"ENTPersonStructRattach", {"1001"}}, {"ENTAuxEnsClassesMatieres", {"1001$4A$061300"}}});
  Add(people, "EtabEducNat", "1001", {{"ENTStructureUAI", {"0751234J"}}});
  PeopleSide feed = people.Finish();
  DirectoryDiff diff = CompareDirectory(feed, DirectoryPeople(SmallDirectory(), {}));
  CHECK(diff.drift.empty());
  CHECK(diff.matched == 3);
  // A directory that keeps no relative's link at all, as its importer would read it.
  std::vector<DirectoryEntry> pupil_side_only = SmallDirectory();
  pupil_side_only[1].attributes.erase("ENTAuxPersRelEleveEleve");
  CHECK(CompareDirectory(feed, DirectoryPeople(pupil_side_only, {})).drift.empty());
  CHECK(Compare(pupil_side_only).drift.empty());
}

TEST_CASE("feed people: 1st degree classes and relations") {
  FeedPeople people;
  Add(people, "Eleve", "200",
      {{"ENTPersonStructRattach", {"1001"}},
       {"ENTPersonClasses", {"1001$2026$CM1$CM1A$CM1 A"}},
       {"ENTEleveAutoriteParentale", {"300$10"}}});
  Add(people, "PersRelEleve", "300", {{"ENTPersRelEleveEleve", {"200"}}});
  Add(people, "EtabEducNat", "1001", {{"ENTStructureUAI", {"0751234J"}}});
  PeopleSide side = people.Finish();
  REQUIRE(side.people.size() == 2);
  CHECK(side.people[0].classes == std::set<std::string>{"0751234J$CM1A"});
  CHECK(side.people[0].relatives == std::set<std::string>{"300"});
  CHECK(side.people[1].relatives == std::set<std::string>{"200"});
}

TEST_CASE("directory diff: profile, establishment, join key prefix and birth date") {
  std::vector<DirectoryEntry> entries = SmallDirectory();
  entries[0].attributes["ENTPersonProfils"] = {"National_ENS"};
  entries[0].attributes["ENTPersonStructRattach"] = {"0759876C"};
  entries[0].attributes["ENTPersonJointure"] = {"AC-EXEMPLE$200"};
  entries[0].attributes["ENTPersonDateNaissance"] = {"15/03/2012"};
  DirectoryDiff diff = Compare(entries);
  REQUIRE(diff.drift.size() == 1);
  CHECK(diff.drift[0].fields == std::vector<std::string>{kDriftProfile, kDriftEstablishment,
                                                         kDriftJoinKey, kDriftBirthDate});
}

TEST_CASE("directory diff: the join key prefix is configurable, attribute names ignore case") {
  std::vector<DirectoryEntry> entries = SmallDirectory();
  for (DirectoryEntry& entry : entries) {
    std::string key = entry.attributes["ENTPersonJointure"][0].substr(4);
    entry.attributes.erase("ENTPersonJointure");
    entry.attributes["entpersonjointure"] = {"AC-EXEMPLE$" + key};
  }
  DirectoryDiff diff = CompareDirectory(SmallFeed(), DirectoryPeople(entries, {"AC-EXEMPLE$"}));
  CHECK(diff.drift.empty());
  CHECK(diff.matched == 3);
}

TEST_CASE("directory diff: a feed delete removes the person, a later add replaces it") {
  FeedPeople people;
  Add(people, "Eleve", "1", {{"ENTEleveClasses", {"1001$4A"}}});
  Add(people, "Eleve", "1", {{"ENTEleveClasses", {"1001$3B"}}});
  Add(people, "Eleve", "2", {});
  AddRecord(people, FeedOperation::kDelete, "Eleve", "2", {});
  PeopleSide side = people.Finish();
  REQUIRE(side.people.size() == 1);
  CHECK(side.people[0].classes == std::set<std::string>{"1001$3B"});
}

TEST_CASE("directory diff hostile: an entry with 100k values") {
  std::vector<DirectoryEntry> entries = SmallDirectory();
  Values classes;
  for (int i = 0; i < 100000; ++i) classes.push_back("0751234J$C" + std::to_string(i));
  entries[0].attributes["ENTEleveClasses"] = classes;
  DirectoryDiff diff = Compare(entries);
  REQUIRE(diff.drift.size() == 1);
  CHECK(diff.drift[0].fields == std::vector<std::string>{kDriftClasses});
}

TEST_CASE("directory diff hostile: empty attributes, no join key, non-person entries") {
  std::vector<DirectoryEntry> entries = SmallDirectory();
  entries.push_back(Entry("nokey", {{"ENTPersonJointure", {""}}, {"ENTPersonProfils", {}}}));
  DirectoryEntry structure;
  structure.dn = "ENTStructureUAI=0751234J,ou=structures";
  structure.attributes["objectClass"] = {"ENTStructure"};
  entries.push_back(structure);
  entries.push_back(
      Entry("empty", {{"ENTPersonJointure", {"AAF$"}}, {"ENTEleveClasses", {"", "$"}}}));
  DirectoryDiff diff = Compare(entries);
  CHECK(diff.directory_unkeyed == 1);
  CHECK(diff.extra == std::vector<std::string>{""});  // a prefix and nothing after it
  CHECK(diff.drift.empty());
}

TEST_CASE("directory diff hostile: duplicate join keys are reported once, the first one kept") {
  std::vector<DirectoryEntry> entries = SmallDirectory();
  entries.push_back(entries[2]);
  entries.push_back(entries[2]);
  entries.back().attributes["ENTAuxEnsClasses"] = {};
  DirectoryDiff diff = Compare(entries);
  CHECK(diff.directory_duplicates == std::vector<std::string>{"400"});
  CHECK(diff.drift.empty());
  CHECK(diff.matched == 3);
}

TEST_CASE("feed people: only the asked keys are kept, their structures still resolved") {
  FeedPeople people({"400"});
  Add(people, "Eleve", "200", {{"ENTPersonStructRattach", {"1001"}}});
  Add(people, "PersEducNat", "400",
      {{"ENTPersonStructRattach", {"1001"}}, {"ENTAuxEnsClassesMatieres", {"1001$4A$061300"}}});
  Add(people, "EtabEducNat", "1001", {{"ENTStructureUAI", {"0751234J"}}});
  PeopleSide side = people.Finish();
  REQUIRE(side.people.size() == 1);
  CHECK(side.people[0].key == "400");
  CHECK(side.people[0].uai == "0751234J");
  CHECK(side.people[0].classes == std::set<std::string>{"0751234J$4A"});
}

TEST_CASE("canonical dates") {
  CHECK(CanonicalDate("14/03/2012") == "2012-03-14");
  CHECK(CanonicalDate("20120314000000Z") == "2012-03-14");
  CHECK(CanonicalDate("2012-03-14") == "2012-03-14");
  CHECK(CanonicalDate("14/3/2012") == "14/3/2012");
  CHECK(CanonicalDate("") == "");
}

// --- the reference ENT: its LDIF against its AAF files

std::vector<DirectoryEntry> ReadLdif(const std::string& path) {
  std::ifstream in(path);
  std::vector<DirectoryEntry> entries;
  DirectoryEntry entry;
  std::string line;
  auto flush = [&] {
    if (!entry.dn.empty()) entries.push_back(entry);
    entry = {};
  };
  while (std::getline(in, line)) {
    if (line.empty()) flush();
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    if (name == "dn")
      entry.dn = line.substr(colon + 2);
    else
      entry.attributes[name].push_back(line.substr(colon + 2));
  }
  flush();
  return entries;
}

PeopleSide ReferenceFeed() {
  std::vector<std::string> files;
  std::string dir = std::string(SDETCHECK_SOURCE_DIR) + "/reference-ent/aaf";
  for (const auto& file : std::filesystem::directory_iterator(dir))
    if (file.path().extension() == ".xml") files.push_back(file.path().string());
  FeedPeopleReading reading = ReadFeedPeople(files);
  REQUIRE_FALSE(reading.error.has_value());
  return reading.people;
}

TEST_CASE("directory diff: the reference ENT's LDIF matches its AAF feed") {
  PeopleSide feed = ReferenceFeed();
  PeopleSide directory = DirectoryPeople(
      ReadLdif(std::string(SDETCHECK_SOURCE_DIR) + "/reference-ent/ldif/directory.ldif"), {});
  CHECK(feed.people.size() == directory.people.size());
  DirectoryDiff diff = CompareDirectory(feed, directory);
  CHECK(diff.missing.empty());
  CHECK(diff.extra.empty());
  for (const PersonDrift& drift : diff.drift) {
    std::string fields;
    for (const std::string& field : drift.fields) fields += field + " ";
    CHECK_MESSAGE(drift.fields.empty(), drift.key << ": " << fields);
  }
}

}  // namespace
}  // namespace sdetcheck
