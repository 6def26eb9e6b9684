#include "aaf/generator_population.h"

#include <algorithm>
#include <utility>

#include "aaf/seeded_random.h"

namespace sdetcheck::aafgen {
namespace {

constexpr uint32_t kClassTarget = 28;  // classes of 25-30 pupils

struct FamilySizes {
  std::vector<uint8_t> children, relatives;
};

// 1-2 relatives (70 % two), 1-4 children (mean 2.4): about 0.7 relative per pupil.
std::pair<uint32_t, uint32_t> DrawFamily(uint64_t seed, uint64_t family) {
  SeededRandom rng(seed, kStreamFamily, family);
  rng.Next();  // the family's surname (generator_specs.cpp) uses the stream's first draw
  uint32_t relatives = rng.Percent(70) ? 2 : 1;
  uint64_t roll = rng.Below(100);
  uint32_t children = roll < 20 ? 1 : roll < 55 ? 2 : roll < 85 ? 3 : 4;
  return {children, relatives};
}

// Families until pupils and relatives together make `people`; the last one is trimmed.
FamilySizes DrawFamilies(uint64_t seed, uint64_t people) {
  FamilySizes sizes;
  uint64_t placed = 0;
  while (placed < people) {
    auto [children, relatives] = DrawFamily(seed, sizes.children.size());
    uint64_t left = people - placed;
    if (left == 1 && !sizes.children.empty()) {
      ++sizes.children.back();
      break;
    }
    if (children + relatives > left) {
      relatives = std::min<uint64_t>(relatives, left - 1);
      children = static_cast<uint32_t>(left - relatives);
    }
    sizes.children.push_back(static_cast<uint8_t>(children));
    sizes.relatives.push_back(static_cast<uint8_t>(relatives));
    placed += children + relatives;
  }
  return sizes;
}

uint32_t LevelCount(int degree, bool lycee) {
  if (degree == 1) return 5;  // CP, CE1, CE2, CM1, CM2
  return lycee ? 3 : 4;       // 2nde, 1re, Tle / 6e, 5e, 4e, 3e
}

void AddClasses(uint32_t e, int degree, Population* population) {
  Establishment& est = population->establishments[e];
  uint32_t count = std::max<uint32_t>(1, (est.pupils + kClassTarget - 1) / kClassTarget);
  uint32_t levels = LevelCount(degree, est.lycee);
  std::vector<uint32_t> level_pupils(levels, 0);
  est.first_class = static_cast<uint32_t>(population->classes.size());
  est.classes = count;
  uint32_t first = est.first_pupil;
  for (uint32_t k = 0; k < count; ++k) {
    uint32_t size = est.pupils / count + (k < est.pupils % count ? 1 : 0);
    uint32_t level = k % levels;
    population->classes.push_back({e, first, size, level, k / levels, level_pupils[level]});
    level_pupils[level] += size;
    for (uint32_t i = 0; i < size; ++i) {
      population->pupil_class.push_back(static_cast<uint32_t>(population->classes.size() - 1));
    }
    first += size;
  }
}

void LayOutEstablishments(const AafGeneratorOptions& options, uint64_t pupils,
                          Population* population) {
  uint64_t count = options.EstablishmentCount();
  population->establishments.resize(count);
  for (uint64_t e = 0; e < count; ++e) {
    Establishment& est = population->establishments[e];
    est.first_pupil = static_cast<uint32_t>(e * pupils / count);
    est.pupils = static_cast<uint32_t>((e + 1) * pupils / count - est.first_pupil);
    est.first_staff = static_cast<uint32_t>(e * population->staff / count);
    est.staff = static_cast<uint32_t>((e + 1) * population->staff / count - est.first_staff);
    est.lycee = options.degree == 2 && e % 3 == 2;
    AddClasses(static_cast<uint32_t>(e), options.degree, population);
  }
}

// Children in family order, then shuffled within each establishment: siblings mostly share
// an establishment and spread over its classes.
void AssignFamilies(uint64_t seed, const FamilySizes& sizes, Population* population) {
  std::vector<uint32_t>& family_of = population->pupil_family;
  for (uint32_t f = 0; f < sizes.children.size(); ++f)
    family_of.insert(family_of.end(), sizes.children[f], f);
  for (uint32_t e = 0; e < population->establishments.size(); ++e) {
    const Establishment& est = population->establishments[e];
    SeededRandom rng(seed, kStreamLayout, e);
    for (uint32_t i = est.pupils; i > 1; --i) {
      std::swap(family_of[est.first_pupil + i - 1], family_of[est.first_pupil + rng.Below(i)]);
    }
  }
}

void IndexFamilies(const FamilySizes& sizes, Population* population) {
  size_t families = sizes.children.size();
  population->family_first_relative.assign(families + 1, 0);
  population->family_first_child.assign(families + 1, 0);
  for (size_t f = 0; f < families; ++f) {
    population->family_first_relative[f + 1] =
        population->family_first_relative[f] + sizes.relatives[f];
    population->family_first_child[f + 1] = population->family_first_child[f] + sizes.children[f];
  }
  std::vector<uint32_t> next(population->family_first_child.begin(),
                             population->family_first_child.end() - 1);
  population->family_children.resize(population->pupil_family.size());
  for (uint32_t p = 0; p < population->pupil_family.size(); ++p) {
    population->family_children[next[population->pupil_family[p]]++] = p;
  }
}

}  // namespace

uint32_t Population::RelativeFamily(uint64_t relative) const {
  auto it = std::upper_bound(family_first_relative.begin(), family_first_relative.end(), relative);
  return static_cast<uint32_t>(it - family_first_relative.begin() - 1);
}

uint32_t Population::StaffEstablishment(uint64_t staff_index) const {
  auto it = std::upper_bound(establishments.begin(), establishments.end(), staff_index,
                             [](uint64_t s, const Establishment& e) { return s < e.first_staff; });
  return static_cast<uint32_t>(it - establishments.begin() - 1);
}

bool Population::IsTeacher(uint64_t staff_index) const {
  return staff_index - establishments[StaffEstablishment(staff_index)].first_staff >= 4;
}

uint64_t Population::TeacherCount() const {
  uint64_t teachers = 0;
  for (const Establishment& e : establishments) teachers += e.staff > 4 ? e.staff - 4 : 0;
  return teachers;
}

Population BuildPopulation(const AafGeneratorOptions& options) {
  Population population;
  population.degree = options.degree;
  uint32_t year = static_cast<uint32_t>(std::stoul(options.date.substr(0, 4)));
  uint32_t month = static_cast<uint32_t>(std::stoul(options.date.substr(4, 2)));
  population.school_year = month >= 8 ? year : year - 1;
  population.staff = std::max<uint64_t>(options.EstablishmentCount(), options.persons * 5 / 100);
  FamilySizes sizes = DrawFamilies(options.seed, options.persons - population.staff);
  uint64_t pupils = 0;
  for (uint8_t c : sizes.children) pupils += c;
  LayOutEstablishments(options, pupils, &population);
  AssignFamilies(options.seed, sizes, &population);
  IndexFamilies(sizes, &population);
  return population;
}

}  // namespace sdetcheck::aafgen
