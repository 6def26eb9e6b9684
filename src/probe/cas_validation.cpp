#include "probe/cas_validation.h"

#include <pugixml.hpp>

#include <cstring>

namespace sdetcheck {
namespace {

const char* LocalName(const pugi::xml_node& node) {
  const char* name = node.name();
  const char* colon = std::strchr(name, ':');
  return colon ? colon + 1 : name;
}

pugi::xml_node Child(const pugi::xml_node& parent, const char* local_name) {
  for (pugi::xml_node child : parent.children()) {
    if (std::strcmp(LocalName(child), local_name) == 0) return child;
  }
  return {};
}

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
  if (std::strcmp(LocalName(root), "serviceResponse") != 0) {
    v.problem = std::string("expected <cas:serviceResponse>, got <") + root.name() + ">";
    return v;
  }
  if (pugi::xml_node failure = Child(root, "authenticationFailure")) {
    v.status = CasValidation::Status::kFailure;
    v.failure_code = failure.attribute("code").value();
    return v;
  }
  pugi::xml_node success = Child(root, "authenticationSuccess");
  if (!success) {
    v.problem = "neither authenticationSuccess nor authenticationFailure";
    return v;
  }
  v.status = CasValidation::Status::kSuccess;
  v.user = Trimmed(Child(success, "user").text().get());
  for (pugi::xml_node attribute : Child(success, "attributes").children()) {
    if (attribute.type() != pugi::node_element) continue;
    v.attributes[LocalName(attribute)].push_back(Trimmed(attribute.text().get()));
  }
  return v;
}

}  // namespace sdetcheck
