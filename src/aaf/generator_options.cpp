#include "aaf/generator_options.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace sdetcheck {
namespace {

constexpr uint64_t kMaxPersons = 9000000;  // the id ranges of generator_specs.h
constexpr uint64_t kMaxEstablishments = 9000;
constexpr uint64_t kMaxPersonsPerEstablishment = 100000;  // pupils' names stay distinct

constexpr std::array<FaultKind, 22> kFaultKinds = {{
    {"value.date", FaultPool::kPupil, false},
    {"value.boolean", FaultPool::kTeacher, false},
    {"value.uai", FaultPool::kStructure, false},
    {"value.siret", FaultPool::kStructure, false},
    {"value.ine", FaultPool::kPupil, false},
    {"value.email", FaultPool::kTeacher, false},
    {"value.compound", FaultPool::kTeacher, false},
    {"value.code", FaultPool::kTeacher, false},
    {"attr.required", FaultPool::kPupil, false},
    {"attr.unknown", FaultPool::kPupil, false},
    {"attr.cardinality", FaultPool::kPupil, false},
    {"duplicate.id", FaultPool::kRelative, false},
    {"duplicate.person", FaultPool::kPupil, false},
    {"record.join_key", FaultPool::kTeacher, false},
    {"ref.structure", FaultPool::kTeacher, false},
    {"ref.class", FaultPool::kPupil, false},
    {"ref.group", FaultPool::kPupil, false},
    {"ref.relative", FaultPool::kPupil, false},
    {"ref.orphan_relative", FaultPool::kNone, false},
    {"delta.modify_unknown", FaultPool::kNone, true},
    {"delta.delete_unknown", FaultPool::kNone, true},
    {"delta.add_existing", FaultPool::kRelative, true},
}};

std::string KnownRules() {
  std::string known;
  for (const FaultKind& kind : kFaultKinds)
    known += (known.empty() ? "" : ", ") + std::string(kind.rule);
  return known;
}

bool IsDate(const std::string& date) {
  if (date.size() != 8 ||
      !std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  int month = std::stoi(date.substr(4, 2)), day = std::stoi(date.substr(6, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && date.substr(0, 2) >= "19";
}

bool IsAcademyCode(const std::string& academy) {
  return !academy.empty() && academy.size() <= 32 &&
         std::all_of(academy.begin(), academy.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
         });
}

std::optional<Message> CheckSizes(const AafGeneratorOptions& o) {
  if (o.persons < 20 || o.persons > kMaxPersons)
    return Msg("aaf.generate.bad_persons", {{"min", "20"}, {"max", std::to_string(kMaxPersons)}});
  uint64_t establishments = o.EstablishmentCount();
  if (establishments > kMaxEstablishments || establishments * 20 > o.persons ||
      o.persons / establishments > kMaxPersonsPerEstablishment) {
    return Msg("aaf.generate.bad_establishments",
               {{"count", std::to_string(establishments)}, {"persons", std::to_string(o.persons)}});
  }
  if (o.chunk_records == 0) return Msg("aaf.generate.bad_chunk");
  return std::nullopt;
}

std::optional<Message> CheckFaults(const AafGeneratorOptions& o) {
  for (const auto& [rule, count] : o.inject) {
    const FaultKind* kind = FindFaultKind(rule);
    if (!kind) return Msg("aaf.generate.unknown_rule", {{"rule", rule}, {"known", KnownRules()}});
    if (kind->delta_only && !o.delta) return Msg("aaf.generate.needs_delta", {{"rule", rule}});
    if (kind->pool == FaultPool::kNone && count > o.persons) {
      return Msg("aaf.generate.too_many_faults", {{"count", std::to_string(count)},
                                                  {"type", rule},
                                                  {"available", std::to_string(o.persons)}});
    }
  }
  return std::nullopt;
}

}  // namespace

uint64_t AafGeneratorOptions::EstablishmentCount() const {
  return establishments > 0 ? establishments : std::max<uint64_t>(1, persons / 700);
}

std::string AafGeneratorOptions::Charset() const {
  return encoding == "utf-8" ? "UTF-8" : "ISO-8859-15";
}

std::span<const FaultKind> FaultKinds() { return kFaultKinds; }

const FaultKind* FindFaultKind(std::string_view rule) {
  for (const FaultKind& kind : kFaultKinds) {
    if (kind.rule == rule) return &kind;
  }
  return nullptr;
}

std::optional<Message> ParseInjection(const std::string& text, AafGeneratorOptions* options) {
  size_t equals = text.find('=');
  uint64_t count = 0;
  const char* end = text.data() + text.size();
  if (equals == std::string::npos || equals + 1 == text.size() ||
      std::from_chars(text.data() + equals + 1, end, count).ptr != end) {
    return Msg("aaf.generate.bad_inject", {{"text", text}});
  }
  std::string rule = text.substr(0, equals);
  if (!FindFaultKind(rule))
    return Msg("aaf.generate.unknown_rule", {{"rule", rule}, {"known", KnownRules()}});
  options->inject[rule] += count;
  return std::nullopt;
}

std::optional<Message> CheckGeneratorOptions(const AafGeneratorOptions& o) {
  if (auto problem = CheckSizes(o)) return problem;
  if (o.degree != 1 && o.degree != 2) return Msg("aaf.generate.bad_degree");
  if (o.encoding != "iso-8859-15" && o.encoding != "utf-8") return Msg("aaf.generate.bad_encoding");
  if (!IsDate(o.date)) return Msg("aaf.generate.bad_date", {{"date", o.date}});
  if (!IsAcademyCode(o.academy)) return Msg("aaf.generate.bad_academy", {{"academy", o.academy}});
  return CheckFaults(o);
}

}  // namespace sdetcheck
