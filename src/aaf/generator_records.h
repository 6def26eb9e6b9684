#pragma once
// Generated specs as AAF records, in the attribute layout of the chosen degree: 2nd degree
// (sn, givenName, ENTEleveClasses "struct$class", ENTElevePersRelEleve with 6 fields) or
// 1st degree (ENTPersonNom/Prenom/Civilite, ENTPersonClasses with 5 fields,
// ENTEleveAutoriteParentale "relative$link").

#include <string>
#include <string_view>

#include "aaf/generator_record.h"
#include "aaf/generator_specs.h"

namespace sdetcheck::aafgen {

// Attribute names that differ between the degrees, for the builders and the faults.
struct PersonAttributeNames {
  std::string_view surname, given_name, title, mail, classes, groups, relations;
};
const PersonAttributeNames& AttributeNames(int degree);

class RecordBuilder {
 public:
  RecordBuilder(const Population& population, std::string academy);

  void Structure(uint32_t establishment, FeedRecord* record) const;
  void Pupil(const PupilSpec& spec, FeedRecord* record) const;
  void Relative(const RelativeSpec& spec, FeedRecord* record) const;
  void Staff(const StaffSpec& spec, FeedRecord* record) const;

  // A pupil's class as its class attribute writes it.
  std::string ClassValue(uint32_t school_class) const;
  std::string Uai(uint32_t establishment) const;

 private:
  struct Identity {
    std::string_view id, surname, birth_name, given_name, title, birth_date;
  };
  void AddIdentity(const Identity& person, FeedRecord* record) const;
  void AddAddress(const Address& address, FeedRecord* record) const;
  void AddSchooling(const PupilSpec& spec, FeedRecord* record) const;
  void AddStructureUnits(uint32_t establishment, FeedRecord* record) const;

  const Population& population_;
  std::string academy_;
  const PersonAttributeNames& names_;
};

}  // namespace sdetcheck::aafgen
