#include "probe/cas_validation.h"

#include <doctest/doctest.h>

namespace sdetcheck {
namespace {

const char* kSuccess = R"(<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>eleve1</cas:user>
    <cas:attributes>
      <cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>
      <cas:ENTPersonStructRattach>0751234A</cas:ENTPersonStructRattach>
      <cas:groups>6A</cas:groups>
      <cas:groups>LATIN</cas:groups>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>)";

TEST_CASE("a CAS 3 success gives the user and the attributes by local name") {
  CasValidation v = ParseCasValidation(kSuccess, 3);
  REQUIRE(v.status == CasValidation::Status::kSuccess);
  CHECK(v.user == "eleve1");
  CHECK(v.attributes.at("ENTPersonProfils") == std::vector<std::string>{"National_ELV"});
  CHECK(v.attributes.at("groups").size() == 2);
  CHECK(v.attributes.count("ENTPersonJointure") == 0);
}

TEST_CASE("any namespace prefix is accepted") {
  CasValidation v = ParseCasValidation(
      "<x:serviceResponse xmlns:x='http://www.yale.edu/tp/cas'><x:authenticationSuccess><x:user>u</x:user>"
      "</x:authenticationSuccess></x:serviceResponse>", 2);
  CHECK(v.status == CasValidation::Status::kSuccess);
  CHECK(v.user == "u");
}

TEST_CASE("an authenticationFailure gives its code") {
  CasValidation v = ParseCasValidation(
      "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationFailure code='INVALID_TICKET'>"
      "Ticket ST-1 not recognized</cas:authenticationFailure></cas:serviceResponse>", 3);
  CHECK(v.status == CasValidation::Status::kFailure);
  CHECK(v.failure_code == "INVALID_TICKET");
}

TEST_CASE("malformed validation answers are malformed, never success or failure") {
  CHECK(ParseCasValidation("<html><body>Portal</body></html>", 3).status == CasValidation::Status::kMalformed);
  CHECK(ParseCasValidation("<cas:serviceResponse>", 3).status == CasValidation::Status::kMalformed);
  CHECK(ParseCasValidation("", 2).status == CasValidation::Status::kMalformed);
  CHECK(ParseCasValidation("<cas:serviceResponse xmlns:cas='x'/>", 2).problem ==
        "neither authenticationSuccess nor authenticationFailure");
  CHECK(ParseCasValidation("maybe\n", 1).status == CasValidation::Status::kMalformed);
}

TEST_CASE("CAS 1 answers") {
  CasValidation yes = ParseCasValidation("yes\neleve1\n", 1);
  CHECK(yes.status == CasValidation::Status::kSuccess);
  CHECK(yes.user == "eleve1");
  CHECK(ParseCasValidation("no\n\n", 1).status == CasValidation::Status::kFailure);
}

TEST_CASE("an entity declared in a DOCTYPE is not expanded into attributes") {
  CasValidation v = ParseCasValidation(
      "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><cas:serviceResponse xmlns:cas='c'>"
      "<cas:authenticationSuccess><cas:user>&x;</cas:user></cas:authenticationSuccess></cas:serviceResponse>", 3);
  CHECK(v.user.find("root") == std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
