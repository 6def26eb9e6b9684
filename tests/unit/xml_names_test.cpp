#include <string>

#include <doctest/doctest.h>

#include "xml/names.h"

namespace sdetcheck {
namespace {

pugi::xml_node Load(pugi::xml_document* doc, const std::string& xml) {
  REQUIRE(doc->load_string(xml.c_str()));
  return doc->document_element();
}

TEST_CASE("an element's namespace comes from the nearest declaration of its prefix") {
  pugi::xml_document doc;
  pugi::xml_node root =
      Load(&doc,
           "<a:r xmlns:a='urn:one' xmlns='urn:default'><a:x/><a:y xmlns:a='urn:two'/>"
           "<z/><w xmlns=''/><b:v/><xml:s/></a:r>");
  CHECK(XmlPrefix(root) == "a");
  CHECK(XmlNamespaceOf(root) == "urn:one");
  CHECK(XmlNamespaceOf(root.child("a:x")) == "urn:one");
  CHECK(XmlNamespaceOf(root.child("a:y")) == "urn:two");
  CHECK(XmlNamespaceOf(root.child("z")) == "urn:default");
  CHECK(XmlPrefix(root.child("z")).empty());
  CHECK(XmlNamespaceOf(root.child("w")) == "");
  CHECK_FALSE(XmlNamespaceOf(root.child("b:v")).has_value());
  CHECK(XmlNamespaceOf(root.child("xml:s")) == "http://www.w3.org/XML/1998/namespace");
}

TEST_CASE("an unprefixed element with no default namespace is in no namespace") {
  pugi::xml_document doc;
  CHECK(XmlNamespaceOf(Load(&doc, "<r/>")) == "");
}

TEST_CASE("children are found by local name whatever their prefix") {
  pugi::xml_document doc;
  pugi::xml_node root = Load(&doc, "<r><a:user/><user/><x><user/></x><b:user/>text</r>");
  std::vector<pugi::xml_node> users = XmlChildren(root, "user");
  REQUIRE(users.size() == 3);
  CHECK(std::string(users[0].name()) == "a:user");
  CHECK(std::string(users[2].name()) == "b:user");
  CHECK(XmlChildren(root, "none").empty());
  CHECK(std::string(XmlChild(root, "user").name()) == "a:user");
  CHECK(std::string(XmlDescendant(root.child("x"), "user").name()) == "user");
}

}  // namespace
}  // namespace sdetcheck
