// The accounts the ENT really serves, against the AAF feed: what the CAS validation releases
// about each test account (profile, establishment, classes, birth date, join key) compared
// with that person's record in the target's feed files (aaf_sso.md §2.6 normalisations).

#include <set>

#include "aaf/feed_people.h"
#include "aaf/released_person.h"
#include "probe/cas_scenarios.h"

namespace sdetcheck {
namespace {

constexpr const char* kKey = "cas.feed_match";

std::string JoinPrefix(const TargetProfile& target) {
  return target.directory_ldap ? target.directory_ldap->join_prefix : "AAF$";
}

std::string Joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The feed's record of `key` alone (the structures too, for their UAIs), off the loop.
FeedPeopleReading FeedRecordOf(const std::vector<std::string>& feeds, const std::string& key) {
  return ReadFeedPeople(feeds, std::set<std::string>{key});
}

void JudgeAgainstFeed(const ScenarioPtr& s, const ReleasedPerson& released,
                      const FeedPeopleReading& feed, size_t evidence) {
  std::string id = "id=" + released.person.key;
  if (feed.error) {
    Add(s, kKey, CheckState::kError, Msg("aaf.feed.unreadable", {{"error", *feed.error}}), evidence,
        id);
    return;
  }
  if (feed.people.people.empty()) {
    Add(s, kKey, CheckState::kFail, Msg("cas.feed_match.not_in_feed"), evidence, id);
    return;
  }
  std::vector<std::string> drifted = ReleasedDrift(feed.people.people.front(), released);
  std::string compared = Joined(released.compared_names);
  Check& check = drifted.empty() ? Add(s, kKey, CheckState::kPass,
                                       Msg("cas.feed_match.same", {{"fields", compared}}), evidence,
                                       id + "; compared: " + compared)
                                 : Add(s, kKey, CheckState::kFail,
                                       Msg("cas.feed_match.drift", {{"fields", Joined(drifted)}}),
                                       evidence, id + "; differ: " + Joined(drifted));
  check.expected = "the feed's " + compared;
}

Check NoFeed(const ScenarioPtr& s) {
  Check none;
  none.key = kKey;
  none.subject = s->subject;
  none.state = CheckState::kNotApplicable;
  none.message = Msg("aaf.feed.none");
  return none;
}

}  // namespace

Flow FeedMatch(ScenarioPtr s) {
  const TargetProfile& target = *s->context.target;
  if (target.feeds.empty()) {
    s->outcome.checks.push_back(NoFeed(s));
    co_return Finish(s);
  }
  std::vector<std::string> blocked = {kKey};  // GCC 12: no braced list inside co_await
  std::optional<LoggedIn> in = co_await LogIn(s, blocked);
  if (!in) co_return Finish(s);
  Validation v = co_await Validate(s, TicketQuery(s->service, *in->ticket.ticket));
  if (!v.answered || v.parsed.status != CasValidation::Status::kSuccess) {
    Add(s, kKey, CheckState::kError,
        v.answered ? Msg("cas.validation.refused", {{"code", v.parsed.failure_code}})
                   : v.problem.message,
        v.evidence, v.answered ? v.parsed.failure_code + v.parsed.problem : v.problem.observed);
    co_return Finish(s);
  }
  std::optional<ReleasedPerson> released =
      PersonReleased(v.parsed.attributes, JoinPrefix(target), s->account->aaf_id);
  if (!released) {
    Add(s, kKey, CheckState::kError, Msg("cas.feed_match.no_join_key"), v.evidence);
    co_return Finish(s);
  }
  std::optional<FeedPeopleReading> feed = co_await Analysed<FeedPeopleReading>(
      s->context.executor, FeedRecordOf, target.feeds, released->person.key);
  if (!feed) {
    s->outcome.checks.push_back(AnalysisTimedOut(kKey, s->subject).checks.front());
  } else {
    JudgeAgainstFeed(s, *released, *feed, v.evidence);
  }
  Finish(s);
}

}  // namespace sdetcheck
