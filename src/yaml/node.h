#pragma once
// A read-only view of one node of a parsed YAML document, so that loaders and probe kinds
// read their configuration without seeing yaml-cpp (only src/yaml/*.cpp does). Copying is
// cheap: copies share the document.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sdetcheck {

class YamlNode {
 public:
  struct Position {
    int line = 0;  // 1-based
    int column = 0;
  };
  struct Entry;

  YamlNode();  // an absent node (a missing key)
  ~YamlNode();
  YamlNode(const YamlNode&);
  YamlNode& operator=(const YamlNode&);
  YamlNode(YamlNode&&) noexcept;
  YamlNode& operator=(YamlNode&&) noexcept;

  // False when the node is absent (a missing key or index).
  explicit operator bool() const { return IsDefined(); }
  bool IsDefined() const;
  bool IsNull() const;  // `key:` with no value, `~`, or an empty document
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;

  // The scalar's text; empty for any other node.
  const std::string& Scalar() const;
  // The scalar as a whole integer (YAML's decimal, hex or octal forms), else nullopt.
  std::optional<long> Integer() const;
  // Entries of a mapping or a list; 0 for a scalar.
  size_t size() const;
  // The value at `key` in a mapping; absent when the key is not there or this is no mapping.
  YamlNode operator[](const std::string& key) const;
  // A list's elements in order; empty for any other node.
  std::vector<YamlNode> Elements() const;
  // A mapping's entries in document order; empty for any other node.
  std::vector<Entry> Entries() const;
  // Where the node starts in its file, when known.
  std::optional<Position> Start() const;
  // "a mapping", "a list", "a scalar", "nothing": for error messages.
  const char* TypeName() const;

 private:
  struct Impl;
  explicit YamlNode(std::shared_ptr<const Impl> impl);
  friend struct YamlNodeAccess;

  std::shared_ptr<const Impl> impl_;
};

struct YamlNode::Entry {
  YamlNode key;
  YamlNode value;
};

}  // namespace sdetcheck
