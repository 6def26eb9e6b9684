#include "probe/saml_idp_response.h"

#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <pugixml.hpp>

#include "probe/saml_request.h"
#include "probe/saml_response.h"
#include "xml/signature.h"

namespace sdetcheck {
namespace {

constexpr const char* kTransient = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
constexpr const char* kBearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
constexpr const char* kBasic = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";
constexpr const char* kPasswordContext =
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
constexpr long kValiditySeconds = 300;

// The times of one Response: issued now and valid five minutes, or, expired, issued two
// hours ago and ended an hour ago.
struct Times {
  std::string issued, not_before, not_on_or_after;
};

Times TimesFor(std::time_t now, ResponseDefect defect) {
  if (defect == ResponseDefect::kExpired) {
    std::time_t end = now - kExpiredBySeconds;
    return {SamlDateTime(end - kExpiredBySeconds), SamlDateTime(end - kExpiredBySeconds),
            SamlDateTime(end)};
  }
  return {SamlDateTime(now), SamlDateTime(now - 60), SamlDateTime(now + kValiditySeconds)};
}

pugi::xml_node Element(pugi::xml_node parent, const char* name, const std::string& text = "") {
  pugi::xml_node node = parent.append_child(name);
  if (!text.empty()) node.text().set(text.c_str());
  return node;
}

void Attribute(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name).set_value(value.c_str());
}

void AddSubject(pugi::xml_node assertion, const SamlIdpResponse& spec, const std::string& acs,
                const Times& times) {
  pugi::xml_node subject = Element(assertion, "saml:Subject");
  pugi::xml_node name_id = Element(subject, "saml:NameID", spec.name_id);
  Attribute(name_id, "Format", kTransient);
  pugi::xml_node confirmation = Element(subject, "saml:SubjectConfirmation");
  Attribute(confirmation, "Method", kBearer);
  pugi::xml_node data = Element(confirmation, "saml:SubjectConfirmationData");
  if (!spec.in_response_to.empty()) Attribute(data, "InResponseTo", spec.in_response_to);
  Attribute(data, "NotOnOrAfter", times.not_on_or_after);
  Attribute(data, "Recipient", acs);
}

void AddConditions(pugi::xml_node assertion, const std::string& audience, const Times& times) {
  pugi::xml_node conditions = Element(assertion, "saml:Conditions");
  Attribute(conditions, "NotBefore", times.not_before);
  Attribute(conditions, "NotOnOrAfter", times.not_on_or_after);
  Element(Element(conditions, "saml:AudienceRestriction"), "saml:Audience", audience);
}

void AddStatements(pugi::xml_node assertion, const SamlIdpResponse& spec, const Times& times) {
  pugi::xml_node authn = Element(assertion, "saml:AuthnStatement");
  Attribute(authn, "AuthnInstant", times.issued);
  Attribute(authn, "SessionIndex", SamlRandomId());
  Element(Element(authn, "saml:AuthnContext"), "saml:AuthnContextClassRef", kPasswordContext);
  if (spec.attributes.empty()) return;
  pugi::xml_node statement = Element(assertion, "saml:AttributeStatement");
  for (const SamlAttribute& attribute : spec.attributes) {
    pugi::xml_node node = Element(statement, "saml:Attribute");
    Attribute(node, "Name", attribute.name);
    Attribute(node, "NameFormat", kBasic);
    for (const std::string& value : attribute.values) {
      Element(node, "saml:AttributeValue", value);
    }
  }
}

std::string Serialised(const pugi::xml_document& doc) {
  struct Writer : pugi::xml_writer {
    std::string text;
    void write(const void* data, size_t size) override {
      text.append(static_cast<const char*>(data), size);
    }
  } writer;
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration);
  return writer.text;
}

}  // namespace

std::string SamlIdpResponseXml(const SamlIdpResponse& spec, ResponseDefect defect,
                               std::string* response_id, std::string* assertion_id) {
  bool foreign = defect == ResponseDefect::kForeignAudience;
  std::string acs = foreign ? kForeignAcsUrl : spec.acs_url;
  Times times = TimesFor(spec.now, defect);
  *response_id = SamlRandomId();
  *assertion_id = SamlRandomId();
  pugi::xml_document doc;
  pugi::xml_node response = doc.append_child("samlp:Response");
  Attribute(response, "xmlns:samlp", kSamlProtocolNs);
  Attribute(response, "xmlns:saml", kSamlAssertionNs);
  Attribute(response, "ID", *response_id);
  Attribute(response, "Version", "2.0");
  Attribute(response, "IssueInstant", times.issued);
  Attribute(response, "Destination", acs);
  if (!spec.in_response_to.empty()) Attribute(response, "InResponseTo", spec.in_response_to);
  Element(response, "saml:Issuer", spec.idp_entity_id);
  Attribute(Element(Element(response, "samlp:Status"), "samlp:StatusCode"), "Value",
            "urn:oasis:names:tc:SAML:2.0:status:Success");
  pugi::xml_node assertion = Element(response, "saml:Assertion");
  Attribute(assertion, "ID", *assertion_id);
  Attribute(assertion, "Version", "2.0");
  Attribute(assertion, "IssueInstant", times.issued);
  Element(assertion, "saml:Issuer", spec.idp_entity_id);
  AddSubject(assertion, spec, acs, times);
  AddConditions(assertion, foreign ? kForeignSpEntityId : spec.sp_entity_id, times);
  AddStatements(assertion, spec, times);
  return Serialised(doc);
}

std::optional<std::string> SignedSamlIdpResponse(const SamlIdpResponse& spec, ResponseDefect defect,
                                                 const std::string& key_pem, std::string* error) {
  std::string response_id, assertion_id;
  std::string xml = SamlIdpResponseXml(spec, defect, &response_id, &assertion_id);
  if (response_id.empty() || assertion_id.empty()) {
    *error = "no random ID (OpenSSL RAND_bytes failed)";
    return std::nullopt;
  }
  if (defect == ResponseDefect::kUnsigned) return xml;
  std::string key = defect == ResponseDefect::kUntrustedKey ? UntrustedRsaKeyPem() : key_pem;
  std::optional<std::string> signed_assertion = SignEnveloped(xml, assertion_id, key, error);
  if (!signed_assertion) return std::nullopt;
  return SignEnveloped(*signed_assertion, response_id, key, error);
}

std::string UntrustedRsaKeyPem() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!key || !bio ||
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return "";
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace sdetcheck
