#pragma once
// Typed, located access to a YAML document for the loaders. Internal header: it is the
// only place outside yaml/*.cpp that sees yaml-cpp. Every accessor records a located
// diagnostic instead of throwing, and returns nullopt on a problem.

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "grid/item.h"
#include "util/diagnostics.h"

namespace sdetcheck {

class YamlReader {
 public:
  YamlReader(std::string file, Diagnostics* diagnostics);

  // Parses the file. On a read or syntax error, records it and returns nullopt.
  std::optional<YAML::Node> Load();
  // Same, from text already in memory (the file name is still used for locations).
  std::optional<YAML::Node> LoadString(const std::string& text);

  const std::string& file() const { return file_; }
  SourceLoc Loc(const YAML::Node& node) const;
  void Error(const YAML::Node& node, std::string message, std::string hint = "");

  bool ExpectMap(const YAML::Node& node, const std::string& what);
  bool ExpectSequence(const YAML::Node& node, const std::string& what);
  // Records an error for every key not in `allowed`, with a "did you mean" hint.
  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed,
                 const std::string& what);

  std::optional<std::string> String(const YAML::Node& map, const std::string& key, bool required,
                                    const std::string& what);
  std::optional<std::string> Enum(const YAML::Node& map, const std::string& key,
                                  const std::vector<std::string>& values, bool required,
                                  const std::string& what);
  std::optional<long> Integer(const YAML::Node& map, const std::string& key, bool required,
                              const std::string& what);
  std::optional<bool> Boolean(const YAML::Node& map, const std::string& key, bool required,
                              const std::string& what);
  std::optional<LocalizedText> Text(const YAML::Node& map, const std::string& key, bool required,
                                    const std::string& what);
  // A list of scalars; when `values` is not empty each entry must be one of them.
  std::vector<std::string> StringList(const YAML::Node& map, const std::string& key,
                                      const std::vector<std::string>& values,
                                      const std::string& what);
  // A map of scalar keys to scalar values.
  std::vector<std::pair<std::string, std::string>> StringMap(const YAML::Node& map,
                                                             const std::string& key,
                                                             const std::string& what);

 private:
  std::optional<std::string> Scalar(const YAML::Node& node, const std::string& what);

  std::string file_;
  Diagnostics* diagnostics_;
};

// "a mapping", "a list", "a scalar", "nothing" — for error messages.
const char* YamlTypeName(const YAML::Node& node);

}  // namespace sdetcheck
