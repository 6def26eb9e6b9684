#include "probe/saml_metadata.h"

#include <cstdio>
#include <cstring>

#include <pugixml.hpp>

#include "xml/names.h"

namespace sdetcheck {
namespace {

SamlFreshness FreshnessOf(const pugi::xml_node& element) {
  return {XmlLocalName(element), element.attribute("validUntil").value(),
          element.attribute("cacheDuration").value()};
}

void ReadKey(const pugi::xml_node& key_descriptor, SamlDescriptor* d) {
  SamlKey key{key_descriptor.attribute("use").value(), ""};
  pugi::xml_node cert = XmlDescendant(key_descriptor, "X509Certificate");
  if (cert) key.certificate = cert.text().get();
  if (!key.certificate.empty() && (key.use.empty() || key.use == "signing"))
    d->signing_certificates.push_back(key.certificate);
  d->keys.push_back(std::move(key));
}

void ReadChild(const pugi::xml_node& child, SamlDescriptor* d) {
  const char* name = XmlLocalName(child);
  if (std::strcmp(name, "KeyDescriptor") == 0) return ReadKey(child, d);
  if (std::strcmp(name, "NameIDFormat") == 0) {
    d->name_id_formats.emplace_back(child.text().get());
    return;
  }
  if (!child.attribute("Location")) return;
  SamlService service{name, child.attribute("Binding").value(), child.attribute("Location").value(),
                      child.attribute("ResponseLocation").value()};
  d->endpoints.push_back(service.location);
  if (!service.response_location.empty()) d->endpoints.push_back(service.response_location);
  d->services.push_back(std::move(service));
}

pugi::xml_node EntityOf(const pugi::xml_document& doc) {
  pugi::xml_node root = doc.document_element();
  if (std::strcmp(XmlLocalName(root), "EntityDescriptor") == 0) return root;
  return XmlDescendant(doc, "EntityDescriptor");
}

}  // namespace

SamlDescriptor ReadSamlDescriptor(const std::string& xml, const std::string& role) {
  SamlDescriptor d;
  pugi::xml_document doc;
  // parse_default skips any DOCTYPE and expands no entity but the five predefined ones.
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default);
  if (!parsed) {
    d.problem = std::string("metadata is not well-formed XML: ") + parsed.description();
    return d;
  }
  pugi::xml_node entity = EntityOf(doc);
  if (!entity) {
    d.problem =
        std::string("no EntityDescriptor (root is <") + doc.document_element().name() + ">)";
    return d;
  }
  d.entity_id = entity.attribute("entityID").value();
  d.root = FreshnessOf(doc.document_element());
  d.root_signed = static_cast<bool>(XmlChild(doc.document_element(), "Signature"));
  pugi::xml_node descriptor =
      XmlChild(entity, role == "sp" ? "SPSSODescriptor" : "IDPSSODescriptor");
  if (!descriptor) return d;
  d.found = true;
  d.descriptor = FreshnessOf(descriptor);
  d.protocols = descriptor.attribute("protocolSupportEnumeration").value();
  d.requests_signed =
      descriptor.attribute(role == "sp" ? "AuthnRequestsSigned" : "WantAuthnRequestsSigned")
          .value();
  for (pugi::xml_node child : descriptor.children()) {
    if (child.type() == pugi::node_element) ReadChild(child, &d);
  }
  return d;
}

std::optional<std::time_t> ParseXmlDateTime(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  double second = 0;
  int used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%lf%n", &year, &month, &day, &hour, &minute,
                  &second, &used) != 6)
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second >= 61)
    return std::nullopt;
  std::string zone = text.substr(used);
  long offset = 0;
  if (zone != "Z" && !zone.empty()) {
    int zone_hour = 0, zone_minute = 0;
    char sign = 0;
    if (std::sscanf(zone.c_str(), "%c%2d:%2d", &sign, &zone_hour, &zone_minute) != 3 ||
        (sign != '+' && sign != '-'))
      return std::nullopt;
    offset = (sign == '+' ? 1 : -1) * (zone_hour * 3600L + zone_minute * 60L);
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = static_cast<int>(second);
  return timegm(&tm) - offset;
}

}  // namespace sdetcheck
