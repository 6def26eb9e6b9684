#include "judge/judge.h"

#include "finding/combine.h"

namespace sdetcheck {
namespace {

State ItemState(CheckState state) {
  switch (state) {
    case CheckState::kPass:
      return State::kPass;
    case CheckState::kFail:
      return State::kFail;
    case CheckState::kError:
      return State::kError;
    case CheckState::kNotApplicable:
      return State::kNotApplicable;
  }
  return State::kError;
}

// The one rule of docs/scoring.md turns the checks into the item's state; the decisive
// check's message says why, unless the item simply passed.
void JudgeProbe(const JudgeInput& in, ItemResult* r) {
  r->method = Method::kProbe;
  if (!in.outcome) {
    r->state = State::kError;
    r->message = Msg("probe.not_run");
    return;
  }
  r->checks = in.outcome->checks;
  r->evidence = in.outcome->evidence;
  Combined combined = CombineChecks(r->checks);
  r->state = ItemState(combined.state);
  if (!combined.decisive) {
    r->message = r->checks.empty() ? Msg("probe.no_check") : Message{};
  } else if (combined.state != CheckState::kPass) {
    r->message = combined.decisive->message;
  }
}

void JudgeAttestation(const JudgeInput& in, ItemResult* r) {
  r->method = Method::kAttestation;
  if (!in.attestation) {
    r->state = State::kNotTested;  // the report says "no answer" in its own language
    return;
  }
  r->attestation = *in.attestation;
  const std::string& answer = in.attestation->answer;
  if (answer == "conforme") r->state = State::kAttested;
  if (answer == "non_conforme") r->state = State::kFail;
  if (answer == "not_applicable") r->state = State::kNotApplicable;
}

void ApplyWaiver(const JudgeInput& in, ItemResult* r) {
  if (!in.waiver) return;
  r->waiver = *in.waiver;
  // ISO dates compare correctly as strings; a waiver is valid through its expiry day.
  r->waiver_expired = in.waiver->expires < in.today;
  if (r->state == State::kFail && !r->waiver_expired) r->state = State::kWaived;
}

}  // namespace

const char* StateName(State state) {
  switch (state) {
    case State::kPass:
      return "pass";
    case State::kFail:
      return "fail";
    case State::kError:
      return "error";
    case State::kNotApplicable:
      return "not_applicable";
    case State::kNotTested:
      return "not_tested";
    case State::kAttested:
      return "attested";
    case State::kWaived:
      return "waived";
  }
  return "error";
}

ItemResult JudgeItem(const JudgeInput& in) {
  ItemResult r;
  r.item = in.item;
  r.method = in.item->check.is_probe ? Method::kProbe : Method::kAttestation;
  if (!in.not_applicable_reason.empty()) {
    r.state = State::kNotApplicable;
    r.message = in.not_applicable_reason;
    return r;
  }
  if (in.item->check.is_probe) {
    JudgeProbe(in, &r);
  } else {
    JudgeAttestation(in, &r);
  }
  ApplyWaiver(in, &r);
  return r;
}

}  // namespace sdetcheck
