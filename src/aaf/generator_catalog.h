#pragma once
// The fixed vocabulary of generated establishments: levels and their classes, groups,
// subjects taught and staff functions (codes as the AAF and the BCN write them).

#include <span>
#include <string>
#include <string_view>

#include "aaf/generator_population.h"

namespace sdetcheck::aafgen {

struct SchoolLevel {
  std::string_view code;   // prefix of class codes: "6", "2NDE", "CP"
  std::string_view label;  // "6EME", "SECONDE", "CP"
  std::string_view mef;    // 11-digit MEF code (2nd degree), empty in the 1st degree
  int age;                 // age reached in the calendar year the school year starts
};

struct Subject {
  std::string_view discipline_code, discipline_label, matiere_code;
};

struct StaffFunction {
  std::string_view code, label, discipline_code, discipline_label;
  bool in_front_of_pupils;
};

std::span<const SchoolLevel> Levels(int degree, bool lycee);
std::span<const std::string_view> GroupCodes(int degree, bool lycee);  // "CODE$label"
std::span<const Subject> Subjects();
// Function of the staff member of rank `rank` in an establishment; teachers (rank >= 4)
// get ENS with the discipline of their subject.
StaffFunction FunctionOfRank(uint32_t rank, uint32_t subject);

const SchoolLevel& ClassLevel(const Population& population, uint32_t school_class);
std::string ClassCode(const Population& population, uint32_t school_class);
std::string ClassLabel(const Population& population, uint32_t school_class);

}  // namespace sdetcheck::aafgen
