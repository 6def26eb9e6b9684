#include <string>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include "probe/registry.h"
#include "probe/saml_metadata_kind.h"
#include "support/local_servers.h"
#include "support/outcomes.h"
#include "support/replay_transport.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::DecisiveCode;
using testing::English;
using testing::FindCheck;
using testing::OutcomeState;

const std::string kUrl = "https://idp.test/saml/metadata";
const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures/saml/";

ProbeOutcome RunWith(
    const Response& response,
    const std::string& expect = "{certificate_valid_days: 0, https_endpoints: true}") {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  auto config = FindProbeKind("saml_metadata")
                    ->parse(reader, *reader.LoadString("role: idp\nexpect: " + expect), "probe");
  REQUIRE_MESSAGE(config, diagnostics.Format());
  ReplayTransport transport;
  transport.AddResponse("GET", kUrl, response);
  Redactor redactor;
  ProbeContext context{&transport, &redactor, nullptr};
  ProbeOutcome outcome;
  FindProbeKind("saml_metadata")
      ->run(*config, {{"saml_metadata_url", kUrl}}, context,
            [&](ProbeOutcome o) { outcome = std::move(o); });
  transport.Run();
  return outcome;
}

Response Metadata(const std::string& file) {
  Response r;
  r.status = 200;
  r.body = testing::ReadFile(kFixtures + file);
  return r;
}

// The check's only evidence record, which must be a `Record`.
template <typename Record>
const Record& EvidenceOf(const ProbeOutcome& outcome, const Check& check) {
  REQUIRE(check.evidence.size() == 1);
  REQUIRE(check.evidence[0] < outcome.evidence.size());
  REQUIRE(std::holds_alternative<Record>(outcome.evidence[check.evidence[0]]));
  return std::get<Record>(outcome.evidence[check.evidence[0]]);
}

TEST_CASE("saml_metadata: valid signing certificate and HTTPS endpoints pass") {
  ProbeOutcome o = RunWith(Metadata("idp-valid.xml"));
  CHECK_MESSAGE(OutcomeState(o) == CheckState::kPass, DecisiveCode(o));
  REQUIRE(FindCheck(o, "saml.certificate") != nullptr);
  REQUIRE(FindCheck(o, "saml.endpoint") != nullptr);
  for (const Check& check : o.checks) {
    INFO(check.key << " " << check.subject);
    CHECK(check.state == CheckState::kPass);
    if (check.key == "saml.certificate") {
      // Each certificate check rests on the certificate it read, published at the URL.
      const CertificateRecord& certificate = EvidenceOf<CertificateRecord>(o, check);
      CHECK(certificate.subject == check.subject);
      CHECK(certificate.source == kUrl);
      CHECK(check.message.code == "saml.certificate.valid");
      CHECK(check.message.Param("not_after") == certificate.not_after);
    } else {
      CHECK(check.key == "saml.endpoint");
      CHECK(EvidenceOf<HttpExchange>(o, check).url == kUrl);
      CHECK(check.subject.rfind("https://", 0) == 0);
    }
  }
}

TEST_CASE("saml_metadata: an expired signing certificate fails with its date") {
  ProbeOutcome o = RunWith(Metadata("idp-expired.xml"), "{certificate_valid_days: 0}");
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "saml.certificate.expired");
  const Check* expired = FindCheck(o, "saml.certificate");
  REQUIRE(expired != nullptr);
  const std::string& not_after = expired->message.Param("not_after");
  CHECK(not_after.find("2021") != std::string::npos);
  CHECK(English(expired->message) == "The signing certificate expired on " + not_after + ".");
  CHECK(EvidenceOf<CertificateRecord>(o, *expired).not_after == not_after);
}

TEST_CASE("saml_metadata: an endpoint over plain HTTP fails") {
  ProbeOutcome o = RunWith(Metadata("idp-expired.xml"), "{https_endpoints: true}");
  CHECK(OutcomeState(o) == CheckState::kFail);
  CHECK(DecisiveCode(o) == "saml.endpoint.https.fail");
  const Check* plain = nullptr;
  for (const Check& check : o.checks) {
    if (check.state == CheckState::kFail) plain = &check;
  }
  REQUIRE(plain != nullptr);
  CHECK(plain->subject == "http://idp.example.fr/saml/singleLogout");
  CHECK(English(plain->message) ==
        "Endpoint not over HTTPS: http://idp.example.fr/saml/singleLogout");
}

TEST_CASE("saml_metadata: a certificate expiring within the margin fails") {
  ProbeOutcome o = RunWith(Metadata("idp-valid.xml"), "{certificate_valid_days: 3650}");
  // The fixture certificate is valid for 100 years: 10 more years is fine.
  CHECK(OutcomeState(o) == CheckState::kPass);
}

TEST_CASE("saml_metadata: an HTML page or an HTTP error is an error, not a failure") {
  Response html;
  html.status = 200;
  html.body = "<html><body>Maintenance</body></html>";
  ProbeOutcome page = RunWith(html);
  CHECK(OutcomeState(page) == CheckState::kError);
  CHECK(DecisiveCode(page) == "saml.metadata.unreadable");
  REQUIRE(FindCheck(page, "saml.metadata") != nullptr);
  CHECK(FindCheck(page, "saml.metadata")->observed.find("no EntityDescriptor") !=
        std::string::npos);
  Response missing;
  missing.status = 404;
  missing.body = "Not found";
  ProbeOutcome o = RunWith(missing);
  CHECK(OutcomeState(o) == CheckState::kError);
  CHECK(DecisiveCode(o) == "saml.metadata.status");
  const Check* status = FindCheck(o, "saml.metadata");
  REQUIRE(status != nullptr);
  CHECK(status->message.Param("status") == "404");
  CHECK(English(status->message) == "The SAML metadata answered HTTP 404.");
  CHECK(EvidenceOf<HttpExchange>(o, *status).status == 404);
}

}  // namespace
}  // namespace sdetcheck
