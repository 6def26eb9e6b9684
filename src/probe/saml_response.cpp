#include "probe/saml_response.h"

#include <cstring>
#include <optional>

#include <pugixml.hpp>

#include "probe/saml_metadata.h"
#include "probe/saml_metadata_checks.h"
#include "xml/names.h"
#include "xml/signature.h"

namespace sdetcheck {
namespace {

constexpr const char* kSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";

struct Judging {
  const SamlExpectations& expect;
  size_t evidence;
  std::vector<Check> checks;

  Check& Add(const char* key, CheckState state, Message message, std::string observed,
             std::string expected = "") {
    checks.push_back(SamlCheck(key, "", state, std::move(message), evidence));
    checks.back().observed = std::move(observed);
    checks.back().expected = std::move(expected);
    return checks.back();
  }
  void Equal(const char* key, const std::string& what, const std::string& seen,
             const std::string& wanted) {
    bool ok = seen == wanted;
    Add(key, ok ? CheckState::kPass : CheckState::kFail,
        Msg(ok ? "saml.response.value.pass" : "saml.response.value.fail", {{"what", what}}),
        seen.empty() ? "(absent)" : seen, wanted);
  }
};

size_t CountByLocalName(const pugi::xml_node& root, const char* name) {
  size_t count = 0;
  struct Walker : pugi::xml_tree_walker {
    const char* name;
    size_t* count;
    bool for_each(pugi::xml_node& node) override {
      if (node.type() == pugi::node_element && std::strcmp(XmlLocalName(node), name) == 0) ++*count;
      return true;
    }
  } walker;
  walker.name = name;
  walker.count = &count;
  pugi::xml_node copy = root;
  copy.traverse(walker);
  return count;
}

void SignatureCheck(Judging* j, const SignedXml& doc, const char* key, const std::string& id,
                    bool required) {
  SignedXml::Verification v = doc.Verify(id, j->expect.idp_certificates_der);
  if (!v.signed_ && !required) {
    j->Add(key, CheckState::kNotApplicable, Msg("saml.response.signature.absent"), "");
    return;
  }
  j->Add(key, v.verified ? CheckState::kPass : CheckState::kFail,
         Msg(v.verified ? "saml.response.signature.pass" : "saml.response.signature.fail",
             {{"id", id}}),
         v.verified ? v.algorithm : v.problem, "verified with the IdP metadata certificate");
}

// The time window [not_before - skew, not_on_or_after + skew) holds now; empty bounds hold.
bool Within(const Judging& j, const std::string& not_before, const std::string& not_on_or_after) {
  std::optional<std::time_t> from = ParseXmlDateTime(not_before);
  std::optional<std::time_t> until = ParseXmlDateTime(not_on_or_after);
  if ((!not_before.empty() && !from) || (!not_on_or_after.empty() && !until)) return false;
  if (from && j.expect.now + j.expect.skew_seconds < *from) return false;
  return !until || j.expect.now - j.expect.skew_seconds < *until;
}

void SubjectChecks(Judging* j, const pugi::xml_node& assertion) {
  pugi::xml_node data = XmlDescendant(XmlChild(assertion, "Subject"), "SubjectConfirmationData");
  std::string recipient = data.attribute("Recipient").value();
  std::string in_response_to = data.attribute("InResponseTo").value();
  std::string until = data.attribute("NotOnOrAfter").value();
  bool ok = recipient == j->expect.acs_url && in_response_to == j->expect.request_id &&
            !until.empty() && Within(*j, "", until);
  j->Add("saml.assertion.subject_confirmation", ok ? CheckState::kPass : CheckState::kFail,
         Msg(ok ? "saml.assertion.subject_confirmation.pass"
                : "saml.assertion.subject_confirmation.fail"),
         "Recipient=" + recipient + " InResponseTo=" + in_response_to + " NotOnOrAfter=" + until,
         "Recipient=" + j->expect.acs_url + " InResponseTo=" + j->expect.request_id +
             " NotOnOrAfter>now-" + std::to_string(j->expect.skew_seconds) + "s");
}

void ConditionChecks(Judging* j, const pugi::xml_node& assertion) {
  pugi::xml_node conditions = XmlChild(assertion, "Conditions");
  std::string from = conditions.attribute("NotBefore").value();
  std::string until = conditions.attribute("NotOnOrAfter").value();
  bool fresh = conditions && Within(*j, from, until);
  j->Add("saml.assertion.conditions", fresh ? CheckState::kPass : CheckState::kFail,
         Msg(fresh ? "saml.assertion.conditions.pass" : "saml.assertion.conditions.fail",
             {{"skew", std::to_string(j->expect.skew_seconds)}}),
         "NotBefore=" + from + " NotOnOrAfter=" + until);
  std::vector<pugi::xml_node> restrictions = XmlChildren(conditions, "AudienceRestriction");
  bool audience = !restrictions.empty();
  std::string seen;
  for (const pugi::xml_node& restriction : restrictions) {
    bool here = false;
    for (const pugi::xml_node& a : XmlChildren(restriction, "Audience")) {
      seen += std::string(seen.empty() ? "" : " ") + a.text().get();
      here = here || j->expect.sp_entity_id == a.text().get();
    }
    audience = audience && here;
  }
  j->Add("saml.assertion.audience", audience ? CheckState::kPass : CheckState::kFail,
         Msg(audience ? "saml.assertion.audience.pass" : "saml.assertion.audience.fail"),
         seen.empty() ? "(none)" : seen, j->expect.sp_entity_id);
}

void AttributeCheck(Judging* j, const pugi::xml_node& assertion) {
  std::string names;
  for (const pugi::xml_node& statement : XmlChildren(assertion, "AttributeStatement")) {
    for (const pugi::xml_node& attribute : XmlChildren(statement, "Attribute"))
      names += std::string(names.empty() ? "" : ", ") + attribute.attribute("Name").value();
  }
  bool any = !names.empty();
  j->Add("saml.assertion.attributes", any ? CheckState::kPass : CheckState::kNotApplicable,
         Msg(any ? "saml.assertion.attributes.pass" : "saml.assertion.attributes.none",
             {{"names", names}}),
         names);
}

// The Response element's own values; false when its status is not Success (nothing more to
// judge).
bool ResponseChecks(Judging* j, const pugi::xml_node& response, bool signed_response) {
  std::string status =
      XmlChild(XmlChild(response, "Status"), "StatusCode").attribute("Value").value();
  bool success = status == kSuccess;
  j->Add("saml.response.status", success ? CheckState::kPass : CheckState::kFail,
         Msg(success ? "saml.response.status.pass" : "saml.response.status.fail",
             {{"status", status}}),
         status, kSuccess);
  if (!success) return false;
  std::string destination = response.attribute("Destination").value();
  if (!destination.empty() || signed_response)
    j->Equal("saml.response.destination", "Destination", destination, j->expect.acs_url);
  j->Equal("saml.response.in_response_to", "InResponseTo",
           response.attribute("InResponseTo").value(), j->expect.request_id);
  return true;
}

// Exactly one Assertion (by local name, whatever its namespace), a child of the Response, in
// the SAML assertion namespace; its ID, or nullopt with the failed check recorded.
std::optional<std::string> SingleAssertion(Judging* j, const SignedXml& doc,
                                           const pugi::xml_node& response) {
  size_t any_namespace = CountByLocalName(response, "Assertion");
  std::vector<SignedXml::Element> proper = doc.Find(kSamlAssertionNs, "Assertion");
  pugi::xml_node child = XmlChild(response, "Assertion");
  bool encrypted = static_cast<bool>(XmlChild(response, "EncryptedAssertion"));
  bool one = any_namespace == 1 && proper.size() == 1 && child &&
             proper[0].id == child.attribute("ID").value() && !proper[0].id.empty();
  if (encrypted && any_namespace == 0) {
    j->Add("saml.assertion.count", CheckState::kError, Msg("saml.assertion.encrypted"), "");
    return std::nullopt;
  }
  j->Add("saml.assertion.count", one ? CheckState::kPass : CheckState::kFail,
         Msg(one ? "saml.assertion.count.pass" : "saml.assertion.count.fail",
             {{"count", std::to_string(any_namespace)}}),
         std::to_string(any_namespace), "exactly one, a child of the Response");
  if (!one) return std::nullopt;
  return proper[0].id;
}

}  // namespace

std::vector<Check> JudgeSamlResponse(const std::string& xml, const SamlExpectations& expect,
                                     size_t evidence) {
  Judging j{expect, evidence, {}};
  SignedXml doc(xml);
  SignedXml::Element root = doc.Root();
  if (!doc.Ok() || root.ns != kSamlProtocolNs || root.local_name != "Response") {
    j.Add("saml.response.readable", CheckState::kError, Msg("saml.response.unreadable"),
          doc.Ok() ? "root {" + root.ns + "}" + root.local_name : doc.Problem());
    return j.checks;
  }
  pugi::xml_document tree;
  if (!tree.load_buffer(xml.data(), xml.size(), pugi::parse_default)) {
    j.Add("saml.response.readable", CheckState::kError, Msg("saml.response.unreadable"),
          "not well-formed XML (second reading)");
    return j.checks;
  }
  pugi::xml_node response = tree.document_element();
  bool signed_response = static_cast<bool>(XmlChild(response, "Signature"));
  if (!ResponseChecks(&j, response, signed_response)) return j.checks;
  SignatureCheck(&j, doc, "saml.response.signature", root.id, false);
  std::optional<std::string> id = SingleAssertion(&j, doc, response);
  if (!id) return j.checks;
  pugi::xml_node assertion = XmlChild(response, "Assertion");
  j.Equal("saml.response.issuer", "Issuer", XmlChild(assertion, "Issuer").text().get(),
          expect.idp_entity_id);
  SignatureCheck(&j, doc, "saml.assertion.signature", *id, true);
  SubjectChecks(&j, assertion);
  ConditionChecks(&j, assertion);
  AttributeCheck(&j, assertion);
  return j.checks;
}

}  // namespace sdetcheck
