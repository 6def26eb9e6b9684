#include "xml/names.h"

#include <cstring>

namespace sdetcheck {

const char* XmlLocalName(const pugi::xml_node& node) {
  const char* colon = std::strchr(node.name(), ':');
  return colon ? colon + 1 : node.name();
}

pugi::xml_node XmlChild(const pugi::xml_node& parent, const char* local_name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && std::strcmp(XmlLocalName(child), local_name) == 0) return child;
  }
  return {};
}

pugi::xml_node XmlDescendant(const pugi::xml_node& root, const char* local_name) {
  return root.find_node([local_name](const pugi::xml_node& n) {
    return n.type() == pugi::node_element && std::strcmp(XmlLocalName(n), local_name) == 0;
  });
}

}  // namespace sdetcheck
