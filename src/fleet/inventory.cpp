#include "fleet/inventory.h"

#include <filesystem>
#include <set>

#include "yaml/reader.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

bool ValidId(const std::string& id) {
  if (id.empty() || id == "." || id == ".." || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string Resolve(const std::string& base_file, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(base_file).parent_path() / path).string();
}

void ReadInstance(YamlReader& r, const YamlNode& node, std::set<std::string>* ids,
                  Inventory* inventory) {
  if (!r.ExpectMap(node, "instance")) return;
  r.CheckKeys(node, {"id", "name", "target", "answers"}, "instance");
  FleetInstance instance;
  instance.loc = r.Loc(node);
  instance.id = r.String(node, "id", true, "instance").value_or("");
  std::string what = "instance " + instance.id;
  if (!instance.id.empty() && !ValidId(instance.id)) {
    r.Error(node["id"],
            what + ": id must be letters, digits, '.', '_' or '-' (it names a directory)");
    return;
  }
  if (!instance.id.empty() && !ids->insert(instance.id).second) {
    r.Error(node["id"], what + ": id already used by another instance");
    return;
  }
  instance.name = r.String(node, "name", false, what).value_or("");
  instance.target = Resolve(r.file(), r.String(node, "target", true, what).value_or(""));
  instance.answers = Resolve(r.file(), r.String(node, "answers", false, what).value_or(""));
  std::error_code ec;
  if (!instance.target.empty() && !fs::is_regular_file(instance.target, ec))
    r.Error(node["target"], what + ": target file not found: " + instance.target);
  if (!instance.id.empty() && !instance.target.empty())
    inventory->instances.push_back(std::move(instance));
}

}  // namespace

Inventory LoadInventory(const std::string& file, Diagnostics* diagnostics) {
  Inventory inventory;
  inventory.file = file;
  YamlReader r(file, diagnostics);
  std::optional<YamlNode> root = r.Load();
  if (!root || !r.ExpectMap(*root, "inventory")) return inventory;
  r.CheckKeys(*root, {"instances"}, "inventory");
  YamlNode instances = (*root)["instances"];
  if (!instances) {
    r.Error(*root, "inventory: missing required key 'instances'");
    return inventory;
  }
  if (!r.ExpectSequence(instances, "instances")) return inventory;
  std::set<std::string> ids;
  for (const YamlNode& node : instances.Elements()) ReadInstance(r, node, &ids, &inventory);
  if (inventory.instances.empty() && diagnostics->empty())
    r.Error(instances, "inventory: no instance");
  return inventory;
}

std::vector<FleetInstance> ShardOf(const Inventory& inventory, int index, int count) {
  std::vector<FleetInstance> shard;
  for (size_t i = 0; i < inventory.instances.size(); ++i) {
    if (count <= 1 || static_cast<int>(i % static_cast<size_t>(count)) == index)
      shard.push_back(inventory.instances[i]);
  }
  return shard;
}

}  // namespace sdetcheck
