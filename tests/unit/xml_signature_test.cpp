#include <string>

#include <doctest/doctest.h>

#include "support/local_servers.h"
#include "support/test_keys.h"
#include "xml/signature.h"

namespace sdetcheck {
namespace {

const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures/saml/";
const char* const kMd = "urn:oasis:names:tc:SAML:2.0:metadata";

std::string Anchor() { return CertificateDer(testing::ReadFile(kFixtures + "anchor.pem")); }

TEST_CASE("SignedXml: verifies an enveloped signature with the trusted certificate only") {
  SignedXml doc(testing::ReadFile(kFixtures + "idp-signed.xml"));
  REQUIRE_MESSAGE(doc.Ok(), doc.Problem());
  REQUIRE(!Anchor().empty());
  SignedXml::Verification by_id = doc.Verify("_md1", {Anchor()});
  CHECK_MESSAGE(by_id.verified, by_id.problem);
  CHECK(by_id.algorithm == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
  CHECK(doc.Verify("", {Anchor()}).verified);
  // Another certificate: no.
  SignedXml inline_key(testing::ReadFile(kFixtures + "idp-signed-inline-key.xml"));
  CHECK_FALSE(inline_key.Verify("", {Anchor()}).verified);
  CHECK(inline_key.Verify("", {Anchor()}).signed_);
  // No certificate at all: the KeyValue in the message is never used.
  CHECK_FALSE(inline_key.Verify("", {}).verified);
}

TEST_CASE("SignedXml: a signature over another element does not cover the one asked for") {
  SignedXml doc(testing::ReadFile(kFixtures + "idp-signed-wrapped.xml"));
  REQUIRE(doc.Ok());
  SignedXml::Verification v = doc.Verify("", {Anchor()});
  CHECK_FALSE(v.verified);
  CHECK(v.problem.find("not the signed element #_md1") != std::string::npos);
  CHECK(doc.Find(kMd, "Extensions").size() == 1);
  CHECK(doc.Find(kMd, "Extensions")[0].id == "_ext");
  CHECK_FALSE(doc.Verify("_ext", {Anchor()}).signed_);  // its signature sits on the root
}

TEST_CASE("SignedXml: hostile documents are refused before or while parsing") {
  CHECK(SignedXml(testing::ReadFile(kFixtures + "idp-signed-duplicate-id.xml")).Problem() ==
        "duplicate ID _md1");
  std::string external =
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
  CHECK(SignedXml(external).Problem().find("DOCTYPE refused") != std::string::npos);
  std::string laughs =
      "<!doctype lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><r>&lol2;</r>";
  CHECK(SignedXml(laughs).Problem().find("DOCTYPE refused") != std::string::npos);
  CHECK(SignedXml("<html><body>Login</body>").Problem() == "not well-formed XML");
  CHECK(SignedXml("Maintenance").Problem() == "not an XML document");
  std::string huge = "<r>" + std::string(50u << 20, 'a') + "</r>";
  CHECK(SignedXml(huge).Problem().find("larger than") != std::string::npos);
  // Well-formed, wrong namespace: nothing to find, nothing signed.
  SignedXml other("<md:EntityDescriptor xmlns:md=\"urn:example:not-saml\" ID=\"_a\"/>");
  REQUIRE(other.Ok());
  CHECK(other.Find(kMd, "EntityDescriptor").empty());
  CHECK_FALSE(other.Verify("_a", {Anchor()}).signed_);
}

TEST_CASE("CertificateDer: PEM and bare base64 give the same DER") {
  std::string pem = testing::ReadFile(kFixtures + "anchor.pem");
  std::string body;
  for (size_t start = pem.find('\n') + 1; start < pem.size();) {
    size_t end = pem.find('\n', start);
    std::string line = pem.substr(start, end - start);
    if (line.rfind("-----", 0) == 0) break;
    body += line;
    start = end + 1;
  }
  CHECK(CertificateDer(pem) == CertificateDer(body));
  CHECK(CertificateDer("not base64!").empty());
}

TEST_CASE("xmlsec signing: verifies with the certificate, not after a change, not with a bad key") {
  testing::TestKeyPair keys = testing::MakeTestKeyPair();
  std::string error;
  std::string xml = "<r xmlns=\"urn:t\" ID=\"_r\"><Issuer>i</Issuer><v>1</v></r>";
  std::optional<std::string> signed_xml = SignEnveloped(xml, "_r", keys.key_pem, &error);
  REQUIRE_MESSAGE(signed_xml, error);
  CHECK(signed_xml->find("</Issuer><ds:Signature") != std::string::npos);
  CHECK(SignedXml(*signed_xml).Verify("_r", {keys.certificate_der}).verified);
  std::string tampered = *signed_xml;
  tampered.replace(tampered.find("<v>1</v>"), 8, "<v>2</v>");
  CHECK_FALSE(SignedXml(tampered).Verify("_r", {keys.certificate_der}).verified);
  CHECK_FALSE(SignEnveloped(xml, "_nope", keys.key_pem, &error));
  CHECK_FALSE(SignEnveloped(xml, "_r", "not a key", &error));
  CHECK(error.find("PEM RSA") != std::string::npos);
  CHECK_FALSE(SignEnveloped("<!DOCTYPE r><r ID=\"_r\"/>", "_r", keys.key_pem, &error));
}

}  // namespace
}  // namespace sdetcheck
