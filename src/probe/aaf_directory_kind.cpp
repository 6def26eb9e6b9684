#include "probe/aaf_directory_kind.h"

#include "aaf/directory_diff.h"
#include "aaf/feed_people.h"
#include "directory/ldap_reader.h"
#include "net/transport.h"
#include "target/profile.h"

namespace sdetcheck {
namespace {

constexpr size_t kKeysShown = 50;  // per check, in the evidence

struct DirectoryRun {
  DirectoryLdap ldap;
  std::string ca_bundle;
  std::vector<std::string> feeds;
  std::optional<std::string> error;
  DirectoryDiff diff;
  size_t entries = 0;
};

LdapSource SourceOf(const DirectoryRun& run) {
  LdapSource source;
  source.url = run.ldap.url;
  source.base_dn = run.ldap.base_dn;
  source.bind_dn = run.ldap.bind_dn;
  source.password = run.ldap.password.value;
  if (!run.ldap.filter.empty()) source.filter = run.ldap.filter;
  source.plain_on_loopback = run.ldap.plaintext_loopback;
  source.ca_bundle = run.ca_bundle;
  return source;
}

// On the transport's blocking seam: the feeds, the directory, the comparison.
void RunDiff(DirectoryRun& run) {
  FeedPeopleReading feed = ReadFeedPeople(run.feeds);
  if ((run.error = feed.error)) return;
  LdapReading reading = ReadDirectory(SourceOf(run), LdapLimits{});
  if ((run.error = reading.error)) return;
  run.entries = reading.entries.size();
  DirectoryPeopleOptions options;
  options.join_prefix = run.ldap.join_prefix;
  run.diff = CompareDirectory(feed.people, DirectoryPeople(reading.entries, options));
}

DocumentExcerpt Keys(const std::vector<std::string>& keys) {
  DocumentExcerpt excerpt{"text", "aaf directory", ""};
  for (size_t i = 0; i < keys.size() && i < kKeysShown; ++i)
    excerpt.excerpt += "id=" + keys[i] + "\n";
  if (keys.size() > kKeysShown)
    excerpt.excerpt += "... " + std::to_string(keys.size() - kKeysShown) + " more\n";
  return excerpt;
}

DocumentExcerpt Drifts(const std::vector<PersonDrift>& drifts) {
  DocumentExcerpt excerpt{"text", "aaf directory", ""};
  for (size_t i = 0; i < drifts.size() && i < kKeysShown; ++i) {
    excerpt.excerpt += "id=" + drifts[i].key;
    for (const std::string& field : drifts[i].fields) excerpt.excerpt += " " + field;
    excerpt.excerpt += "\n";
  }
  if (drifts.size() > kKeysShown)
    excerpt.excerpt += "... " + std::to_string(drifts.size() - kKeysShown) + " more\n";
  return excerpt;
}

DocumentExcerpt CountTable(const std::vector<PeopleCount>& counts) {
  DocumentExcerpt excerpt{"text", "aaf directory", "uai profile feed directory\n"};
  for (const PeopleCount& count : counts)
    excerpt.excerpt += (count.uai.empty() ? "-" : count.uai) + " " +
                       (count.profile.empty() ? "-" : count.profile) + " " +
                       std::to_string(count.feed) + " " + std::to_string(count.directory) + "\n";
  return excerpt;
}

Check CountedCheck(const std::string& name, size_t count, size_t evidence) {
  Check check;
  check.key = "aaf.directory." + name;
  check.subject = "directory.ldap";
  check.state = count == 0 ? CheckState::kPass : CheckState::kFail;
  check.message = Msg("aaf.directory." + name, {{"count", std::to_string(count)}});
  check.expected = "0";
  check.observed = std::to_string(count);
  check.evidence.push_back(evidence);
  return check;
}

ProbeOutcome Judge(const DirectoryRun& run) {
  ProbeOutcome outcome;
  const DirectoryDiff& diff = run.diff;
  outcome.checks.push_back(
      CountedCheck("missing", diff.missing.size(), outcome.AddEvidence(Keys(diff.missing))));
  outcome.checks.push_back(
      CountedCheck("extra", diff.extra.size(), outcome.AddEvidence(Keys(diff.extra))));
  outcome.checks.push_back(
      CountedCheck("drift", diff.drift.size(), outcome.AddEvidence(Drifts(diff.drift))));
  Check counts = CountedCheck("counts", 0, outcome.AddEvidence(CountTable(diff.counts)));
  counts.message = Msg("aaf.directory.counts", {{"matched", std::to_string(diff.matched)},
                                                {"entries", std::to_string(run.entries)}});
  counts.expected = "shown, not judged";
  counts.observed = std::to_string(diff.counts.size()) + " establishment x profile rows";
  outcome.checks.push_back(std::move(counts));
  return outcome;
}

ProbeOutcome NotApplicable(const char* why) {
  Check none;
  none.key = "aaf.directory";
  none.state = CheckState::kNotApplicable;
  none.message = Msg(why);
  return SingleCheck(std::move(none));
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseAafDirectoryProbe(YamlReader&, const YamlNode&,
                                                          const std::string&) {
  return std::make_shared<ProbeConfig>();
}

std::vector<std::string> AafDirectoryProbeVariables(const ProbeConfig&) { return {}; }

void RunAafDirectoryProbe(const ProbeConfig&, const Variables&, ProbeContext& context,
                          ProbeDone done) {
  if (!context.target) return done(SetupError(Msg("probe.no_target")));
  if (!context.target->directory_ldap) return done(NotApplicable("aaf.directory.none"));
  if (context.target->feeds.empty()) return done(NotApplicable("aaf.feed.none"));
  auto run = std::make_shared<DirectoryRun>();
  run->ldap = *context.target->directory_ldap;
  run->ca_bundle = context.target->ca_bundle;
  run->feeds = context.target->feeds;
  context.transport->SubmitBlocking(
      run->ldap.url, [run] { RunDiff(*run); },
      [run, done = std::move(done)](bool finished) {
        if (!finished) return done(AnalysisTimedOut("aaf.directory", "directory.ldap"));
        if (run->error) {
          Check error;
          error.key = "aaf.directory";
          error.subject = "directory.ldap";
          error.message = Msg("aaf.directory.unreadable", {{"error", *run->error}});
          return done(SingleCheck(std::move(error)));
        }
        done(Judge(*run));
      });
}

}  // namespace sdetcheck
