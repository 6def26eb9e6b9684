#include <doctest/doctest.h>

#include "report/evidence_json.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

TEST_CASE("evidence json: every kind of check and evidence reads back as written") {
  ProbeOutcome outcome;
  HttpExchange http{"GET",     "https://ent.example.fr/",
                    200,       "https://ent.example.fr/x",
                    "TLSv1.3", {{"Set-Cookie", "ENTSESSION=[REDACTED]"}},
                    "<html>",  ""};
  outcome.AddEvidence(http);
  outcome.AddEvidence(TlsHandshake{"https://ent.example.fr/", "1.0", "", "", "refused"});
  outcome.AddEvidence(CertificateRecord{"CN=idp", "2026-01-01", "2027-01-01", "https://m/"});
  outcome.AddEvidence(DocumentExcerpt{"xml", "https://m/", "<md/>"});
  Check check;
  check.key = "service.access";
  check.subject = "eleve1 -> https://ent.example.fr/notes/";
  check.state = CheckState::kFail;
  check.message = Msg("service.refused", {{"profile", "eleve"}});
  check.expected = "open";
  check.observed = "HTTP 403";
  check.blocked_by = "";
  check.evidence = {0, 3};
  check.account = "eleve1";
  check.service = "https://ent.example.fr/notes/";
  outcome.checks.push_back(check);
  json item = {{"checks", json::array({CheckJson(check, json::object())})},
               {"evidence", json::array()}};
  for (const Evidence& e : outcome.evidence) item["evidence"].push_back(EvidenceJson(e));

  std::optional<ProbeOutcome> back = OutcomeFromJson(item);
  REQUIRE(back.has_value());
  REQUIRE(back->checks.size() == 1);
  const Check& c = back->checks[0];
  CHECK(c.key == check.key);
  CHECK(c.state == CheckState::kFail);
  CHECK(c.message.code == "service.refused");
  CHECK(c.message.Param("profile") == "eleve");
  CHECK(c.evidence == check.evidence);
  CHECK(c.account == "eleve1");
  CHECK(c.service == check.service);
  REQUIRE(back->evidence.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(EvidenceJson(back->evidence[i]) == item["evidence"][i]);
}

TEST_CASE("evidence json: a malformed record or a dangling index is refused, never a crash") {
  CHECK_FALSE(EvidenceFromJson(json{{"type", "telepathy"}}).has_value());
  CHECK_FALSE(EvidenceFromJson(json::array()).has_value());
  CHECK_FALSE(CheckFromJson(json{{"key", "k"}, {"state", "passed"}}).has_value());
  CHECK_FALSE(CheckFromJson(json("not an object")).has_value());
  json dangling = {{"checks", json::array({{{"key", "k"}, {"state", "pass"}, {"evidence", {7}}}})},
                   {"evidence", json::array()}};
  CHECK_FALSE(OutcomeFromJson(dangling).has_value());
  json negative = {{"checks", json::array({{{"key", "k"}, {"state", "pass"}, {"evidence", {-1}}}})},
                   {"evidence", json::array()}};
  CHECK_FALSE(OutcomeFromJson(negative).has_value());
  CHECK_FALSE(OutcomeFromJson(json{{"checks", 3}}).has_value());
}

}  // namespace
}  // namespace sdetcheck
