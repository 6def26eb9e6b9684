#include <doctest/doctest.h>

#include "probe/registry.h"
#include "probe/saml_metadata_kind.h"
#include "support/local_servers.h"
#include "support/replay_transport.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

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

TEST_CASE("saml_metadata: valid signing certificate and HTTPS endpoints pass") {
  ProbeOutcome o = RunWith(Metadata("idp-valid.xml"));
  CHECK_MESSAGE(o.status == ProbeOutcome::Status::kPass, o.message);
}

TEST_CASE("saml_metadata: an expired signing certificate fails with its date") {
  ProbeOutcome o = RunWith(Metadata("idp-expired.xml"), "{certificate_valid_days: 0}");
  CHECK(o.status == ProbeOutcome::Status::kFail);
  CHECK(o.message.find("the signing certificate expired on") != std::string::npos);
  CHECK(o.message.find("2021") != std::string::npos);
}

TEST_CASE("saml_metadata: an endpoint over plain HTTP fails") {
  ProbeOutcome o = RunWith(Metadata("idp-expired.xml"), "{https_endpoints: true}");
  CHECK(o.status == ProbeOutcome::Status::kFail);
  CHECK(o.message == "endpoint not over HTTPS: http://idp.example.fr/saml/singleLogout");
}

TEST_CASE("saml_metadata: a certificate expiring within the margin fails") {
  ProbeOutcome o = RunWith(Metadata("idp-valid.xml"), "{certificate_valid_days: 3650}");
  // The fixture certificate is valid for 100 years: 10 more years is fine.
  CHECK(o.status == ProbeOutcome::Status::kPass);
}

TEST_CASE("saml_metadata: an HTML page or an HTTP error is an error, not a failure") {
  Response html;
  html.status = 200;
  html.body = "<html><body>Maintenance</body></html>";
  CHECK(RunWith(html).status == ProbeOutcome::Status::kError);
  Response missing;
  missing.status = 404;
  missing.body = "Not found";
  ProbeOutcome o = RunWith(missing);
  CHECK(o.status == ProbeOutcome::Status::kError);
  CHECK(o.message.find("HTTP 404") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
