#include <string>

#include <doctest/doctest.h>

#include "yaml/reader.h"

namespace sdetcheck {
namespace {

// Ten aliases per level, `levels` deep: 10^levels nodes once expanded.
std::string AliasBomb(int levels) {
  std::string text = "&l0 {status: 200}";
  for (int k = 1; k <= levels; ++k) {
    std::string previous = "*l" + std::to_string(k - 1);
    text = "&l" + std::to_string(k) + " {all: [" + text;
    for (int i = 0; i < 9; ++i) text += ", " + previous;
    text += "]}";
  }
  return text;
}

// Regression: an alias inside the node it names made a cyclic node graph, and the matcher
// parser recursed until the stack overflowed (12 bytes: a probe file or `lint` crashed).
TEST_CASE("yaml reader: an alias inside the node it names is refused at the alias") {
  Diagnostics d;
  YamlReader reader("cycle.yaml", &d);
  CHECK_FALSE(reader.LoadString("&a {not: *a}").has_value());
  REQUIRE(d.size() == 1);
  CHECK(d.list()[0].message == "invalid YAML: an alias names a node that contains it (a cycle)");
  CHECK(d.list()[0].loc.line == 1);
  CHECK(d.list()[0].loc.column == 10);
}

// Regression: the loaders visit an aliased node once per alias, so 423 bytes (10^7 matchers)
// held the matcher parser past any timeout (YAML's "billion laughs").
TEST_CASE("yaml reader: aliases expanding a document beyond 100 000 nodes are refused") {
  Diagnostics d;
  YamlReader reader("bomb.yaml", &d);
  std::string bomb = AliasBomb(7);  // 423 bytes, 10^7 matchers
  CHECK(bomb.size() < 500);
  CHECK_FALSE(reader.LoadString(bomb).has_value());
  REQUIRE(d.size() == 1);
  CHECK(d.list()[0].message ==
        "invalid YAML: the document's aliases expand it to more than 100000 nodes");

  Diagnostics small;
  YamlReader small_reader("small.yaml", &small);
  CHECK(small_reader.LoadString(AliasBomb(3)).has_value());  // 10^3 nodes: fine
  CHECK(small.empty());
}

TEST_CASE("yaml reader: ordinary anchors and aliases still load") {
  Diagnostics d;
  YamlReader reader("aliases.yaml", &d);
  std::optional<YamlNode> root =
      reader.LoadString("base: &b {url: 'https://x/*'}\nother: *b\nlist: [*b, *b]\n");
  REQUIRE(root.has_value());
  CHECK(d.empty());
  CHECK((*root)["other"]["url"].Scalar() == "https://x/*");
  CHECK((*root)["list"].size() == 2);
}

}  // namespace
}  // namespace sdetcheck
