#include <ctime>

#include <doctest/doctest.h>

#include "probe/saml_metadata.h"
#include "support/local_servers.h"
#include "util/x509.h"

namespace sdetcheck {
namespace {

const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures/saml/";

TEST_CASE("the IdP descriptor gives its entity id, signing certificates and endpoints") {
  SamlDescriptor d = ReadSamlDescriptor(testing::ReadFile(kFixtures + "idp-valid.xml"), "idp");
  REQUIRE(d.found);
  CHECK(d.problem.empty());
  CHECK(d.entity_id == "https://idp.example.fr/saml/metadata");
  CHECK(d.signing_certificates.size() == 1);  // the encryption key is not a signing key
  CHECK(d.endpoints.size() == 2);
}

TEST_CASE("a metadata document without the requested role is found but empty") {
  SamlDescriptor d = ReadSamlDescriptor(testing::ReadFile(kFixtures + "idp-valid.xml"), "sp");
  CHECK(d.problem.empty());
  CHECK(!d.found);
}

TEST_CASE("HTML, broken XML and foreign XML are problems, not descriptors") {
  CHECK(!ReadSamlDescriptor("<html><body>Erreur</body></html>", "idp").problem.empty());
  CHECK(!ReadSamlDescriptor("<md:EntityDescriptor", "idp").problem.empty());
  CHECK(ReadSamlDescriptor("<feed/>", "idp").problem.find("no EntityDescriptor") !=
        std::string::npos);
  CHECK(!ReadSamlDescriptor("", "idp").problem.empty());
}

TEST_CASE("an EntityDescriptor inside EntitiesDescriptor is found") {
  std::string xml =
      "<EntitiesDescriptor xmlns='urn:oasis:names:tc:SAML:2.0:metadata'>"
      "<EntityDescriptor entityID='urn:x'><IDPSSODescriptor>"
      "<SingleSignOnService Location='https://x/sso'/></IDPSSODescriptor></EntityDescriptor>"
      "</EntitiesDescriptor>";
  SamlDescriptor d = ReadSamlDescriptor(xml, "idp");
  CHECK(d.found);
  CHECK(d.entity_id == "urn:x");
  CHECK(d.signing_certificates.empty());
}

TEST_CASE("external entities in metadata are never expanded") {
  std::string xml =
      "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<EntityDescriptor entityID='&xxe;'><IDPSSODescriptor/></EntityDescriptor>";
  SamlDescriptor d = ReadSamlDescriptor(xml, "idp");
  CHECK(d.entity_id.find("root:") == std::string::npos);
}

TEST_CASE("certificate validity is judged now and N days ahead") {
  SamlDescriptor valid = ReadSamlDescriptor(testing::ReadFile(kFixtures + "idp-valid.xml"), "idp");
  SamlDescriptor expired =
      ReadSamlDescriptor(testing::ReadFile(kFixtures + "idp-expired.xml"), "idp");
  std::string error;
  std::optional<CertificateInfo> ok =
      InspectCertificate(valid.signing_certificates[0], std::time(nullptr), 30, &error);
  REQUIRE(ok);
  CHECK(ok->valid_at_start);
  CHECK(ok->valid_at_end);
  CHECK(ok->subject.find("sdetcheck test IdP") != std::string::npos);
  std::optional<CertificateInfo> old =
      InspectCertificate(expired.signing_certificates[0], std::time(nullptr), 0, &error);
  REQUIRE(old);
  CHECK(!old->valid_at_end);
  CHECK(old->not_after.find("2021") != std::string::npos);
  // The same certificate was valid in 2020.
  std::optional<CertificateInfo> then =
      InspectCertificate(expired.signing_certificates[0], 1593561600, 0, &error);
  CHECK((then && then->valid_at_start && then->valid_at_end));
}

TEST_CASE("a certificate that is not base64 DER is an error with a reason") {
  std::string error;
  CHECK(!InspectCertificate("not base64!", 0, 0, &error));
  CHECK(error == "certificate is not valid base64");
  CHECK(!InspectCertificate("aGVsbG8gd29ybGQh", 0, 0, &error));
  CHECK(error == "not a DER X.509 certificate");
}

}  // namespace
}  // namespace sdetcheck
