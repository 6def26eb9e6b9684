#include "yaml/node.h"

#include "yaml/node_access.h"

namespace sdetcheck {
namespace {

const std::string& EmptyText() {
  static const std::string empty;
  return empty;
}

}  // namespace

YamlNode::YamlNode() = default;
YamlNode::~YamlNode() = default;
YamlNode::YamlNode(const YamlNode&) = default;
YamlNode& YamlNode::operator=(const YamlNode&) = default;
YamlNode::YamlNode(YamlNode&&) noexcept = default;
YamlNode& YamlNode::operator=(YamlNode&&) noexcept = default;
YamlNode::YamlNode(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

bool YamlNode::IsDefined() const { return impl_ && impl_->node.IsDefined(); }
bool YamlNode::IsNull() const { return IsDefined() && impl_->node.IsNull(); }
bool YamlNode::IsScalar() const { return IsDefined() && impl_->node.IsScalar(); }
bool YamlNode::IsSequence() const { return IsDefined() && impl_->node.IsSequence(); }
bool YamlNode::IsMap() const { return IsDefined() && impl_->node.IsMap(); }

const std::string& YamlNode::Scalar() const {
  return IsScalar() ? impl_->node.Scalar() : EmptyText();
}

std::optional<long> YamlNode::Integer() const {
  long value = 0;
  if (IsScalar() && YAML::convert<long>::decode(impl_->node, value)) return value;
  return std::nullopt;
}

size_t YamlNode::size() const { return IsMap() || IsSequence() ? impl_->node.size() : 0; }

YamlNode YamlNode::operator[](const std::string& key) const {
  if (!IsMap()) return YamlNode();
  const YAML::Node& map = impl_->node;  // const: a missing key is not inserted
  YAML::Node value = map[key];
  if (!value.IsDefined()) return YamlNode();
  return YamlNodeAccess::Wrap(value);
}

std::vector<YamlNode> YamlNode::Elements() const {
  std::vector<YamlNode> out;
  if (!IsSequence()) return out;
  for (const YAML::Node& element : impl_->node) out.push_back(YamlNodeAccess::Wrap(element));
  return out;
}

std::vector<YamlNode::Entry> YamlNode::Entries() const {
  std::vector<Entry> out;
  if (!IsMap()) return out;
  for (const auto& entry : impl_->node) {
    out.push_back({YamlNodeAccess::Wrap(entry.first), YamlNodeAccess::Wrap(entry.second)});
  }
  return out;
}

std::optional<YamlNode::Position> YamlNode::Start() const {
  if (!IsDefined()) return std::nullopt;
  YAML::Mark mark = impl_->node.Mark();
  if (mark.is_null()) return std::nullopt;
  return Position{mark.line + 1, mark.column + 1};
}

const char* YamlNode::TypeName() const {
  if (IsMap()) return "a mapping";
  if (IsSequence()) return "a list";
  if (IsScalar()) return "a scalar";
  return "nothing";
}

}  // namespace sdetcheck
