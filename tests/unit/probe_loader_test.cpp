#include <fstream>

#include <doctest/doctest.h>

#include "probe/loader.h"
#include "support/local_servers.h"

namespace sdetcheck {
namespace {

// Loads one probe file of `yaml`; returns every diagnostic message and hint.
std::string LoadErrors(const std::string& yaml, ProbeCatalog* catalog = nullptr) {
  std::string file = testing::MakeTempDir("sdetcheck-probes") + "/probes.yaml";
  std::ofstream(file) << yaml;
  Diagnostics diagnostics;
  ProbeCatalog loaded = LoadProbes({file}, &diagnostics);
  if (catalog) *catalog = loaded;
  std::string all;
  for (const Diagnostic& d : diagnostics.list()) {
    all += std::to_string(d.loc.line) + ": " + d.message + " | " + d.hint + "\n";
  }
  return all;
}

TEST_CASE("probe loader from text: diagnostics name the file given, the text is hashed") {
  Diagnostics diagnostics;
  ProbeCatalog catalog;
  LoadProbesFromText(
      "probes:\n  - {name: p, kind: http, description: d, request: {url: \"${base_url}/\"},"
      " expect: {status: 200}, colour: red}\n",
      "in-memory/probes.yaml", &catalog, &diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.list()[0].loc.file == "in-memory/probes.yaml");
  CHECK(diagnostics.list()[0].message.find("unknown key 'colour'") != std::string::npos);
  REQUIRE(catalog.files.size() == 1);
  CHECK(catalog.files[0].path == "in-memory/probes.yaml");
  CHECK(catalog.files[0].sha256.size() == 64);
}

TEST_CASE("probe loader: ${...} where a kind does not expand it is refused at its line") {
  std::string errors = LoadErrors(R"(probes:
  - name: attrs
    kind: cas
    description: d
    login: {account: "${account.eleve}", service: "${base_url}/"}
    expect: {validate: 3, attributes: ["${vars.attribute}"]}
)");
  CHECK(errors.find("6: probe attrs: ${vars.attribute} is not expanded here") != std::string::npos);
  CHECK(errors.find("base_url") == std::string::npos);
  CHECK(errors.find("account.eleve") == std::string::npos);
}

TEST_CASE("probe loader: ${...} in URLs, logins, params and matcher literals is accepted") {
  ProbeCatalog catalog;
  std::string errors = LoadErrors(R"(probes:
  - name: issuer
    kind: http
    description: "The issuer is ${base_url}"
    params: {path: "${vars.discovery}"}
    request: {url: "${base_url}${path}", headers: {X-Host: "${host}"}}
    expect: {all: [{json: {pointer: /issuer, equals: "${base_url}"}}, {body: {contains: "${host}"}}]}
)",
                                  &catalog);
  CHECK_MESSAGE(errors.empty(), errors);
  CHECK(catalog.probes.size() == 1);
}

}  // namespace
}  // namespace sdetcheck
