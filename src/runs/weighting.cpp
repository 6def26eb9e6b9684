#include "runs/weighting.h"

#include <set>

#include "yaml/reader.h"

namespace sdetcheck {
namespace {

constexpr long kMaxMultiplier = 100;

void ReadMultipliers(YamlReader& r, const YamlNode& root, const char* key,
                     std::map<std::string, double>* out) {
  YamlNode map = root[key];
  if (!map || map.IsNull()) return;
  if (!r.ExpectMap(map, key)) return;
  for (const YamlNode::Entry& entry : map.Entries()) {
    const std::string& name = entry.key.Scalar();
    std::optional<long> value = entry.value.Integer();
    if (!value || *value < 0 || *value > kMaxMultiplier) {
      r.Error(entry.value,
              std::string(key) + "." + name + ": expected a whole multiplier from 0 to 100, got '" +
                  entry.value.Scalar() + "'",
              "0 leaves the axis or item out of the weighted score; 1 keeps the SDET weight");
      continue;
    }
    (*out)[name] = static_cast<double>(*value);
  }
}

bool Met(const std::string& state) { return state == "pass" || state == "attested"; }

bool Scored(const std::string& state) {
  return Met(state) || state == "fail" || state == "error" || state == "not_tested";
}

}  // namespace

double Weighting::Multiplier(const SavedItem& item) const {
  if (auto it = items.find(item.id); it != items.end()) return it->second;
  if (auto it = axes.find(item.axis); it != axes.end()) return it->second;
  return 1;
}

std::optional<Weighting> LoadWeighting(const std::string& file, Diagnostics* diagnostics) {
  size_t before = diagnostics->size();
  YamlReader r(file, diagnostics);
  std::optional<YamlNode> root = r.Load();
  if (!root) return std::nullopt;
  if (!r.ExpectMap(*root, "weighting file")) return std::nullopt;
  r.CheckKeys(*root, {"name", "axes", "items"}, "weighting file");
  Weighting weighting;
  weighting.name = r.String(*root, "name", false, "weighting file").value_or("");
  ReadMultipliers(r, *root, "axes", &weighting.axes);
  ReadMultipliers(r, *root, "items", &weighting.items);
  if (diagnostics->size() != before) return std::nullopt;
  return weighting;
}

void CheckWeightingNames(const Weighting& weighting, const SavedRun& run, const std::string& file,
                         Diagnostics* diagnostics) {
  std::set<std::string> axes;
  for (const SavedItem& item : run.items) axes.insert(item.axis);
  for (const auto& [axis, multiplier] : weighting.axes) {
    if (!axes.count(axis))
      diagnostics->Error({file, 0, 0}, "axes." + axis + ": no such axis in " + run.file);
  }
  for (const auto& [id, multiplier] : weighting.items) {
    if (!run.FindItem(id))
      diagnostics->Error({file, 0, 0}, "items." + id + ": no such item in " + run.file);
  }
}

std::optional<double> WeightedScore(const SavedRun& run, const Weighting& weighting) {
  double met = 0, total = 0;
  for (const SavedItem& item : run.items) {
    if (!Scored(item.state)) continue;
    double weight = item.weight * weighting.Multiplier(item);
    total += weight;
    if (Met(item.state)) met += weight;
  }
  if (total <= 0) return std::nullopt;
  return met / total;
}

}  // namespace sdetcheck
