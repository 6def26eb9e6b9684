#include "yaml/reader.h"

#include <fstream>
#include <sstream>

namespace sdetcheck {
namespace {

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

}  // namespace

const char* YamlTypeName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    default:
      return "nothing";
  }
}

YamlReader::YamlReader(std::string file, Diagnostics* diagnostics)
    : file_(std::move(file)), diagnostics_(diagnostics) {}

std::optional<YAML::Node> YamlReader::Load() {
  std::ifstream in(file_, std::ios::binary);
  if (!in) {
    diagnostics_->Error({file_, 0, 0}, "cannot read file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return LoadString(text.str());
}

std::optional<YAML::Node> YamlReader::LoadString(const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    diagnostics_->Error({file_, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    diagnostics_->Error({file_, e.mark.line + 1, e.mark.column + 1},
                        std::string("invalid YAML: ") + e.what());
  }
  return std::nullopt;
}

SourceLoc YamlReader::Loc(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file_, 0, 0};
  return {file_, mark.line + 1, mark.column + 1};
}

void YamlReader::Error(const YAML::Node& node, std::string message, std::string hint) {
  diagnostics_->Error(Loc(node), std::move(message), std::move(hint));
}

bool YamlReader::ExpectMap(const YAML::Node& node, const std::string& what) {
  if (node.IsMap()) return true;
  Error(node, what + ": expected a mapping, found " + YamlTypeName(node));
  return false;
}

bool YamlReader::ExpectSequence(const YAML::Node& node, const std::string& what) {
  if (node.IsSequence()) return true;
  Error(node, what + ": expected a list, found " + YamlTypeName(node));
  return false;
}

void YamlReader::CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed,
                           const std::string& what) {
  if (!map.IsMap()) return;
  for (const auto& entry : map) {
    std::string key = entry.first.Scalar();
    bool known = false;
    for (const std::string& a : allowed) known = known || a == key;
    if (known) continue;
    std::string closest = SuggestClosest(key, allowed);
    Error(
        entry.first, what + ": unknown key '" + key + "'",
        closest.empty() ? "expected one of: " + Join(allowed) : "did you mean '" + closest + "'?");
  }
}

std::optional<std::string> YamlReader::Scalar(const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) return node.Scalar();
  Error(node, what + ": expected a scalar, found " + YamlTypeName(node));
  return std::nullopt;
}

std::optional<std::string> YamlReader::String(const YAML::Node& map, const std::string& key,
                                              bool required, const std::string& what) {
  if (!map.IsMap()) return std::nullopt;
  YAML::Node node = map[key];
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

std::optional<std::string> YamlReader::Enum(const YAML::Node& map, const std::string& key,
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

std::optional<long> YamlReader::Integer(const YAML::Node& map, const std::string& key,
                                        bool required, const std::string& what) {
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

std::optional<bool> YamlReader::Boolean(const YAML::Node& map, const std::string& key,
                                        bool required, const std::string& what) {
  std::optional<std::string> text = String(map, key, required, what);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  Error(map[key], what + "." + key + ": expected true or false, found '" + *text + "'");
  return std::nullopt;
}

std::optional<LocalizedText> YamlReader::Text(const YAML::Node& map, const std::string& key,
                                              bool required, const std::string& what) {
  if (!map.IsMap()) return std::nullopt;
  YAML::Node node = map[key];
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

std::vector<std::string> YamlReader::StringList(const YAML::Node& map, const std::string& key,
                                                const std::vector<std::string>& values,
                                                const std::string& what) {
  std::vector<std::string> out;
  if (!map.IsMap() || !map[key]) return out;
  YAML::Node list = map[key];
  std::string where = what + "." + key;
  if (!ExpectSequence(list, where)) return out;
  for (const YAML::Node& entry : list) {
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

std::vector<std::pair<std::string, std::string>> YamlReader::StringMap(const YAML::Node& map,
                                                                       const std::string& key,
                                                                       const std::string& what) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!map.IsMap() || !map[key]) return out;
  YAML::Node node = map[key];
  std::string where = what + "." + key;
  if (!ExpectMap(node, where)) return out;
  for (const auto& entry : node) {
    std::optional<std::string> value = Scalar(entry.second, where + "." + entry.first.Scalar());
    if (value) out.emplace_back(entry.first.Scalar(), *value);
  }
  return out;
}

}  // namespace sdetcheck
