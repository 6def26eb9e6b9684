// The JSON Schemas in docs/schemas/ (for editors and CI) must accept the shipped YAML files,
// reject the broken fixtures, and agree with the C++ loaders on a table of small cases.
//
// Each document is validated twice:
// - "yaml": valijson's yaml-cpp adapter in weak-types mode. That adapter sees every scalar
//   as a string that may convert ("3" is an integer, "true" a boolean), as the loaders do.
// - "typed": the document converted to JSON with YAML 1.2 core typing (plain 3 is a number,
//   "3" a string, true a boolean, 2026-10-01 a string), validated with strict types. This
//   is how YAML language servers and JSON Schema tools in CI see the file.
//
// Caveat: the yaml-cpp adapter aborts the process (valijson is built without
// VALIJSON_USE_EXCEPTIONS) when a string constraint (pattern, minLength, enum) meets a
// mapping, a list or a null. The documents given to it below never do that; a document of
// unknown shape should be checked with the typed validation only.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/adapters/yaml_cpp_adapter.hpp>
#include <yaml-cpp/yaml.h>

// valijson 1.0's yaml-cpp array iterator is forward-only, yet the uniqueItems check decrements
// it (`--array.end()`), so the validator does not compile for that adapter. This overload,
// found by argument-dependent lookup, makes it compile; it is only reached if a schema uses
// uniqueItems, which the test below forbids for docs/schemas/*.
namespace valijson::adapters {
inline YamlCppArrayValueIterator operator--(YamlCppArrayValueIterator&&) {
  throw std::logic_error("uniqueItems is not supported with valijson's yaml-cpp adapter");
}
}  // namespace valijson::adapters

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "answers/answers.h"
#include "grid/loader.h"
#include "probe/loader.h"
#include "target/profile.h"
#include "util/diagnostics.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = SDETCHECK_SOURCE_DIR;

const valijson::Schema& SchemaFor(const std::string& name) {
  static std::map<std::string, std::unique_ptr<valijson::Schema>> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return *it->second;
  std::string path = kRoot + "/docs/schemas/" + name + ".schema.json";
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  INFO(path);
  // See the operator-- above: the yaml-cpp adapter cannot check uniqueItems.
  CHECK(text.str().find("\"uniqueItems\"") == std::string::npos);
  nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  REQUIRE_FALSE(json.is_discarded());
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter adapter(json);
  parser.populateSchema(adapter, *schema);
  return *cache.emplace(name, std::move(schema)).first->second;
}

std::string Describe(valijson::ValidationResults& results) {
  std::string out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const std::string& part : error.context) path += part;
    out += path + ": " + error.description + "\n";
  }
  return out;
}

// YAML 1.2 core schema resolution of a plain (unquoted) scalar.
nlohmann::json TypedScalar(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() != "?") return text;  // quoted or explicitly tagged: a string
  static const std::regex kNull("~|null|Null|NULL|");
  static const std::regex kTrue("true|True|TRUE");
  static const std::regex kFalse("false|False|FALSE");
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (std::regex_match(text, kNull)) return nullptr;
  if (std::regex_match(text, kTrue)) return true;
  if (std::regex_match(text, kFalse)) return false;
  if (std::regex_match(text, kInt)) return std::stoll(text);
  if (std::regex_match(text, kFloat)) return std::stod(text);
  return text;
}

nlohmann::json ToTypedJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& entry : node) out[entry.first.Scalar()] = ToTypedJson(entry.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const YAML::Node& entry : node) out.push_back(ToTypedJson(entry));
      return out;
    }
    case YAML::NodeType::Scalar:
      return TypedScalar(node);
    default:
      return nullptr;
  }
}

struct Verdict {
  std::string yaml;   // errors from the yaml-cpp adapter; "" when valid
  std::string typed;  // errors from the typed JSON validation; "" when valid
};

Verdict Validate(const YAML::Node& document, const std::string& schema_name) {
  const valijson::Schema& schema = SchemaFor(schema_name);
  Verdict verdict;
  {
    valijson::Validator validator(valijson::Validator::kWeakTypes);
    valijson::ValidationResults results;
    valijson::adapters::YamlCppAdapter target(document);
    if (!validator.validate(schema, target, &results)) {
      verdict.yaml = Describe(results);
      if (verdict.yaml.empty()) verdict.yaml = "invalid\n";
    }
  }
  {
    nlohmann::json typed = ToTypedJson(document);
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(typed);
    if (!validator.validate(schema, target, &results)) {
      verdict.typed = Describe(results);
      if (verdict.typed.empty()) verdict.typed = "invalid\n";
    }
  }
  return verdict;
}

Verdict ValidateFile(const std::string& file, const std::string& schema_name) {
  return Validate(YAML::LoadFile(file), schema_name);
}

std::vector<std::string> YamlFilesIn(const std::string& directory) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string GridSchemaOf(const std::string& file) {
  return fs::path(file).filename() == "manifest.yaml" ? "grid-manifest" : "grid-axis";
}

void CheckValid(const std::string& file, const std::string& schema_name) {
  Verdict v = ValidateFile(file, schema_name);
  CHECK_MESSAGE(v.yaml.empty(), file << " (" << schema_name << ", yaml-cpp adapter):\n" << v.yaml);
  CHECK_MESSAGE(v.typed.empty(), file << " (" << schema_name << ", typed):\n" << v.typed);
}

// The file must be rejected, with an error whose text contains `expected`.
void CheckInvalid(const std::string& file, const std::string& schema_name,
                  const std::string& expected) {
  Verdict v = ValidateFile(file, schema_name);
  INFO(file << " (" << schema_name << ")");
  INFO("yaml-cpp adapter errors:\n" << v.yaml);
  INFO("typed errors:\n" << v.typed);
  CHECK(v.yaml.find(expected) != std::string::npos);
  CHECK(v.typed.find(expected) != std::string::npos);
}

TEST_CASE("docs/schemas: the shipped grid set, probes and example answers are valid") {
  std::vector<std::string> grid = YamlFilesIn(kRoot + "/grids/sdet-6.3");
  REQUIRE(grid.size() == 5);  // manifest + four axes
  for (const std::string& file : grid) CheckValid(file, GridSchemaOf(file));
  std::vector<std::string> probes = YamlFilesIn(kRoot + "/probes");
  REQUIRE(probes.size() >= 2);
  for (const std::string& file : probes) CheckValid(file, "probes");
  CheckValid(kRoot + "/examples/answers.yaml", "answers");
}

TEST_CASE("docs/schemas: the fault-test grid and probes are valid") {
  std::vector<std::string> grid = YamlFilesIn(kRoot + "/tests/fixtures/faults/grid");
  REQUIRE(grid.size() >= 2);
  for (const std::string& file : grid) CheckValid(file, GridSchemaOf(file));
  CheckValid(kRoot + "/tests/fixtures/faults/probes.yaml", "probes");
}

TEST_CASE("docs/schemas: a target profile with an https base_url and an {env} password is valid") {
  YAML::Node target = YAML::Load(R"(
target:
  name: "ENT de démonstration"
  base_url: "https://ent.example.fr"
  http_url: "http://ent.example.fr"
  degrees: [second]
  profiles: [eleve, parent, enseignant, personnel]
  sso:
    cas: "https://ent.example.fr/cas"
    oidc_discovery: "https://ent.example.fr/.well-known/openid-configuration"
  services:
    - {id: messagerie, url: "https://ent.example.fr/messagerie", profiles: [eleve, enseignant]}
  feeds:
    - {path: "feeds/ENT_0000000A_Complet_20260901_Eleve_0000.xml"}
  accounts:
    - id: eleve1
      profile: eleve
      login: "jdupont"
      password: {env: SDET_ELEVE1_PASSWORD}
    - id: prof1
      profile: enseignant
      login: "mmartin"
      password: {file: secrets/prof1}
  vars: {uai: "0000000A", annee: 2026}
)");
  Verdict v = Validate(target, "target");
  CHECK_MESSAGE(v.yaml.empty(), v.yaml);
  CHECK_MESSAGE(v.typed.empty(), v.typed);
}

TEST_CASE("docs/schemas: the broken fixtures are rejected for the reason the loader gives") {
  const std::string grid = kRoot + "/tests/fixtures/broken-grid/";
  const std::string inputs = kRoot + "/tests/fixtures/broken-inputs/";
  CheckInvalid(grid + "fonctionnel.yaml", "grid-axis", "titel");
  CheckInvalid(grid + "technique.yaml", "grid-axis", "[level]");
  CheckInvalid(inputs + "probes.yaml", "probes", "reqest");
  CheckInvalid(inputs + "probes.yaml", "probes", "[probes][1][kind]");
  CheckInvalid(inputs + "target.yaml", "target", "[password]");
  CheckInvalid(inputs + "answers.yaml", "answers", "[answer]");
}

// ---------------------------------------------------------------------------------------
// Agreement with the loaders: each case is written to a file, read by the C++ loader and
// validated against the schema; all three must give the same verdict.

enum class Kind { kManifest, kAxis, kProbes, kTarget, kAnswers };

struct Case {
  Kind kind;
  bool valid;
  const char* yaml;
};

const char* SchemaName(Kind kind) {
  switch (kind) {
    case Kind::kManifest:
      return "grid-manifest";
    case Kind::kAxis:
      return "grid-axis";
    case Kind::kProbes:
      return "probes";
    case Kind::kTarget:
      return "target";
    case Kind::kAnswers:
      return "answers";
  }
  return "";
}

const char* const kManifest = R"(grid_set: t
sdet_version: "6.3"
published: "2019-07"
title: {fr: "Grille", en: "Grid"}
provenance: "Test."
axes:
  - {id: technique, name: {fr: Technique, en: Technical}, file: technique.yaml}
)";

// Writes `text` to a fresh directory and runs the loader of `kind` on it.
Diagnostics LoadWithLoader(Kind kind, const std::string& text, const fs::path& dir) {
  auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream(dir / name) << content;
    return (dir / name).string();
  };
  Diagnostics d;
  switch (kind) {
    case Kind::kManifest:
      write("manifest.yaml", text);
      write("technique.yaml", "items: []\n");
      LoadGridSet(dir.string(), &d);
      break;
    case Kind::kAxis:
      write("manifest.yaml", kManifest);
      write("technique.yaml", text);
      LoadGridSet(dir.string(), &d);
      break;
    case Kind::kProbes:
      LoadProbes({write("probes.yaml", text)}, &d);
      break;
    case Kind::kTarget:
      LoadTargetProfile(write("target.yaml", text), &d);
      break;
    case Kind::kAnswers:
      LoadAnswers(write("answers.yaml", text), &d);
      break;
  }
  return d;
}

#define ITEM_HEAD                                \
  "items:\n"                                     \
  "  - id: T-01\n"                               \
  "    axis: technique\n"                        \
  "    level: exigence\n"                        \
  "    title: {fr: Titre, en: Title}\n"          \
  "    statement: {fr: Enonce, en: Statement}\n" \
  "    remediation: {fr: Corriger, en: Fix}\n"
#define ITEM_SOURCE "    source: {document: SDET, provenance: unverified}\n"
#define ITEM_CHECK "    check: {probe: home}\n"
#define PROBE_HEAD   \
  "probes:\n"        \
  "  - name: p\n"    \
  "    kind: http\n" \
  "    description: Probe\n"
#define PROBE_EXPECT(m) PROBE_HEAD "    request: {url: \"${base_url}/\"}\n    expect: " m "\n"
#define KINDLESS_PROBE_HEAD \
  "probes:\n"               \
  "  - name: p\n"           \
  "    description: Probe\n"
#define TLS_PROBE KINDLESS_PROBE_HEAD "    kind: tls\n"
#define SAML_PROBE KINDLESS_PROBE_HEAD "    kind: saml_metadata\n"
#define CAS_PROBE(expect)                                                              \
  KINDLESS_PROBE_HEAD                                                                  \
  "    kind: cas\n"                                                                    \
  "    login: {cas_url: \"${cas_url}\", account: eleve1, service: \"${base_url}/\"}\n" \
  "    expect: " expect "\n"
#define TARGET_HEAD \
  "target:\n"       \
  "  name: ENT\n"   \
  "  base_url: https://ent.example.fr\n"
#define ACCOUNT(password) \
  TARGET_HEAD "  accounts:\n    - {id: a, profile: eleve, login: x, password: " password "}\n"
#define ATTESTATION(extra) \
  "attestations:\n  - {item: RGPD-01, answer: conforme, evidence: E, author: A, " extra "}\n"

const std::vector<Case> kCases = {
    // Manifest.
    {Kind::kManifest, true, kManifest},
    {Kind::kManifest, true,
     "grid_set: t\nsdet_version: 6.3\npublished: 2019-07\ntitle: {fr: G, en: G}\n"
     "provenance: P\nsources:\n  - {id: s, title: S, consulted: true}\n"
     "axes:\n  - {id: technique, name: {fr: T, en: T}, file: technique.yaml}\n"},
    {Kind::kManifest, false,
     "grid_set: t\nsdet_version: 6.3\npublished: 2019-07\ntitle: {fr: G, en: G}\n"
     "provenance: P\nsources:\n  - {id: s, title: S}\n"
     "axes:\n  - {id: technique, name: {fr: T, en: T}, file: technique.yaml}\n"},
    {Kind::kManifest, false,
     "grid_set: t\nsdet_version: 6.3\npublished: 2019-07\ntitle: {fr: G, en: G}\n"
     "provenance: P\nsources:\n  - {id: s, title: S, consulted: yes}\n"
     "axes:\n  - {id: technique, name: {fr: T, en: T}, file: technique.yaml}\n"},
    {Kind::kManifest, false,
     "grid_set: t\nsdet_version: 6.3\npublished: 2019-07\ntitle: {fr: G}\nprovenance: P\n"
     "axes:\n  - {id: technique, name: {fr: T, en: T}, file: technique.yaml}\n"},
    {Kind::kManifest, false,
     "grid_set: t\nsdet_version: 6.3\ntitle: {fr: G, en: G}\nprovenance: P\n"
     "axes:\n  - {id: technique, name: {fr: T, en: T}, file: technique.yaml}\n"},
    // Axis file and items.
    {Kind::kAxis, true, "items: []\n"},
    {Kind::kAxis, true, ITEM_HEAD ITEM_SOURCE ITEM_CHECK},
    {Kind::kAxis, true, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    weight: 3\n    polarity: negative\n"},
    {Kind::kAxis, true, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    weight: \"100\"\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    weight: 0\n"},
    // 0 makes an informative recommandation (never scored); an exigence always counts.
    {Kind::kAxis, true,
     "items:\n  - id: T-01\n    axis: technique\n    level: recommandation\n"
     "    title: {fr: Titre, en: Title}\n    statement: {fr: Enonce, en: Statement}\n"
     "    remediation: {fr: Corriger, en: Fix}\n" ITEM_SOURCE ITEM_CHECK "    weight: 0\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    weight: 101\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    weight: 2.5\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    polarity: neutral\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    tags: [x]\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_CHECK},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE},
    {Kind::kAxis, true,
     ITEM_HEAD ITEM_CHECK
     "    source: {document: RGS, section: 6, version: 2023, provenance: secondary}\n"},
    {Kind::kAxis, false,
     ITEM_HEAD ITEM_CHECK "    source: {document: RGS, provenance: official}\n"},
    {Kind::kAxis, false,
     ITEM_HEAD ITEM_CHECK "    source: {document: RGS, page: 3, provenance: secondary}\n"},
    {Kind::kAxis, true,
     ITEM_HEAD ITEM_SOURCE "    check: {probe: home, with: {path: /, port: 8443}}\n"},
    {Kind::kAxis, true,
     ITEM_HEAD ITEM_SOURCE
     "    check: {attestation: {question: {fr: Q, en: Q}, evidence: {fr: E, en: E}}}\n"},
    {Kind::kAxis, false,
     ITEM_HEAD ITEM_SOURCE "    check: {attestation: {question: {fr: Q, en: Q}}}\n"},
    {Kind::kAxis, false,
     ITEM_HEAD ITEM_SOURCE "    check: {probe: home, attestation: {question: {fr: Q, en: Q}, "
                           "evidence: {fr: E, en: E}}}\n"},
    {Kind::kAxis, false,
     ITEM_HEAD ITEM_SOURCE "    check: {with: {path: /}, attestation: {question: {fr: Q, en: Q}, "
                           "evidence: {fr: E, en: E}}}\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE "    check: {with: {path: /}}\n"},
    {Kind::kAxis, true,
     ITEM_HEAD ITEM_SOURCE ITEM_CHECK
     "    applies_to: {degrees: [premier], profiles: [collectivite]}\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    applies_to: {degrees: [college]}\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    applies_to: {profiles: [eleves]}\n"},
    {Kind::kAxis, false, ITEM_HEAD ITEM_SOURCE ITEM_CHECK "    applies_to: {cycles: [3]}\n"},
    {Kind::kAxis, false,
     "items:\n  - {id: sec-01, axis: technique, level: exigence, title: {fr: T, en: T},\n"
     "     statement: {fr: S, en: S}, remediation: {fr: R, en: R},\n"
     "     source: {document: D, provenance: unverified}, check: {probe: p}}\n"},
    {Kind::kAxis, false,
     "items:\n  - {id: SEC-01, axis: technique, level: exigence, title: {fr: T, en: T, de: T},\n"
     "     statement: {fr: S, en: S}, remediation: {fr: R, en: R},\n"
     "     source: {document: D, provenance: unverified}, check: {probe: p}}\n"},
    {Kind::kAxis, false,
     "items:\n  - {id: SEC-01, axis: technique, level: exigence, title: {fr: T, en: \"\"},\n"
     "     statement: {fr: S, en: S}, remediation: {fr: R, en: R},\n"
     "     source: {document: D, provenance: unverified}, check: {probe: p}}\n"},
    // Probes.
    {Kind::kProbes, true, PROBE_EXPECT("{status: 200}")},
    {Kind::kProbes, true, PROBE_EXPECT("{status: \"404\"}")},
    {Kind::kProbes, true, PROBE_EXPECT("{status: [301, 308]}")},
    {Kind::kProbes, false, PROBE_EXPECT("{status: []}")},
    {Kind::kProbes, false, PROBE_EXPECT("{status: 99}")},
    {Kind::kProbes, false, PROBE_EXPECT("{status: [200, 600]}")},
    {Kind::kProbes, false, PROBE_EXPECT("{status: 200, body: {contains: x}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{statut: 200}")},
    {Kind::kProbes, true, PROBE_EXPECT("{header: {name: Location, matches: \"^https://\"}}")},
    {Kind::kProbes, true, PROBE_EXPECT("{header: {name: Server, exists: false}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{header: {name: Server}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{header: {name: Server, exists: true, equals: x}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{header: {exists: true}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{header: {name: Server, exists: maybe}}")},
    {Kind::kProbes, true, PROBE_EXPECT("{body: {contains: hello}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{body: {contains: hello, matches: h}}")},
    {Kind::kProbes, true, PROBE_EXPECT("{xpath: {expr: \"/*[local-name()='a']\", exists: true}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{xpath: {expr: \"/a\", equals: x}}")},
    {Kind::kProbes, true, PROBE_EXPECT("{json: {pointer: /issuer, equals: \"https://x\"}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{json: {pointer: issuer, exists: true}}")},
    {Kind::kProbes, true,
     PROBE_EXPECT("{html: {element: a, text: x, attr: {href: y}, count_min: 2}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{html: {text: x}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{html: {element: a, count_min: two}}")},
    {Kind::kProbes, true, PROBE_EXPECT("{html_text: {matches: \"(?i)accessibilit\"}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{html_text: {matches: \"\"}}")},
    {Kind::kProbes, true, PROBE_EXPECT("{tls: {min_version: \"1.2\"}}")},
    {Kind::kProbes, true, PROBE_EXPECT("{tls: {min_version: 1.3}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{tls: {min_version: \"1.4\"}}")},
    {Kind::kProbes, true, PROBE_EXPECT("{not: {any: [{status: 500}, {all: [{status: 200}]}]}}")},
    {Kind::kProbes, false, PROBE_EXPECT("{all: []}")},
    {Kind::kProbes, false, PROBE_EXPECT("{not: {status: 200, tls: {min_version: \"1.2\"}}}")},
    {Kind::kProbes, true,
     PROBE_HEAD "    params: {path: /, n: 3}\n"
                "    request:\n      method: POST\n      url: \"${base_url}${path}\"\n"
                "      headers: {Accept: text/html}\n      body: \"a=${n}\"\n"
                "      follow_redirects: false\n      auth: {account: prof1}\n"
                "    expect: {status: 200}\n"},
    {Kind::kProbes, true,
     PROBE_HEAD
     "    request: {method: HEAD, url: \"${base_url}/\", body: \"\", follow_redirects: \"true\"}\n"
     "    expect: {status: 200}\n"},
    {Kind::kProbes, false,
     PROBE_HEAD "    request: {url: \"${base_url}/\", body: x}\n    expect: {status: 200}\n"},
    {Kind::kProbes, false,
     PROBE_HEAD "    request: {method: PUT, url: \"${base_url}/\"}\n    expect: {status: 200}\n"},
    {Kind::kProbes, false,
     PROBE_HEAD
     "    request: {url: \"${base_url}/\", follow_redirects: yes}\n    expect: {status: 200}\n"},
    {Kind::kProbes, false,
     PROBE_HEAD
     "    request: {url: \"${base_url}/\", auth: {user: x}}\n    expect: {status: 200}\n"},
    {Kind::kProbes, false,
     PROBE_HEAD "    request: {url: \"${base_url}/\", timeout: 3}\n    expect: {status: 200}\n"},
    {Kind::kProbes, false, PROBE_HEAD "    request: {method: GET}\n    expect: {status: 200}\n"},
    {Kind::kProbes, false, PROBE_HEAD "    request: {url: \"${base_url}/\"}\n"},
    {Kind::kProbes, false,
     "probes:\n  - {name: p, kind: http, request: {url: \"${base_url}/\"}, expect: {status: "
     "200}}\n"},
    {Kind::kProbes, false, "probe:\n  - {name: p}\n"},
    {Kind::kProbes, false, PROBE_EXPECT("{status: 200}") "    refuse: [\"1.0\"]\n"},
    // Kind tls.
    {Kind::kProbes, true, TLS_PROBE "    url: \"${base_url}/\"\n    refuse: [\"1.0\", \"1.1\"]\n"},
    {Kind::kProbes, true, TLS_PROBE "    url: \"${base_url}/\"\n    refuse: [1.0]\n"},
    {Kind::kProbes, false, TLS_PROBE "    url: \"${base_url}/\"\n    refuse: [\"1.2\"]\n"},
    {Kind::kProbes, false, TLS_PROBE "    url: \"${base_url}/\"\n    refuse: []\n"},
    {Kind::kProbes, false, TLS_PROBE "    refuse: [\"1.0\"]\n"},
    {Kind::kProbes, false, TLS_PROBE "    url: \"${base_url}/\"\n"},
    {Kind::kProbes, false,
     TLS_PROBE "    url: \"${base_url}/\"\n    refuse: [\"1.0\"]\n    expect: {status: 200}\n"},
    // Kind saml_metadata.
    {Kind::kProbes, true,
     SAML_PROBE "    url: \"${saml_metadata_url}\"\n    role: idp\n    expect: "
                "{certificate_valid_days: 30}\n"},
    {Kind::kProbes, true, SAML_PROBE "    role: sp\n    expect: {https_endpoints: true}\n"},
    {Kind::kProbes, true,
     SAML_PROBE "    expect: {certificate_valid_days: 0, https_endpoints: false}\n"},
    {Kind::kProbes, false, SAML_PROBE "    expect: {https_endpoints: false}\n"},
    {Kind::kProbes, false, SAML_PROBE "    expect: {}\n"},
    {Kind::kProbes, false, SAML_PROBE "    expect: {certificate_valid_days: 4000}\n"},
    {Kind::kProbes, false, SAML_PROBE "    expect: {certificate_valid_days: 30, signed: true}\n"},
    {Kind::kProbes, false, SAML_PROBE "    role: both\n    expect: {https_endpoints: true}\n"},
    {Kind::kProbes, false, SAML_PROBE "    role: idp\n"},
    {Kind::kProbes, false,
     SAML_PROBE "    refuse: [\"1.0\"]\n    expect: {https_endpoints: true}\n"},
    // Kind cas.
    {Kind::kProbes, true, CAS_PROBE("{ticket: true}") "    params: {service: \"${base_url}/\"}\n"},
    {Kind::kProbes, true,
     CAS_PROBE("{ticket: true, validate: 3, attributes: [uid, ENTPersonProfils]}")},
    {Kind::kProbes, true, CAS_PROBE("{ticket: true, validate: \"2\"}")},
    {Kind::kProbes, true, CAS_PROBE("{ticket: true, service: {html_text: {matches: Bienvenue}}}")},
    {Kind::kProbes, true, CAS_PROBE("{ticket: false}")},
    {Kind::kProbes, true, CAS_PROBE("{ticket: true, attributes: []}")},
    {Kind::kProbes, false, CAS_PROBE("{ticket: true, validate: 1, attributes: [uid]}")},
    {Kind::kProbes, false, CAS_PROBE("{ticket: true, attributes: [uid]}")},
    {Kind::kProbes, false, CAS_PROBE("{ticket: true, validate: 2, service: {status: 200}}")},
    {Kind::kProbes, false, CAS_PROBE("{ticket: false, validate: 2}")},
    {Kind::kProbes, false, CAS_PROBE("{ticket: false, service: {status: 200}}")},
    {Kind::kProbes, true, CAS_PROBE("{validate: 2}")},
    {Kind::kProbes, false, CAS_PROBE("{ticket: true, validate: 4}")},
    {Kind::kProbes, false,
     CAS_PROBE("{ticket: true, service: {status: 200, body: {contains: x}}}")},
    {Kind::kProbes, false, CAS_PROBE("{ticket: true, status: 200}")},
    {Kind::kProbes, false, CAS_PROBE("{status: 200}")},
    {Kind::kProbes, false,
     KINDLESS_PROBE_HEAD
     "    kind: cas\n    login: {account: eleve1}\n    expect: {ticket: true}\n"},
    {Kind::kProbes, false,
     KINDLESS_PROBE_HEAD "    kind: cas\n    login: {account: eleve1, service: s, password: x}\n"
                         "    expect: {ticket: true}\n"},
    {Kind::kProbes, false,
     KINDLESS_PROBE_HEAD "    kind: cas\n    login: {account: eleve1, service: s}\n"
                         "    request: {url: \"${base_url}/\"}\n    expect: {ticket: true}\n"},
    // Target profiles.
    {Kind::kTarget, true, TARGET_HEAD},
    {Kind::kTarget, true, ACCOUNT("{env: SDET_PASSWORD}")},
    {Kind::kTarget, true, ACCOUNT("{file: secret.txt}")},
    {Kind::kTarget, false, ACCOUNT("hunter22")},
    {Kind::kTarget, false, ACCOUNT("{env: A, file: b}")},
    {Kind::kTarget, false, ACCOUNT("{}")},
    {Kind::kTarget, false, ACCOUNT("{vault: x}")},
    {Kind::kTarget, false,
     TARGET_HEAD "  accounts:\n    - {id: a, profile: prof, login: x, password: {env: P}}\n"},
    {Kind::kTarget, false, TARGET_HEAD "  accounts:\n    - {id: a, profile: eleve}\n"},
    {Kind::kTarget, false, "target:\n  name: ENT\n  base_url: http://ent.example.fr\n"},
    {Kind::kTarget, false, "target:\n  base_url: https://ent.example.fr\n"},
    {Kind::kTarget, true,
     TARGET_HEAD "  degrees: [premier, second]\n  profiles: [collectivite]\n"
                 "  sso: {cas: \"https://ent.example.fr/cas\"}\n  vars: {uai: 123, flag: true}\n"},
    {Kind::kTarget, false, TARGET_HEAD "  degrees: [lycee]\n"},
    {Kind::kTarget, false, TARGET_HEAD "  sso: {oauth: x}\n"},
    {Kind::kTarget, false, TARGET_HEAD "  services:\n    - {id: s}\n"},
    {Kind::kTarget, false, TARGET_HEAD "  feeds:\n    - {file: f.xml}\n"},
    {Kind::kTarget, false, TARGET_HEAD "  proxy: x\n"},
    // Answers.
    {Kind::kAnswers, true, ""},
    {Kind::kAnswers, true, ATTESTATION("date: 2026-10-01")},
    {Kind::kAnswers, true, ATTESTATION("date: \"2026-10-01\", comment: C")},
    {Kind::kAnswers, false, ATTESTATION("date: 2026-10-1")},
    {Kind::kAnswers, false, ATTESTATION("date: 2026-10-01, signed: true")},
    {Kind::kAnswers, false,
     "attestations:\n  - {item: RGPD-01, answer: oui, evidence: E, author: A, date: 2026-10-01}\n"},
    {Kind::kAnswers, false,
     "attestations:\n  - {item: RGPD-01, answer: conforme, evidence: E, date: 2026-10-01}\n"},
    {Kind::kAnswers, true,
     "waivers:\n  - {item: SEC-04, justification: J, owner: O, expires: 2027-01-31}\n"},
    {Kind::kAnswers, false, "waivers:\n  - {item: SEC-04, justification: J, owner: O}\n"},
    {Kind::kAnswers, false,
     "waiver:\n  - {item: SEC-04, justification: J, owner: O, expires: 2027-01-31}\n"},
};

TEST_CASE("docs/schemas: the schemas accept exactly what the loaders accept (table of cases)") {
  static int counter = 0;
  fs::path base = fs::temp_directory_path() / ("sdetcheck-schemas-" + std::to_string(::getpid()) +
                                               "-" + std::to_string(counter++));
  int index = 0;
  for (const Case& c : kCases) {
    fs::path dir = base / std::to_string(index++);
    fs::create_directories(dir);
    Diagnostics d = LoadWithLoader(c.kind, c.yaml, dir);
    Verdict v = Validate(YAML::Load(c.yaml), SchemaName(c.kind));
    std::string what = "case " + std::to_string(index - 1) + " (" + SchemaName(c.kind) +
                       "), expected " + (c.valid ? "valid" : "invalid") + ":\n" + c.yaml;
    INFO(what);
    INFO("loader:\n" << d.Format());
    INFO("yaml-cpp adapter:\n" << v.yaml);
    INFO("typed:\n" << v.typed);
    CHECK(d.empty() == c.valid);
    CHECK(v.yaml.empty() == c.valid);
    CHECK(v.typed.empty() == c.valid);
  }
  std::error_code ec;
  fs::remove_all(base, ec);
}

}  // namespace
}  // namespace sdetcheck
