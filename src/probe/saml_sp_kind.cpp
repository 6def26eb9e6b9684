#include "probe/saml_sp_kind.h"

#include <algorithm>
#include <utility>

#include "probe/flow.h"
#include "probe/saml_metadata_checks.h"
#include "probe/saml_sp_attempt.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

// One Response the ENT must refuse: its check key and messages.
struct Negative {
  const char* name;  // in the definition's `rejects`
  const char* key;
  ResponseDefect defect;  // kNone: the valid Response replayed
};

const std::vector<Negative>& Negatives() {
  static const std::vector<Negative> kNegatives = {
      {"replay", "saml.sp.replay", ResponseDefect::kNone},
      {"foreign_audience", "saml.sp.foreign_audience", ResponseDefect::kForeignAudience},
      {"expired", "saml.sp.expired", ResponseDefect::kExpired},
      {"unsigned", "saml.sp.unsigned", ResponseDefect::kUnsigned},
      {"untrusted_key", "saml.sp.untrusted_key", ResponseDefect::kUntrustedKey},
  };
  return kNegatives;
}

std::vector<std::string> NegativeNames() {
  std::vector<std::string> names;
  for (const Negative& n : Negatives()) names.emplace_back(n.name);
  return names;
}

struct SamlSpConfig : ProbeConfig {
  std::vector<const Negative*> rejects;  // in the table's order
};

struct SpProbeRun {
  const SamlSpConfig* config = nullptr;
  std::shared_ptr<SpRun> shared;
  ProbeDone done;
};
using ProbePtr = std::shared_ptr<SpProbeRun>;

Check& AddCheck(SpRun& run, const char* key, CheckState state, Message message,
                const SpAttempt& attempt) {
  Check check = SamlCheck(key, run.sp->acs_url, state, std::move(message), attempt.evidence);
  check.observed = run.context.redactor->Redact(attempt.observed);
  run.outcome.checks.push_back(std::move(check));
  return run.outcome.checks.back();
}

Completion<SpAttempt>::Start AttemptOf(std::shared_ptr<SpRun> run, ResponseDefect defect,
                                       std::string replayed) {
  return [run = std::move(run), defect,
          replayed = std::move(replayed)](Completion<SpAttempt>::Done done) {
    StartSpAttempt(run, defect, replayed, std::move(done));
  };
}

// The positive control: a valid Response opens a session.
void JudgeControl(SpRun& run, const SpAttempt& a) {
  if (a.seen == SessionSeen::kOpened) {
    AddCheck(run, "saml.sp.accepts_valid", CheckState::kPass, Msg("saml.sp.valid_accepted"), a);
  } else if (a.seen == SessionSeen::kRefused) {
    AddCheck(run, "saml.sp.accepts_valid", CheckState::kError, Msg("saml.sp.valid_refused"), a)
        .expected = "a session";
  } else {
    AddCheck(run, "saml.sp.accepts_valid", CheckState::kError, a.why, a);
  }
}

void JudgeNegative(SpRun& run, const Negative& n, const SpAttempt& a) {
  std::string base = std::string("saml.sp.") + n.name;
  if (a.seen == SessionSeen::kError) {
    AddCheck(run, n.key, CheckState::kError, a.why, a);
    return;
  }
  bool opened = a.seen == SessionSeen::kOpened;
  AddCheck(run, n.key, opened ? CheckState::kFail : CheckState::kPass,
           Msg(base + (opened ? ".accepted" : ".refused")), a)
      .expected = "no session";
}

// Without a working control, each negative is an error naming it.
void NoControl(SpRun& run, const std::vector<const Negative*>& rejects) {
  const Check control = run.outcome.checks.back();
  for (const Negative* n : rejects) {
    Check check = SamlCheck(n->key, run.sp->acs_url, CheckState::kError, Msg("saml.sp.no_control"),
                            control.evidence.front());
    check.blocked_by = control.key;
    run.outcome.checks.push_back(std::move(check));
  }
}

Flow SpFlow(ProbePtr probe) {
  SpRun& run = *probe->shared;
  Completion<SpAttempt>::Start start = AttemptOf(probe->shared, ResponseDefect::kNone, "");
  SpAttempt control = co_await Completion<SpAttempt>(start);
  JudgeControl(run, control);
  if (control.seen != SessionSeen::kOpened) {
    NoControl(run, probe->config->rejects);
    co_return probe->done(std::move(run.outcome));
  }
  for (const Negative* n : probe->config->rejects) {
    bool replay = std::string(n->name) == "replay";
    start = AttemptOf(probe->shared, n->defect, replay ? control.saml_response : "");
    SpAttempt attempt = co_await Completion<SpAttempt>(start);
    JudgeNegative(run, *n, attempt);
  }
  probe->done(std::move(run.outcome));
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseSamlSpProbe(YamlReader& r, const YamlNode& node,
                                                    const std::string& what) {
  auto config = std::make_shared<SamlSpConfig>();
  std::vector<std::string> names = NegativeNames();
  if (node["rejects"]) names = r.StringList(node, "rejects", NegativeNames(), what);
  for (const Negative& n : Negatives()) {
    if (std::find(names.begin(), names.end(), n.name) != names.end()) config->rejects.push_back(&n);
  }
  return config;
}

std::vector<std::string> SamlSpProbeVariables(const ProbeConfig& /*config*/) { return {}; }

void RunSamlSpProbe(const ProbeConfig& base, const Variables& /*variables*/, ProbeContext& context,
                    ProbeDone done) {
  const auto& config = static_cast<const SamlSpConfig&>(base);
  if (!context.target) return done(SetupError(Msg("probe.no_target")));
  if (!context.target->ent_sp) {
    Check none = SamlCheck("saml.sp", "", CheckState::kNotApplicable, Msg("saml.sp.no_ent_sp"), 0);
    none.evidence.clear();
    return done(SingleCheck(std::move(none)));
  }
  auto probe = std::make_shared<SpProbeRun>();
  probe->config = &config;
  probe->shared = std::make_shared<SpRun>();
  probe->shared->context = context;
  probe->shared->sp = &*context.target->ent_sp;
  probe->done = std::move(done);
  SpFlow(probe);
}

}  // namespace sdetcheck
