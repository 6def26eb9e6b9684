#include "aaf/feed_vocabulary.h"

#include <algorithm>
#include <array>

namespace sdetcheck {
namespace {

using F = ValueFormat;
constexpr bool kOne = false, kMany = true, kNeeded = true, kOptional = false;

// Attributes every person file carries.
std::vector<AttributeSpec> PersonAttributes() {
  return {
      {"ENTPersonJointure", kOne, kNeeded, F::kText},
      {"ENTPersonDateNaissance", kOne, kOptional, F::kDate},
      {"sn", kOne, kNeeded, F::kText},
      {"givenName", kOne, kNeeded, F::kText},
      {"ENTPersonNomPatro", kOne, kOptional, F::kText},
      {"ENTPersonAutresPrenoms", kMany, kOptional, F::kText},
      {"personalTitle", kOne, kOptional, F::kCivility},
      {"ENTPersonAdresse", kOne, kOptional, F::kText},
      {"ENTPersonCodePostal", kOne, kOptional, F::kText},
      {"ENTPersonVille", kOne, kOptional, F::kText},
      {"ENTPersonPays", kOne, kOptional, F::kText},
      {"homePhone", kOne, kOptional, F::kText},
  };
}

FileTypeSpec Structures() {
  return {"EtabEducNat",
          "categorieStructure",
          {
              {"ENTStructureJointure", kOne, kNeeded, F::kText},
              {"ENTStructureUAI", kOne, kNeeded, F::kUai},
              {"ENTEtablissementUAI", kOne, kOptional, F::kUai},
              {"ENTStructureSIREN", kOne, kNeeded, F::kSiret},
              {"ENTStructureNomCourant", kOne, kNeeded, F::kText},
              {"ENTStructureTypeStruct", kOne, kNeeded, F::kText},
              {"ENTStructureCodeTypeStruct", kOne, kOptional, F::kText},
              {"ENTEtablissementMinistereTutelle", kOne, kOptional, F::kText},
              {"ENTEtablissementCodeMinistereTutelle", kOne, kOptional, F::kText},
              {"ENTEtablissementContrat", kOne, kOptional, F::kText},
              {"postOfficeBox", kOne, kOptional, F::kText},
              {"street", kOne, kOptional, F::kText},
              {"postalCode", kOne, kOptional, F::kText},
              {"l", kOne, kOptional, F::kText},
              {"telephoneNumber", kOne, kOptional, F::kText},
              {"facsimileTelephoneNumber", kOne, kOptional, F::kText},
              {"ENTEtablissementStructRattachFctl", kMany, kOptional, F::kStructure},
              {"ENTEtablissementBassin", kOne, kOptional, F::kText},
              {"ENTServAcAcademie", kOne, kNeeded, F::kText},
              {"ENTServCodeAcAcademie", kOne, kOptional, F::kText},
              {"ENTStructureClasses", kMany, kOptional, F::kDeclared},
              {"ENTStructureGroupes", kMany, kOptional, F::kDeclared},
              {"ENTStructureMailSI", kOne, kOptional, F::kEmail},
          }};
}

FileTypeSpec Pupils() {
  FileTypeSpec spec{"Eleve", "categoriePersonne", PersonAttributes()};
  std::vector<AttributeSpec> own = {
      {"ENTPersonStructRattach", kOne, kNeeded, F::kStructure},
      {"ENTEleveStructRattachId", kOne, kOptional, F::kText},
      {"ENTEleveINE", kOne, kOptional, F::kIne},
      {"ENTEleveClasses", kMany, kOptional, F::kClass},
      {"ENTEleveGroupes", kMany, kOptional, F::kGroup},
      {"ENTEleveMEF", kOne, kOptional, F::kText},
      {"ENTEleveLibelleMEF", kOne, kOptional, F::kText},
      {"ENTEleveNivFormation", kOne, kOptional, F::kText},
      {"ENTEleveFiliere", kOne, kOptional, F::kText},
      {"ENTEleveCodeEnseignements", kMany, kOptional, F::kText},
      {"ENTEleveEnseignements", kMany, kOptional, F::kText},
      {"ENTEleveStatutEleve", kOne, kOptional, F::kText},
      {"ENTEleveRegime", kOne, kOptional, F::kText},
      {"ENTEleveBoursier", kOne, kOptional, F::kBoolean},
      {"ENTEleveTransport", kOne, kOptional, F::kBoolean},
      {"ENTEleveStructureRattachIdMEN", kOne, kOptional, F::kText},
      {"mail", kOne, kOptional, F::kEmail},
      {"ENTElevePersRelEleve", kMany, kOptional, F::kRelation},
  };
  spec.attributes.insert(spec.attributes.end(), own.begin(), own.end());
  return spec;
}

FileTypeSpec Relatives() {
  FileTypeSpec spec{"PersRelEleve", "categoriePersonne", PersonAttributes()};
  std::vector<AttributeSpec> own = {
      {"telephoneNumber", kOne, kOptional, F::kText},
      {"mobile", kMany, kOptional, F::kText},
      {"mail", kMany, kOptional, F::kEmail},
      {"ENTPersonMobileSMS", kOne, kOptional, F::kText},
      {"ENTPersonAdresseDiffusion", kOne, kOptional, F::kBoolean},
      {"ENTAuxPersRelEleveEleve", kMany, kOptional, F::kText},
  };
  spec.attributes.insert(spec.attributes.end(), own.begin(), own.end());
  return spec;
}

FileTypeSpec Staff() {
  FileTypeSpec spec{"PersEducNat", "categoriePersonne", PersonAttributes()};
  std::vector<AttributeSpec> own = {
      {"mail", kOne, kOptional, F::kEmail},
      {"ENTPersonStructRattach", kMany, kNeeded, F::kStructure},
      {"ENTPersonFonctions", kMany, kOptional, F::kFunction},
      {"PersEducNatPresenceDevantEleves", kOne, kOptional, F::kBoolean},
      {"ENTPersonCategorieEnseignant", kOne, kOptional, F::kText},
      {"ENTAuxEnsCategoDiscipline", kMany, kOptional, F::kText},
      {"ENTAuxEnsMEF", kMany, kOptional, F::kText},
      {"ENTAuxEnsMatiereEnseignEtab", kMany, kOptional, F::kText},
      {"ENTAuxEnsClasses", kMany, kOptional, F::kClass},
      {"ENTAuxEnsGroupes", kMany, kOptional, F::kGroup},
      {"ENTAuxEnsClassesMatieres", kMany, kOptional, F::kClassSubject},
      {"ENTAuxEnsGroupesMatieres", kMany, kOptional, F::kText},
      {"ENTAuxEnsClassesPrincipal", kMany, kOptional, F::kClass},
      {"ENTEnsFonctionDir", kMany, kOptional, F::kText},
  };
  spec.attributes.insert(spec.attributes.end(), own.begin(), own.end());
  return spec;
}

// First degree (aaf_sso.md §1.4 "1st degree differences", entcore's aaf1d mappings).
std::vector<AttributeSpec> PersonAttributes1D() {
  return {
      {"ENTPersonJointure", kOne, kNeeded, F::kText},
      {"ENTPersonDateNaissance", kOne, kOptional, F::kDate},
      {"ENTPersonNom", kOne, kNeeded, F::kText},
      {"ENTPersonPrenom", kOne, kNeeded, F::kText},
      {"ENTPersonNomPatro", kOne, kOptional, F::kText},
      {"ENTPersonCivilite", kOne, kOptional, F::kCivility},
      {"ENTPersonMail", kOne, kOptional, F::kEmail},
      {"ENTPersonAdresse", kOne, kOptional, F::kText},
      {"ENTPersonCodePostal", kOne, kOptional, F::kText},
      {"ENTPersonVille", kOne, kOptional, F::kText},
      {"ENTPersonPays", kOne, kOptional, F::kText},
  };
}

FileTypeSpec Schools() {
  FileTypeSpec spec = Structures();
  std::vector<AttributeSpec> own = {
      {"ENTEcoleCirconscription", kOne, kOptional, F::kText},
      {"ENTEcoleRPI", kOne, kOptional, F::kText},
      {"ENTEcoleCommune", kOne, kOptional, F::kText},
      {"ENTEcoleSecteur", kOne, kOptional, F::kText},
  };
  spec.attributes.insert(spec.attributes.end(), own.begin(), own.end());
  return spec;
}

FileTypeSpec Pupils1D() {
  FileTypeSpec spec{"Eleve", "categoriePersonne", PersonAttributes1D()};
  std::vector<AttributeSpec> own = {
      {"ENTPersonStructRattach", kOne, kNeeded, F::kStructure},
      {"ENTEleveStructRattachId", kOne, kOptional, F::kText},
      {"ENTEleveINE", kOne, kOptional, F::kIne},
      {"ENTEleveNiveau", kOne, kOptional, F::kText},
      {"ENTEleveCycle", kOne, kOptional, F::kText},
      {"ENTEleveAutoriteParentale", kMany, kOptional, F::kRelation1D},
      {"ENTPersonClasses", kMany, kOptional, F::kClass1D},
      {"ENTPersonGroupes", kMany, kOptional, F::kGroup1D},
  };
  spec.attributes.insert(spec.attributes.end(), own.begin(), own.end());
  return spec;
}

FileTypeSpec Relatives1D() {
  FileTypeSpec spec{"PersRelEleve", "categoriePersonne", PersonAttributes1D()};
  std::vector<AttributeSpec> own = {
      {"ENTPersRelEleveEleve", kMany, kOptional, F::kText},
      {"ENTPersRelEleveTelMobile", kOne, kOptional, F::kText},
      {"ENTPersRelEleveTelPro", kOne, kOptional, F::kText},
  };
  spec.attributes.insert(spec.attributes.end(), own.begin(), own.end());
  return spec;
}

FileTypeSpec Staff1D() {
  FileTypeSpec spec{"PersEducNat", "categoriePersonne", PersonAttributes1D()};
  std::vector<AttributeSpec> own = {
      {"ENTPersonStructRattach", kMany, kNeeded, F::kStructure},
      {"ENTPersonFonctions", kMany, kOptional, F::kFunction},
      {"PersEducNatPresenceDevantEleves", kOne, kOptional, F::kBoolean},
      {"ENTAuxEnsClassesMatieres", kMany, kOptional, F::kClassSubject},
  };
  spec.attributes.insert(spec.attributes.end(), own.begin(), own.end());
  return spec;
}

}  // namespace

int FileTypeSpec::IndexOf(std::string_view name) const {
  auto found = index.find(name);
  return found == index.end() ? -1 : found->second;
}

const AttributeSpec* FileTypeSpec::Find(std::string_view name) const {
  int at = IndexOf(name);
  return at < 0 ? nullptr : &attributes[static_cast<size_t>(at)];
}

namespace {

std::vector<FileTypeSpec> Indexed(std::vector<FileTypeSpec> types) {
  for (FileTypeSpec& spec : types) {
    for (size_t i = 0; i < spec.attributes.size(); ++i) {
      spec.index.emplace(spec.attributes[i].name, static_cast<int>(i));
    }
  }
  return types;
}

}  // namespace

const std::vector<FileTypeSpec>& FeedFileTypes(bool first_degree) {
  static const std::vector<FileTypeSpec> kSecond =
      Indexed({Structures(), Pupils(), Relatives(), Staff()});
  static const std::vector<FileTypeSpec> kFirst =
      Indexed({Schools(), Pupils1D(), Relatives1D(), Staff1D()});
  return first_degree ? kFirst : kSecond;
}

const FileTypeSpec* FindFileType(std::string_view type, bool first_degree) {
  for (const FileTypeSpec& spec : FeedFileTypes(first_degree)) {
    if (spec.type == type) return &spec;
  }
  return nullptr;
}

// From the SDET operational annex v6.3 §4.7 as quoted by the GAR helper of Alambic and the
// laclasse importer (../shared/reference/aaf_sso.md §1.5); "-" is "no function".
bool IsKnownFunctionCode(std::string_view code) {
  static constexpr std::array<std::string_view, 39> kCodes = {
      "-",   "ENS",  "FCA", "FCP", "FIJ",   "IS",   "ISES", "BED", "PPA",   "RPL",
      "UPI", "RH1D", "DIR", "DEC", "DECPR", "DSES", "DOC",  "EDU", "AED",   "SUR",
      "AES", "ADF",  "ADM", "ADA", "ALB",   "ASE",  "ASH",  "CFC", "CPD",   "CTR",
      "LAB", "MDS",  "ORI", "OUV", "PSY",   "TEC",  "INS",  "INJ", "COLTER"};
  return std::find(kCodes.begin(), kCodes.end(), code) != kCodes.end();
}

}  // namespace sdetcheck
