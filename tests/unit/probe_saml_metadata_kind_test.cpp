#include <string>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include "probe/registry.h"
#include "probe/saml_metadata_kind.h"
#include "support/local_servers.h"
#include "support/outcomes.h"
#include "support/replay_transport.h"
#include "target/profile.h"
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
    const std::string& expect = "{certificate_valid_days: 0, https_endpoints: true}",
    const TargetProfile* target = nullptr) {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  auto config = FindProbeKind("saml_metadata")
                    ->parse(reader, *reader.LoadString("role: idp\nexpect: " + expect), "probe");
  REQUIRE_MESSAGE(config, diagnostics.Format());
  ReplayTransport transport;
  transport.AddResponse("GET", kUrl, response);
  Redactor redactor;
  ProbeContext context{&transport, &redactor, target};
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

// The state of the only check with that key.
CheckState StateOf(const ProbeOutcome& o, const char* key) {
  const Check* check = FindCheck(o, key);
  REQUIRE_MESSAGE(check != nullptr, key);
  return check->state;
}

TEST_CASE("saml_metadata: structure and certificate strength of well-formed metadata pass") {
  TargetProfile target;
  target.saml_metadata_signer = kFixtures + "anchor.pem";
  ProbeOutcome o = RunWith(
      Metadata("idp-signed.xml"),
      "{structure: true, practices: true, certificate_strength: true, signature: true}", &target);
  for (const Check& check : o.checks) {
    INFO(check.key << " " << check.subject << " " << check.observed);
    CHECK(check.state == CheckState::kPass);
  }
  for (const char* key :
       {"saml.metadata.entity_id", "saml.metadata.valid_until", "saml.metadata.protocol",
        "saml.metadata.binding", "saml.metadata.name_id_format", "saml.metadata.single_logout",
        "saml.metadata.requests_signed", "saml.certificate.use", "saml.certificate.key",
        "saml.certificate.signature_algorithm", "saml.metadata.signature"}) {
    CHECK_MESSAGE(FindCheck(o, key) != nullptr, key);
  }
  CHECK(FindCheck(o, "saml.metadata.valid_until")->message.Param("valid_until") ==
        "2099-01-01T00:00:00Z");
  CHECK(FindCheck(o, "saml.certificate.key")->observed == "RSA 2048");
}

TEST_CASE("saml_metadata: weak metadata fails each structure and strength check") {
  ProbeOutcome o = RunWith(Metadata("idp-weak.xml"),
                           "{structure: true, practices: true, certificate_strength: true}");
  CHECK(StateOf(o, "saml.metadata.entity_id") == CheckState::kFail);  // a space: not a URI
  const Check* fresh = FindCheck(o, "saml.metadata.valid_until");
  REQUIRE(fresh != nullptr);
  CHECK(fresh->state == CheckState::kFail);
  // The descriptor's validUntil is in 2020: the level is named.
  CHECK(fresh->message.code == "saml.metadata.valid_until.expired");
  CHECK(fresh->message.Param("element") == "IDPSSODescriptor");
  CHECK(StateOf(o, "saml.metadata.protocol") == CheckState::kFail);
  CHECK(StateOf(o, "saml.metadata.binding") == CheckState::kFail);
  CHECK(FindCheck(o, "saml.metadata.binding")->message.code == "saml.metadata.binding.unknown");
  CHECK(StateOf(o, "saml.metadata.name_id_format") == CheckState::kNotApplicable);
  CHECK(StateOf(o, "saml.metadata.single_logout") == CheckState::kFail);
  CHECK(StateOf(o, "saml.metadata.requests_signed") == CheckState::kFail);
  CHECK(StateOf(o, "saml.certificate.use") == CheckState::kFail);
  CHECK(StateOf(o, "saml.certificate.key") == CheckState::kFail);
  CHECK(FindCheck(o, "saml.certificate.key")->observed == "RSA 1024");
  CHECK(StateOf(o, "saml.certificate.signature_algorithm") == CheckState::kFail);
  CHECK(FindCheck(o, "saml.certificate.signature_algorithm")->observed == "sha1WithRSAEncryption");
}

TEST_CASE("saml_metadata: a root without validUntil or cacheDuration is a finding on the root") {
  ProbeOutcome o = RunWith(Metadata("idp-valid.xml"), "{structure: true}");
  const Check* fresh = FindCheck(o, "saml.metadata.valid_until");
  REQUIRE(fresh != nullptr);
  CHECK(fresh->state == CheckState::kFail);
  CHECK(fresh->message.code == "saml.metadata.valid_until.missing");
  CHECK(fresh->message.Param("element") == "EntityDescriptor");
}

TEST_CASE("saml_metadata: the metadata signature verifies only against the trust anchor") {
  TargetProfile target;
  target.saml_metadata_signer = kFixtures + "anchor.pem";
  auto signature = [&](const char* file) {
    ProbeOutcome o = RunWith(Metadata(file), "{signature: true}", &target);
    const Check* check = FindCheck(o, "saml.metadata.signature");
    REQUIRE(check != nullptr);
    return *check;
  };
  CHECK(signature("idp-signed.xml").state == CheckState::kPass);
  // Signed by another key carried inline (KeyValue): never trusted.
  Check inline_key = signature("idp-signed-inline-key.xml");
  CHECK(inline_key.state == CheckState::kFail);
  CHECK(inline_key.observed.find("does not verify") != std::string::npos);
  CHECK(signature("idp-signed-tampered.xml").state == CheckState::kFail);
  // A valid signature over another element (wrapping) does not cover the metadata.
  Check wrapped = signature("idp-signed-wrapped.xml");
  CHECK(wrapped.state == CheckState::kFail);
  CHECK(wrapped.observed.find("#_ext") != std::string::npos);
  Check duplicate = signature("idp-signed-duplicate-id.xml");
  CHECK(duplicate.state == CheckState::kFail);
  CHECK(duplicate.observed.find("duplicate ID") != std::string::npos);
}

TEST_CASE("saml_metadata: unsigned metadata is not applicable unless the target requires it") {
  TargetProfile target;
  CHECK(StateOf(RunWith(Metadata("idp-valid.xml"), "{signature: true}", &target),
                "saml.metadata.signature") == CheckState::kNotApplicable);
  target.saml_metadata_signed = true;
  CHECK(StateOf(RunWith(Metadata("idp-valid.xml"), "{signature: true}", &target),
                "saml.metadata.signature") == CheckState::kFail);
  // Signed, but no anchor to check it with: could not check.
  CHECK(StateOf(RunWith(Metadata("idp-signed.xml"), "{signature: true}", &target),
                "saml.metadata.signature") == CheckState::kError);
}

}  // namespace
}  // namespace sdetcheck
