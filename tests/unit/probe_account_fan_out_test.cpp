// FanOutAccounts: one flow per account, outcomes joined in account order whatever the order
// the flows end in, evidence indexes kept pointing at their own records.

#include <doctest/doctest.h>

#include "probe/account_fan_out.h"

namespace sdetcheck {
namespace {

std::vector<Account> TwoAccounts() {
  return {Account{"eleve1", "eleve", "jean", {}, ""},
          Account{"parent1", "parent", "marie", {}, ""}};
}

ProbeOutcome OneCheck(const std::string& key, const std::string& evidence_url) {
  ProbeOutcome outcome;
  HttpExchange record;
  record.url = evidence_url;
  Check check;
  check.key = key;
  check.state = CheckState::kPass;
  check.evidence.push_back(outcome.AddEvidence(record));
  outcome.checks.push_back(check);
  return outcome;
}

TEST_CASE("account fan-out: outcomes joined in account order, each check names its account") {
  std::vector<Account> accounts = TwoAccounts();
  std::vector<ProbeDone> pending;  // the flows end later, the second one first
  std::optional<ProbeOutcome> joined;
  FanOutAccounts(
      {&accounts[0], &accounts[1]},
      [&pending](const Account&, ProbeDone done) { pending.push_back(std::move(done)); },
      [&joined](ProbeOutcome o) { joined = std::move(o); });
  REQUIRE(pending.size() == 2);
  pending[1](OneCheck("k", "https://ent.test/parent"));
  CHECK(!joined);
  pending[0](OneCheck("k", "https://ent.test/eleve"));
  REQUIRE(joined);
  REQUIRE(joined->checks.size() == 2);
  CHECK(joined->checks[0].account == "eleve1");
  CHECK(joined->checks[1].account == "parent1");
  CHECK(std::get<HttpExchange>(joined->evidence[joined->checks[1].evidence[0]]).url ==
        "https://ent.test/parent");
  CHECK(std::get<HttpExchange>(joined->evidence[joined->checks[0].evidence[0]]).url ==
        "https://ent.test/eleve");
}

TEST_CASE("account fan-out: flows ending at once (setup errors) still join once") {
  std::vector<Account> accounts = TwoAccounts();
  int calls = 0;
  ProbeOutcome joined;
  FanOutAccounts(
      {&accounts[0], &accounts[1]},
      [](const Account& a, ProbeDone done) { done(OneCheck("k." + a.id, "")); },
      [&](ProbeOutcome o) {
        ++calls;
        joined = std::move(o);
      });
  CHECK(calls == 1);
  REQUIRE(joined.checks.size() == 2);
  CHECK(joined.checks[0].key == "k.eleve1");
}

TEST_CASE("account fan-out: an account a flow already named is kept") {
  std::vector<Account> accounts = TwoAccounts();
  ProbeOutcome joined;
  FanOutAccounts(
      {&accounts[0]},
      [](const Account&, ProbeDone done) {
        ProbeOutcome o = OneCheck("k", "");
        o.checks[0].account = "someone";
        done(std::move(o));
      },
      [&](ProbeOutcome o) { joined = std::move(o); });
  CHECK(joined.checks[0].account == "someone");
}

}  // namespace
}  // namespace sdetcheck
