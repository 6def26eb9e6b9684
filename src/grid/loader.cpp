#include "grid/loader.h"

#include <filesystem>
#include <map>
#include <system_error>

#include "util/sha256.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kItemKeys = {
    "id",     "axis",   "level",      "polarity", "title",       "statement",
    "source", "weight", "applies_to", "check",    "remediation", "responsible"};
const std::vector<std::string> kDegrees = {"premier", "second"};
const std::vector<std::string> kProfiles = {"eleve", "parent", "enseignant", "personnel",
                                            "collectivite"};

// [A-Z0-9]+(-[A-Z0-9]+)*, checked in one pass: libstdc++'s std::regex recurses once per
// character matched, so a long id overflowed the stack.
bool IsValidItemId(const std::string& id) {
  bool after_alnum = false;
  for (char c : id) {
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && (c != '-' || !after_alnum)) return false;
    after_alnum = alnum;
  }
  return after_alnum;
}

void ReadSource(YamlReader& r, const YamlNode& item, const std::string& what, Item* out) {
  YamlNode node = item["source"];
  if (!node) {
    r.Error(item, what + ": missing required key 'source' (the SDET citation)");
    return;
  }
  std::string where = what + ".source";
  if (!r.ExpectMap(node, where)) return;
  r.CheckKeys(node, {"document", "section", "version", "provenance", "note"}, where);
  out->source.document = r.String(node, "document", true, where).value_or("");
  out->source.section = r.String(node, "section", false, where).value_or("");
  out->source.version = r.String(node, "version", false, where).value_or("");
  out->source.note = r.String(node, "note", false, where).value_or("");
  std::optional<std::string> provenance =
      r.Enum(node, "provenance", {"verified", "secondary", "unverified"}, true, where);
  if (provenance == "verified") out->source.provenance = Provenance::kVerified;
  if (provenance == "secondary") out->source.provenance = Provenance::kSecondary;
}

void ReadApplicability(YamlReader& r, const YamlNode& item, const std::string& what, Item* out) {
  YamlNode node = item["applies_to"];
  if (!node) return;
  std::string where = what + ".applies_to";
  if (!r.ExpectMap(node, where)) return;
  r.CheckKeys(node, {"degrees", "profiles"}, where);
  out->applies_to.degrees = r.StringList(node, "degrees", kDegrees, where);
  out->applies_to.profiles = r.StringList(node, "profiles", kProfiles, where);
}

void ReadCheck(YamlReader& r, const YamlNode& item, const std::string& what, Item* out) {
  YamlNode node = item["check"];
  if (!node) {
    r.Error(item, what + ": missing required key 'check' (probe or attestation)");
    return;
  }
  std::string where = what + ".check";
  if (!r.ExpectMap(node, where)) return;
  r.CheckKeys(node, {"probe", "with", "attestation"}, where);
  bool has_probe = static_cast<bool>(node["probe"]);
  bool has_attestation = static_cast<bool>(node["attestation"]);
  if (has_probe == has_attestation) {
    r.Error(node, where + ": expected exactly one of 'probe' or 'attestation'");
    return;
  }
  if (has_probe) {
    out->check.is_probe = true;
    out->check.probe.probe = r.String(node, "probe", true, where).value_or("");
    for (auto& [key, value] : r.StringMap(node, "with", where)) out->check.probe.with[key] = value;
    return;
  }
  if (node["with"]) r.Error(node["with"], where + ".with: only allowed with 'probe'");
  out->check.is_probe = false;
  YamlNode attestation = node["attestation"];
  std::string awhere = where + ".attestation";
  if (!r.ExpectMap(attestation, awhere)) return;
  r.CheckKeys(attestation, {"question", "evidence"}, awhere);
  out->check.attestation.question =
      r.Text(attestation, "question", true, awhere).value_or(LocalizedText{});
  out->check.attestation.evidence =
      r.Text(attestation, "evidence", true, awhere).value_or(LocalizedText{});
}

std::optional<Item> ReadItem(YamlReader& r, const YamlNode& node, const std::string& axis_id) {
  if (!r.ExpectMap(node, "item")) return std::nullopt;
  Item item;
  item.loc = r.Loc(node);
  item.id = r.String(node, "id", true, "item").value_or("");
  std::string what = "item " + (item.id.empty() ? std::string("(no id)") : item.id);
  if (!item.id.empty() && !IsValidItemId(item.id)) {
    r.Error(node["id"], what + ": id must match [A-Z0-9]+(-[A-Z0-9]+)*, e.g. SEC-01");
  }
  r.CheckKeys(node, kItemKeys, what);
  item.axis = r.String(node, "axis", true, what).value_or("");
  if (!item.axis.empty() && item.axis != axis_id) {
    r.Error(node["axis"],
            what + ": axis '" + item.axis + "' but this file holds axis '" + axis_id + "'");
  }
  std::optional<std::string> level =
      r.Enum(node, "level", {"exigence", "recommandation"}, true, what);
  if (level == "recommandation") item.level = Level::kRecommandation;
  std::optional<std::string> polarity =
      r.Enum(node, "polarity", {"positive", "negative"}, false, what);
  if (polarity == "negative") item.polarity = Polarity::kNegative;
  item.title = r.Text(node, "title", true, what).value_or(LocalizedText{});
  item.statement = r.Text(node, "statement", true, what).value_or(LocalizedText{});
  item.remediation = r.Text(node, "remediation", true, what).value_or(LocalizedText{});
  std::optional<long> weight = r.Integer(node, "weight", false, what);
  // 0: an informative recommandation, shown with its evidence and never scored.
  long lowest = item.level == Level::kRecommandation ? 0 : 1;
  if (weight && (*weight < lowest || *weight > 100)) {
    r.Error(node["weight"],
            what + ".weight: must be between " + std::to_string(lowest) + " and 100",
            lowest == 1 ? "0 (informative, never scored) is for recommandations only" : "");
  } else if (weight) {
    item.weight = static_cast<int>(*weight);
  }
  item.responsible =
      r.Enum(node, "responsible", {"collectivite", "editeur", "academie"}, false, what)
          .value_or("");
  ReadSource(r, node, what, &item);
  ReadApplicability(r, node, what, &item);
  ReadCheck(r, node, what, &item);
  return item;
}

void ReadSources(YamlReader& r, const YamlNode& root, GridSet* set) {
  YamlNode sources = root["sources"];
  if (!sources) return;
  if (!r.ExpectSequence(sources, "sources")) return;
  for (const YamlNode& node : sources.Elements()) {
    if (!r.ExpectMap(node, "source")) continue;
    r.CheckKeys(node, {"id", "title", "url", "consulted"}, "source");
    GridSource source;
    source.id = r.String(node, "id", true, "source").value_or("");
    source.title = r.String(node, "title", true, "source").value_or("");
    source.url = r.String(node, "url", false, "source").value_or("");
    source.consulted = r.Boolean(node, "consulted", true, "source").value_or(false);
    set->sources.push_back(source);
  }
}

void ReadAxes(YamlReader& r, const YamlNode& root, const fs::path& dir, GridSet* set) {
  YamlNode axes = root["axes"];
  if (!axes) {
    r.Error(root, "manifest: missing required key 'axes'");
    return;
  }
  if (!r.ExpectSequence(axes, "axes")) return;
  for (const YamlNode& node : axes.Elements()) {
    if (!r.ExpectMap(node, "axis")) continue;
    r.CheckKeys(node, {"id", "name", "file"}, "axis");
    Axis axis;
    axis.id = r.String(node, "id", true, "axis").value_or("");
    axis.name = r.Text(node, "name", true, "axis " + axis.id).value_or(LocalizedText{});
    std::optional<std::string> file = r.String(node, "file", true, "axis " + axis.id);
    if (set->FindAxis(axis.id)) r.Error(node, "axis '" + axis.id + "' is declared twice");
    if (!file) continue;
    axis.file = (dir / *file).lexically_normal().string();
    std::error_code error;  // a name the file system refuses (too long...) is not found
    if (!fs::exists(axis.file, error)) {
      r.Error(node["file"], "axis " + axis.id + ": file '" + *file + "' does not exist");
      continue;
    }
    set->axes.push_back(axis);
  }
}

void CheckDuplicateIds(const GridSet& set, Diagnostics* diagnostics) {
  std::map<std::string, const Item*> seen;
  for (const Item& item : set.items) {
    if (item.id.empty()) continue;
    auto [it, inserted] = seen.emplace(item.id, &item);
    if (inserted) continue;
    const SourceLoc& first = it->second->loc;
    diagnostics->Error(item.loc, "duplicate item id '" + item.id + "'",
                       "first defined at " + first.file + ":" + std::to_string(first.line) + ":" +
                           std::to_string(first.column));
  }
}

}  // namespace

GridSet LoadGridSet(const std::string& directory, Diagnostics* diagnostics) {
  std::string manifest = (fs::path(directory) / "manifest.yaml").string();
  std::optional<std::string> text = ReadTextFile(manifest, diagnostics);
  if (!text) return GridSet{};
  GridSet set = LoadGridManifestFromText(*text, manifest, diagnostics);
  for (const Axis& axis : set.axes) {
    if (std::optional<std::string> axis_text = ReadTextFile(axis.file, diagnostics))
      LoadGridAxisFromText(axis, *axis_text, &set, diagnostics);
  }
  CheckDuplicateIds(set, diagnostics);
  return set;
}

void LoadGridAxisFromText(const Axis& axis, const std::string& text, GridSet* set,
                          Diagnostics* diagnostics) {
  YamlReader r(axis.file, diagnostics);
  std::optional<YamlNode> root = r.LoadString(text);
  if (!root) return;
  set->files.push_back({axis.file, Sha256Hex(text)});
  if (!r.ExpectMap(*root, "axis file")) return;
  r.CheckKeys(*root, {"items"}, "axis file");
  YamlNode items = (*root)["items"];
  if (!items) {
    r.Error(*root, "axis file: missing required key 'items'");
    return;
  }
  if (!r.ExpectSequence(items, "items")) return;
  for (const YamlNode& node : items.Elements()) {
    if (std::optional<Item> item = ReadItem(r, node, axis.id)) set->items.push_back(*item);
  }
}

GridSet LoadGridManifestFromText(const std::string& text, const std::string& manifest,
                                 Diagnostics* diagnostics) {
  GridSet set;
  fs::path dir = fs::path(manifest).parent_path();
  YamlReader r(manifest, diagnostics);
  std::optional<YamlNode> root = r.LoadString(text);
  if (!root || !r.ExpectMap(*root, "manifest")) return set;
  set.files.push_back({manifest, Sha256Hex(text)});
  r.CheckKeys(*root,
              {"grid_set", "sdet_version", "published", "title", "provenance", "sources", "axes"},
              "manifest");
  set.id = r.String(*root, "grid_set", true, "manifest").value_or("");
  set.sdet_version = r.String(*root, "sdet_version", true, "manifest").value_or("");
  set.published = r.String(*root, "published", true, "manifest").value_or("");
  set.title = r.Text(*root, "title", true, "manifest").value_or(LocalizedText{});
  set.provenance = r.String(*root, "provenance", true, "manifest").value_or("");
  ReadSources(r, *root, &set);
  ReadAxes(r, *root, dir, &set);
  return set;
}

}  // namespace sdetcheck
