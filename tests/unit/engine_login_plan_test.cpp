#include <doctest/doctest.h>

#include "engine/login_plan.h"

namespace sdetcheck {
namespace {

TargetProfile TwoProfiles() {
  TargetProfile target;
  target.accounts = {{"eleve1", "eleve", "e1", {}, ""},
                     {"eleve2", "eleve", "e2", {}, ""},
                     {"prof1", "enseignant", "p1", {}, ""},
                     {"parent1", "parent", "r1", {}, ""}};
  target.services = {{"cdt", "https://ent.test/cdt", {"eleve", "enseignant"}, {}, "", ""},
                     {"notes", "https://ent.test/notes", {"enseignant"}, {}, "", ""}};
  return target;
}

std::vector<std::string> AccountIds(const std::vector<const Account*>& accounts) {
  std::vector<std::string> ids;
  for (const Account* a : accounts) ids.push_back(a->id);
  return ids;
}

}  // namespace

TEST_CASE("SelectAccounts: every account, the first of each profile, or one by id") {
  TargetProfile target = TwoProfiles();
  Message error;
  CHECK(AccountIds(SelectAccounts("*", target, &error)) ==
        std::vector<std::string>{"eleve1", "eleve2", "prof1", "parent1"});
  CHECK(AccountIds(SelectAccounts("each_profile", target, &error)) ==
        std::vector<std::string>{"eleve1", "prof1", "parent1"});
  CHECK(AccountIds(SelectAccounts("prof1", target, &error)) == std::vector<std::string>{"prof1"});
  CHECK(error.empty());
}

TEST_CASE("SelectAccounts: an unknown id or no account at all is an error, not an empty plan") {
  TargetProfile target = TwoProfiles();
  Message error;
  CHECK(SelectAccounts("nobody", target, &error).empty());
  CHECK(error.code == "probe.account_unknown");
  Message none;
  CHECK(SelectAccounts("*", TargetProfile{}, &none).empty());
  CHECK(none.code == "probe.no_account");
}

TEST_CASE("PlanLogins: service '*' is every service of the account's profile; none leaves it out") {
  TargetProfile target = TwoProfiles();
  Message error;
  std::vector<AccountLogins> plan = PlanLogins("each_profile", "*", target, &error);
  CHECK(error.empty());
  REQUIRE(plan.size() == 2);  // the parent has no service
  CHECK(plan[0].account->id == "eleve1");
  CHECK(plan[0].services == std::vector<std::string>{"https://ent.test/cdt"});
  CHECK(plan[1].account->id == "prof1");
  CHECK(plan[1].services ==
        std::vector<std::string>{"https://ent.test/cdt", "https://ent.test/notes"});
}

TEST_CASE("PlanLogins: a named service is logged into by every selected account") {
  TargetProfile target = TwoProfiles();
  Message error;
  std::vector<AccountLogins> plan = PlanLogins("*", "https://ent.test/x", target, &error);
  CHECK(plan.size() == 4);
  for (const AccountLogins& session : plan)
    CHECK(session.services == std::vector<std::string>{"https://ent.test/x"});
}

}  // namespace sdetcheck
