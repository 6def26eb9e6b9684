#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "html/document.h"

namespace sdetcheck {
namespace {

TEST_CASE("html: the element tree lists elements in document order with their parents") {
  std::vector<HtmlTreeNode> nodes;
  std::string error;
  REQUIRE(HtmlElementTree("<p id=a>un <b>deux</b> trois</p><label>Nom <input name=n></label>",
                          &nodes, &error));
  std::vector<std::string> tags;
  for (const HtmlTreeNode& node : nodes) tags.push_back(node.element.tag);
  CHECK(tags == std::vector<std::string>{"html", "head", "body", "p", "b", "label", "input"});
  CHECK(nodes[0].parent == HtmlTreeNode::kNoParent);
  CHECK(nodes[3].parent == 2);
  CHECK(nodes[4].parent == 3);
  CHECK(nodes[6].parent == 5);
  // Own text only: the <b>'s text is not the <p>'s.
  CHECK(nodes[3].element.text == "un trois");
  CHECK(nodes[4].element.text == "deux");
  CHECK(*nodes[3].element.Attribute("id") == "a");
  CHECK(*nodes[6].element.Attribute("name") == "n");
}

TEST_CASE("html: the element tree refuses pages beyond the limits") {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  std::vector<HtmlTreeNode> nodes;
  std::string error;
  CHECK_FALSE(HtmlElementTree(deep, &nodes, &error));
  CHECK_FALSE(error.empty());
  // Within the limits, a deep page is walked without recursion.
  std::string nested;
  for (int i = 0; i < 900; ++i) nested += "<span>";
  nodes.clear();
  REQUIRE(HtmlElementTree(nested + "x", &nodes, &error));
  CHECK(nodes.size() == 903);
  CHECK(nodes.back().element.text == "x");
  CHECK(nodes.back().parent == nodes.size() - 2);
}

}  // namespace
}  // namespace sdetcheck
