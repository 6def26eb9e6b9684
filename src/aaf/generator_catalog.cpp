#include "aaf/generator_catalog.h"

#include <array>

namespace sdetcheck::aafgen {
namespace {

constexpr std::array<SchoolLevel, 4> kCollege = {{
    {"6", "6EME", "10010012110", 11},
    {"5", "5EME", "10110001110", 12},
    {"4", "4EME", "10210001110", 13},
    {"3", "3EME", "10310019110", 14},
}};
constexpr std::array<SchoolLevel, 3> kLycee = {{
    {"2NDE", "SECONDE", "20010018110", 15},
    {"1G", "PREMIERE GENERALE", "20111101110", 16},
    {"TG", "TERMINALE GENERALE", "20211101110", 17},
}};
constexpr std::array<SchoolLevel, 5> kEcole = {{
    {"CP", "CP", "", 6},
    {"CE1", "CE1", "", 7},
    {"CE2", "CE2", "", 8},
    {"CM1", "CM1", "", 9},
    {"CM2", "CM2", "", 10},
}};

constexpr std::array<std::string_view, 3> kCollegeGroups = {
    "LATIN$LATIN", "EURO_ANG$SECTION EUROPEENNE ANGLAIS", "CHORALE$CHORALE"};
constexpr std::array<std::string_view, 3> kLyceeGroups = {"SPE_MATHS$SPECIALITE MATHEMATIQUES",
                                                          "SPE_PC$SPECIALITE PHYSIQUE-CHIMIE",
                                                          "EURO_ANG$SECTION EUROPEENNE ANGLAIS"};
constexpr std::array<std::string_view, 2> kEcoleGroups = {"CHORALE$CHORALE",
                                                          "ULIS$DISPOSITIF ULIS"};

constexpr std::array<Subject, 8> kSubjects = {{
    {"L0202", "LETTRES MODERNES", "020100"},
    {"L1300", "MATHEMATIQUES", "061300"},
    {"L1500", "PHYSIQUE CHIMIE", "061800"},
    {"L0422", "ANGLAIS", "030201"},
    {"L1000", "HISTOIRE GEOGRAPHIE", "040003"},
    {"L1600", "SCIENCES VIE ET TERRE", "062900"},
    {"L1900", "EDUCATION PHYSIQUE ET SPORTIVE", "100100"},
    {"L1700", "EDUCATION MUSICALE", "080100"},
}};

constexpr std::array<StaffFunction, 4> kFirstRanks = {{
    {"DIR", "DIRECTION", "D0010", "DIRECTION", false},
    {"DOC", "DOCUMENTATION", "L8011", "DOCUMENTATION", true},
    {"EDU", "EDUCATION", "E0030", "EDUCATION", false},
    {"ADF", "PERSONNELS ADMINISTRATIFS", "A0010", "ADMINISTRATION", false},
}};

char Letter(uint32_t rank) { return static_cast<char>('A' + rank % 26); }

std::string RankSuffix(uint32_t rank) {
  return rank < 26 ? std::string() : std::to_string(rank / 26);
}

}  // namespace

std::span<const SchoolLevel> Levels(int degree, bool lycee) {
  if (degree == 1) return kEcole;
  if (lycee) return kLycee;
  return kCollege;
}

std::span<const std::string_view> GroupCodes(int degree, bool lycee) {
  if (degree == 1) return kEcoleGroups;
  if (lycee) return kLyceeGroups;
  return kCollegeGroups;
}

std::span<const Subject> Subjects() { return kSubjects; }

StaffFunction FunctionOfRank(uint32_t rank, uint32_t subject) {
  if (rank < kFirstRanks.size()) return kFirstRanks[rank];
  const Subject& s = kSubjects[subject % kSubjects.size()];
  return {"ENS", "ENSEIGNEMENT", s.discipline_code, s.discipline_label, true};
}

const SchoolLevel& ClassLevel(const Population& population, uint32_t school_class) {
  const SchoolClass& c = population.classes[school_class];
  bool lycee = population.establishments[c.establishment].lycee;
  return Levels(population.degree, lycee)[c.level];
}

// 6A, 6B ... (collège), 2NDE1, 2NDE2 ... (lycée), CP-A ... (école); past Z: 6A1, 6B1 ...
std::string ClassCode(const Population& population, uint32_t school_class) {
  const SchoolClass& c = population.classes[school_class];
  std::string code(ClassLevel(population, school_class).code);
  if (population.degree == 1)
    return code + "-" + Letter(c.rank_in_level) + RankSuffix(c.rank_in_level);
  if (population.establishments[c.establishment].lycee)
    return code + std::to_string(c.rank_in_level + 1);
  return code + Letter(c.rank_in_level) + RankSuffix(c.rank_in_level);
}

std::string ClassLabel(const Population& population, uint32_t school_class) {
  const SchoolClass& c = population.classes[school_class];
  std::string label(ClassLevel(population, school_class).label);
  if (population.establishments[c.establishment].lycee)
    return label + " " + std::to_string(c.rank_in_level + 1);
  return label + " " + Letter(c.rank_in_level) + RankSuffix(c.rank_in_level);
}

}  // namespace sdetcheck::aafgen
