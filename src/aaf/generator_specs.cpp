#include "aaf/generator_specs.h"

#include <cstdio>

#include "aaf/fictional_names.h"
#include "aaf/generator_catalog.h"

namespace sdetcheck::aafgen {
namespace {

constexpr uint64_t kAddressStream = uint64_t{1} << 40;
constexpr uint64_t kRelationStream = uint64_t{1} << 41;
constexpr uint64_t kOrphanStream = uint64_t{1} << 42;
// INE and SCONET ids of pupils a delta adds are numbered from the pupils' count on, those of
// duplicated pupils from this far beyond it; new families' addresses likewise.
constexpr uint64_t kDuplicateOffset = 2000000;

std::string Date(unsigned day, unsigned month, unsigned year) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u/%02u/%04u", day % 100, month % 100, year % 10000);
  return text;
}

std::string RandomDate(SeededRandom* rng, unsigned year) {
  return Date(static_cast<unsigned>(rng->Below(28) + 1), static_cast<unsigned>(rng->Below(12) + 1),
              year);
}

std::string_view Pick(std::span<const std::string_view> list, uint64_t draw) {
  return list[draw % list.size()];
}

std::string_view GivenName(SeededRandom* rng, bool female) {
  return Pick(female ? FemaleGivenNames() : MaleGivenNames(), rng->Next());
}

// 9 digits unique per index (7919 is prime to 10^9, so the map is one to one), 2 letters.
std::string Ine(uint64_t index, uint64_t seed) {
  char text[16];
  uint64_t digits = (index * 7919 + MixBits(seed) % 1000000000) % 1000000000;
  SeededRandom rng(seed, kStreamPupil, index | kAddressStream);
  std::snprintf(text, sizeof text, "%09llu%c%c", static_cast<unsigned long long>(digits),
                static_cast<char>('A' + rng.Below(26)), static_cast<char>('A' + rng.Below(26)));
  return text;
}

}  // namespace

std::string StructureId(uint64_t establishment) {
  return std::to_string(kStructureIdBase + establishment);
}
std::string PupilId(uint64_t pupil) { return std::to_string(kPupilIdBase + pupil); }
std::string RelativeId(uint64_t relative) { return std::to_string(kRelativeIdBase + relative); }
std::string StaffId(uint64_t staff) { return std::to_string(kStaffIdBase + staff); }

SpecMaker::SpecMaker(const Population& population, uint64_t seed, const std::string& academy)
    : population_(population), seed_(seed), academy_lower_(AsciiMailPart(academy)) {}

std::string SpecMaker::FamilySurname(uint64_t family) const {
  return std::string(Pick(Surnames(), SeededRandom(seed_, kStreamFamily, family).Next()));
}

Address SpecMaker::FamilyAddress(uint64_t family) const {
  SeededRandom rng(seed_, kStreamFamily, family | kAddressStream);
  Address address;
  address.street =
      std::to_string(rng.Below(120) + 1) + " " + std::string(Pick(StreetNames(), rng.Next()));
  address.postal_code = std::to_string(99100 + rng.Below(900));
  address.town = Pick(TownNames(), rng.Next());
  return address;
}

std::vector<Relation> SpecMaker::FamilyRelations(uint64_t family) const {
  uint32_t first = population_.family_first_relative[family];
  uint32_t count = population_.family_first_relative[family + 1] - first;
  if (count == 2) return {{RelativeId(first), 10, 1}, {RelativeId(first + 1), 20, 2}};
  static constexpr int kSingleLinks[] = {10, 20, 50};
  SeededRandom rng(seed_, kStreamFamily, family | kRelationStream);
  return {{RelativeId(first), kSingleLinks[rng.Below(3)], 1}};
}

PupilSpec SpecMaker::Pupil(uint64_t pupil) const {
  const Population& pop = population_;
  PupilSpec spec;
  spec.id = PupilId(pupil);
  spec.school_class = pop.pupil_class[pupil];
  const SchoolClass& sc = pop.classes[spec.school_class];
  // Given name and birthday from the pupil's rank in its level: one to one (7919 is prime to
  // 80 * 336), so no two pupils of a level of an establishment share both.
  constexpr uint64_t kCombinations = uint64_t{80} * 336;
  uint64_t rank = sc.level_offset + (pupil - sc.first_pupil);
  uint64_t code = (rank * 7919 + (seed_ * 31 + uint64_t{sc.establishment} * 1009)) % kCombinations;
  uint64_t name_index = code % 80, day_index = code / 80;
  spec.female = name_index < 40;
  spec.given_name = (spec.female ? FemaleGivenNames() : MaleGivenNames())[name_index % 40];
  unsigned year = pop.school_year - static_cast<unsigned>(ClassLevel(pop, spec.school_class).age);
  spec.birth_date = Date(static_cast<unsigned>(day_index % 28 + 1),
                         static_cast<unsigned>(day_index / 28 + 1), year);
  uint32_t family = pop.pupil_family[pupil];
  spec.surname = FamilySurname(family);
  spec.relations = FamilyRelations(family);
  spec.address = FamilyAddress(family);
  spec.ine = Ine(pupil, seed_);
  spec.sconet_id = std::to_string(1000000 + pupil);
  SeededRandom rng(seed_, kStreamPupil, pupil);
  auto groups = GroupCodes(pop.degree, pop.establishments[sc.establishment].lycee);
  if (rng.Percent(25)) {
    std::string_view group = Pick(groups, rng.Next());
    spec.group = group.substr(0, group.find('$'));
  }
  spec.boursier = rng.Percent(25);
  spec.transport = rng.Percent(15);
  spec.demi_pensionnaire = rng.Percent(65);
  return spec;
}

void SpecMaker::FillRelative(SeededRandom* rng, int link, RelativeSpec* spec) const {
  spec->female = link == 10 || (link != 20 && rng->Percent(50));
  spec->given_name = GivenName(rng, spec->female);
  spec->birth_name = spec->female ? std::string(Pick(Surnames(), rng->Next())) : spec->surname;
  spec->birth_date =
      RandomDate(rng, population_.school_year - 30 - static_cast<unsigned>(rng->Below(20)));
  if (rng->Percent(70)) {
    spec->mail = AsciiMailPart(spec->given_name) + "." + AsciiMailPart(spec->surname) + "." +
                 spec->id + "@parent.ent-" + academy_lower_ + ".test";
  }
  char mobile[16];
  std::snprintf(mobile, sizeof mobile, "063998%04u", static_cast<unsigned>(rng->Below(10000)));
  spec->mobile = mobile;
}

PupilSpec SpecMaker::DuplicateOf(uint64_t pupil, uint64_t k) const {
  PupilSpec spec = Pupil(pupil);
  spec.id = std::to_string(kDuplicatePupilIdBase + k);
  spec.ine = Ine(population_.pupils() + kDuplicateOffset + k, seed_);
  spec.sconet_id = std::to_string(1000000 + population_.pupils() + kDuplicateOffset + k);
  return spec;
}

RelativeSpec SpecMaker::Relative(uint64_t relative) const {
  RelativeSpec spec;
  spec.id = RelativeId(relative);
  uint32_t family = population_.RelativeFamily(relative);
  spec.surname = FamilySurname(family);
  spec.address = FamilyAddress(family);
  uint32_t k = static_cast<uint32_t>(relative - population_.family_first_relative[family]);
  SeededRandom rng(seed_, kStreamRelative, relative);
  FillRelative(&rng, FamilyRelations(family)[k].link, &spec);
  for (uint32_t i = population_.family_first_child[family];
       i < population_.family_first_child[family + 1]; ++i)
    spec.children.push_back(PupilId(population_.family_children[i]));
  return spec;
}

RelativeSpec SpecMaker::OrphanRelative(uint64_t k) const {
  RelativeSpec spec;
  spec.id = std::to_string(kOrphanRelativeIdBase + k);
  SeededRandom rng(seed_, kStreamRelative, k | kOrphanStream);
  spec.surname = Pick(Surnames(), rng.Next());
  spec.address = FamilyAddress(population_.families() + k);
  FillRelative(&rng, rng.Percent(50) ? 10 : 20, &spec);
  return spec;
}

StaffSpec SpecMaker::Staff(uint64_t staff) const {
  StaffSpec spec;
  spec.id = StaffId(staff);
  spec.establishment = population_.StaffEstablishment(staff);
  const Establishment& est = population_.establishments[spec.establishment];
  spec.rank = static_cast<uint32_t>(staff - est.first_staff);
  SeededRandom rng(seed_, kStreamStaff, staff);
  spec.female = rng.Percent(60);
  spec.given_name = GivenName(&rng, spec.female);
  spec.surname = Pick(Surnames(), rng.Next());
  spec.birth_date =
      RandomDate(&rng, population_.school_year - 25 - static_cast<unsigned>(rng.Below(37)));
  spec.mail = AsciiMailPart(spec.given_name) + "." + AsciiMailPart(spec.surname) +
              std::to_string(staff + 1) + "@ac-" + academy_lower_ + ".test";
  spec.subject = static_cast<uint32_t>(rng.Below(Subjects().size()));
  if (spec.rank >= 4) {
    uint32_t taught = std::min<uint32_t>(3, est.classes);
    for (uint32_t i = 0; i < taught; ++i)
      spec.classes.push_back(est.first_class + ((spec.rank - 4) * 3 + i) % est.classes);
  }
  return spec;
}

PupilSpec SpecMaker::DeltaPupil(uint64_t k, uint32_t school_class,
                                std::vector<RelativeSpec>* relatives) const {
  PupilSpec spec;
  spec.id = std::to_string(kDeltaPupilIdBase + k);
  spec.school_class = school_class;
  SeededRandom rng(seed_, kStreamDelta, k);
  spec.given_name = Pick(CompoundGivenNames(), rng.Next());
  spec.female = rng.Percent(50);
  spec.surname = Pick(Surnames(), rng.Next());
  unsigned year =
      population_.school_year - static_cast<unsigned>(ClassLevel(population_, school_class).age);
  spec.birth_date = RandomDate(&rng, year);
  spec.ine = Ine(population_.pupils() + k, seed_);
  spec.sconet_id = std::to_string(1000000 + population_.pupils() + k);
  spec.address = FamilyAddress(population_.families() + kDuplicateOffset + k);
  spec.boursier = spec.transport = false;
  spec.demi_pensionnaire = true;
  uint32_t count = rng.Percent(70) ? 2 : 1;
  for (uint32_t j = 0; j < count; ++j) {
    RelativeSpec relative;
    relative.id = std::to_string(kDeltaRelativeIdBase + 2 * k + j);
    relative.surname = spec.surname;
    relative.address = spec.address;
    FillRelative(&rng, j == 0 ? 10 : 20, &relative);
    relative.children = {spec.id};
    spec.relations.push_back({relative.id, j == 0 ? 10 : 20, static_cast<int>(j + 1)});
    relatives->push_back(std::move(relative));
  }
  return spec;
}

}  // namespace sdetcheck::aafgen
