#include <algorithm>

#include <doctest/doctest.h>

#include "probe/variables.h"

namespace sdetcheck {
namespace {

const Variables kVars = {{"base_url", "https://ent.example.test"},
                         {"path", "/cas/login"},
                         {"service", "https://ent.example.test/a b?x=1&y=é"},
                         {"vars.uai", "0000000A"},
                         {"loop", "${base_url}"}};

std::string Expand(const std::string& text) {
  Message error;
  std::optional<std::string> out = ExpandVariables(text, kVars, &error);
  INFO("error: " << error.code);
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
  Message error;
  CHECK_FALSE(ExpandVariables("${base_url}${pth}", kVars, &error).has_value());
  CHECK(error.code == "variable.unknown");
  CHECK(error.Param("name") == "pth");
}

TEST_CASE("ExpandVariables reports an unclosed reference") {
  Message error;
  CHECK_FALSE(ExpandVariables("${base_url}/x${path", kVars, &error).has_value());
  CHECK(error.code == "variable.unclosed");
}

TEST_CASE("ExpandVariables treats an empty name as unknown") {
  Message error;
  CHECK_FALSE(ExpandVariables("a${}b", kVars, &error).has_value());
  CHECK(error.code == "variable.unknown");
  CHECK(error.Param("name").empty());
}

TEST_CASE("ExpandVariables percent-encodes a value with the |url filter") {
  CHECK(Expand("${base_url}/cas/login?service=${service|url}") ==
        "https://ent.example.test/cas/login?service="
        "https%3A%2F%2Fent.example.test%2Fa%20b%3Fx%3D1%26y%3D%C3%A9");
  CHECK(Expand("${vars.uai|url}") == "0000000A");
}

TEST_CASE("ExpandVariables names the missing target setting for a builtin variable") {
  Message error;
  CHECK_FALSE(ExpandVariables("${cas_url}/login", kVars, &error).has_value());
  CHECK(error.code == "variable.not_in_target");
  CHECK(error.Param("name") == "cas_url");
  error = {};
  CHECK_FALSE(ExpandVariables("${cas_url|url}", kVars, &error).has_value());
  CHECK(error.Param("name") == "cas_url");
}

TEST_CASE("ReferencedVariables strips the |url filter") {
  CHECK(ReferencedVariables("${cas_url}/login?service=${base_url|url}") ==
        std::vector<std::string>{"cas_url", "base_url"});
}

TEST_CASE("ReferencedVariables lists names in order, with repeats, ignoring unclosed") {
  std::vector<std::string> names = ReferencedVariables("${a}/${vars.b}?${a}&${broken");
  CHECK(names == std::vector<std::string>{"a", "vars.b", "a"});
  CHECK(ReferencedVariables("no refs").empty());
}

TEST_CASE("BuiltinVariableNames holds the target variables") {
  const std::vector<std::string>& names = BuiltinVariableNames();
  for (const char* name :
       {"base_url", "http_url", "host", "cas_url", "saml_metadata_url", "oidc_discovery_url"}) {
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
}

}  // namespace
}  // namespace sdetcheck
