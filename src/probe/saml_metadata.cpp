#include "probe/saml_metadata.h"

#include <cstring>

#include <pugixml.hpp>

#include "xml/names.h"

namespace sdetcheck {
namespace {

void CollectCertificates(const pugi::xml_node& key_descriptor, std::vector<std::string>* out) {
  std::string use = key_descriptor.attribute("use").value();
  if (!use.empty() && use != "signing") return;
  pugi::xml_node cert = XmlDescendant(key_descriptor, "X509Certificate");
  if (cert) out->push_back(cert.text().get());
}

}  // namespace

SamlDescriptor ReadSamlDescriptor(const std::string& xml, const std::string& role) {
  SamlDescriptor d;
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default);
  if (!parsed) {
    d.problem = std::string("metadata is not well-formed XML: ") + parsed.description();
    return d;
  }
  pugi::xml_node entity = std::strcmp(XmlLocalName(doc.document_element()), "EntityDescriptor") == 0
                              ? doc.document_element()
                              : XmlDescendant(doc, "EntityDescriptor");
  if (!entity) {
    d.problem =
        std::string("no EntityDescriptor (root is <") + doc.document_element().name() + ">)";
    return d;
  }
  d.entity_id = entity.attribute("entityID").value();
  pugi::xml_node descriptor =
      XmlDescendant(entity, role == "sp" ? "SPSSODescriptor" : "IDPSSODescriptor");
  if (!descriptor) return d;
  d.found = true;
  for (pugi::xml_node child : descriptor.children()) {
    if (child.type() != pugi::node_element) continue;
    if (std::strcmp(XmlLocalName(child), "KeyDescriptor") == 0)
      CollectCertificates(child, &d.signing_certificates);
    if (child.attribute("Location")) d.endpoints.push_back(child.attribute("Location").value());
  }
  return d;
}

}  // namespace sdetcheck
