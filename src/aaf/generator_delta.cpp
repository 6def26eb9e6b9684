#include <unordered_set>

#include "aaf/generator_context.h"

namespace sdetcheck::aafgen {
namespace {

constexpr std::string_view kDelta = "Delta";

struct DeltaPlan {
  std::vector<uint64_t> deleted, moved;
  uint64_t added = 0;
};

// A pupil the delta may touch: no injected fault on it, not yet chosen.
bool Eligible(const GeneratorContext& c, uint64_t pupil, const std::unordered_set<uint64_t>& used) {
  return !c.faults.At(FaultPool::kPupil, pupil) && !used.contains(pupil);
}

// Deleted pupils have a sibling staying (at most one per family), so no relative is left
// without a pupil; moved pupils have another class in their establishment.
DeltaPlan PlanDelta(const GeneratorContext& c) {
  const Population& pop = c.population;
  DeltaPlan plan;
  plan.added = std::max<uint64_t>(1, pop.pupils() / 100);
  uint64_t to_delete = std::max<uint64_t>(1, pop.pupils() / 200);
  uint64_t to_move = std::max<uint64_t>(1, pop.pupils() / 100);
  SeededRandom rng(c.options.seed, kStreamDelta, uint64_t{1} << 40);
  std::unordered_set<uint64_t> used, families;
  for (uint64_t attempt = 0; attempt < 50 * (to_delete + to_move); ++attempt) {
    uint64_t p = rng.Below(pop.pupils());
    if (!Eligible(c, p, used)) continue;
    uint32_t family = pop.pupil_family[p];
    uint32_t children = pop.family_first_child[family + 1] - pop.family_first_child[family];
    if (plan.deleted.size() < to_delete && children >= 2 && families.insert(family).second) {
      plan.deleted.push_back(p);
      used.insert(p);
    } else if (plan.moved.size() < to_move &&
               pop.establishments[pop.classes[pop.pupil_class[p]].establishment].classes >= 2) {
      plan.moved.push_back(p);
      used.insert(p);
    }
    if (plan.deleted.size() == to_delete && plan.moved.size() == to_move) break;
  }
  return plan;
}

uint32_t OtherClass(const Population& pop, uint32_t school_class) {
  const Establishment& est = pop.establishments[pop.classes[school_class].establishment];
  return est.first_class + (school_class - est.first_class + 1) % est.classes;
}

void WriteRequest(GeneratorContext* c, FeedFileWriter* writer, FeedOperation operation,
                  const std::string& id, const std::string& class_value, FeedRecord* record) {
  record->Reset(operation, "categoriePersonne", "Eleve", id);
  if (operation == FeedOperation::kModify)
    record->Add(AttributeNames(c->options.degree).classes, class_value);
  writer->Write(*record);
}

void WriteChanges(GeneratorContext* c, const DeltaPlan& plan, FeedFileWriter* writer) {
  const Population& pop = c->population;
  FeedRecord record;
  for (uint64_t p : plan.moved)
    WriteRequest(c, writer, FeedOperation::kModify, PupilId(p),
                 c->builder.ClassValue(OtherClass(pop, pop.pupil_class[p])), &record);
  for (uint64_t p : plan.deleted)
    WriteRequest(c, writer, FeedOperation::kDelete, PupilId(p), "", &record);
  std::string some_class = c->builder.ClassValue(0);
  for (uint64_t k = 0; k < c->faults.Count("delta.modify_unknown"); ++k)
    WriteRequest(c, writer, FeedOperation::kModify, std::to_string(kUnknownModifyIdBase + k),
                 some_class, &record);
  for (uint64_t k = 0; k < c->faults.Count("delta.delete_unknown"); ++k)
    WriteRequest(c, writer, FeedOperation::kDelete, std::to_string(kUnknownDeleteIdBase + k), "",
                 &record);
}

bool WriteDeltaPupilsAndRelatives(GeneratorContext* c, const DeltaPlan& plan, GeneratedFeed* result,
                                  std::string* error) {
  FeedFileWriter pupils = c->Writer(kDelta, "Eleve");
  FeedFileWriter relatives = c->Writer(kDelta, "PersRelEleve");
  SeededRandom rng(c->options.seed, kStreamDelta, uint64_t{1} << 41);
  FeedRecord record;
  std::vector<RelativeSpec> new_relatives;
  for (uint64_t k = 0; k < plan.added; ++k) {
    uint32_t school_class = static_cast<uint32_t>(rng.Below(c->population.classes.size()));
    c->builder.Pupil(c->specs.DeltaPupil(k, school_class, &new_relatives), &record);
    pupils.Write(record);
  }
  WriteChanges(c, plan, &pupils);
  for (const RelativeSpec& relative : new_relatives) {
    c->builder.Relative(relative, &record);
    relatives.Write(record);
  }
  for (uint64_t r : c->faults.Targets("delta.add_existing")) {
    c->builder.Relative(c->specs.Relative(r), &record);
    relatives.Write(record);
  }
  return FinishFile(&pupils, kDelta, "Eleve", result, error) &&
         FinishFile(&relatives, kDelta, "PersRelEleve", result, error);
}

}  // namespace

bool WriteDeltaSet(GeneratorContext* context, GeneratedFeed* result, std::string* error) {
  DeltaPlan plan = PlanDelta(*context);
  // Structures and staff are unchanged: their delta files hold no request.
  FeedFileWriter structures = context->Writer(kDelta, "EtabEducNat");
  if (!FinishFile(&structures, kDelta, "EtabEducNat", result, error)) return false;
  if (!WriteDeltaPupilsAndRelatives(context, plan, result, error)) return false;
  FeedFileWriter staff = context->Writer(kDelta, "PersEducNat");
  return FinishFile(&staff, kDelta, "PersEducNat", result, error);
}

}  // namespace sdetcheck::aafgen
