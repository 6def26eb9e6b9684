#pragma once
// Namespace-prefix-blind access to pugixml trees: protocols (CAS, SAML) fix namespaces,
// not the prefixes servers choose. Internal header for the probe parsers.

#include <pugixml.hpp>

namespace sdetcheck {

// "cas:user" -> "user".
const char* XmlLocalName(const pugi::xml_node& node);

// First child element / first descendant element with that local name, or an empty node.
pugi::xml_node XmlChild(const pugi::xml_node& parent, const char* local_name);
pugi::xml_node XmlDescendant(const pugi::xml_node& root, const char* local_name);

}  // namespace sdetcheck
