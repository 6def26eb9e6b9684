#include "aaf/generator_records.h"

#include <array>

#include "aaf/check_keys.h"
#include "aaf/fictional_names.h"
#include "aaf/generator_catalog.h"

namespace sdetcheck::aafgen {
namespace {

constexpr PersonAttributeNames kSecondDegree = {"sn",
                                                "givenName",
                                                "personalTitle",
                                                "mail",
                                                "ENTEleveClasses",
                                                "ENTEleveGroupes",
                                                "ENTElevePersRelEleve"};
constexpr PersonAttributeNames kFirstDegree = {
    "ENTPersonNom",     "ENTPersonPrenom",  "ENTPersonCivilite",        "ENTPersonMail",
    "ENTPersonClasses", "ENTPersonGroupes", "ENTEleveAutoriteParentale"};

// Department codes of the fictitious académie (UAI prefixes).
constexpr std::array<std::string_view, 8> kDepartments = {"069", "038", "001", "042",
                                                          "026", "007", "073", "074"};

std::string_view Title(bool female) { return female ? "Mme" : "M."; }
std::string_view YesNo(bool yes) { return yes ? "O" : "N"; }

std::string UaiDigits(uint32_t establishment) {
  std::string serial = std::to_string(1000 + establishment / kDepartments.size());
  return std::string(kDepartments[establishment % kDepartments.size()]) + serial;
}

std::string Join(std::initializer_list<std::string_view> fields) {
  std::string text;
  for (std::string_view field : fields) {
    if (!text.empty()) text += '$';
    text += field;
  }
  return text;
}

}  // namespace

const PersonAttributeNames& AttributeNames(int degree) {
  return degree == 1 ? kFirstDegree : kSecondDegree;
}

RecordBuilder::RecordBuilder(const Population& population, std::string academy)
    : population_(population),
      academy_(std::move(academy)),
      names_(AttributeNames(population.degree)) {}

std::string RecordBuilder::Uai(uint32_t establishment) const {
  std::string digits = UaiDigits(establishment);
  return digits + UaiCheckLetter(digits);
}

std::string RecordBuilder::ClassValue(uint32_t school_class) const {
  const SchoolClass& c = population_.classes[school_class];
  std::string structure = StructureId(c.establishment);
  std::string code = ClassCode(population_, school_class);
  if (population_.degree == 2) return structure + "$" + code;
  std::string year = std::to_string(population_.school_year);
  return Join({structure, year, ClassLevel(population_, school_class).code, code,
               ClassLabel(population_, school_class)});
}

void RecordBuilder::AddStructureUnits(uint32_t establishment, FeedRecord* record) const {
  const Establishment& est = population_.establishments[establishment];
  std::vector<std::string>& classes = record->AddValues("ENTStructureClasses");
  for (uint32_t c = est.first_class; c < est.first_class + est.classes; ++c)
    classes.push_back(ClassCode(population_, c) + "$" + ClassLabel(population_, c));
  std::vector<std::string>& groups = record->AddValues("ENTStructureGroupes");
  for (std::string_view group : GroupCodes(population_.degree, est.lycee))
    groups.emplace_back(group);
}

void RecordBuilder::Structure(uint32_t establishment, FeedRecord* record) const {
  const Establishment& est = population_.establishments[establishment];
  std::string id = StructureId(establishment), uai = Uai(establishment);
  record->Reset(FeedOperation::kAdd, "categorieStructure", "EtabEducNat", id);
  record->Add("ENTStructureJointure", id);
  record->Add("ENTStructureUAI", uai);
  record->Add("ENTStructureSIREN", SiretWithKey("19" + UaiDigits(establishment) + "0001"));
  std::string_view type = population_.degree == 1 ? "ECOLE ELEMENTAIRE PUBLIQUE"
                          : est.lycee             ? "LYCEE GENERAL"
                                                  : "COLLEGE";
  std::string_view code = population_.degree == 1 ? "EE" : est.lycee ? "LYC" : "CLG";
  std::string_view patron = Surnames()[establishment % Surnames().size()];
  record->Add("ENTStructureNomCourant", std::string(type) + " " + std::string(patron));
  record->Add("ENTStructureTypeStruct", type);
  record->Add("ENTStructureCodeTypeStruct", code);
  record->Add("ENTEtablissementMinistereTutelle", "MINISTERE DE L'EDUCATION NATIONALE");
  record->Add("ENTEtablissementContrat", "PU");
  record->Add("street", std::to_string(establishment % 90 + 1) + " " +
                            std::string(StreetNames()[establishment % StreetNames().size()]));
  record->Add("postalCode", "99" + std::string(kDepartments[establishment % kDepartments.size()]));
  record->Add("l", TownNames()[establishment % TownNames().size()]);
  record->Add("ENTServAcAcademie", academy_);
  record->Add("ENTServCodeAcAcademie", "99");
  if (population_.degree == 1) {
    record->Add("ENTEcoleCirconscription",
                "CIRCONSCRIPTION " + std::to_string(establishment % 12 + 1));
    record->Add("ENTEcoleCommune", TownNames()[establishment % TownNames().size()]);
  }
  AddStructureUnits(establishment, record);
  record->Add("ENTStructureMailSI", "ce." + uai + "@ac-" + AsciiMailPart(academy_) + ".test");
}

void RecordBuilder::AddIdentity(const Identity& person, FeedRecord* record) const {
  record->Add("ENTPersonJointure", person.id);
  record->Add("ENTPersonDateNaissance", person.birth_date);
  record->Add(names_.surname, person.surname);
  record->Add(names_.given_name, person.given_name);
  record->Add("ENTPersonNomPatro", person.birth_name);
  record->Add(names_.title, person.title);
}

void RecordBuilder::AddAddress(const Address& address, FeedRecord* record) const {
  record->Add("ENTPersonAdresse", address.street);
  record->Add("ENTPersonCodePostal", address.postal_code);
  record->Add("ENTPersonVille", address.town);
  record->Add("ENTPersonPays", "FRANCE");
}

void RecordBuilder::AddSchooling(const PupilSpec& spec, FeedRecord* record) const {
  const SchoolLevel& level = ClassLevel(population_, spec.school_class);
  if (population_.degree == 1) {
    record->Add("ENTEleveNiveau", level.label);
    record->Add("ENTEleveCycle", level.age <= 7 ? "2" : "3");
    return;
  }
  record->Add("ENTEleveMEF", level.mef);
  record->Add("ENTEleveLibelleMEF", level.label);
  record->Add("ENTEleveNivFormation", level.label);
  record->Add("ENTEleveFiliere", "GENERALE");
  record->Add("ENTEleveStatutEleve", "SCOLAIRE");
  record->Add("ENTEleveRegime", spec.demi_pensionnaire ? "DEMI-PENSIONNAIRE" : "EXTERNE");
  record->Add("ENTEleveBoursier", YesNo(spec.boursier));
  record->Add("ENTEleveTransport", YesNo(spec.transport));
}

void RecordBuilder::Pupil(const PupilSpec& spec, FeedRecord* record) const {
  uint32_t establishment = population_.classes[spec.school_class].establishment;
  std::string structure = StructureId(establishment);
  record->Reset(FeedOperation::kAdd, "categoriePersonne", "Eleve", spec.id);
  AddIdentity({spec.id, spec.surname, spec.surname, spec.given_name, "", spec.birth_date}, record);
  record->Add("ENTPersonStructRattach", structure);
  record->Add("ENTEleveStructRattachId", spec.sconet_id);
  record->Add("ENTEleveINE", spec.ine);
  record->Add(names_.classes, ClassValue(spec.school_class));
  std::string group;
  if (!spec.group.empty()) {
    group = population_.degree == 2 ? structure + "$" + spec.group
                                    : Join({structure, std::to_string(population_.school_year),
                                            "GRP", spec.group, spec.group});
  }
  record->Add(names_.groups, group);
  AddSchooling(spec, record);
  std::vector<std::string>& relations = record->AddValues(names_.relations);
  for (const Relation& r : spec.relations) {
    std::string link = std::to_string(r.link);
    relations.push_back(population_.degree == 1
                            ? r.relative_id + "$" + link
                            : Join({r.relative_id, link, r.legal == 1 ? "1" : "0",
                                    std::to_string(r.legal), "1", r.legal == 1 ? "1" : "0"}));
  }
  AddAddress(spec.address, record);
}

void RecordBuilder::Relative(const RelativeSpec& spec, FeedRecord* record) const {
  record->Reset(FeedOperation::kAdd, "categoriePersonne", "PersRelEleve", spec.id);
  AddIdentity({spec.id, spec.surname, spec.birth_name, spec.given_name, Title(spec.female),
               spec.birth_date},
              record);
  record->Add(names_.mail, spec.mail);
  record->Add(population_.degree == 1 ? "ENTPersRelEleveTelMobile" : "mobile", spec.mobile);
  AddAddress(spec.address, record);
  if (population_.degree == 2) {
    record->Add("ENTPersonAdresseDiffusion", "N");
    return;
  }
  std::vector<std::string>& children = record->AddValues("ENTPersRelEleveEleve");
  children.assign(spec.children.begin(), spec.children.end());
}

void RecordBuilder::Staff(const StaffSpec& spec, FeedRecord* record) const {
  std::string structure = StructureId(spec.establishment);
  StaffFunction function = FunctionOfRank(spec.rank, spec.subject);
  record->Reset(FeedOperation::kAdd, "categoriePersonne", "PersEducNat", spec.id);
  AddIdentity(
      {spec.id, spec.surname, spec.surname, spec.given_name, Title(spec.female), spec.birth_date},
      record);
  record->Add(names_.mail, spec.mail);
  record->Add("ENTPersonStructRattach", structure);
  record->Add("ENTPersonFonctions", Join({structure, function.code, function.label,
                                          function.discipline_code, function.discipline_label}));
  record->Add("PersEducNatPresenceDevantEleves", YesNo(function.in_front_of_pupils));
  if (spec.classes.empty()) return;
  std::vector<std::string>& taught = record->AddValues("ENTAuxEnsClassesMatieres");
  std::string_view subject = Subjects()[spec.subject].matiere_code;
  for (uint32_t c : spec.classes)
    taught.push_back(Join({structure, ClassCode(population_, c), subject}));
}

}  // namespace sdetcheck::aafgen
