#include <deque>

#include <doctest/doctest.h>

#include "judge/score.h"

namespace sdetcheck {
namespace {

// Owns the items the results point to.
class Results {
 public:
  Results& Add(const std::string& axis, Level level, int weight, State state) {
    Item item;
    item.id = "I-" + std::to_string(items_.size());
    item.axis = axis;
    item.level = level;
    item.weight = weight;
    items_.push_back(item);
    ItemResult r;
    r.item = &items_.back();
    r.state = state;
    r.method = state == State::kAttested ? Method::kAttestation : Method::kProbe;
    results_.push_back(r);
    return *this;
  }
  Results& Exigence(int weight, State state) {
    return Add("securite", Level::kExigence, weight, state);
  }
  Results& Recommandation(int weight, State state) {
    return Add("securite", Level::kRecommandation, weight, state);
  }
  const std::vector<ItemResult>& list() const { return results_; }
  Summary Summarize() const { return sdetcheck::Summarize(results_, {"securite", "juridique"}); }

 private:
  std::deque<Item> items_;  // stable addresses
  std::vector<ItemResult> results_;
};

TEST_CASE("score is the weighted share of met items") {
  Results r;
  r.Exigence(3, State::kPass).Exigence(1, State::kFail);
  Summary s = r.Summarize();
  REQUIRE(s.overall.exigence.Score().has_value());
  CHECK(*s.overall.exigence.Score() == doctest::Approx(0.75));
  CHECK(s.overall.exigence.weight_met == 3);
  CHECK(s.overall.exigence.weight_total == 4);
  CHECK(s.overall.exigence.pass == 1);
  CHECK(s.overall.exigence.fail == 1);
}

TEST_CASE("attested items count as met and as declared weight") {
  Results r;
  r.Exigence(2, State::kPass).Exigence(3, State::kAttested).Exigence(5, State::kNotTested);
  Tally t = r.Summarize().overall.exigence;
  CHECK(t.weight_met == 5);
  CHECK(t.weight_probed == 2);
  CHECK(t.weight_declared == 3);
  CHECK(t.weight_total == 10);
  CHECK(*t.Score() == doctest::Approx(0.5));
}

TEST_CASE("exigences and recommandations are scored apart") {
  Results r;
  r.Exigence(1, State::kPass).Recommandation(1, State::kFail).Recommandation(3, State::kPass);
  Summary s = r.Summarize();
  CHECK(*s.overall.exigence.Score() == doctest::Approx(1.0));
  CHECK(*s.overall.recommandation.Score() == doctest::Approx(0.75));
  CHECK(s.overall.exigence.Count() == 1);
  CHECK(s.overall.recommandation.Count() == 2);
}

TEST_CASE("verdict: a failing exigence is non conforme") {
  Results r;
  r.Exigence(1, State::kPass).Exigence(1, State::kFail).Exigence(1, State::kError);
  CHECK(r.Summarize().overall.verdict == Verdict::kNonConforme);
}

TEST_CASE("verdict: an errored or untested exigence is incomplet") {
  Results errored;
  errored.Exigence(1, State::kPass).Exigence(1, State::kError);
  CHECK(errored.Summarize().overall.verdict == Verdict::kIncomplet);
  Results untested;
  untested.Exigence(1, State::kAttested).Exigence(1, State::kNotTested);
  CHECK(untested.Summarize().overall.verdict == Verdict::kIncomplet);
}

TEST_CASE("verdict: all exigences met, waived or not applicable is conforme") {
  Results r;
  r.Exigence(1, State::kPass)
      .Exigence(1, State::kAttested)
      .Exigence(1, State::kWaived)
      .Exigence(1, State::kNotApplicable);
  CHECK(r.Summarize().overall.verdict == Verdict::kConforme);
}

TEST_CASE("verdict: recommandations never change it") {
  Results r;
  r.Exigence(1, State::kPass)
      .Recommandation(5, State::kFail)
      .Recommandation(5, State::kError)
      .Recommandation(5, State::kNotTested);
  Summary s = r.Summarize();
  CHECK(s.overall.verdict == Verdict::kConforme);
  CHECK(*s.overall.recommandation.Score() == doctest::Approx(0.0));
}

TEST_CASE("errors never raise a score compared with leaving them out") {
  const State kOthers[] = {State::kPass, State::kFail, State::kAttested, State::kNotTested};
  for (State other : kOthers) {
    for (int error_weight : {1, 5}) {
      Results with_error, without;
      with_error.Exigence(2, other).Exigence(3, State::kPass).Exigence(error_weight, State::kError);
      without.Exigence(2, other)
          .Exigence(3, State::kPass)
          .Exigence(error_weight, State::kNotApplicable);
      double a = *with_error.Summarize().overall.exigence.Score();
      double b = *without.Summarize().overall.exigence.Score();
      INFO("other=" << StateName(other) << " error_weight=" << error_weight);
      CHECK(a < b);
    }
  }
}

TEST_CASE("waived and not applicable items are left out of the score but counted") {
  Results r;
  r.Exigence(1, State::kPass).Exigence(10, State::kWaived).Exigence(10, State::kNotApplicable);
  Tally t = r.Summarize().overall.exigence;
  CHECK(t.weight_total == 1);
  CHECK(*t.Score() == doctest::Approx(1.0));
  CHECK(t.waived == 1);
  CHECK(t.not_applicable == 1);
  CHECK(t.Count() == 3);
}

TEST_CASE("score is nullopt when nothing applicable was scored") {
  Results r;
  r.Exigence(1, State::kNotApplicable).Exigence(2, State::kWaived);
  Summary s = r.Summarize();
  CHECK_FALSE(s.overall.exigence.Score().has_value());
  CHECK_FALSE(s.overall.recommandation.Score().has_value());
  CHECK_FALSE(Results().Summarize().overall.exigence.Score().has_value());
}

TEST_CASE("axes are summarised in the given order, each with its own verdict") {
  Results r;
  r.Add("securite", Level::kExigence, 1, State::kFail)
      .Add("juridique", Level::kExigence, 1, State::kPass)
      .Add("juridique", Level::kRecommandation, 1, State::kError);
  Summary s = r.Summarize();
  REQUIRE(s.axes.size() == 2);
  CHECK(s.axes[0].axis == "securite");
  CHECK(s.axes[0].verdict == Verdict::kNonConforme);
  CHECK(s.axes[1].axis == "juridique");
  CHECK(s.axes[1].verdict == Verdict::kConforme);
  CHECK(s.axes[1].recommandation.error == 1);
  CHECK(s.overall.verdict == Verdict::kNonConforme);
  CHECK(s.overall.axis.empty());
  CHECK(s.overall.exigence.Count() == 2);
}

TEST_CASE("an axis with no selected item is left out of the summary") {
  Results r;
  r.Add("juridique", Level::kExigence, 1, State::kFail);
  Summary s = r.Summarize();
  REQUIRE(s.axes.size() == 1);
  CHECK(s.axes[0].axis == "juridique");
  CHECK(s.axes[0].verdict == Verdict::kNonConforme);
}

TEST_CASE("an axis whose items are all not applicable is kept, with no score") {
  Results r;
  r.Add("securite", Level::kExigence, 1, State::kNotApplicable)
      .Add("juridique", Level::kExigence, 1, State::kPass);
  Summary s = r.Summarize();
  REQUIRE(s.axes.size() == 2);
  CHECK(s.axes[0].axis == "securite");
  CHECK_FALSE(s.axes[0].exigence.Score().has_value());
  CHECK(s.axes[0].verdict == Verdict::kConforme);
}

TEST_CASE("items of an axis missing from the order count in the overall scope only") {
  Results r;
  r.Add("fonctionnel", Level::kExigence, 1, State::kFail);
  Summary s = r.Summarize();
  CHECK(s.axes.empty());
  CHECK(s.overall.exigence.fail == 1);
  CHECK(s.overall.verdict == Verdict::kNonConforme);
}

TEST_CASE("VerdictOf and VerdictName") {
  Tally t;
  CHECK(VerdictOf(t) == Verdict::kConforme);
  t.not_tested = 1;
  CHECK(VerdictOf(t) == Verdict::kIncomplet);
  t.fail = 1;
  CHECK(VerdictOf(t) == Verdict::kNonConforme);
  CHECK(std::string(VerdictName(Verdict::kConforme)) == "conforme");
  CHECK(std::string(VerdictName(Verdict::kNonConforme)) == "non_conforme");
  CHECK(std::string(VerdictName(Verdict::kIncomplet)) == "incomplet");
}

}  // namespace
}  // namespace sdetcheck
