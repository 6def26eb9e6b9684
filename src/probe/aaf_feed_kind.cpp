#include "probe/aaf_feed_kind.h"

#include <map>

#include "aaf/feed_rules.h"
#include "aaf/feed_validation.h"
#include "target/profile.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

constexpr size_t kFindingsShown = 20;  // per rule, in the evidence

struct AafFeedConfig : ProbeConfig {
  std::map<std::string, long> thresholds;  // rule -> most findings still passing
};

// Findings of one rule as evidence: where, never the values (pupils' personal data).
DocumentExcerpt Where(const FeedValidation& v, const std::string& rule) {
  DocumentExcerpt excerpt;
  excerpt.format = "text";
  excerpt.source = "aaf validate";
  size_t shown = 0;
  for (const FeedFinding& f : v.findings) {
    if (f.rule != rule || shown++ >= kFindingsShown) continue;
    excerpt.excerpt += f.file + ":" + std::to_string(f.line) + " id=" + f.record +
                       (f.attribute.empty() ? "" : " " + f.attribute) + "\n";
  }
  return excerpt;
}

ProbeOutcome Judge(const FeedValidation& v, const AafFeedConfig& config) {
  ProbeOutcome outcome;
  Check read;
  read.key = "aaf.feed";
  read.subject = std::to_string(v.files.size()) + " files";
  read.state = CheckState::kPass;
  read.message = Msg("aaf.feed.read", {{"files", std::to_string(v.files.size())},
                                       {"records", std::to_string(v.records)}});
  read.observed = std::to_string(v.records) + " records";
  outcome.checks.push_back(read);
  for (const auto& [rule, count] : v.counts) {
    const FeedRule* known = FindFeedRule(rule);
    auto threshold = config.thresholds.find(rule);
    bool warning = known && known->severity == RuleSeverity::kWarning;
    long allowed = threshold != config.thresholds.end() ? threshold->second : warning ? -1 : 0;
    Check check;
    check.key = "aaf." + rule;
    check.subject = rule;
    check.state =
        allowed < 0 || static_cast<long>(count) <= allowed ? CheckState::kPass : CheckState::kFail;
    check.message = Msg("aaf.rule." + rule, {{"count", std::to_string(count)}});
    check.expected = allowed < 0 ? "shown, not judged" : "at most " + std::to_string(allowed);
    check.observed = std::to_string(count);
    check.evidence.push_back(outcome.AddEvidence(Where(v, rule)));
    outcome.checks.push_back(std::move(check));
  }
  return outcome;
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseAafFeedProbe(YamlReader& r, const YamlNode& node,
                                                     const std::string& what) {
  auto config = std::make_shared<AafFeedConfig>();
  YamlNode thresholds = node["thresholds"];
  if (!thresholds) return config;
  std::string where = what + ".thresholds";
  if (!r.ExpectMap(thresholds, where)) return nullptr;
  bool ok = true;
  for (const YamlNode::Entry& entry : thresholds.Entries()) {
    const std::string& rule = entry.key.Scalar();
    std::optional<long> most = entry.value.Integer();
    if (!FindFeedRule(rule)) {
      r.Error(entry.key, where + ": unknown rule '" + rule + "'",
              "see `sdetcheck aaf validate --help` and docs/aaf.md");
      ok = false;
    } else if (!most || *most < 0) {
      r.Error(entry.value, where + "." + rule + ": expected a count of findings (0 or more)");
      ok = false;
    } else {
      config->thresholds[rule] = *most;
    }
  }
  return ok ? config : nullptr;
}

std::vector<std::string> AafFeedProbeVariables(const ProbeConfig&) { return {}; }

void RunAafFeedProbe(const ProbeConfig& base, const Variables&, ProbeContext& context,
                     ProbeDone done) {
  const auto& config = static_cast<const AafFeedConfig&>(base);
  if (!context.target) return done(SetupError(Msg("probe.no_target")));
  if (context.target->feeds.empty()) {
    Check none;
    none.key = "aaf.feed";
    none.state = CheckState::kNotApplicable;
    none.message = Msg("aaf.feed.none");
    return done(SingleCheck(std::move(none)));
  }
  FeedValidationOptions options;
  options.inputs = context.target->feeds;
  options.kept_per_rule = kFindingsShown;
  auto validation = std::make_shared<FeedValidation>();
  context.executor->Submit(
      [validation, options] { *validation = ValidateFeed(options); },
      [validation, &config, done = std::move(done)](bool finished) {
        if (!finished) return done(AnalysisTimedOut("aaf.feed", "feeds"));
        if (!validation->errors.empty()) {
          Check error;
          error.key = "aaf.feed";
          error.message = Msg("aaf.feed.unreadable", {{"error", validation->errors.front()}});
          return done(SingleCheck(std::move(error)));
        }
        done(Judge(*validation, config));
      });
}

}  // namespace sdetcheck
