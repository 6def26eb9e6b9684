#include "probe/cas_validation.h"

#include <pugixml.hpp>

#include <cstring>

#include "xml/names.h"

namespace sdetcheck {
namespace {

std::string Trimmed(const char* text) {
  std::string s = text;
  size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

CasValidation ParseVersion1(const std::string& body) {
  CasValidation v;
  if (body.rfind("yes\n", 0) == 0) {
    v.status = CasValidation::Status::kSuccess;
    v.user = Trimmed(body.substr(4).c_str());
  } else if (body.rfind("no\n", 0) == 0) {
    v.status = CasValidation::Status::kFailure;
  } else {
    v.problem = "CAS 1 answer is neither \"yes\" nor \"no\"";
  }
  return v;
}

}  // namespace

CasValidation ParseCasValidation(const std::string& body, int version) {
  if (version == 1) return ParseVersion1(body);
  CasValidation v;
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(body.data(), body.size(), pugi::parse_default);
  if (!parsed) {
    v.problem = std::string("validation answer is not well-formed XML: ") + parsed.description();
    return v;
  }
  pugi::xml_node root = doc.document_element();
  if (std::strcmp(XmlLocalName(root), "serviceResponse") != 0) {
    v.problem = std::string("expected <cas:serviceResponse>, got <") + root.name() + ">";
    return v;
  }
  if (pugi::xml_node failure = XmlChild(root, "authenticationFailure")) {
    v.status = CasValidation::Status::kFailure;
    v.failure_code = failure.attribute("code").value();
    return v;
  }
  pugi::xml_node success = XmlChild(root, "authenticationSuccess");
  if (!success) {
    v.problem = "neither authenticationSuccess nor authenticationFailure";
    return v;
  }
  v.status = CasValidation::Status::kSuccess;
  v.user = Trimmed(XmlChild(success, "user").text().get());
  for (pugi::xml_node attribute : XmlChild(success, "attributes").children()) {
    if (attribute.type() != pugi::node_element) continue;
    v.attributes[XmlLocalName(attribute)].push_back(Trimmed(attribute.text().get()));
  }
  return v;
}

}  // namespace sdetcheck
