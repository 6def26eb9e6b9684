#pragma once
// Which generated records carry an injected fault, and the mutation of each fault kind.
// Every mutation is chosen to give exactly one finding of its rule from a correct validator
// and nothing else: faults never share a record, additions are preferred to replacements
// (an extra relation to an unknown relative rather than a broken real one, which would
// orphan that relative), and an invalid value keeps what other rules compare.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "aaf/generator_options.h"
#include "aaf/generator_population.h"
#include "aaf/generator_record.h"
#include "finding/message.h"

namespace sdetcheck::aafgen {

class FaultPlan {
 public:
  // Draws distinct targets for every requested fault; a message (nothing drawn) when a pool
  // is too small for the counts asked of it.
  static std::optional<Message> Make(const AafGeneratorOptions& options,
                                     const Population& population, FaultPlan* plan);

  // The fault of record `index` of `pool` (staff index for kTeacher), or nullptr.
  const FaultKind* At(FaultPool pool, uint64_t index) const;
  // Targets of `rule`, in drawing order (duplicate.person, duplicate.id, delta.add_existing).
  std::vector<uint64_t> Targets(std::string_view rule) const;
  uint64_t Count(std::string_view rule) const;

 private:
  std::unordered_map<uint64_t, const FaultKind*> targets_[4];  // per pool but kNone
  std::unordered_map<std::string_view, uint64_t> counts_;
};

struct FaultContext {
  int degree;
  uint32_t school_year;
};

// Mutates a clean record for `kind` (faults adding records are written by the generator).
void ApplyFault(const FaultKind& kind, const FaultContext& context, FeedRecord* record);

}  // namespace sdetcheck::aafgen
