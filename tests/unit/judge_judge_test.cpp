#include "judge/judge.h"

#include <variant>

#include <doctest/doctest.h>

namespace sdetcheck {
namespace {

Item ProbeItem() {
  Item item;
  item.id = "SEC-01";
  item.axis = "securite";
  item.check.is_probe = true;
  item.check.probe.probe = "https-redirect";
  return item;
}

Item AttestationItem() {
  Item item;
  item.id = "RGPD-01";
  item.axis = "juridique";
  item.check.is_probe = false;
  return item;
}

// One check of `state` saying `code`, on one recorded exchange.
ProbeOutcome Outcome(CheckState state, const std::string& code = "") {
  ProbeOutcome outcome;
  HttpExchange exchange;
  exchange.method = "GET";
  exchange.url = "http://ent.example.test/";
  size_t index = outcome.AddEvidence(exchange);
  Check check;
  check.key = "http.status";
  check.state = state;
  check.message = Msg(code);
  check.expected = "status in [301]";
  check.evidence.push_back(index);
  outcome.checks.push_back(check);
  return outcome;
}

Attestation Answer(const std::string& answer) {
  Attestation a;
  a.item = "RGPD-01";
  a.answer = answer;
  a.evidence = "Registre v2025-09";
  a.author = "DPO";
  a.date = "2026-01-15";
  return a;
}

Waiver MakeWaiver(const std::string& expires) {
  Waiver w;
  w.item = "SEC-01";
  w.justification = "Déploiement en cours";
  w.owner = "DSI";
  w.expires = expires;
  return w;
}

ItemResult JudgeProbe(const Item& item, const ProbeOutcome* outcome, const Waiver* waiver = nullptr,
                      const std::string& today = "2026-06-01") {
  JudgeInput in;
  in.item = &item;
  in.outcome = outcome;
  in.waiver = waiver;
  in.today = today;
  return JudgeItem(in);
}

ItemResult JudgeAnswer(const Item& item, const Attestation* attestation,
                       const Waiver* waiver = nullptr) {
  JudgeInput in;
  in.item = &item;
  in.attestation = attestation;
  in.waiver = waiver;
  in.today = "2026-06-01";
  return JudgeItem(in);
}

TEST_CASE("JudgeItem maps probe outcomes to pass, fail and error") {
  Item item = ProbeItem();
  ProbeOutcome pass = Outcome(CheckState::kPass);
  ProbeOutcome fail = Outcome(CheckState::kFail, "match.status.fail");
  ProbeOutcome error = Outcome(CheckState::kError, "transport.connect");
  ItemResult p = JudgeProbe(item, &pass);
  CHECK(p.state == State::kPass);
  CHECK(p.method == Method::kProbe);
  CHECK(p.item == &item);
  ItemResult f = JudgeProbe(item, &fail);
  CHECK(f.state == State::kFail);
  CHECK(f.message.code == "match.status.fail");
  REQUIRE(f.checks.size() == 1);
  CHECK(f.checks[0].expected == "status in [301]");
  REQUIRE(f.evidence.size() == 1);
  CHECK(std::get<HttpExchange>(f.evidence[0]).url == "http://ent.example.test/");
  ItemResult e = JudgeProbe(item, &error);
  CHECK(e.state == State::kError);
  CHECK(e.message.code == "transport.connect");
  CHECK(p.message.empty());  // a pass needs no reason
}

TEST_CASE("JudgeItem: the checks decide by the one rule, the decisive one explains") {
  Item item = ProbeItem();
  ProbeOutcome outcome = Outcome(CheckState::kPass);
  outcome.Append(Outcome(CheckState::kError, "transport.timeout"));
  outcome.Append(Outcome(CheckState::kFail, "match.status.fail"));
  ItemResult r = JudgeProbe(item, &outcome);
  CHECK(r.state == State::kFail);
  CHECK(r.message.code == "match.status.fail");
  CHECK(r.checks.size() == 3);
  CHECK(r.evidence.size() == 3);
  CHECK(r.checks[2].evidence == std::vector<size_t>{2});  // indexes follow the appended evidence
}

TEST_CASE("JudgeItem: only absent preconditions make the item not applicable") {
  Item item = ProbeItem();
  ProbeOutcome none = Outcome(CheckState::kNotApplicable, "cas.no_service_for_profiles");
  ItemResult r = JudgeProbe(item, &none);
  CHECK(r.state == State::kNotApplicable);
  CHECK(r.message.code == "cas.no_service_for_profiles");
  ProbeOutcome empty;
  ItemResult e = JudgeProbe(item, &empty);
  CHECK(e.state == State::kError);
  CHECK(e.message.code == "probe.no_check");
}

TEST_CASE("JudgeItem: a probe item whose probe did not run is an error") {
  Item item = ProbeItem();
  ItemResult r = JudgeProbe(item, nullptr);
  CHECK(r.state == State::kError);
  CHECK(r.message.code == "probe.not_run");
}

TEST_CASE("JudgeItem: not applicable wins over any outcome, answer or waiver") {
  Item item = ProbeItem();
  ProbeOutcome fail = Outcome(CheckState::kFail);
  Waiver waiver = MakeWaiver("2099-01-01");
  JudgeInput in;
  in.item = &item;
  in.outcome = &fail;
  in.waiver = &waiver;
  in.not_applicable_reason =
      Msg("item.not_applicable.degrees", {{"item", "premier"}, {"target", "second"}});
  in.today = "2026-06-01";
  ItemResult r = JudgeItem(in);
  CHECK(r.state == State::kNotApplicable);
  CHECK(r.message.code == "item.not_applicable.degrees");
  CHECK_FALSE(r.waiver.has_value());
  CHECK(r.method == Method::kProbe);
}

TEST_CASE("JudgeItem: attestation answers") {
  Item item = AttestationItem();
  ItemResult none = JudgeAnswer(item, nullptr);
  CHECK(none.state == State::kNotTested);
  CHECK(none.method == Method::kAttestation);
  CHECK_FALSE(none.attestation.has_value());

  Attestation yes = Answer("conforme");
  ItemResult attested = JudgeAnswer(item, &yes);
  CHECK(attested.state == State::kAttested);
  REQUIRE(attested.attestation.has_value());
  CHECK(attested.attestation->evidence == "Registre v2025-09");

  Attestation no = Answer("non_conforme");
  CHECK(JudgeAnswer(item, &no).state == State::kFail);

  Attestation na = Answer("not_applicable");
  ItemResult not_applicable = JudgeAnswer(item, &na);
  CHECK(not_applicable.state == State::kNotApplicable);
  CHECK(not_applicable.method == Method::kAttestation);
}

TEST_CASE("JudgeItem: an attestation does not stand in for a probe") {
  Item item = ProbeItem();
  Attestation yes = Answer("conforme");
  JudgeInput in;
  in.item = &item;
  in.attestation = &yes;
  in.today = "2026-06-01";
  CHECK(JudgeItem(in).state == State::kError);
}

TEST_CASE("JudgeItem: an active waiver turns a fail into waived") {
  Item item = ProbeItem();
  ProbeOutcome fail = Outcome(CheckState::kFail);
  Waiver waiver = MakeWaiver("2026-12-31");
  ItemResult r = JudgeProbe(item, &fail, &waiver);
  CHECK(r.state == State::kWaived);
  CHECK_FALSE(r.waiver_expired);
  REQUIRE(r.waiver.has_value());
  CHECK(r.waiver->owner == "DSI");
}

TEST_CASE("JudgeItem: a waiver is valid through its expiry day") {
  Item item = ProbeItem();
  ProbeOutcome fail = Outcome(CheckState::kFail);
  Waiver waiver = MakeWaiver("2026-06-01");
  ItemResult r = JudgeProbe(item, &fail, &waiver, "2026-06-01");
  CHECK(r.state == State::kWaived);
  CHECK_FALSE(r.waiver_expired);
}

TEST_CASE("JudgeItem: an expired waiver leaves the fail and says so") {
  Item item = ProbeItem();
  ProbeOutcome fail = Outcome(CheckState::kFail);
  Waiver waiver = MakeWaiver("2026-05-31");
  ItemResult r = JudgeProbe(item, &fail, &waiver, "2026-06-01");
  CHECK(r.state == State::kFail);
  CHECK(r.waiver_expired);
  CHECK(r.waiver.has_value());
}

TEST_CASE("JudgeItem: an unused waiver changes nothing on a pass") {
  Item item = ProbeItem();
  ProbeOutcome pass = Outcome(CheckState::kPass);
  Waiver waiver = MakeWaiver("2099-01-01");
  ItemResult r = JudgeProbe(item, &pass, &waiver);
  CHECK(r.state == State::kPass);
  CHECK(r.waiver.has_value());
  CHECK_FALSE(r.waiver_expired);
}

TEST_CASE("JudgeItem: a waiver never hides an error") {
  Item item = ProbeItem();
  ProbeOutcome error = Outcome(CheckState::kError, "transport.timeout");
  Waiver waiver = MakeWaiver("2099-01-01");
  CHECK(JudgeProbe(item, &error, &waiver).state == State::kError);
  CHECK(JudgeProbe(item, nullptr, &waiver).state == State::kError);
}

TEST_CASE("JudgeItem: a waiver covers a declared non-conformity but not an untested item") {
  Item item = AttestationItem();
  Waiver waiver = MakeWaiver("2099-01-01");
  Attestation no = Answer("non_conforme");
  CHECK(JudgeAnswer(item, &no, &waiver).state == State::kWaived);
  CHECK(JudgeAnswer(item, nullptr, &waiver).state == State::kNotTested);
}

TEST_CASE("StateName names every state") {
  CHECK(std::string(StateName(State::kPass)) == "pass");
  CHECK(std::string(StateName(State::kFail)) == "fail");
  CHECK(std::string(StateName(State::kError)) == "error");
  CHECK(std::string(StateName(State::kNotApplicable)) == "not_applicable");
  CHECK(std::string(StateName(State::kNotTested)) == "not_tested");
  CHECK(std::string(StateName(State::kAttested)) == "attested");
  CHECK(std::string(StateName(State::kWaived)) == "waived");
}

}  // namespace
}  // namespace sdetcheck
