#include "aaf/generator_faults.h"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "aaf/generator_records.h"
#include "aaf/generator_specs.h"
#include "aaf/seeded_random.h"

namespace sdetcheck::aafgen {
namespace {

// `count` distinct indices in [0, size), in a seeded order.
std::vector<uint64_t> DrawDistinct(uint64_t seed, uint64_t pool, uint64_t size, uint64_t count) {
  SeededRandom rng(seed, kStreamFaults, pool);
  std::vector<uint64_t> drawn;
  if (count * 2 > size) {
    std::vector<uint64_t> all(size);
    std::iota(all.begin(), all.end(), 0);
    for (uint64_t i = 0; i < count; ++i) std::swap(all[i], all[i + rng.Below(size - i)]);
    all.resize(count);
    return all;
  }
  std::unordered_set<uint64_t> seen;
  while (drawn.size() < count) {
    uint64_t index = rng.Below(size);
    if (seen.insert(index).second) drawn.push_back(index);
  }
  return drawn;
}

std::vector<uint64_t> PoolMembers(FaultPool pool, const Population& population) {
  std::vector<uint64_t> members;
  if (pool != FaultPool::kTeacher) return members;  // the others are all their records
  for (uint64_t s = 0; s < population.staff; ++s) {
    if (population.IsTeacher(s)) members.push_back(s);
  }
  return members;
}

uint64_t PoolSize(FaultPool pool, const Population& population) {
  switch (pool) {
    case FaultPool::kStructure:
      return population.establishments.size();
    case FaultPool::kPupil:
      return population.pupils();
    case FaultPool::kRelative:
      return population.relatives();
    case FaultPool::kTeacher:
      return population.TeacherCount();
    case FaultPool::kNone:
      break;
  }
  return 0;
}

std::string_view PoolName(FaultPool pool) {
  switch (pool) {
    case FaultPool::kStructure:
      return "EtabEducNat";
    case FaultPool::kPupil:
      return "Eleve";
    case FaultPool::kRelative:
      return "PersRelEleve";
    case FaultPool::kTeacher:
      return "PersEducNat (ENS)";
    case FaultPool::kNone:
      break;
  }
  return "";
}

std::string ReplaceField(const std::string& value, size_t field, std::string_view prefix) {
  size_t start = 0;
  for (size_t i = 0; i < field && start != std::string::npos; ++i) {
    start = value.find('$', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos) return value;
  std::string copy = value;
  copy.insert(start, prefix);
  return copy;
}

void SetFirst(FeedRecord* record, std::string_view name, std::string value) {
  if (std::vector<std::string>* values = record->Find(name); values && !values->empty())
    values->front() = std::move(value);
}

std::string First(FeedRecord* record, std::string_view name) {
  std::vector<std::string>* values = record->Find(name);
  return values && !values->empty() ? values->front() : std::string();
}

}  // namespace

std::optional<Message> FaultPlan::Make(const AafGeneratorOptions& options,
                                       const Population& population, FaultPlan* plan) {
  for (FaultPool pool :
       {FaultPool::kStructure, FaultPool::kPupil, FaultPool::kRelative, FaultPool::kTeacher}) {
    std::vector<const FaultKind*> kinds;
    uint64_t wanted = 0;
    for (const auto& [rule, count] : options.inject) {
      const FaultKind* kind = FindFaultKind(rule);
      if (kind && kind->pool == pool && count > 0) {
        kinds.push_back(kind);
        wanted += count;
      }
    }
    uint64_t size = PoolSize(pool, population);
    if (wanted > size) {
      return Msg("aaf.generate.too_many_faults", {{"count", std::to_string(wanted)},
                                                  {"type", std::string(PoolName(pool))},
                                                  {"available", std::to_string(size)}});
    }
    std::vector<uint64_t> drawn =
        DrawDistinct(options.seed, static_cast<uint64_t>(pool), size, wanted);
    std::vector<uint64_t> members = PoolMembers(pool, population);
    size_t next = 0;
    for (const FaultKind* kind : kinds) {
      for (uint64_t i = 0; i < options.inject.at(std::string(kind->rule)); ++i, ++next) {
        uint64_t index = members.empty() ? drawn[next] : members[drawn[next]];
        plan->targets_[static_cast<int>(pool)][index] = kind;
      }
    }
  }
  for (const auto& [rule, count] : options.inject) {
    if (const FaultKind* kind = FindFaultKind(rule)) plan->counts_[kind->rule] = count;
  }
  return std::nullopt;
}

const FaultKind* FaultPlan::At(FaultPool pool, uint64_t index) const {
  if (pool == FaultPool::kNone) return nullptr;
  const auto& targets = targets_[static_cast<int>(pool)];
  auto found = targets.find(index);
  return found == targets.end() ? nullptr : found->second;
}

std::vector<uint64_t> FaultPlan::Targets(std::string_view rule) const {
  std::vector<uint64_t> indices;
  for (const auto& targets : targets_) {
    for (const auto& [index, kind] : targets) {
      if (kind->rule == rule) indices.push_back(index);
    }
  }
  std::sort(indices.begin(), indices.end());  // hash order is no order: sort for determinism
  return indices;
}

uint64_t FaultPlan::Count(std::string_view rule) const {
  auto found = counts_.find(rule);
  return found == counts_.end() ? 0 : found->second;
}

namespace {

using Mutation = void (*)(const FaultContext& context, FeedRecord* record);

void BreakDate(const FaultContext&, FeedRecord* record) {
  // Month + 12: invalid, and still one to one, so no two pupils come to look alike.
  std::string date = First(record, "ENTPersonDateNaissance");
  int month = std::stoi(date.substr(3, 2)) + 12;
  SetFirst(record, "ENTPersonDateNaissance",
           date.substr(0, 3) + std::to_string(month) + date.substr(5));
}

void BreakUai(const FaultContext&, FeedRecord* record) {
  std::string uai = First(record, "ENTStructureUAI");
  uai.back() = uai.back() == 'A' ? 'B' : 'A';
  SetFirst(record, "ENTStructureUAI", uai);
}

void BreakSiret(const FaultContext&, FeedRecord* record) {
  std::string siret = First(record, "ENTStructureSIREN");
  siret.back() = static_cast<char>('0' + (siret.back() - '0' + 1) % 10);
  SetFirst(record, "ENTStructureSIREN", siret);
}

void BreakMail(const FaultContext& context, FeedRecord* record) {
  std::string_view name = AttributeNames(context.degree).mail;
  std::string mail = First(record, name);
  std::replace(mail.begin(), mail.end(), '@', '.');
  SetFirst(record, name, mail);
}

void AddUnknownGroup(const FaultContext& context, FeedRecord* record) {
  std::string structure = First(record, "ENTPersonStructRattach");
  std::string group = context.degree == 2 ? structure + "$ZZGROUPE"
                                          : structure + "$" + std::to_string(context.school_year) +
                                                "$GRP$ZZGROUPE$ZZGROUPE";
  std::vector<std::string>* groups = record->Find(AttributeNames(context.degree).groups);
  if (groups->size() == 1 && groups->front().empty()) groups->clear();
  groups->push_back(group);
}

void AddUnknownRelative(const FaultContext& context, FeedRecord* record) {
  std::string unknown = std::to_string(kUnknownRelativeIdBase);
  record->Find(AttributeNames(context.degree).relations)
      ->push_back(context.degree == 2 ? unknown + "$90$0$0$0$0" : unknown + "$90");
}

const std::unordered_map<std::string_view, Mutation>& Mutations() {
  static const std::unordered_map<std::string_view, Mutation> kMutations = {
      {"value.date", BreakDate},
      {"value.boolean", [](const FaultContext&,
                           FeedRecord* r) { SetFirst(r, "PersEducNatPresenceDevantEleves", "X"); }},
      {"value.uai", BreakUai},
      {"value.siret", BreakSiret},
      {"value.ine",
       [](const FaultContext&, FeedRecord* r) {
         SetFirst(r, "ENTEleveINE", First(r, "ENTEleveINE").substr(0, 9) + "00");
       }},
      {"value.email", BreakMail},
      {"value.compound",  // struct$class without its subject
       [](const FaultContext&, FeedRecord* r) {
         std::string taught = First(r, "ENTAuxEnsClassesMatieres");
         SetFirst(r, "ENTAuxEnsClassesMatieres", taught.substr(0, taught.rfind('$')));
       }},
      {"value.code",
       [](const FaultContext&, FeedRecord* r) {
         SetFirst(r, "ENTPersonFonctions", ReplaceField(First(r, "ENTPersonFonctions"), 1, "ZZ"));
       }},
      {"attr.required",
       [](const FaultContext& c, FeedRecord* r) { r->Remove(AttributeNames(c.degree).surname); }},
      {"attr.unknown",
       [](const FaultContext&, FeedRecord* r) { r->Add("ENTEleveAttributInconnu", "X"); }},
      {"attr.cardinality",
       [](const FaultContext& c, FeedRecord* r) {
         r->Find(AttributeNames(c.degree).surname)->push_back("AUTRE");
       }},
      {"record.join_key",
       [](const FaultContext&, FeedRecord* r) { SetFirst(r, "ENTPersonJointure", "9" + r->id()); }},
      {"ref.structure",
       [](const FaultContext&, FeedRecord* r) {
         SetFirst(r, "ENTPersonStructRattach", std::to_string(kUnknownStructureId));
       }},
      {"ref.class",
       [](const FaultContext& c, FeedRecord* r) {
         std::string_view name = AttributeNames(c.degree).classes;
         SetFirst(r, name, ReplaceField(First(r, name), c.degree == 2 ? 1 : 3, "ZZ"));
       }},
      {"ref.group", AddUnknownGroup},
      {"ref.relative", AddUnknownRelative},
  };
  return kMutations;
}

}  // namespace

void ApplyFault(const FaultKind& kind, const FaultContext& context, FeedRecord* record) {
  auto found = Mutations().find(kind.rule);
  if (found != Mutations().end()) found->second(context, record);
}

}  // namespace sdetcheck::aafgen
