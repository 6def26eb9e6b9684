#include "aaf/directory_diff.h"

#include <map>
#include <utility>

namespace sdetcheck {

namespace {

using CountKey = std::pair<std::string, std::string>;

std::vector<PeopleCount> Counts(const PeopleSide& feed, const PeopleSide& directory) {
  std::map<CountKey, PeopleCount> counts;
  for (const CanonicalPerson& person : feed.people) ++counts[{person.uai, person.profile}].feed;
  for (const CanonicalPerson& person : directory.people)
    ++counts[{person.uai, person.profile}].directory;
  std::vector<PeopleCount> out;
  for (auto& [key, count] : counts) {
    count.uai = key.first;
    count.profile = key.second;
    out.push_back(count);
  }
  return out;
}

}  // namespace

std::vector<std::string> DriftedFields(const CanonicalPerson& feed, const CanonicalPerson& entry,
                                       const ComparedFields& compared) {
  std::vector<std::string> fields;
  if (compared.profile && feed.profile != entry.profile) fields.emplace_back(kDriftProfile);
  if (compared.establishment && !feed.uai.empty() && feed.uai != entry.uai)
    fields.emplace_back(kDriftEstablishment);
  if (compared.classes && feed.classes != entry.classes) fields.emplace_back(kDriftClasses);
  if (compared.relatives && feed.relatives != entry.relatives) fields.emplace_back(kDriftRelatives);
  if (!entry.join_key_as_expected) fields.emplace_back(kDriftJoinKey);
  if (compared.birth_date && !feed.birth_date.empty() && feed.birth_date != entry.birth_date)
    fields.emplace_back(kDriftBirthDate);
  return fields;
}

// Both sides are sorted by key (DeduplicatedPeople): one merge pass.
DirectoryDiff CompareDirectory(const PeopleSide& feed, const PeopleSide& directory) {
  DirectoryDiff diff;
  auto in_feed = feed.people.begin();
  auto in_directory = directory.people.begin();
  while (in_feed != feed.people.end() || in_directory != directory.people.end()) {
    if (in_directory == directory.people.end() ||
        (in_feed != feed.people.end() && in_feed->key < in_directory->key)) {
      diff.missing.push_back((in_feed++)->key);
    } else if (in_feed == feed.people.end() || in_directory->key < in_feed->key) {
      diff.extra.push_back((in_directory++)->key);
    } else {
      std::vector<std::string> fields = DriftedFields(*in_feed, *in_directory);
      if (!fields.empty()) diff.drift.push_back({in_feed->key, std::move(fields)});
      ++diff.matched;
      ++in_feed;
      ++in_directory;
    }
  }
  diff.counts = Counts(feed, directory);
  diff.feed_duplicates = feed.duplicate_keys;
  diff.directory_duplicates = directory.duplicate_keys;
  diff.feed_unkeyed = feed.unkeyed;
  diff.directory_unkeyed = directory.unkeyed;
  return diff;
}

}  // namespace sdetcheck
