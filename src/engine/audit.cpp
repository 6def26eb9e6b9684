#include "engine/audit.h"

#include <algorithm>
#include <map>

#include "engine/progress.h"
#include "finding/combine.h"
#include "judge/judge.h"
#include "net/transport.h"
#include "probe/registry.h"
#include "tls/tls_scan_cache.h"
#include "util/redactor.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

bool Intersects(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  }
  return false;
}

// Target variables, then the probe's parameter defaults, then the item's values; parameter
// values may themselves use target variables (e.g. path: "${vars.portal_path}").
std::optional<Variables> ProbeVariables(const TargetProfile& target, const ProbeDef& probe,
                                        const Item& item, Message* error) {
  const Variables target_variables = target.ToVariables();
  Variables variables = target_variables;
  std::map<std::string, std::string> params = probe.params;
  for (const auto& [name, value] : item.check.probe.with) params[name] = value;
  for (const auto& [name, value] : params) {
    std::optional<std::string> expanded = ExpandVariables(value, target_variables, error);
    if (!expanded) return std::nullopt;
    variables[name] = *expanded;
  }
  return variables;
}

}  // namespace

std::vector<const Item*> SelectItems(const GridSet& grid, const std::vector<std::string>& only) {
  std::vector<const Item*> selected;
  for (const Item& item : grid.items) {
    bool wanted = only.empty() || std::find(only.begin(), only.end(), item.id) != only.end() ||
                  std::find(only.begin(), only.end(), item.axis) != only.end();
    if (wanted) selected.push_back(&item);
  }
  return selected;
}

Message NotApplicableReason(const Item& item, const TargetProfile& target) {
  const Applicability& a = item.applies_to;
  if (!a.degrees.empty() && !target.degrees.empty() && !Intersects(a.degrees, target.degrees)) {
    return Msg("item.not_applicable.degrees",
               {{"item", Join(a.degrees)}, {"target", Join(target.degrees)}});
  }
  if (!a.profiles.empty() && !target.profiles.empty() && !Intersects(a.profiles, target.profiles)) {
    return Msg("item.not_applicable.profiles",
               {{"item", Join(a.profiles)}, {"target", Join(target.profiles)}});
  }
  return {};
}

namespace {

// Why each item that does not apply to the target does not, by item id.
std::map<std::string, Message> NotApplicableItems(const std::vector<const Item*>& items,
                                                  const TargetProfile& target) {
  std::map<std::string, Message> reasons;
  for (const Item* item : items) {
    Message reason = NotApplicableReason(*item, target);
    if (!reason.empty()) reasons[item->id] = reason;
  }
  return reasons;
}

// Starts the probe of `item`; `done` gets a setup error when it cannot even start.
void StartProbe(const Item& item, const AuditInputs& in, ProbeContext& context,
                const ProbeDone& done) {
  const ProbeDef* probe = in.probes->Find(item.check.probe.probe);
  const ProbeKind* kind = probe ? FindProbeKind(probe->kind) : nullptr;
  Message error = Msg("probe.undefined", {{"probe", item.check.probe.probe}});
  std::optional<Variables> variables;
  if (kind) variables = ProbeVariables(*in.target, *probe, item, &error);
  if (!variables) return done(SetupError(std::move(error)));
  kind->run(*probe->config, *variables, context, done);
}

std::vector<ItemResult> JudgeItems(const std::vector<const Item*>& items, const AuditInputs& in,
                                   const std::map<std::string, ProbeOutcome>& outcomes,
                                   const std::map<std::string, Message>& not_applicable) {
  std::vector<ItemResult> results;
  for (const Item* item : items) {
    JudgeInput input;
    input.item = item;
    auto reason = not_applicable.find(item->id);
    if (reason != not_applicable.end()) input.not_applicable_reason = reason->second;
    auto outcome = outcomes.find(item->id);
    input.outcome = outcome == outcomes.end() ? nullptr : &outcome->second;
    input.attestation = in.answers ? in.answers->FindAttestation(item->id) : nullptr;
    input.waiver = in.answers ? in.answers->FindWaiver(item->id) : nullptr;
    input.today = in.today;
    results.push_back(JudgeItem(input));
  }
  return results;
}

}  // namespace

std::vector<const Item*> ProbedItems(const AuditInputs& in) {
  std::vector<const Item*> items = SelectItems(*in.grid, in.only);
  std::map<std::string, Message> not_applicable = NotApplicableItems(items, *in.target);
  std::vector<const Item*> probed;
  for (const Item* item : items) {
    if (!not_applicable.count(item->id) && item->check.is_probe) probed.push_back(item);
  }
  return probed;
}

void StartAudit(AuditSession* session, Progress* progress, const std::string& label) {
  session->context.tls_scans = &session->tls_scans;
  std::map<std::string, ProbeOutcome>* outcomes = &session->outcomes;
  for (const Item* item : ProbedItems(session->inputs)) {
    std::string id = item->id;
    std::string shown = label.empty() ? id : label + " " + id;
    StartProbe(*item, session->inputs, session->context,
               [outcomes, progress, id, shown](ProbeOutcome outcome) {
                 progress->Done(shown, CheckStateName(CombineChecks(outcome.checks).state));
                 (*outcomes)[id] = std::move(outcome);
               });
  }
}

std::vector<ItemResult> RunAudit(const AuditInputs& in, Transport* transport,
                                 const Redactor& redactor, Progress* progress, Executor* executor) {
  AuditSession session;
  session.inputs = in;
  session.context = ProbeContext{transport, &redactor, in.target, in.max_redirects,
                                 executor ? executor : InlineExecutor::Shared()};
  session.context.handshake_timeout_ms = in.handshake_timeout_ms;
  progress->Start(static_cast<int>(ProbedItems(in).size()));
  StartAudit(&session, progress, "");
  transport->Run();
  progress->Finish();
  return JudgeOutcomes(in, session.outcomes);
}

std::vector<ItemResult> JudgeOutcomes(const AuditInputs& in,
                                      const std::map<std::string, ProbeOutcome>& outcomes) {
  std::vector<const Item*> items = SelectItems(*in.grid, in.only);
  return JudgeItems(items, in, outcomes, NotApplicableItems(items, *in.target));
}

}  // namespace sdetcheck
