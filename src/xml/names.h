#pragma once
// Namespace-prefix-blind access to pugixml trees: protocols (CAS, SAML) fix namespaces,
// not the prefixes servers choose. Internal header for the probe parsers.

#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace sdetcheck {

// "cas:user" -> "user".
const char* XmlLocalName(const pugi::xml_node& node);

// "cas:user" -> "cas", "user" -> "".
std::string XmlPrefix(const pugi::xml_node& node);

// The namespace of an element's name, resolved through the xmlns:prefix (or, unprefixed,
// xmlns) declarations on the element and then its ancestors, nearest first. "" when the
// name is in no namespace; nullopt when its prefix is declared nowhere.
std::optional<std::string> XmlNamespaceOf(const pugi::xml_node& element);

// First child element / first descendant element with that local name, or an empty node.
pugi::xml_node XmlChild(const pugi::xml_node& parent, const char* local_name);
pugi::xml_node XmlDescendant(const pugi::xml_node& root, const char* local_name);

// Every child element with that local name, whatever its namespace, in document order.
std::vector<pugi::xml_node> XmlChildren(const pugi::xml_node& parent, const char* local_name);

}  // namespace sdetcheck
