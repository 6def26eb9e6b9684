// What a CAS validation releases about a person, against the person's AAF feed record.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "aaf/released_person.h"

namespace sdetcheck {
namespace {

using Released = std::map<std::string, std::vector<std::string>>;

CanonicalPerson FeedPupil() {
  CanonicalPerson pupil;
  pupil.key = "2000001";
  pupil.profile = "Eleve";
  pupil.uai = "0751234J";
  pupil.classes = {"0751234J$4A"};
  pupil.relatives = {"3000001"};
  pupil.birth_date = "2012-03-14";
  return pupil;
}

Released PupilRelease() {
  return {{"ENTPersonJointure", {"AAF$2000001"}},
          {"ENTPersonProfils", {"National_ELV"}},
          {"ENTPersonStructRattach", {"0751234J"}},
          {"ENTEleveClasses", {"0751234J$4A"}},
          {"mail", {"someone@example.test"}}};
}

std::vector<std::string> Drift(const Released& attributes, const std::string& known = "") {
  std::optional<ReleasedPerson> released = PersonReleased(attributes, "AAF$", known);
  REQUIRE(released);
  return ReleasedDrift(FeedPupil(), *released);
}

TEST_CASE("released person: a faithful release has no drift; relatives are never compared") {
  std::optional<ReleasedPerson> released = PersonReleased(PupilRelease(), "AAF$", "");
  REQUIRE(released);
  CHECK(released->person.key == "2000001");
  CHECK(released->compared_names ==
        std::vector<std::string>{"profile", "establishment", "classes", "join_key"});
  CHECK(ReleasedDrift(FeedPupil(), *released).empty());
  CHECK(Drift(PupilRelease(), "2000001").empty());
}

TEST_CASE("released person: only released fields are compared") {
  Released minimal = {{"ENTPersonJointure", {"AAF$2000001"}}};
  std::optional<ReleasedPerson> released = PersonReleased(minimal, "AAF$", "");
  REQUIRE(released);
  CHECK(released->compared_names == std::vector<std::string>{"join_key"});
  CHECK(ReleasedDrift(FeedPupil(), *released).empty());
}

TEST_CASE("released person: each drift is named") {
  Released wrong_class = PupilRelease();
  wrong_class["ENTEleveClasses"] = {"0751234J$LATIN4"};
  CHECK(Drift(wrong_class) == std::vector<std::string>{"classes"});
  Released wrong_profile = PupilRelease();
  wrong_profile["ENTPersonProfils"] = {"National_TUT"};
  CHECK(Drift(wrong_profile) == std::vector<std::string>{"profile"});
  Released other_school = PupilRelease();
  other_school["ENTPersonStructRattach"] = {"0759876C"};
  CHECK(Drift(other_school) == std::vector<std::string>{"establishment"});
  Released date = PupilRelease();
  date["ENTPersonDateNaissance"] = {"15/03/2012"};
  CHECK(Drift(date) == std::vector<std::string>{"birth_date"});
  date["ENTPersonDateNaissance"] = {"14/03/2012"};
  CHECK(Drift(date).empty());
}

TEST_CASE("released person: the join key, released or declared") {
  Released no_key = PupilRelease();
  no_key.erase("ENTPersonJointure");
  CHECK_FALSE(PersonReleased(no_key, "AAF$", ""));  // nothing to find the record by
  CHECK(Drift(no_key, "2000001") == std::vector<std::string>{"join_key"});
  Released other_person = PupilRelease();
  other_person["ENTPersonJointure"] = {"AAF$2000002"};
  CHECK(Drift(other_person, "2000001") == std::vector<std::string>{"join_key"});
  Released no_prefix = PupilRelease();
  no_prefix["ENTPersonJointure"] = {"2000001"};
  CHECK(Drift(no_prefix) == std::vector<std::string>{"join_key"});
}

TEST_CASE("released person hostile: empty values, odd names, many values") {
  Released empty = {{"ENTPersonJointure", {""}}, {"ENTEleveClasses", {}}};
  CHECK_FALSE(PersonReleased(empty, "AAF$", ""));
  Released lower = {{"entpersonjointure", {"AAF$2000001"}}, {"entpersonprofils", {"National_ELV"}}};
  std::optional<ReleasedPerson> released = PersonReleased(lower, "AAF$", "");
  REQUIRE(released);  // LDAP names ignore case
  CHECK(ReleasedDrift(FeedPupil(), *released).empty());
  Released many = PupilRelease();
  for (int i = 0; i < 100000; ++i)
    many["ENTEleveClasses"].push_back("0751234J$C" + std::to_string(i));
  CHECK(Drift(many) == std::vector<std::string>{"classes"});
  Released spoofed = PupilRelease();
  spoofed["objectClass"] = {"top"};  // ignored
  CHECK(Drift(spoofed).empty());
}

}  // namespace
}  // namespace sdetcheck
