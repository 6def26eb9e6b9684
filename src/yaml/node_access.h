#pragma once
// Internal to src/yaml/: wraps and unwraps yaml-cpp nodes.

#include <yaml-cpp/yaml.h>

#include "yaml/node.h"

namespace sdetcheck {

struct YamlNode::Impl {
  YAML::Node node;
};

struct YamlNodeAccess {
  static YamlNode Wrap(const YAML::Node& node) {
    return YamlNode(std::make_shared<const YamlNode::Impl>(YamlNode::Impl{node}));
  }
};

}  // namespace sdetcheck
