#include "probe/variables.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace sdetcheck {
namespace {

const Variables kVars = {{"base_url", "https://ent.example.test"},
                         {"path", "/cas/login"},
                         {"vars.uai", "0000000A"},
                         {"loop", "${base_url}"}};

std::string Expand(const std::string& text) {
  std::string error;
  std::optional<std::string> out = ExpandVariables(text, kVars, &error);
  INFO("error: " << error);
  REQUIRE(out.has_value());
  return *out;
}

TEST_CASE("ExpandVariables substitutes every ${name}, adjacent ones included") {
  CHECK(Expand("${base_url}${path}") == "https://ent.example.test/cas/login");
  CHECK(Expand("${base_url}/ent?uai=${vars.uai}&x=${vars.uai}") ==
        "https://ent.example.test/ent?uai=0000000A&x=0000000A");
}

TEST_CASE("ExpandVariables leaves text without references unchanged") {
  CHECK(Expand("") == "");
  CHECK(Expand("plain text") == "plain text");
  CHECK(Expand("cost: $5 {braces}") == "cost: $5 {braces}");
}

TEST_CASE("ExpandVariables does not expand references inside substituted values") {
  CHECK(Expand("${loop}") == "${base_url}");
}

TEST_CASE("ExpandVariables reports an unknown variable by name") {
  std::string error;
  CHECK_FALSE(ExpandVariables("${base_url}${pth}", kVars, &error).has_value());
  CHECK(error.find("unknown variable ${pth}") != std::string::npos);
}

TEST_CASE("ExpandVariables reports an unclosed reference") {
  std::string error;
  CHECK_FALSE(ExpandVariables("${base_url}/x${path", kVars, &error).has_value());
  CHECK(error.find("unclosed") != std::string::npos);
}

TEST_CASE("ExpandVariables treats an empty name as unknown") {
  std::string error;
  CHECK_FALSE(ExpandVariables("a${}b", kVars, &error).has_value());
  CHECK(error.find("unknown variable ${}") != std::string::npos);
}

TEST_CASE("ReferencedVariables lists names in order, with repeats, ignoring unclosed") {
  std::vector<std::string> names = ReferencedVariables("${a}/${vars.b}?${a}&${broken");
  CHECK(names == std::vector<std::string>{"a", "vars.b", "a"});
  CHECK(ReferencedVariables("no refs").empty());
}

TEST_CASE("BuiltinVariableNames holds the target variables") {
  const std::vector<std::string>& names = BuiltinVariableNames();
  for (const char* name : {"base_url", "http_url", "host", "cas_url", "saml_metadata_url",
                           "oidc_discovery_url"}) {
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
}

}  // namespace
}  // namespace sdetcheck
