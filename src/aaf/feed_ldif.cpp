#include "aaf/feed_ldif.h"

#include <map>
#include <set>
#include <string_view>

#include "aaf/feed_file_reading.h"
#include "aaf/feed_record.h"
#include "aaf/value_formats.h"
#include "util/base64.h"

namespace sdetcheck {

namespace {

struct FunctionProfile {
  const char* profile;
  std::vector<std::string_view> codes;
};

const std::vector<FunctionProfile>& FunctionProfiles() {
  static const std::vector<FunctionProfile> kTable = {
      {"National_ENS",
       {"ENS", "FCA", "FCP", "FIJ", "IS", "ISES", "BED", "PPA", "RPL", "UPI", "RH1D"}},
      {"National_DIR", {"DIR", "DEC", "DECPR", "DSES"}},
      {"National_DOC", {"DOC"}},
      {"National_EVS", {"EDU", "AED", "SUR"}},
      {"National_ETA",
       {"ADF", "ADM", "ADA", "ALB", "ASE", "ASH", "CFC", "CPD", "CTR", "LAB", "MDS", "ORI", "OUV",
        "PSY", "TEC", "AES"}},
      {"National_ACA", {"INS", "INJ"}},
      {"National_COL", {"COLTER"}},
  };
  return kTable;
}

std::vector<std::string_view> ValuesOf(const FeedRecord& record, std::string_view name) {
  std::vector<std::string_view> out;
  for (const FeedAttribute& attribute : record.attributes)
    if (attribute.name == name)
      for (std::string_view value : record.ValuesOf(attribute))
        if (!value.empty()) out.push_back(value);
  return out;
}

std::string FirstOf(const FeedRecord& record, std::string_view name) {
  std::vector<std::string_view> values = ValuesOf(record, name);
  return values.empty() ? std::string() : std::string(values.front());
}

bool IsPerson(std::string_view category) {
  return category == "Eleve" || category == "PersRelEleve" || category == "PersEducNat";
}

std::string Uid(std::string_view category, std::string_view id) {
  const char* letter = category == "Eleve" ? "e" : category == "PersRelEleve" ? "r" : "p";
  return letter + std::string(id);
}

// RFC 2849: a value that is not a SAFE-STRING is written base64 ("name:: ...").
bool IsSafe(std::string_view value) {
  if (value.empty()) return true;
  if (value.front() == ' ' || value.front() == ':' || value.front() == '<' || value.back() == ' ')
    return false;
  for (unsigned char c : value)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

void Line(std::string& out, std::string_view name, std::string_view value) {
  if (IsSafe(value)) {
    out.append(name).append(": ").append(value).append("\n");
  } else {
    out.append(name).append(":: ").append(Base64Encode(std::string(value))).append("\n");
  }
}

// What the first pass learns: structures' UAIs, pupils' structures, the pupils of each
// relative (from either side of the link).
struct FeedLinks {
  std::map<std::string, std::string> uai_by_structure;
  std::map<std::string, std::string> structure_by_pupil;
  std::map<std::string, std::set<std::string>> pupils_by_relative;
};

void LearnLinks(const FeedRecord& record, FeedLinks& links) {
  std::string id(record.id);
  if (record.category == "EtabEducNat") {
    std::string uai = FirstOf(record, "ENTStructureUAI");
    if (!uai.empty()) links.uai_by_structure[id] = uai;
  } else if (record.category == "Eleve") {
    links.structure_by_pupil[id] = FirstOf(record, "ENTPersonStructRattach");
    for (const char* relation : {"ENTElevePersRelEleve", "ENTEleveAutoriteParentale"})
      for (std::string_view value : ValuesOf(record, relation))
        links.pupils_by_relative[std::string(CompoundField(value, 0))].insert(id);
  } else if (record.category == "PersRelEleve") {
    for (const char* relation : {"ENTAuxPersRelEleveEleve", "ENTPersRelEleveEleve"})
      for (std::string_view value : ValuesOf(record, relation))
        links.pupils_by_relative[id].insert(std::string(CompoundField(value, 0)));
  }
}

class LdifWriter {
 public:
  LdifWriter(const FeedLdifOptions& options, const FeedLinks& links)
      : options_(options), links_(links) {}

  // false: a structure without UAI, left out.
  bool Structure(const FeedRecord& record, std::string& out) const {
    auto uai = links_.uai_by_structure.find(std::string(record.id));
    if (uai == links_.uai_by_structure.end()) return false;
    out.append("dn: ENTStructureUAI=").append(uai->second);
    out.append(",ou=structures,").append(options_.suffix).append("\n");
    out.append("objectClass: top\nobjectClass: ENTStructure\nobjectClass: ENTEtablissement\n");
    Line(out, "ou", uai->second);
    Line(out, "ENTStructureJointure", record.id);
    Line(out, "ENTStructureUAI", uai->second);
    std::string name = FirstOf(record, "ENTStructureNomCourant");
    if (!name.empty()) Line(out, "ENTStructureNomCourant", name);
    out.append("\n");
    return true;
  }

  void Person(const FeedRecord& record, std::string& out) const {
    std::string id(record.id);
    std::string uid = Uid(record.category, id);
    out.append("dn: uid=").append(uid).append(",ou=people,").append(options_.suffix).append("\n");
    out.append("objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n");
    out.append("objectClass: inetOrgPerson\nobjectClass: ENTPerson\n");
    out.append("objectClass: ").append(AuxiliaryClass(record)).append("\n");
    Names(record, out);
    Line(out, "uid", uid);
    Line(out, "ENTPersonLogin", uid);
    Line(out, "ENTPersonJointure", options_.join_prefix + id);
    Line(out, "ENTPersonProfils", Profile(record));
    std::string uai = Establishment(record);
    if (!uai.empty()) Line(out, "ENTPersonStructRattach", uai);
    std::string birth = FirstOf(record, "ENTPersonDateNaissance");
    if (!birth.empty()) Line(out, "ENTPersonDateNaissance", birth);
    Relations(record, out);
    out.append("\n");
  }

 private:
  std::string UaiOf(std::string_view structure) const {
    auto found = links_.uai_by_structure.find(std::string(structure));
    return found == links_.uai_by_structure.end() ? std::string(structure) : found->second;
  }

  static const char* AuxiliaryClass(const FeedRecord& record) {
    if (record.category == "Eleve") return "ENTEleve";
    if (record.category == "PersRelEleve") return "ENTAuxPersRelEleve";
    return ValuesOf(record, "ENTAuxEnsClassesMatieres").empty() ? "ENTAuxNonEnsEtab"
                                                                : "ENTAuxEnseignant";
  }

  static void Names(const FeedRecord& record, std::string& out) {
    std::string sn = FirstOf(record, "sn");
    if (sn.empty()) sn = FirstOf(record, "ENTPersonNom");
    if (sn.empty()) sn = std::string(record.id);
    std::string given = FirstOf(record, "givenName");
    if (given.empty()) given = FirstOf(record, "ENTPersonPrenom");
    Line(out, "cn", given.empty() ? sn : given + " " + sn);
    Line(out, "sn", sn);
    if (!given.empty()) Line(out, "givenName", given);
    std::string mail = FirstOf(record, "mail");
    if (mail.empty()) mail = FirstOf(record, "ENTPersonMail");
    if (!mail.empty()) Line(out, "mail", mail);
  }

  static std::string Profile(const FeedRecord& record) {
    if (record.category == "Eleve") return "National_ELV";
    if (record.category == "PersRelEleve") return "National_TUT";
    std::string declared = FirstOf(record, "ENTPersonProfils");
    if (!declared.empty()) return declared;
    for (std::string_view function : ValuesOf(record, "ENTPersonFonctions")) {
      std::string profile = ProfileOfFunction(CompoundField(function, 1));
      if (!profile.empty()) return profile;
    }
    return FirstOf(record, "PersEducNatPresenceDevantEleves") == "O" ? "National_ENS"
                                                                     : "National_ETA";
  }

  // The structure of attachment; a relative without one takes its first pupil's (in id
  // order), as the cross-check's feed side does.
  std::string Establishment(const FeedRecord& record) const {
    std::string structure = FirstOf(record, "ENTPersonStructRattach");
    if (!structure.empty()) return UaiOf(structure);
    if (record.category != "PersRelEleve") return {};
    auto pupils = links_.pupils_by_relative.find(std::string(record.id));
    if (pupils == links_.pupils_by_relative.end()) return {};
    for (const std::string& pupil : pupils->second) {
      auto found = links_.structure_by_pupil.find(pupil);
      if (found != links_.structure_by_pupil.end() && !found->second.empty())
        return UaiOf(found->second);
    }
    return {};
  }

  // "structure$rest..." with the structure turned into its UAI.
  std::string WithUai(std::string_view value) const {
    size_t dollar = value.find('$');
    if (dollar == std::string_view::npos) return UaiOf(value);
    return UaiOf(value.substr(0, dollar)) + std::string(value.substr(dollar));
  }

  void Relations(const FeedRecord& record, std::string& out) const {
    for (std::string_view value : ValuesOf(record, "ENTEleveClasses"))
      Line(out, "ENTEleveClasses",
           WithUai(CompoundField(value, 0)) + "$" + std::string(CompoundField(value, 1)));
    for (std::string_view value : ValuesOf(record, "ENTPersonClasses"))  // 1st degree
      Line(out, "ENTEleveClasses",
           WithUai(CompoundField(value, 0)) + "$" + std::string(CompoundField(value, 3)));
    for (const char* relation : {"ENTElevePersRelEleve", "ENTEleveAutoriteParentale"})
      for (std::string_view value : ValuesOf(record, relation)) {
        std::string_view rest = value.substr(CompoundField(value, 0).size());
        Line(out, "ENTElevePersRelEleve",
             "r" + std::string(CompoundField(value, 0)) + std::string(rest));
      }
    if (record.category == "PersRelEleve") {
      auto pupils = links_.pupils_by_relative.find(std::string(record.id));
      if (pupils != links_.pupils_by_relative.end())
        for (const std::string& pupil : pupils->second)
          Line(out, "ENTAuxPersRelEleveEleve", "e" + pupil);
    }
    for (std::string_view value : ValuesOf(record, "ENTAuxEnsClassesMatieres"))
      Line(out, "ENTAuxEnsClasses",
           WithUai(CompoundField(value, 0)) + "$" + std::string(CompoundField(value, 1)));
    for (std::string_view value : ValuesOf(record, "ENTPersonFonctions"))
      Line(out, "ENTPersonFonctions", WithUai(value));
  }

  const FeedLdifOptions& options_;
  const FeedLinks& links_;
};

std::optional<std::string> ReadAll(const std::string& file, const FeedRecordSink& sink,
                                   const std::function<void()>& restart) {
  FeedFileReading reading = ReadFeed(
      file, sink, [](const FeedProblem&) {}, restart);
  if (reading.error) return file + ": " + reading.error->message;
  return std::nullopt;
}

}  // namespace

std::string ProfileOfFunction(std::string_view code) {
  for (const FunctionProfile& row : FunctionProfiles())
    for (std::string_view known : row.codes)
      if (known == code) return row.profile;
  return {};
}

FeedLdifResult WriteFeedLdif(const FeedLdifOptions& options, std::ostream& out) {
  FeedLdifResult result;
  FeedLinks links;
  for (const std::string& file : options.files) {
    std::optional<std::string> delta;
    auto learn = [&](const FeedRecord& record) {
      if (record.operation != FeedOperation::kAdd && !delta)
        delta = file + ": line " + std::to_string(record.line) +
                ": a modify or delete request; only a full (Complet) set can be imported";
      LearnLinks(record, links);
    };
    if ((result.error = ReadAll(file, learn, [] {}))) return result;
    if ((result.error = delta)) return result;
  }
  LdifWriter writer(options, links);
  for (const std::string& file : options.files) {
    std::string entries;
    size_t structures = 0, persons = 0;
    auto write = [&](const FeedRecord& record) {
      if (record.id.empty()) return;
      if (record.category == "EtabEducNat") {
        if (writer.Structure(record, entries)) ++structures;
      } else if (IsPerson(record.category)) {
        writer.Person(record, entries);
        ++persons;
      }
    };
    auto restart = [&] {
      entries.clear();
      structures = persons = 0;
    };
    if ((result.error = ReadAll(file, write, restart))) return result;
    out << entries;
    result.structures += structures;
    result.persons += persons;
  }
  if (!out) result.error = "cannot write the LDIF";
  return result;
}

}  // namespace sdetcheck
