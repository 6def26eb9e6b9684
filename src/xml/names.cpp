#include "xml/names.h"

#include <cstring>

namespace sdetcheck {
namespace {

constexpr const char* kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

bool HasLocalName(const pugi::xml_node& node, const char* local_name) {
  return node.type() == pugi::node_element && std::strcmp(XmlLocalName(node), local_name) == 0;
}

}  // namespace

const char* XmlLocalName(const pugi::xml_node& node) {
  const char* colon = std::strchr(node.name(), ':');
  return colon ? colon + 1 : node.name();
}

std::string XmlPrefix(const pugi::xml_node& node) {
  const char* colon = std::strchr(node.name(), ':');
  return colon ? std::string(node.name(), colon) : "";
}

std::optional<std::string> XmlNamespaceOf(const pugi::xml_node& element) {
  std::string prefix = XmlPrefix(element);
  if (prefix == "xml") return kXmlNamespace;  // bound by definition, never declared
  std::string declaration = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
  for (pugi::xml_node n = element; n.type() == pugi::node_element; n = n.parent()) {
    if (pugi::xml_attribute bound = n.attribute(declaration.c_str()))
      return std::string(bound.value());
  }
  if (prefix.empty()) return "";
  return std::nullopt;
}

pugi::xml_node XmlChild(const pugi::xml_node& parent, const char* local_name) {
  for (pugi::xml_node child : parent.children()) {
    if (HasLocalName(child, local_name)) return child;
  }
  return {};
}

pugi::xml_node XmlDescendant(const pugi::xml_node& root, const char* local_name) {
  return root.find_node(
      [local_name](const pugi::xml_node& n) { return HasLocalName(n, local_name); });
}

std::vector<pugi::xml_node> XmlChildren(const pugi::xml_node& parent, const char* local_name) {
  std::vector<pugi::xml_node> found;
  for (pugi::xml_node child : parent.children()) {
    if (HasLocalName(child, local_name)) found.push_back(child);
  }
  return found;
}

}  // namespace sdetcheck
