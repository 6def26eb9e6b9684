#include "aaf/feed_file_check.h"

#include <algorithm>
#include <functional>

#include "aaf/check_keys.h"
#include "aaf/value_formats.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

constexpr size_t kValueShown = 200;  // bytes of a faulty value kept in a finding

size_t ExpectedFields(ValueFormat format) {
  switch (format) {
    case ValueFormat::kClass:
    case ValueFormat::kGroup:
    case ValueFormat::kRelation1D:
      return 2;
    case ValueFormat::kClassSubject:
      return 3;
    case ValueFormat::kClass1D:
    case ValueFormat::kGroup1D:
    case ValueFormat::kFunction:
      return 5;
    case ValueFormat::kRelation:
      return 6;
    default:
      return 0;  // not compound, or any count (kDeclared: at least 2)
  }
}

// The rule a value breaks, or "" when it is well formed (references aside).
const char* FormatRule(ValueFormat format, std::string_view value) {
  switch (format) {
    case ValueFormat::kDate:
      return IsFeedDate(value) ? "" : "value.date";
    case ValueFormat::kBoolean:
      return IsFeedBoolean(value) ? "" : "value.boolean";
    case ValueFormat::kUai:
      return IsValidUai(value) ? "" : "value.uai";
    case ValueFormat::kSiret:
      return value.size() == 14 && LuhnValid(value) ? "" : "value.siret";
    case ValueFormat::kIne:
      return IsIne(value) ? "" : "value.ine";
    case ValueFormat::kEmail:
      return IsEmail(value) ? "" : "value.email";
    case ValueFormat::kCivility:
      return IsCivility(value) ? "" : "value.civility";
    case ValueFormat::kDeclared:
      return CompoundFieldCount(value) >= 2 ? "" : "value.compound";
    default:
      break;
  }
  size_t fields = ExpectedFields(format);
  if (fields != 0 && CompoundFieldCount(value) != fields) return "value.compound";
  if (format == ValueFormat::kFunction && !IsKnownFunctionCode(CompoundField(value, 1))) {
    return "value.code";
  }
  return "";
}

bool AllEmpty(const FeedRecord& record, const FeedAttribute& attribute) {
  for (std::string_view value : record.ValuesOf(attribute)) {
    if (!value.empty()) return false;
  }
  return true;
}

}  // namespace

void FileCheck::Emit(const std::string& rule, uint32_t line, std::string_view record,
                     std::string_view attribute, std::string_view value) {
  if (counts[rule]++ >= kept_per_rule) return;
  findings.push_back(FeedFinding{rule, file, type, line, std::string(record),
                                 std::string(attribute),
                                 std::string(value.substr(0, kValueShown))});
}

void FileCheck::Reset() {
  records = 0;
  counts.clear();
  findings.clear();
  ids.clear();
  structures.clear();
  uais.clear();
  person_keys.clear();
  relatives_named.assign(relatives_named.size(), 0);
}

void FileCheck::Check(const FeedRecord& record) {
  ++records;
  Envelope(record);
  if (record.id_count == 1 && !record.id.empty()) {
    ids.push_back(IdAt{std::string(record.id), record.line, record.operation});
  }
  if (spec == nullptr) return;
  Attributes(record);
  if (record.operation == FeedOperation::kAdd) Collect(record);
}

void FileCheck::Envelope(const FeedRecord& record) {
  if (record.category_count != 1 ||
      (spec && (record.category_name != spec->category_name || record.category != spec->type))) {
    Emit("envelope.category", record.line, record.id, record.category_name, record.category);
  }
  if (record.id_count != 1 || record.id.empty()) {
    Emit("envelope.identifier", record.line, record.id);
  }
  if (full && record.operation != FeedOperation::kAdd) {
    Emit("envelope.full_not_add", record.line, record.id);
  }
}

void FileCheck::Attributes(const FeedRecord& record) {
  // Per attribute of the vocabulary: 0 absent, 1 present and empty, 2 with a value.
  seen_.assign(spec->attributes.size(), 0);
  firsts_.assign(spec->attributes.size(), std::string_view());
  std::vector<std::string_view> unknown;
  for (const FeedAttribute& attribute : record.attributes) {
    if (record.operation == FeedOperation::kModify && attribute.operation != "replace") {
      Emit("envelope.operation", attribute.line, record.id, attribute.name, attribute.operation);
    }
    int at = spec->IndexOf(attribute.name);
    if (at < 0) {
      bool again = std::find(unknown.begin(), unknown.end(), attribute.name) != unknown.end();
      Emit(again ? "attr.duplicate" : "attr.unknown", attribute.line, record.id, attribute.name);
      unknown.push_back(attribute.name);
      continue;
    }
    uint8_t& presence = seen_[static_cast<size_t>(at)];
    if (presence != 0) {
      Emit("attr.duplicate", attribute.line, record.id, attribute.name);
      continue;
    }
    presence = AllEmpty(record, attribute) ? 1 : 2;
    if (attribute.value_count > 0)
      firsts_[static_cast<size_t>(at)] = record.values[attribute.first_value];
    const AttributeSpec& known = spec->attributes[static_cast<size_t>(at)];
    if (!known.multiple && attribute.value_count > 1) {
      Emit("attr.cardinality", attribute.line, record.id, attribute.name);
    }
    for (std::string_view value : record.ValuesOf(attribute)) {
      if (!value.empty()) Value(record, attribute, known, value);
    }
  }
  if (record.operation != FeedOperation::kAdd) return;
  for (size_t i = 0; i < spec->attributes.size(); ++i) {
    if (spec->attributes[i].required && seen_[i] != 2) {
      Emit("attr.required", record.line, record.id, spec->attributes[i].name);
    }
  }
}

void FileCheck::Value(const FeedRecord& record, const FeedAttribute& attribute,
                      const AttributeSpec& spec_of, std::string_view value) {
  const char* rule = FormatRule(spec_of.format, value);
  if (*rule != '\0') {
    Emit(rule, attribute.line, record.id, attribute.name, value);
    return;
  }
  Reference(record, attribute, spec_of, value);
}

void FileCheck::Reference(const FeedRecord& record, const FeedAttribute& attribute,
                          const AttributeSpec& spec_of, std::string_view value) {
  const FeedTables& t = *tables;
  ValueFormat format = spec_of.format;
  bool first_degree = format == ValueFormat::kClass1D || format == ValueFormat::kGroup1D;
  if (format == ValueFormat::kClass1D) format = ValueFormat::kClass;
  if (format == ValueFormat::kGroup1D) format = ValueFormat::kGroup;
  if (format == ValueFormat::kRelation1D) format = ValueFormat::kRelation;
  bool structure_first = format == ValueFormat::kClass || format == ValueFormat::kGroup ||
                         format == ValueFormat::kFunction || format == ValueFormat::kClassSubject;
  if ((format == ValueFormat::kStructure || structure_first) && t.structures_known) {
    std::string_view structure = structure_first ? CompoundField(value, 0) : value;
    auto found = t.structures.find(structure);
    if (found == t.structures.end()) {
      Emit("ref.structure", attribute.line, record.id, attribute.name, value);
      return;
    }
    std::string_view code = CompoundField(value, first_degree ? 3 : 1);
    if (format == ValueFormat::kClass && !found->second.classes.count(code)) {
      Emit("ref.class", attribute.line, record.id, attribute.name, value);
    } else if (format == ValueFormat::kGroup && !found->second.groups.count(code)) {
      Emit("ref.group", attribute.line, record.id, attribute.name, value);
    }
  }
  if (format == ValueFormat::kRelation && t.relatives_known) {
    auto found = t.relatives.find(CompoundField(value, 0));
    if (found == t.relatives.end()) {
      Emit("ref.relative", attribute.line, record.id, attribute.name, value);
    } else if (found->second < relatives_named.size()) {
      relatives_named[found->second] = 1;
    }
  }
}

std::string_view FileCheck::First(std::string_view name) const {
  int at = spec->IndexOf(name);
  return at < 0 ? std::string_view() : firsts_[static_cast<size_t>(at)];
}

// What later phases need from an added record.
void FileCheck::Collect(const FeedRecord& record) {
  std::string_view join =
      First(type == "EtabEducNat" ? "ENTStructureJointure" : "ENTPersonJointure");
  if (!join.empty() && record.id_count == 1 && join != record.id) {
    Emit("record.join_key", record.line, record.id, "", join);
  }
  if (type == "EtabEducNat") {
    StructureFacts facts;
    for (const FeedAttribute& attribute : record.attributes) {
      bool classes = attribute.name == "ENTStructureClasses";
      if (!classes && attribute.name != "ENTStructureGroupes") continue;
      for (std::string_view value : record.ValuesOf(attribute)) {
        (classes ? facts.classes : facts.groups).insert(std::string(CompoundField(value, 0)));
      }
    }
    structures.emplace_back(std::string(record.id), std::move(facts));
    std::string_view uai = First("ENTStructureUAI");
    if (!uai.empty()) uais.push_back(IdAt{std::string(uai), record.line});
  } else if (type == "Eleve") {
    // Second degree names sn/givenName, the first ENTPersonNom/ENTPersonPrenom.
    std::string_view surname = First("sn").empty() ? First("ENTPersonNom") : First("sn");
    std::string_view given =
        First("givenName").empty() ? First("ENTPersonPrenom") : First("givenName");
    key_.clear();
    for (std::string_view part :
         {surname, given, First("ENTPersonDateNaissance"), First("ENTPersonStructRattach")}) {
      key_.append(part);
      key_ += '\x1f';
    }
    for (char& c : key_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    person_keys.emplace_back(std::hash<std::string>{}(key_),
                             IdAt{std::string(record.id), record.line});
  }
}

}  // namespace sdetcheck
