#pragma once
// The shape of a generated académie, kept in memory while its files are written: which
// establishment, class and family each pupil belongs to, which relatives each family has,
// how staff are spread. Names, dates and addresses are not kept: each record draws them again
// from its own seeded stream (seeded_random.h).

#include <cstdint>
#include <string>
#include <vector>

#include "aaf/generator_options.h"

namespace sdetcheck::aafgen {

struct SchoolClass {
  uint32_t establishment;
  uint32_t first_pupil, size;
  uint32_t level;          // index in the establishment kind's levels
  uint32_t rank_in_level;  // 0 for the first class of its level in the establishment
  uint32_t level_offset;   // pupils of the same level in the earlier classes
};

struct Establishment {
  uint32_t first_pupil = 0, pupils = 0;
  uint32_t first_class = 0, classes = 0;
  uint32_t first_staff = 0, staff = 0;
  bool lycee = false;  // 2nd degree: lycée, else collège; 1st degree: always an école
};

struct Population {
  int degree = 2;
  uint32_t school_year = 2026;  // the year the school year starts
  std::vector<Establishment> establishments;
  std::vector<SchoolClass> classes;
  std::vector<uint32_t> pupil_class;            // per pupil
  std::vector<uint32_t> pupil_family;           // per pupil
  std::vector<uint32_t> family_first_relative;  // per family, plus one end entry
  std::vector<uint32_t> family_first_child;     // index into family_children, plus end
  std::vector<uint32_t> family_children;        // pupils, grouped by family
  uint64_t staff = 0;

  uint64_t pupils() const { return pupil_class.size(); }
  uint64_t relatives() const { return family_first_relative.back(); }
  uint64_t families() const { return family_first_relative.size() - 1; }
  uint32_t RelativeFamily(uint64_t relative) const;  // binary search
  uint32_t StaffEstablishment(uint64_t staff_index) const;
  // Teachers are every staff member from the 5th of an establishment on (the first four
  // are its head, librarian, education and administration staff).
  bool IsTeacher(uint64_t staff_index) const;
  uint64_t TeacherCount() const;
};

// ~55 % pupils, ~40 % relatives (families of 1-4 children and 1-2 relatives), ~5 % staff,
// classes of 25-30 pupils, siblings spread over the classes of their establishment.
Population BuildPopulation(const AafGeneratorOptions& options);

}  // namespace sdetcheck::aafgen
