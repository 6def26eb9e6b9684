#include "probe/loader.h"

#include <algorithm>
#include <filesystem>

#include "probe/registry.h"
#include "util/sha256.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> KindNames() {
  std::vector<std::string> names;
  for (const ProbeKind& kind : ProbeKinds()) names.push_back(kind.name);
  return names;
}

void CheckVariables(YamlReader& r, const YamlNode& node, const ProbeKind& kind,
                    const ProbeDef& probe) {
  const std::vector<std::string>& builtins = BuiltinVariableNames();
  for (const std::string& name : kind.variables(*probe.config)) {
    bool known = probe.params.count(name) > 0 || name.rfind("vars.", 0) == 0 ||
                 name.rfind("account.", 0) == 0 ||
                 std::find(builtins.begin(), builtins.end(), name) != builtins.end();
    if (known) continue;
    std::vector<std::string> candidates = builtins;
    for (const auto& [param, value] : probe.params) candidates.push_back(param);
    std::string closest = SuggestClosest(name, candidates);
    r.Error(node, "probe " + probe.name + ": unknown variable ${" + name + "}",
            closest.empty() ? "declare it in params, or use vars.NAME from the target"
                            : "did you mean '" + closest + "'?");
  }
}

// Scalars holding "${" anywhere in a probe's kind-specific keys, with their YAML node.
void CollectVariableScalars(const YamlNode& node, int depth,
                            std::vector<std::pair<YamlNode, std::string>>* out) {
  if (depth > 32) return;  // probe definitions are shallow; a deeper one is refused elsewhere
  if (node.IsScalar() && node.Scalar().find("${") != std::string::npos)
    out->emplace_back(node, node.Scalar());
  if (node.IsSequence()) {
    for (const YamlNode& child : node.Elements()) CollectVariableScalars(child, depth + 1, out);
  }
  if (node.IsMap()) {
    for (const YamlNode::Entry& entry : node.Entries())
      CollectVariableScalars(entry.value, depth + 1, out);
  }
}

// A ${...} the kind does not expand would be used literally (a matcher comparing with the
// text "${issuer}"): refused, at the scalar that holds it.
void CheckUnexpandedVariables(YamlReader& r, const YamlNode& node, const ProbeKind& kind,
                              const ProbeDef& probe) {
  std::vector<std::string> expanded = kind.variables(*probe.config);
  std::vector<std::pair<YamlNode, std::string>> scalars;
  for (const YamlNode::Entry& entry : node.Entries()) {
    std::string key = entry.key.Scalar();
    if (key != "name" && key != "description" && key != "params")
      CollectVariableScalars(entry.value, 0, &scalars);
  }
  for (const auto& [scalar, text] : scalars) {
    for (const std::string& name : ReferencedVariables(text)) {
      auto it = std::find(expanded.begin(), expanded.end(), name);
      if (it != expanded.end()) {
        expanded.erase(it);
        continue;
      }
      r.Error(scalar, "probe " + probe.name + ": ${" + name + "} is not expanded here",
              "variables are expanded in URLs, headers, bodies, logins and matcher literals "
              "(equals, contains); see docs/grid-format.md");
    }
  }
}

void ReadProbe(YamlReader& r, const YamlNode& node, ProbeCatalog* catalog) {
  if (!r.ExpectMap(node, "probe")) return;
  ProbeDef probe;
  probe.loc = r.Loc(node);
  probe.name = r.String(node, "name", true, "probe").value_or("");
  std::string what = "probe " + (probe.name.empty() ? std::string("(no name)") : probe.name);
  std::optional<std::string> kind_name = r.Enum(node, "kind", KindNames(), true, what);
  const ProbeKind* kind = kind_name ? FindProbeKind(*kind_name) : nullptr;
  std::vector<std::string> keys = {"name", "kind", "description", "params"};
  if (kind) keys.insert(keys.end(), kind->keys.begin(), kind->keys.end());
  r.CheckKeys(node, keys, what);
  probe.description = r.String(node, "description", true, what).value_or("");
  for (auto& [key, value] : r.StringMap(node, "params", what)) probe.params[key] = value;
  if (const ProbeDef* previous = catalog->Find(probe.name); previous && !probe.name.empty()) {
    r.Error(node, "duplicate probe name '" + probe.name + "'",
            "first defined at " + previous->loc.file + ":" + std::to_string(previous->loc.line));
  }
  if (!kind) return;
  probe.kind = kind->name;
  probe.config = kind->parse(r, node, what);
  if (!probe.config) return;
  CheckVariables(r, node, *kind, probe);
  CheckUnexpandedVariables(r, node, *kind, probe);
  catalog->probes.push_back(std::move(probe));
}

}  // namespace

void LoadProbesFromText(const std::string& text, const std::string& file, ProbeCatalog* catalog,
                        Diagnostics* diagnostics) {
  YamlReader r(file, diagnostics);
  std::optional<YamlNode> root = r.LoadString(text);
  if (!root) return;
  catalog->files.push_back({file, Sha256Hex(text)});
  if (!r.ExpectMap(*root, "probe file")) return;
  // Besides "probes", keys "x-..." hold blocks that probes share through YAML anchors.
  std::vector<std::string> keys = {"probes"};
  for (const YamlNode::Entry& entry : root->Entries()) {
    if (entry.key.Scalar().rfind("x-", 0) == 0) keys.push_back(entry.key.Scalar());
  }
  r.CheckKeys(*root, keys, "probe file");
  YamlNode probes = (*root)["probes"];
  if (!probes) {
    r.Error(*root, "probe file: missing required key 'probes'");
    return;
  }
  if (!r.ExpectSequence(probes, "probes")) return;
  for (const YamlNode& node : probes.Elements()) ReadProbe(r, node, catalog);
}

std::vector<std::string> YamlFilesUnder(const std::string& path) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
    std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
      files.push_back(entry.path().lexically_normal().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

ProbeCatalog LoadProbes(const std::vector<std::string>& paths, Diagnostics* diagnostics) {
  ProbeCatalog catalog;
  for (const std::string& path : paths) {
    for (const std::string& file : YamlFilesUnder(path)) {
      if (std::optional<std::string> text = ReadTextFile(file, diagnostics))
        LoadProbesFromText(*text, file, &catalog, diagnostics);
    }
  }
  return catalog;
}

}  // namespace sdetcheck
