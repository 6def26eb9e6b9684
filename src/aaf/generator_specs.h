#pragma once
// What one generated record says, before it becomes XML: drawn from the population and the
// entity's own seeded stream, so the same index always gives the same person.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aaf/generator_population.h"
#include "aaf/seeded_random.h"

namespace sdetcheck::aafgen {

// Identifier ranges (8 digits for persons, 6 for structures), one per kind of record, so
// that records added by a delta or by a fault never take an existing id.
constexpr uint64_t kStructureIdBase = 100001;
constexpr uint64_t kUnknownStructureId = 999999;
constexpr uint64_t kPupilIdBase = 20000001;
constexpr uint64_t kDeltaPupilIdBase = 26000001;
constexpr uint64_t kDuplicatePupilIdBase = 27000001;
constexpr uint64_t kUnknownModifyIdBase = 28000001;
constexpr uint64_t kUnknownDeleteIdBase = 28500001;
constexpr uint64_t kRelativeIdBase = 30000001;
constexpr uint64_t kDeltaRelativeIdBase = 36000001;
constexpr uint64_t kOrphanRelativeIdBase = 37000001;
constexpr uint64_t kUnknownRelativeIdBase = 38000001;
constexpr uint64_t kStaffIdBase = 40000001;

struct Relation {
  std::string relative_id;
  int link;   // BCN N_LIEN_ELEVE_RESPONSABLE, new codes: 10 mother, 20 father, 50 guardian
  int legal;  // legal representative no. 1 or 2
};

struct Address {
  std::string street, postal_code, town;
};

struct PupilSpec {
  std::string id;
  uint32_t school_class;
  std::string surname, given_name, birth_date;
  bool female;
  std::string ine, sconet_id;
  std::string group;  // a group code of the establishment, or empty
  bool boursier, transport, demi_pensionnaire;
  std::vector<Relation> relations;
  Address address;
};

struct RelativeSpec {
  std::string id;
  std::string surname, birth_name, given_name, birth_date, mail, mobile;
  bool female;
  std::vector<std::string> children;  // pupil ids
  Address address;
};

struct StaffSpec {
  std::string id;
  uint32_t establishment;
  uint32_t rank;  // in its establishment: 0 head, 1 librarian, 2 education, 3 admin, 4+ teacher
  std::string surname, given_name, birth_date, mail;
  bool female;
  uint32_t subject;               // teachers: index in Subjects()
  std::vector<uint32_t> classes;  // teachers: classes taught
};

std::string StructureId(uint64_t establishment);
std::string PupilId(uint64_t pupil);
std::string RelativeId(uint64_t relative);
std::string StaffId(uint64_t staff);

class SpecMaker {
 public:
  SpecMaker(const Population& population, uint64_t seed, const std::string& academy);
  PupilSpec Pupil(uint64_t pupil) const;
  // Another pupil (k-th such) with the same names, birth date, class and relatives.
  PupilSpec DuplicateOf(uint64_t pupil, uint64_t k) const;
  RelativeSpec Relative(uint64_t relative) const;
  // A relative no pupil names (fault ref.orphan_relative), `k`-th of them.
  RelativeSpec OrphanRelative(uint64_t k) const;
  StaffSpec Staff(uint64_t staff) const;
  // A pupil a delta adds (k-th), in class `school_class`, with new relatives.
  PupilSpec DeltaPupil(uint64_t k, uint32_t school_class,
                       std::vector<RelativeSpec>* relatives) const;

  const Population& population() const { return population_; }

 private:
  std::string FamilySurname(uint64_t family) const;
  Address FamilyAddress(uint64_t family) const;
  std::vector<Relation> FamilyRelations(uint64_t family) const;
  void FillRelative(SeededRandom* rng, int link, RelativeSpec* spec) const;

  const Population& population_;
  uint64_t seed_;
  std::string academy_lower_;
};

}  // namespace sdetcheck::aafgen
