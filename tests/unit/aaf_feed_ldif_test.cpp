// The feed as the LDIF an importer would load: read back as a directory, it matches its feed
// person for person (both degrees); what it cannot import is refused with the file and line.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <unistd.h>

#include "aaf/directory_diff.h"
#include "aaf/directory_people.h"
#include "aaf/feed_ldif.h"
#include "aaf/feed_people.h"
#include "aaf/feed_validation.h"
#include "aaf/generator.h"
#include "util/base64.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

struct TempFeed {
  fs::path dir;
  std::vector<std::string> files;
  explicit TempFeed(const AafGeneratorOptions& options) {
    dir = fs::temp_directory_path() / ("sdetcheck-ldif-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    GeneratedFeed feed;
    std::optional<Message> refused = GenerateFeed(options, dir.string(), &feed);
    REQUIRE_MESSAGE(!refused, (refused ? refused->code : ""));
    files = feed.files;
  }
  ~TempFeed() { fs::remove_all(dir); }
};

// RFC 2849 entries ("name: value", "name:: base64"), no line folding (the writer folds none).
std::vector<DirectoryEntry> ParseLdif(const std::string& text) {
  std::vector<DirectoryEntry> entries(1);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!entries.back().dn.empty()) entries.emplace_back();
      continue;
    }
    size_t colon = line.find(':');
    REQUIRE(colon != std::string::npos);
    std::string name = line.substr(0, colon), value;
    if (line.compare(colon, 3, ":: ") == 0) {
      std::optional<std::string> decoded = Base64Decode(line.substr(colon + 3));
      REQUIRE(decoded);
      value = *decoded;
    } else {
      REQUIRE(line.compare(colon, 2, ": ") == 0);
      value = line.substr(colon + 2);
    }
    if (name == "dn")
      entries.back().dn = value;
    else
      entries.back().attributes[name].push_back(value);
  }
  if (entries.back().dn.empty()) entries.pop_back();
  return entries;
}

std::string Ldif(const std::vector<std::string>& files, FeedLdifResult* result) {
  FeedLdifOptions options;
  options.files = files;
  options.suffix = "dc=example,dc=test";
  std::ostringstream out;
  *result = WriteFeedLdif(options, out);
  return out.str();
}

TEST_CASE("aaf ldif: a generated feed read back as a directory matches it, both degrees") {
  for (int degree : {1, 2}) {
    CAPTURE(degree);
    AafGeneratorOptions options;
    options.persons = 800;
    options.degree = degree;
    TempFeed feed(options);
    FeedLdifResult result;
    std::string ldif = Ldif(feed.files, &result);
    REQUIRE_MESSAGE(!result.error, result.error.value_or(""));
    CHECK(result.persons == 800);
    CHECK(result.structures >= 1);
    std::vector<DirectoryEntry> entries = ParseLdif(ldif);
    CHECK(entries.size() == result.persons + result.structures);
    FeedPeopleReading people = ReadFeedPeople(feed.files);
    REQUIRE(!people.error);
    DirectoryDiff diff = CompareDirectory(people.people, DirectoryPeople(entries, {}));
    CHECK(diff.matched == 800);
    CHECK(diff.missing.empty());
    CHECK(diff.extra.empty());
    CHECK_MESSAGE(diff.drift.empty(),
                  (diff.drift.empty() ? "" : diff.drift[0].key + " " + diff.drift[0].fields[0]));
    // Accents survive (base64 where RFC 2849 asks for it), and no value is written raw
    // outside ASCII.
    CHECK(ldif.find("sn:: ") != std::string::npos);
    CHECK(std::all_of(ldif.begin(), ldif.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
  }
}

TEST_CASE("aaf ldif: staff profiles from their function codes") {
  CHECK(ProfileOfFunction("ENS") == "National_ENS");
  CHECK(ProfileOfFunction("DIR") == "National_DIR");
  CHECK(ProfileOfFunction("DOC") == "National_DOC");
  CHECK(ProfileOfFunction("EDU") == "National_EVS");
  CHECK(ProfileOfFunction("ADF") == "National_ETA");
  CHECK(ProfileOfFunction("COLTER") == "National_COL");
  CHECK(ProfileOfFunction("XYZ").empty());
}

TEST_CASE("aaf ldif hostile: a delta set, a missing file, a truncated file are refused") {
  AafGeneratorOptions options;
  options.persons = 200;
  options.delta = true;
  TempFeed feed(options);
  FeedLdifResult result;
  Ldif(feed.files, &result);
  REQUIRE(result.error);
  CHECK(result.error->find("_Delta_") != std::string::npos);
  CHECK(result.error->find("line ") != std::string::npos);

  Ldif({(feed.dir / "absent.xml").string()}, &result);
  CHECK(result.error);

  fs::path truncated = feed.dir / "truncated.xml";
  std::string head;
  {
    std::ifstream in(feed.files.front(), std::ios::binary);
    head.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(truncated, std::ios::binary) << head.substr(0, head.size() / 2);
  Ldif({truncated.string()}, &result);
  REQUIRE(result.error);
  CHECK(result.error->find("truncated.xml") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
