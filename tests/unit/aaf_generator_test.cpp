#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include "aaf/check_keys.h"
#include "aaf/generator.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;
using Attributes = std::map<std::string, std::vector<std::string>>;

struct ParsedRecord {
  std::string file, operation, category, id;
  Attributes attributes;  // or modifications
};

std::string Text(xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return text;
}

std::vector<xmlNode*> Children(xmlNode* node) {
  std::vector<xmlNode*> children;
  for (xmlNode* child = node ? node->children : nullptr; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) children.push_back(child);
  }
  return children;
}

std::string Name(xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string AttrName(xmlNode* node) {
  xmlChar* name = xmlGetProp(node, reinterpret_cast<const xmlChar*>("name"));
  std::string text = name ? reinterpret_cast<const char*>(name) : "";
  xmlFree(name);
  return text;
}

ParsedRecord ReadRecord(const std::string& file, xmlNode* request) {
  ParsedRecord record{fs::path(file).filename().string(), Name(request), "", "", {}};
  for (xmlNode* part : Children(request)) {
    if (Name(part) == "operationalAttributes") record.category = Text(part);
    if (Name(part) == "identifier") record.id = Text(part);
    if (Name(part) != "attributes" && Name(part) != "modifications") continue;
    for (xmlNode* attr : Children(part)) {
      std::vector<std::string>& values = record.attributes[AttrName(attr)];
      for (xmlNode* value : Children(attr)) values.push_back(Text(value));
    }
  }
  return record;
}

// Every record of one file, parsed by libxml2 in the encoding the file declares (no network,
// no DTD loaded); REQUIREs well-formedness.
std::vector<ParsedRecord> ReadFeedFile(const std::string& file) {
  xmlDoc* doc =
      xmlReadFile(file.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  REQUIRE_MESSAGE(doc != nullptr, file);
  xmlNode* root = xmlDocGetRootElement(doc);
  REQUIRE(Name(root) == "ficAlimMENESR");
  std::vector<ParsedRecord> records;
  for (xmlNode* request : Children(root)) records.push_back(ReadRecord(file, request));
  xmlFreeDoc(doc);
  return records;
}

struct Feed {
  std::string dir;
  nlohmann::json faults;
  std::map<std::string, std::vector<ParsedRecord>> by_type;  // "Complet/Eleve" -> records
};

// "Complet/Eleve" from ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml.
std::string SetAndType(const std::string& name) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t end = name.find('_'); end != std::string::npos; end = name.find('_', start)) {
    parts.push_back(name.substr(start, end - start));
    start = end + 1;
  }
  return parts[2] + "/" + parts[4];
}

Feed Generate(AafGeneratorOptions options, const std::string& prefix) {
  Feed feed;
  feed.dir = testing::MakeTempDir(prefix);
  options.dtd_file = std::string(SDETCHECK_SOURCE_DIR) + "/reference-ent/aaf/ficAlimMENESR.dtd";
  GeneratedFeed result;
  std::optional<Message> problem = GenerateFeed(options, feed.dir, &result);
  REQUIRE_MESSAGE(!problem, (problem ? problem->code : ""));
  feed.faults = nlohmann::json::parse(testing::ReadFile(feed.dir + "/faults.json"));
  for (const std::string& file : result.files) {
    std::vector<ParsedRecord> records = ReadFeedFile(file);
    std::vector<ParsedRecord>& all = feed.by_type[SetAndType(fs::path(file).filename().string())];
    all.insert(all.end(), records.begin(), records.end());
  }
  return feed;
}

AafGeneratorOptions Small(uint64_t persons = 3000) {
  AafGeneratorOptions options;
  options.persons = persons;
  return options;
}

size_t CountIf(const std::vector<ParsedRecord>& records, auto predicate) {
  return static_cast<size_t>(std::count_if(records.begin(), records.end(), predicate));
}

const std::string& First(const ParsedRecord& record, const std::string& name) {
  static const std::string kNone = "<absent>";
  auto found = record.attributes.find(name);
  return found == record.attributes.end() || found->second.empty() ? kNone : found->second.front();
}

std::map<std::string, std::string> ReadDir(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir))
    files[entry.path().filename().string()] = testing::ReadFile(entry.path().string());
  return files;
}

TEST_CASE("aaf generate: the same seed and options give the same bytes, another seed others") {
  AafGeneratorOptions options = Small(2500);
  options.delta = true;
  options.inject = {{"value.uai", 1}, {"duplicate.person", 2}, {"delta.add_existing", 1}};
  Feed a = Generate(options, "aafgen-a"), b = Generate(options, "aafgen-b");
  options.seed = 2;
  Feed c = Generate(options, "aafgen-c");
  std::map<std::string, std::string> files_a = ReadDir(a.dir);
  CHECK(files_a.size() == 10);  // 8 XML files, the DTD, faults.json
  CHECK(files_a == ReadDir(b.dir));
  CHECK(files_a.at("ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml") !=
        ReadDir(c.dir).at("ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml"));
  for (const Feed* feed : {&a, &b, &c}) fs::remove_all(feed->dir);
}

TEST_CASE("aaf generate: counts per type, shape of the population, every file well formed") {
  Feed feed = Generate(Small(7000), "aafgen-counts");
  const nlohmann::json& counts = feed.faults["records"]["Complet"];
  for (const char* type : {"EtabEducNat", "Eleve", "PersRelEleve", "PersEducNat"}) {
    CHECK_MESSAGE(feed.by_type["Complet/" + std::string(type)].size() == counts[type].get<size_t>(),
                  type);
  }
  size_t pupils = counts["Eleve"], relatives = counts["PersRelEleve"],
         staff = counts["PersEducNat"];
  CHECK(pupils + relatives + staff == 7000);
  CHECK(counts["EtabEducNat"] == 10);
  CHECK(staff == 350);
  CHECK(pupils > 7000 * 50 / 100);
  CHECK(pupils < 7000 * 60 / 100);
  std::map<std::string, int> class_sizes;
  for (const ParsedRecord& pupil : feed.by_type["Complet/Eleve"]) {
    ++class_sizes[First(pupil, "ENTEleveClasses")];
    size_t relations = pupil.attributes.at("ENTElevePersRelEleve").size();
    CHECK((relations == 1 || relations == 2));
    CHECK(First(pupil, "ENTPersonJointure") == pupil.id);
  }
  for (const auto& [name, size] : class_sizes)
    CHECK_MESSAGE((size >= 25 && size <= 30), name << " " << size);
  CHECK(feed.faults["injected"].empty());
  fs::remove_all(feed.dir);
}

TEST_CASE("aaf generate: a clean feed's references all resolve, and every relative has a pupil") {
  Feed feed = Generate(Small(4000), "aafgen-refs");
  std::set<std::string> structures, classes, groups, relatives, named_relatives;
  for (const ParsedRecord& s : feed.by_type["Complet/EtabEducNat"]) {
    structures.insert(s.id);
    CHECK(IsValidUai(First(s, "ENTStructureUAI")));
    CHECK(LuhnValid(First(s, "ENTStructureSIREN")));
    CHECK(First(s, "ENTStructureSIREN").size() == 14);
    for (const std::string& c : s.attributes.at("ENTStructureClasses"))
      classes.insert(s.id + "$" + c.substr(0, c.find('$')));
    for (const std::string& g : s.attributes.at("ENTStructureGroupes"))
      groups.insert(s.id + "$" + g.substr(0, g.find('$')));
  }
  for (const ParsedRecord& r : feed.by_type["Complet/PersRelEleve"]) relatives.insert(r.id);
  for (const ParsedRecord& pupil : feed.by_type["Complet/Eleve"]) {
    CHECK(structures.contains(First(pupil, "ENTPersonStructRattach")));
    CHECK(classes.contains(First(pupil, "ENTEleveClasses")));
    for (const std::string& g : pupil.attributes.at("ENTEleveGroupes"))
      CHECK((g.empty() || groups.contains(g)));
    for (const std::string& link : pupil.attributes.at("ENTElevePersRelEleve")) {
      CHECK(std::count(link.begin(), link.end(), '$') == 5);
      named_relatives.insert(link.substr(0, link.find('$')));
    }
  }
  CHECK(named_relatives == relatives);
  for (const ParsedRecord& s : feed.by_type["Complet/PersEducNat"]) {
    CHECK(structures.contains(First(s, "ENTPersonStructRattach")));
    CHECK(First(s, "mail").find('@') != std::string::npos);
    std::string functions = First(s, "ENTPersonFonctions");
    CHECK(std::count(functions.begin(), functions.end(), '$') == 4);
    auto taught = s.attributes.find("ENTAuxEnsClassesMatieres");
    if (taught == s.attributes.end()) continue;
    for (const std::string& t : taught->second) CHECK(classes.contains(t.substr(0, t.rfind('$'))));
  }
  fs::remove_all(feed.dir);
}

TEST_CASE("aaf generate: ISO-8859-15 is declared and written (Œ is byte 0xBC), UTF-8 on request") {
  AafGeneratorOptions options = Small(6000);
  Feed iso = Generate(options, "aafgen-iso");
  std::string raw = testing::ReadFile(iso.dir + "/ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml");
  CHECK(raw.rfind("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<!DOCTYPE ficAlimMENESR "
                  "SYSTEM \"ficAlimMENESR.dtd\">\n",
                  0) == 0);
  CHECK(raw.find("<value>C\xBCUR</value>") != std::string::npos);
  CHECK(raw.find("\xC5\x92") == std::string::npos);  // no UTF-8 Œ left
  CHECK(CountIf(iso.by_type["Complet/Eleve"],
                [](const ParsedRecord& r) { return First(r, "sn") == "CŒUR"; }) > 0);
  CHECK(fs::exists(iso.dir + "/ficAlimMENESR.dtd"));
  options.encoding = "utf-8";
  Feed utf8 = Generate(options, "aafgen-utf8");
  std::string raw_utf8 =
      testing::ReadFile(utf8.dir + "/ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml");
  CHECK(raw_utf8.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  CHECK(raw_utf8.find("<value>CŒUR</value>") != std::string::npos);
  fs::remove_all(iso.dir);
  fs::remove_all(utf8.dir);
}

TEST_CASE("aaf generate: chunks of --chunk-records records, numbered from _0000") {
  AafGeneratorOptions options = Small(3000);
  options.chunk_records = 400;
  Feed feed = Generate(options, "aafgen-chunks");
  size_t pupils = feed.faults["records"]["Complet"]["Eleve"];
  std::map<std::string, size_t> per_file;
  for (const ParsedRecord& r : feed.by_type["Complet/Eleve"]) ++per_file[r.file];
  CHECK(per_file.size() == (pupils + 399) / 400);
  CHECK(per_file.begin()->first == "ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml");
  CHECK(per_file.rbegin()->first ==
        "ENT2D_EXEMPLE_Complet_20260901_Eleve_000" + std::to_string(per_file.size() - 1) + ".xml");
  for (const auto& [file, count] : per_file) CHECK(count <= 400);
  fs::remove_all(feed.dir);
}

// What a validator would count, rule by rule, over a 2nd-degree feed: the independent
// reading the generator's injected counts are checked against.
struct RuleCounter {
  const Feed& feed;
  bool first_degree;
  std::string sn, given_name, mail, classes_attr, groups_attr, relations_attr;
  std::set<std::string> structures, classes, groups, relatives, pupils, named;

  explicit RuleCounter(const Feed& f)
      : feed(f),
        first_degree(f.faults["degree"] == 1),
        sn(first_degree ? "ENTPersonNom" : "sn"),
        given_name(first_degree ? "ENTPersonPrenom" : "givenName"),
        mail(first_degree ? "ENTPersonMail" : "mail"),
        classes_attr(first_degree ? "ENTPersonClasses" : "ENTEleveClasses"),
        groups_attr(first_degree ? "ENTPersonGroupes" : "ENTEleveGroupes"),
        relations_attr(first_degree ? "ENTEleveAutoriteParentale" : "ENTElevePersRelEleve") {
    for (const ParsedRecord& s : Of("Complet/EtabEducNat")) {
      structures.insert(s.id);
      for (const std::string& c : s.attributes.at("ENTStructureClasses"))
        classes.insert(s.id + "$" + c.substr(0, c.find('$')));
      for (const std::string& g : s.attributes.at("ENTStructureGroupes"))
        groups.insert(s.id + "$" + g.substr(0, g.find('$')));
    }
    for (const ParsedRecord& r : Of("Complet/PersRelEleve")) relatives.insert(r.id);
    for (const ParsedRecord& p : Of("Complet/Eleve")) {
      pupils.insert(p.id);
      for (const std::string& link : p.attributes.at(relations_attr))
        named.insert(link.substr(0, link.find('$')));
    }
  }
  // "struct$code" of a class or group value (1st degree: struct$year$level$code$label).
  std::string Key(const std::string& value) const {
    if (!first_degree || value.empty()) return value;
    std::vector<std::string> fields;
    for (size_t start = 0;; start = value.find('$', start) + 1) {
      fields.push_back(value.substr(start, value.find('$', start) - start));
      if (value.find('$', start) == std::string::npos) break;
    }
    return fields.size() == 5 ? fields[0] + "$" + fields[3] : value;
  }
  const std::vector<ParsedRecord>& Of(const std::string& type) const {
    static const std::vector<ParsedRecord> kNone;
    auto found = feed.by_type.find(type);
    return found == feed.by_type.end() ? kNone : found->second;
  }
  size_t Pupils(auto predicate) const { return CountIf(Of("Complet/Eleve"), predicate); }
  size_t Staff(auto predicate) const { return CountIf(Of("Complet/PersEducNat"), predicate); }
  size_t Structures(auto predicate) const { return CountIf(Of("Complet/EtabEducNat"), predicate); }

  size_t DuplicateIds(const std::string& type) const {
    std::map<std::string, int> seen;
    for (const ParsedRecord& r : Of(type)) ++seen[r.id];
    return static_cast<size_t>(
        std::count_if(seen.begin(), seen.end(), [](const auto& s) { return s.second > 1; }));
  }
  size_t DuplicatePersons() const {
    std::map<std::string, int> seen;
    for (const ParsedRecord& p : Of("Complet/Eleve")) {
      if (!p.attributes.contains(sn)) continue;
      ++seen[First(p, sn) + "|" + First(p, given_name) + "|" + First(p, "ENTPersonDateNaissance") +
             "|" + First(p, "ENTPersonStructRattach")];
    }
    return static_cast<size_t>(
        std::count_if(seen.begin(), seen.end(), [](const auto& s) { return s.second > 1; }));
  }
  size_t Orphans() const {
    std::set<std::string> relative_ids;
    for (const ParsedRecord& r : Of("Complet/PersRelEleve")) relative_ids.insert(r.id);
    return static_cast<size_t>(
        std::count_if(relative_ids.begin(), relative_ids.end(),
                      [&](const std::string& id) { return !named.contains(id); }));
  }
  size_t UnknownRelations() const {
    return Pupils([&](const ParsedRecord& p) {
      const auto& links = p.attributes.at(relations_attr);
      return std::any_of(links.begin(), links.end(), [&](const std::string& l) {
        return !relatives.contains(l.substr(0, l.find('$')));
      });
    });
  }
};

bool IsIne(const std::string& ine) {
  return ine.size() == 11 && std::all_of(ine.begin(), ine.begin() + 9, ::isdigit) &&
         std::isupper(static_cast<unsigned char>(ine[9])) &&
         std::isupper(static_cast<unsigned char>(ine[10]));
}

std::map<std::string, size_t> CountFullRules(const RuleCounter& c) {
  static const std::set<std::string> kFunctions = {"DIR", "DOC", "EDU", "ADF", "ENS"};
  auto month = [](const ParsedRecord& p) {
    return std::stoi(First(p, "ENTPersonDateNaissance").substr(3, 2));
  };
  auto field = [](const std::string& v, size_t i) {
    size_t start = 0;
    for (size_t k = 0; k < i; ++k) start = v.find('$', start) + 1;
    return v.substr(start, v.find('$', start) - start);
  };
  return {
      {"value.date", c.Pupils([&](const ParsedRecord& p) { return month(p) > 12; })},
      {"value.boolean", c.Staff([](const ParsedRecord& s) {
         return First(s, "PersEducNatPresenceDevantEleves") == "X";
       })},
      {"value.uai", c.Structures([](const ParsedRecord& s) {
         return !IsValidUai(First(s, "ENTStructureUAI"));
       })},
      {"value.siret", c.Structures([](const ParsedRecord& s) {
         return !LuhnValid(First(s, "ENTStructureSIREN"));
       })},
      {"value.ine",
       c.Pupils([](const ParsedRecord& p) { return !IsIne(First(p, "ENTEleveINE")); })},
      {"value.email", c.Staff([&](const ParsedRecord& s) {
         return First(s, c.mail).find('@') == std::string::npos;
       })},
      {"value.compound", c.Staff([](const ParsedRecord& s) {
         auto t = s.attributes.find("ENTAuxEnsClassesMatieres");
         return t != s.attributes.end() &&
                std::any_of(t->second.begin(), t->second.end(), [](const std::string& v) {
                  return std::count(v.begin(), v.end(), '$') != 2;
                });
       })},
      {"value.code", c.Staff([&](const ParsedRecord& s) {
         return !kFunctions.contains(field(First(s, "ENTPersonFonctions"), 1));
       })},
      {"attr.required",
       c.Pupils([&](const ParsedRecord& p) { return !p.attributes.contains(c.sn); })},
      {"attr.unknown", c.Pupils([](const ParsedRecord& p) {
         return p.attributes.contains("ENTEleveAttributInconnu");
       })},
      {"attr.cardinality", c.Pupils([&](const ParsedRecord& p) {
         return p.attributes.contains(c.sn) && p.attributes.at(c.sn).size() == 2;
       })},
      {"duplicate.id", c.DuplicateIds("Complet/PersRelEleve") + c.DuplicateIds("Complet/Eleve") +
                           c.DuplicateIds("Complet/PersEducNat")},
      {"duplicate.person", c.DuplicatePersons()},
      {"record.join_key", c.Staff([](const ParsedRecord& s) {
         return First(s, "ENTPersonJointure") != s.id;
       }) + c.Pupils([](const ParsedRecord& p) { return First(p, "ENTPersonJointure") != p.id; })},
      {"ref.structure", c.Staff([&](const ParsedRecord& s) {
         return !c.structures.contains(First(s, "ENTPersonStructRattach"));
       })},
      {"ref.class", c.Pupils([&](const ParsedRecord& p) {
         return !c.classes.contains(c.Key(First(p, c.classes_attr)));
       })},
      {"ref.group", c.Pupils([&](const ParsedRecord& p) {
         const auto& g = p.attributes.at(c.groups_attr);
         return std::any_of(g.begin(), g.end(), [&](const std::string& v) {
           return !v.empty() && !c.groups.contains(c.Key(v));
         });
       })},
      {"ref.relative", c.UnknownRelations()},
      {"ref.orphan_relative", c.Orphans()},
  };
}

std::map<std::string, size_t> CountDeltaRules(const RuleCounter& c) {
  std::set<std::string> full_relatives = c.relatives;
  size_t modify_unknown = 0, delete_unknown = 0, add_existing = 0;
  for (const ParsedRecord& r : c.Of("Delta/Eleve")) {
    if (r.operation == "modifyRequest" && !c.pupils.contains(r.id)) ++modify_unknown;
    if (r.operation == "deleteRequest" && !c.pupils.contains(r.id)) ++delete_unknown;
    if (r.operation == "addRequest" && c.pupils.contains(r.id)) ++add_existing;
  }
  for (const ParsedRecord& r : c.Of("Delta/PersRelEleve")) {
    if (r.operation == "addRequest" && full_relatives.contains(r.id)) ++add_existing;
  }
  return {{"delta.modify_unknown", modify_unknown},
          {"delta.delete_unknown", delete_unknown},
          {"delta.add_existing", add_existing}};
}

TEST_CASE("aaf generate: a clean feed has no fault of any kind") {
  AafGeneratorOptions options = Small(5000);
  options.delta = true;
  Feed feed = Generate(options, "aafgen-clean");
  RuleCounter counter(feed);
  for (const auto& [rule, count] : CountFullRules(counter)) CHECK_MESSAGE(count == 0, rule);
  for (const auto& [rule, count] : CountDeltaRules(counter)) CHECK_MESSAGE(count == 0, rule);
  fs::remove_all(feed.dir);
}

TEST_CASE("aaf generate: each injected fault is there exactly as many times as asked") {
  AafGeneratorOptions options = Small(6000);
  options.delta = true;
  for (const FaultKind& kind : FaultKinds())
    options.inject[std::string(kind.rule)] = kind.pool == FaultPool::kStructure ? 2 : 3;
  Feed feed = Generate(options, "aafgen-faults");
  RuleCounter counter(feed);
  std::map<std::string, size_t> counted = CountFullRules(counter);
  counted.merge(CountDeltaRules(counter));
  for (const FaultKind& kind : FaultKinds()) {
    std::string rule(kind.rule);
    CHECK_MESSAGE(counted[rule] == options.inject[rule], rule);
    CHECK(feed.faults["injected"][rule] == options.inject[rule]);
  }
  fs::remove_all(feed.dir);
}

// 1st degree: pupil -> relative links (to existing relatives) that the relative does not
// list back, and the other way round.
size_t ReverseLinkMismatches(const RuleCounter& c) {
  std::set<std::pair<std::string, std::string>> forward, backward;
  for (const ParsedRecord& p : c.Of("Complet/Eleve")) {
    for (const std::string& link : p.attributes.at(c.relations_attr)) {
      std::string relative = link.substr(0, link.find('$'));
      if (c.relatives.contains(relative)) forward.insert({p.id, relative});
    }
  }
  for (const ParsedRecord& r : c.Of("Complet/PersRelEleve")) {
    for (const std::string& child : r.attributes.at("ENTPersRelEleveEleve")) {
      if (!child.empty()) backward.insert({child, r.id});
    }
  }
  std::vector<std::pair<std::string, std::string>> difference;
  std::set_symmetric_difference(forward.begin(), forward.end(), backward.begin(), backward.end(),
                                std::back_inserter(difference));
  return difference.size();
}

TEST_CASE("aaf generate: 1st degree faults too, each exactly as many times as asked") {
  AafGeneratorOptions options = Small(5000);
  options.degree = 1;
  options.delta = true;
  Feed clean = Generate(options, "aafgen-1d-clean");
  for (const auto& [rule, count] : CountFullRules(RuleCounter(clean)))
    CHECK_MESSAGE(count == 0, rule);
  for (const FaultKind& kind : FaultKinds())
    options.inject[std::string(kind.rule)] = kind.pool == FaultPool::kStructure ? 2 : 3;
  Feed feed = Generate(options, "aafgen-1d-faults");
  RuleCounter counter(feed);
  std::map<std::string, size_t> counted = CountFullRules(counter);
  counted.merge(CountDeltaRules(counter));
  for (const FaultKind& kind : FaultKinds())
    CHECK_MESSAGE(counted[std::string(kind.rule)] == options.inject[std::string(kind.rule)],
                  kind.rule);
  CHECK(ReverseLinkMismatches(RuleCounter(clean)) == 0);
  CHECK(ReverseLinkMismatches(counter) == 0);
  fs::remove_all(clean.dir);
  fs::remove_all(feed.dir);
}

TEST_CASE("aaf generate: the delta adds, moves and deletes pupils, with the new relatives") {
  AafGeneratorOptions options = Small(8000);
  options.delta = true;
  Feed feed = Generate(options, "aafgen-delta");
  RuleCounter counter(feed);
  const std::vector<ParsedRecord>& pupils = counter.Of("Delta/Eleve");
  size_t full_pupils = feed.faults["records"]["Complet"]["Eleve"];
  auto operation = [](const char* name) {
    return [name](const ParsedRecord& r) { return r.operation == name; };
  };
  CHECK(CountIf(pupils, operation("addRequest")) == full_pupils / 100);
  CHECK(CountIf(pupils, operation("modifyRequest")) == full_pupils / 100);
  CHECK(CountIf(pupils, operation("deleteRequest")) == full_pupils / 200);
  std::set<std::string> new_relatives;
  for (const ParsedRecord& r : counter.Of("Delta/PersRelEleve")) new_relatives.insert(r.id);
  for (const ParsedRecord& r : pupils) {
    if (r.operation == "modifyRequest")
      CHECK(counter.classes.contains(First(r, "ENTEleveClasses")));
    if (r.operation != "addRequest") continue;
    CHECK(counter.classes.contains(First(r, "ENTEleveClasses")));
    for (const std::string& link : r.attributes.at("ENTElevePersRelEleve"))
      CHECK(new_relatives.contains(link.substr(0, link.find('$'))));
  }
  CHECK(counter.Of("Delta/EtabEducNat").empty());
  CHECK(fs::exists(feed.dir + "/ENT2D_EXEMPLE_Delta_20260901_PersEducNat_0000.xml"));
  fs::remove_all(feed.dir);
}

TEST_CASE("aaf generate: 1st degree layout (ENT1D, ENTPersonNom, 5-field classes)") {
  AafGeneratorOptions options = Small(3000);
  options.degree = 1;
  Feed feed = Generate(options, "aafgen-1d");
  CHECK(fs::exists(feed.dir + "/ENT1D_EXEMPLE_Complet_20260901_Eleve_0000.xml"));
  RuleCounter counter(feed);
  std::set<std::string> relatives;
  for (const ParsedRecord& r : counter.Of("Complet/PersRelEleve")) {
    relatives.insert(r.id);
    CHECK(!r.attributes.at("ENTPersRelEleveEleve").front().empty());
  }
  for (const ParsedRecord& p : counter.Of("Complet/Eleve")) {
    CHECK_FALSE(p.attributes.contains("sn"));
    CHECK(First(p, "ENTPersonNom") != "<absent>");
    CHECK(First(p, "ENTPersonPrenom") != "<absent>");
    std::string c = First(p, "ENTPersonClasses");
    CHECK(std::count(c.begin(), c.end(), '$') == 4);
    CHECK(c.rfind(First(p, "ENTPersonStructRattach") + "$", 0) == 0);
    for (const std::string& link : p.attributes.at("ENTEleveAutoriteParentale")) {
      CHECK(std::count(link.begin(), link.end(), '$') == 1);
      CHECK(relatives.contains(link.substr(0, link.find('$'))));
    }
  }
  for (const ParsedRecord& s : counter.Of("Complet/EtabEducNat"))
    CHECK(First(s, "ENTStructureTypeStruct") == "ECOLE ELEMENTAIRE PUBLIQUE");
  fs::remove_all(feed.dir);
}

TEST_CASE("aaf generate: refused requests write nothing and say why") {
  std::string dir = testing::MakeTempDir("aafgen-refused");
  GeneratedFeed result;
  AafGeneratorOptions options = Small(3000);
  options.inject = {{"value.nope", 1}};
  CHECK(GenerateFeed(options, dir, &result)->code == "aaf.generate.unknown_rule");
  options.inject = {{"value.uai", 1000}};
  std::optional<Message> too_many = GenerateFeed(options, dir, &result);
  CHECK(too_many->code == "aaf.generate.too_many_faults");
  CHECK(too_many->Param("available") == "4");
  options.inject = {{"delta.delete_unknown", 1}};
  CHECK(GenerateFeed(options, dir, &result)->code == "aaf.generate.needs_delta");
  options.inject.clear();
  options.date = "2026-09-01";
  CHECK(GenerateFeed(options, dir, &result)->code == "aaf.generate.bad_date");
  CHECK(fs::is_empty(dir));
  CHECK(ParseInjection("value.uai", &options)->code == "aaf.generate.bad_inject");
  CHECK(ParseInjection("value.uai=x", &options)->code == "aaf.generate.bad_inject");
  CHECK_FALSE(ParseInjection("value.uai=2", &options));
  CHECK(options.inject["value.uai"] == 2);
  fs::remove_all(dir);
}

int RunGenerate(const std::string& arguments, std::string* err) {
  std::string out;
  return testing::RunCommand(
      std::string(SDETCHECK_BINARY) + " aaf generate --lang en -q " + arguments, &out, err);
}

TEST_CASE("aaf generate (command): refuses a non-empty directory, --force replaces the feed") {
  std::string dir = testing::MakeTempDir("aafgen-cli");
  std::string err;
  CHECK(RunGenerate("--out " + dir + " --persons 200", &err) == 0);
  CHECK(fs::exists(dir + "/ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml"));
  CHECK(fs::exists(dir + "/ficAlimMENESR.dtd"));
  CHECK(RunGenerate("--out " + dir + " --persons 200", &err) == 3);
  CHECK(err.find("is not empty") != std::string::npos);
  // A refused request under --force leaves the earlier feed alone.
  CHECK(RunGenerate("--out " + dir + " --force --persons 200 --inject value.uai=5", &err) == 3);
  CHECK(err.find("5 faults asked of EtabEducNat") != std::string::npos);
  CHECK(fs::exists(dir + "/ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml"));
  { std::ofstream stale(dir + "/ENT2D_EXEMPLE_Complet_20260901_Eleve_0009.xml"); }
  { std::ofstream mine(dir + "/notes.txt"); }
  CHECK(RunGenerate("--out " + dir + " --force --persons 200 --degree 1", &err) == 0);
  CHECK_FALSE(fs::exists(dir + "/ENT2D_EXEMPLE_Complet_20260901_Eleve_0000.xml"));
  CHECK_FALSE(fs::exists(dir + "/ENT2D_EXEMPLE_Complet_20260901_Eleve_0009.xml"));
  CHECK(fs::exists(dir + "/ENT1D_EXEMPLE_Complet_20260901_Eleve_0000.xml"));
  CHECK(fs::exists(dir + "/notes.txt"));
  CHECK(RunGenerate("--out " + dir + "/new --inject nope=1", &err) == 3);
  CHECK(err.find("Unknown fault rule nope") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/new"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sdetcheck
