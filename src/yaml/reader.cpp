#include "yaml/reader.h"

#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>

#include "util/text.h"
#include "yaml/node_access.h"

namespace sdetcheck {
namespace {

// More nodes than any sdetcheck file holds, far fewer than would hold a loader for long.
constexpr size_t kMaxExpandedNodes = 100000;

// Walks the first document's events as the loaders will see it, aliases expanded. yaml-cpp
// shares an aliased node, but the loaders visit it once per alias: ten levels of ten aliases
// are 10^10 nodes from a few hundred bytes (YAML's "billion laughs"), and an alias inside
// the node it names is a cycle no walk ends. Both are refused as a ParserException at the
// alias.
class AliasExpansionCheck : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { Leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    Leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    for (const Open& open : open_) {
      if (open.anchor == anchor)
        throw YAML::ParserException(mark, "an alias names a node that contains it (a cycle)");
    }
    auto size = sizes_.find(anchor);
    Add(mark, size == sizes_.end() ? 1 : size->second);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Start(mark, anchor);
  }
  void OnSequenceEnd() override { End(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Start(mark, anchor);
  }
  void OnMapEnd() override { End(); }

 private:
  struct Open {
    YAML::anchor_t anchor;
    size_t nodes;  // itself and its descendants, aliases expanded
  };

  void Add(const YAML::Mark& mark, size_t nodes) {
    total_ += nodes;
    if (!open_.empty()) open_.back().nodes += nodes;
    if (total_ > kMaxExpandedNodes) {
      throw YAML::ParserException(mark, "the document's aliases expand it to more than " +
                                            std::to_string(kMaxExpandedNodes) + " nodes");
    }
  }
  void Leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) sizes_[anchor] = 1;
    Add(mark, 1);
  }
  void Start(const YAML::Mark& mark, YAML::anchor_t anchor) {
    Add(mark, 1);
    open_.push_back({anchor, 1});
  }
  void End() {
    if (open_.empty()) return;
    Open closed = open_.back();
    open_.pop_back();
    if (closed.anchor != YAML::NullAnchor) sizes_[closed.anchor] = closed.nodes;
    if (!open_.empty()) open_.back().nodes += closed.nodes - 1;  // the 1 was added at Start
  }

  std::vector<Open> open_;
  std::unordered_map<YAML::anchor_t, size_t> sizes_;
  size_t total_ = 0;
};

}  // namespace

std::optional<std::string> ReadTextFile(const std::string& file, Diagnostics* diagnostics) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diagnostics->Error({file, 0, 0}, "cannot read file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

YamlReader::YamlReader(std::string file, Diagnostics* diagnostics)
    : file_(std::move(file)), diagnostics_(diagnostics) {}

std::optional<YamlNode> YamlReader::Load() {
  std::optional<std::string> text = ReadTextFile(file_, diagnostics_);
  if (!text) return std::nullopt;
  return LoadString(*text);
}

std::optional<YamlNode> YamlReader::LoadString(const std::string& text) {
  try {
    if (text.find('*') != std::string::npos) {  // no alias without one
      std::istringstream in(text);
      YAML::Parser parser(in);
      AliasExpansionCheck check;
      parser.HandleNextDocument(check);
    }
    return YamlNodeAccess::Wrap(YAML::Load(text));
  } catch (const YAML::ParserException& e) {
    diagnostics_->Error({file_, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    diagnostics_->Error({file_, e.mark.line + 1, e.mark.column + 1},
                        std::string("invalid YAML: ") + e.what());
  }
  return std::nullopt;
}

SourceLoc YamlReader::Loc(const YamlNode& node) const {
  std::optional<YamlNode::Position> start = node.Start();
  if (!start) return {file_, 0, 0};
  return {file_, start->line, start->column};
}

void YamlReader::Error(const YamlNode& node, std::string message, std::string hint) {
  diagnostics_->Error(Loc(node), std::move(message), std::move(hint));
}

bool YamlReader::ExpectMap(const YamlNode& node, const std::string& what) {
  if (node.IsMap()) return true;
  Error(node, what + ": expected a mapping, found " + node.TypeName());
  return false;
}

bool YamlReader::ExpectSequence(const YamlNode& node, const std::string& what) {
  if (node.IsSequence()) return true;
  Error(node, what + ": expected a list, found " + node.TypeName());
  return false;
}

void YamlReader::CheckKeys(const YamlNode& map, const std::vector<std::string>& allowed,
                           const std::string& what) {
  if (!map.IsMap()) return;
  for (const YamlNode::Entry& entry : map.Entries()) {
    std::string key = entry.key.Scalar();
    bool known = false;
    for (const std::string& a : allowed) known = known || a == key;
    if (known) continue;
    std::string closest = SuggestClosest(key, allowed);
    Error(
        entry.key, what + ": unknown key '" + key + "'",
        closest.empty() ? "expected one of: " + Join(allowed) : "did you mean '" + closest + "'?");
  }
}

std::optional<std::string> YamlReader::Scalar(const YamlNode& node, const std::string& what) {
  if (node.IsScalar()) return node.Scalar();
  Error(node, what + ": expected a scalar, found " + node.TypeName());
  return std::nullopt;
}

std::optional<std::string> YamlReader::String(const YamlNode& map, const std::string& key,
                                              bool required, const std::string& what) {
  if (!map.IsMap()) return std::nullopt;
  YamlNode node = map[key];
  if (!node) {
    if (required) Error(map, what + ": missing required key '" + key + "'");
    return std::nullopt;
  }
  std::optional<std::string> value = Scalar(node, what + "." + key);
  if (value && value->empty() && required) {
    Error(node, what + "." + key + ": must not be empty");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> YamlReader::Enum(const YamlNode& map, const std::string& key,
                                            const std::vector<std::string>& values, bool required,
                                            const std::string& what) {
  std::optional<std::string> value = String(map, key, required, what);
  if (!value) return std::nullopt;
  for (const std::string& v : values) {
    if (v == *value) return value;
  }
  std::string closest = SuggestClosest(*value, values);
  Error(map[key], what + "." + key + ": '" + *value + "' is not one of: " + Join(values),
        closest.empty() ? "" : "did you mean '" + closest + "'?");
  return std::nullopt;
}

std::optional<long> YamlReader::Integer(const YamlNode& map, const std::string& key, bool required,
                                        const std::string& what) {
  std::optional<std::string> text = String(map, key, required, what);
  if (!text) return std::nullopt;
  try {
    size_t used = 0;
    long value = std::stol(*text, &used);
    if (used == text->size()) return value;
  } catch (const std::exception&) {
  }
  Error(map[key], what + "." + key + ": expected an integer, found '" + *text + "'");
  return std::nullopt;
}

std::optional<bool> YamlReader::Boolean(const YamlNode& map, const std::string& key, bool required,
                                        const std::string& what) {
  std::optional<std::string> text = String(map, key, required, what);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  Error(map[key], what + "." + key + ": expected true or false, found '" + *text + "'");
  return std::nullopt;
}

std::optional<LocalizedText> YamlReader::Text(const YamlNode& map, const std::string& key,
                                              bool required, const std::string& what) {
  if (!map.IsMap()) return std::nullopt;
  YamlNode node = map[key];
  if (!node) {
    if (required) Error(map, what + ": missing required key '" + key + "' ({fr: ..., en: ...})");
    return std::nullopt;
  }
  std::string where = what + "." + key;
  if (!ExpectMap(node, where + " (a text in French and English, {fr: ..., en: ...})")) {
    return std::nullopt;
  }
  CheckKeys(node, {"fr", "en"}, where);
  std::optional<std::string> fr = String(node, "fr", true, where);
  std::optional<std::string> en = String(node, "en", true, where);
  if (!fr || !en) return std::nullopt;
  return LocalizedText{*fr, *en};
}

std::vector<std::string> YamlReader::StringList(const YamlNode& map, const std::string& key,
                                                const std::vector<std::string>& values,
                                                const std::string& what) {
  std::vector<std::string> out;
  if (!map.IsMap() || !map[key]) return out;
  YamlNode list = map[key];
  std::string where = what + "." + key;
  if (!ExpectSequence(list, where)) return out;
  for (const YamlNode& entry : list.Elements()) {
    std::optional<std::string> value = Scalar(entry, where);
    if (!value) continue;
    bool allowed = values.empty();
    for (const std::string& v : values) allowed = allowed || v == *value;
    if (!allowed) {
      std::string closest = SuggestClosest(*value, values);
      Error(entry, where + ": '" + *value + "' is not one of: " + Join(values),
            closest.empty() ? "" : "did you mean '" + closest + "'?");
      continue;
    }
    out.push_back(*value);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> YamlReader::StringMap(const YamlNode& map,
                                                                       const std::string& key,
                                                                       const std::string& what) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!map.IsMap() || !map[key]) return out;
  YamlNode node = map[key];
  std::string where = what + "." + key;
  if (!ExpectMap(node, where)) return out;
  for (const YamlNode::Entry& entry : node.Entries()) {
    std::optional<std::string> value = Scalar(entry.value, where + "." + entry.key.Scalar());
    if (value) out.emplace_back(entry.key.Scalar(), *value);
  }
  return out;
}

}  // namespace sdetcheck
