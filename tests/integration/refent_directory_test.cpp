// The reference ENT's slapd read with the LDAP reader (paged, bound as LemonLDAP::NG's
// read-only account) and compared with the reference AAF feed: the conformant variant's
// directory matches its feed.

#include <cstdlib>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "aaf/directory_diff.h"
#include "aaf/feed_file_reading.h"
#include "aaf/feed_people.h"
#include "directory/ldap_reader.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

using testing::RefEntDir;

using testing::RefEntPort;

// Plain ldap:// on loopback, as LemonLDAP::NG reads it.
LdapSource ReferenceSource() {
  LdapSource source;
  source.url = "ldap://127.0.0.1:" + std::to_string(RefEntPort(389));
  source.base_dn = "ou=people,dc=sdetcheck,dc=test";
  source.bind_dn = "cn=lemonldap,ou=system,dc=sdetcheck,dc=test";
  std::string password = testing::ReadFile(RefEntDir() + "/secrets/ldap-llng");
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
    password.pop_back();
  source.password = password;
  source.plain_on_loopback = true;
  return source;
}

// The feed the running reference ENT was loaded from: its named people and its generated académie.
PeopleSide ReferenceFeed() {
  std::vector<std::string> files;
  std::string dir = RefEntDir() + "/feeds";
  for (const auto& file : std::filesystem::directory_iterator(dir))
    if (file.path().extension() == ".xml") files.push_back(file.path().string());
  FeedPeopleReading reading = ReadFeedPeople(files);
  REQUIRE_FALSE(reading.error.has_value());
  return reading.people;
}

TEST_SUITE("refent") {
  TEST_CASE("ldap reader: the reference directory, paged, matches its feed") {
    LdapLimits limits;
    limits.page_size = 4;
    LdapReading reading = ReadDirectory(ReferenceSource(), limits);
    REQUIRE_MESSAGE(!reading.error, reading.error.value_or(""));
    CHECK(reading.pages > 1);
    DirectoryDiff diff = CompareDirectory(ReferenceFeed(), DirectoryPeople(reading.entries, {}));
    CHECK(diff.matched > 3000);   // the named people and the generated académie
    CHECK(diff.missing.empty());  // FLAW-09 (flawed variant) deletes enseignant2
    CHECK(diff.extra.empty());
    CHECK(diff.drift.empty());
  }

  TEST_CASE("ldap reader: the flawed directory diverges exactly as reference-ent/flaws.yaml says") {
    std::string out, err;
    std::string script = std::string(SDETCHECK_SOURCE_DIR) + "/scripts/refent.sh variant ";
    REQUIRE(testing::RunCommand(script + "flawed --dir " + RefEntDir(), &out, &err) == 0);
    LdapReading reading = ReadDirectory(ReferenceSource(), {});
    REQUIRE(testing::RunCommand(script + "conformant --dir " + RefEntDir(), &out, &err) == 0);
    REQUIRE_MESSAGE(!reading.error, reading.error.value_or(""));
    DirectoryDiff diff = CompareDirectory(ReferenceFeed(), DirectoryPeople(reading.entries, {}));
    CHECK(diff.missing == std::vector<std::string>{"4000002"});  // FLAW-09
    CHECK(diff.extra == std::vector<std::string>{"3000099"});    // FLAW-22
    REQUIRE(diff.drift.size() == 2);
    CHECK(diff.drift[0].key == "2000003");  // FLAW-20
    CHECK(diff.drift[0].fields == std::vector<std::string>{kDriftClasses});
    CHECK(diff.drift[1].key == "3000003");  // FLAW-21
    CHECK(diff.drift[1].fields == std::vector<std::string>{kDriftRelatives});
  }

  TEST_CASE("ldap reader: a wrong password is an error that does not repeat it") {
    LdapSource source = ReferenceSource();
    source.password = "not-the-password";
    LdapReading wrong = ReadDirectory(source, {});
    REQUIRE(wrong.error);
    CHECK(wrong.error->find("not-the-password") == std::string::npos);
  }

  TEST_CASE("ldap reader: LDAPS and StartTLS verify the server against the given CA") {
    std::string ca = RefEntDir() + "/certs/ca.pem";
    LdapSource ldaps = ReferenceSource();
    ldaps.url = "ldaps://127.0.0.1:" + std::to_string(RefEntPort(636));
    ldaps.plain_on_loopback = false;
    ldaps.ca_bundle = ca;
    LdapReading over_tls = ReadDirectory(ldaps, {});
    REQUIRE_MESSAGE(!over_tls.error, over_tls.error.value_or(""));
    CHECK(over_tls.entries.size() == ReadDirectory(ReferenceSource(), {}).entries.size());

    LdapSource start_tls = ReferenceSource();
    start_tls.plain_on_loopback = false;  // ldap:// then means StartTLS
    start_tls.ca_bundle = ca;
    LdapReading upgraded = ReadDirectory(start_tls, {});
    REQUIRE_MESSAGE(!upgraded.error, upgraded.error.value_or(""));
    CHECK(upgraded.entries.size() == over_tls.entries.size());

    // The reference CA is not among the system's: without it, no entry is read.
    for (LdapSource untrusted : {ldaps, start_tls}) {
      untrusted.ca_bundle.clear();
      LdapReading refused = ReadDirectory(untrusted, {});
      CHECK_MESSAGE(refused.error, untrusted.url);
      CHECK(refused.entries.empty());
    }
    // A CA bundle that is not one.
    ldaps.ca_bundle = RefEntDir() + "/target.yaml";
    CHECK(ReadDirectory(ldaps, {}).error);
  }

  TEST_CASE("ldap reader: bounded entries") {
    LdapLimits limits;
    limits.page_size = 2;
    limits.max_entries = 3;
    LdapReading reading = ReadDirectory(ReferenceSource(), limits);
    REQUIRE(reading.error);
    CHECK(reading.entries.size() == 3);
  }
}

}  // namespace
}  // namespace sdetcheck
