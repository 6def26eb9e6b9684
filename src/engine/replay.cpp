#include "engine/replay.h"

namespace sdetcheck {

std::vector<ItemResult> JudgeRecorded(const AuditInputs& in,
                                      const std::map<std::string, RecordedItem>& recorded) {
  std::map<std::string, ProbeOutcome> outcomes;
  for (const Item* item : SelectItems(*in.grid, in.only)) {
    if (!item->check.is_probe) continue;
    auto found = recorded.find(item->id);
    bool same = found != recorded.end() && found->second.probe == item->check.probe.probe &&
                found->second.with == item->check.probe.with;
    outcomes[item->id] =
        same ? found->second.outcome
             : SetupError(Msg("replay.not_recorded", {{"probe", item->check.probe.probe}}));
  }
  return JudgeOutcomes(in, outcomes);
}

}  // namespace sdetcheck
