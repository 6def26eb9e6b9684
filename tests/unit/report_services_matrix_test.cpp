#include <doctest/doctest.h>

#include "report/services_matrix.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

Check Login(const std::string& account, const std::string& service, CheckState state) {
  Check check;
  check.key = "cas.ticket.issued";
  check.subject = account + " -> " + service;
  check.state = state;
  check.account = account;
  check.service = service;
  return check;
}

TargetProfile Target() {
  TargetProfile target;
  target.accounts = {{"eleve1", "eleve", "e1", {}, ""}, {"prof1", "enseignant", "p1", {}, ""}};
  target.services = {{"cdt", "https://ent.test/cdt", {"eleve", "enseignant"}, {}, "", ""},
                     {"notes", "https://ent.test/notes", {"enseignant", "parent"}, {}, "", ""}};
  return target;
}

const json& CellOf(const json& matrix, size_t row, const std::string& profile) {
  for (const json& cell : matrix["rows"][row]["cells"]) {
    if (cell["profile"] == profile) return cell;
  }
  throw std::runtime_error("no cell for " + profile);
}

}  // namespace

TEST_CASE("services matrix: rows are services, columns profiles, cells combine the logins") {
  TargetProfile target = Target();
  Item sso, access;
  sso.id = "SSO-01";
  access.id = "SRV-02";
  ItemResult first;
  first.item = &sso;
  first.checks = {Login("eleve1", "https://ent.test/cdt", CheckState::kPass),
                  Login("prof1", "https://ent.test/cdt", CheckState::kPass),
                  Login("prof1", "https://ent.test/notes", CheckState::kError)};
  ItemResult second;
  second.item = &access;
  second.checks = {Login("prof1", "https://ent.test/notes", CheckState::kFail)};
  Check unrelated;  // not a login: never in the matrix
  unrelated.state = CheckState::kFail;
  second.checks.push_back(unrelated);

  json matrix = ServicesMatrixJson(target, {first, second});
  // Profiles of the accounts first, then the one only a service names.
  CHECK(matrix["profiles"] == json({"eleve", "enseignant", "parent"}));
  REQUIRE(matrix["rows"].size() == 2);
  CHECK(matrix["rows"][0]["service"] == "cdt");
  CHECK(CellOf(matrix, 0, "eleve")["state"] == "pass");
  CHECK(CellOf(matrix, 0, "eleve")["expected"] == true);
  CHECK(CellOf(matrix, 0, "eleve")["items"] == json({"SSO-01"}));
  // An error and a fail on one cell: the one combine rule makes it a fail.
  CHECK(CellOf(matrix, 1, "enseignant")["state"] == "fail");
  CHECK(CellOf(matrix, 1, "enseignant")["items"] == json({"SSO-01", "SRV-02"}));
  // No login of the profile aimed there: not tested, never a pass.
  CHECK(CellOf(matrix, 1, "eleve")["state"] == "not_tested");
  CHECK(CellOf(matrix, 1, "eleve")["expected"] == false);
  CHECK(CellOf(matrix, 1, "parent")["state"] == "not_tested");
  CHECK(CellOf(matrix, 1, "parent")["expected"] == true);
}

TEST_CASE("services matrix: none when the target declares no service") {
  TargetProfile target = Target();
  target.services.clear();
  CHECK(ServicesMatrixJson(target, {}).is_null());
}

}  // namespace sdetcheck
