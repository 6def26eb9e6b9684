#pragma once
// Typed, located access to a YAML document for the loaders and probe kinds. Every accessor
// records a located diagnostic instead of throwing, and returns nullopt on a problem.

#include <optional>
#include <string>
#include <vector>

#include "grid/item.h"
#include "util/diagnostics.h"
#include "yaml/node.h"

namespace sdetcheck {

// The bytes of `file`, or nullopt after recording "cannot read file" in `diagnostics`.
// Loaders read their file with it, then parse the text (their ...FromText entry point).
std::optional<std::string> ReadTextFile(const std::string& file, Diagnostics* diagnostics);

class YamlReader {
 public:
  YamlReader(std::string file, Diagnostics* diagnostics);

  // Parses the file. On a read or syntax error, records it and returns nullopt.
  std::optional<YamlNode> Load();
  // Same, from text already in memory (the file name is still used for locations).
  std::optional<YamlNode> LoadString(const std::string& text);

  const std::string& file() const { return file_; }
  SourceLoc Loc(const YamlNode& node) const;
  void Error(const YamlNode& node, std::string message, std::string hint = "");

  bool ExpectMap(const YamlNode& node, const std::string& what);
  bool ExpectSequence(const YamlNode& node, const std::string& what);
  // Records an error for every key not in `allowed`, with a "did you mean" hint.
  void CheckKeys(const YamlNode& map, const std::vector<std::string>& allowed,
                 const std::string& what);

  std::optional<std::string> String(const YamlNode& map, const std::string& key, bool required,
                                    const std::string& what);
  std::optional<std::string> Enum(const YamlNode& map, const std::string& key,
                                  const std::vector<std::string>& values, bool required,
                                  const std::string& what);
  std::optional<long> Integer(const YamlNode& map, const std::string& key, bool required,
                              const std::string& what);
  std::optional<bool> Boolean(const YamlNode& map, const std::string& key, bool required,
                              const std::string& what);
  std::optional<LocalizedText> Text(const YamlNode& map, const std::string& key, bool required,
                                    const std::string& what);
  // A list of scalars; when `values` is not empty each entry must be one of them.
  std::vector<std::string> StringList(const YamlNode& map, const std::string& key,
                                      const std::vector<std::string>& values,
                                      const std::string& what);
  // A map of scalar keys to scalar values.
  std::vector<std::pair<std::string, std::string>> StringMap(const YamlNode& map,
                                                             const std::string& key,
                                                             const std::string& what);

 private:
  std::optional<std::string> Scalar(const YamlNode& node, const std::string& what);

  std::string file_;
  Diagnostics* diagnostics_;
};

}  // namespace sdetcheck
