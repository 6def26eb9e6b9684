#pragma once
// Scores and verdicts, computed from judged items only (see docs/scoring.md).

#include <optional>
#include <string>
#include <vector>

#include "judge/result.h"

namespace sdetcheck {

inline constexpr const char* kScoringVersion = "1";

enum class Verdict { kConforme, kNonConforme, kIncomplet };
const char* VerdictName(Verdict verdict);  // "conforme" | "non_conforme" | "incomplet"

// Counts and weights of one level (exigences or recommandations) in one scope.
struct Tally {
  int pass = 0, fail = 0, error = 0, not_tested = 0, attested = 0, waived = 0, not_applicable = 0;
  int weight_met = 0;       // pass + attested
  int weight_total = 0;     // pass + attested + fail + error + not_tested
  int weight_probed = 0;    // of weight_met, resting on probes
  int weight_declared = 0;  // of weight_met, resting on attestations

  // weight_met / weight_total; nullopt when nothing applicable was scored.
  std::optional<double> Score() const;
  int Count() const {
    return pass + fail + error + not_tested + attested + waived + not_applicable;
  }
};

struct ScopeSummary {
  std::string axis;  // empty for the overall scope
  Tally exigence;
  Tally recommandation;
  Verdict verdict = Verdict::kConforme;
};

struct Summary {
  std::vector<ScopeSummary> axes;  // in grid axis order
  ScopeSummary overall;
};

Summary Summarize(const std::vector<ItemResult>& results,
                  const std::vector<std::string>& axis_order);

// Verdict of a scope: non conforme if an exigence fails, else incomplet if one errored or
// is untested, else conforme. Recommandations never change the verdict.
Verdict VerdictOf(const Tally& exigence);

}  // namespace sdetcheck
