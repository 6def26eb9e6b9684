#include "lint/linter.h"

#include <filesystem>
#include <set>
#include <system_error>

#include "answers/answers.h"
#include "grid/loader.h"
#include "lint/cross_check.h"
#include "probe/loader.h"
#include "target/profile.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

enum class FileKind { kGridSet, kProbes, kTarget, kAnswers, kUnknown };

struct Classified {
  std::vector<std::string> grid_sets;
  std::vector<std::string> probes;
  std::vector<std::string> targets;
  std::vector<std::string> answers;
};

// The grid set directory holding `path` (the directory itself or a file in it), if any.
// The file system's errors (a name too long...) read as "no": no exception escapes.
std::string GridSetOf(const fs::path& path) {
  std::error_code error;
  fs::path dir = fs::is_directory(path, error) ? path : path.parent_path();
  if (dir.empty()) dir = ".";
  return fs::exists(dir / "manifest.yaml", error) ? dir.lexically_normal().string() : "";
}

FileKind KindOfYaml(const std::string& file, Diagnostics* diagnostics) {
  YamlReader reader(file, diagnostics);
  std::optional<YamlNode> root = reader.Load();
  if (!root) return FileKind::kUnknown;  // the syntax error is already recorded
  if (root->IsMap()) {
    if ((*root)["probes"]) return FileKind::kProbes;
    if ((*root)["target"]) return FileKind::kTarget;
    if ((*root)["attestations"] || (*root)["waivers"]) return FileKind::kAnswers;
  }
  diagnostics->Error({file, 1, 1}, "not a grid, probe, target or answers file",
                     "expected a top-level key probes, target, attestations or waivers, "
                     "or a manifest.yaml beside it");
  return FileKind::kUnknown;
}

void ClassifyFile(const std::string& file, Classified* out, std::set<std::string>* sets,
                  Diagnostics* diagnostics) {
  std::string set = GridSetOf(file);
  if (!set.empty()) {
    if (sets->insert(set).second) out->grid_sets.push_back(set);
    return;
  }
  switch (KindOfYaml(file, diagnostics)) {
    case FileKind::kProbes:
      out->probes.push_back(file);
      break;
    case FileKind::kTarget:
      out->targets.push_back(file);
      break;
    case FileKind::kAnswers:
      out->answers.push_back(file);
      break;
    default:
      break;
  }
}

Classified Classify(const std::vector<std::string>& paths, Diagnostics* diagnostics) {
  Classified out;
  std::set<std::string> sets;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::exists(path, error)) {
      diagnostics->Error({path, 0, 0}, "no such file or directory");
      continue;
    }
    if (fs::is_directory(path, error) && !GridSetOf(path).empty()) {
      ClassifyFile(path, &out, &sets, diagnostics);
      continue;
    }
    for (const std::string& file : YamlFilesUnder(path))
      ClassifyFile(file, &out, &sets, diagnostics);
  }
  return out;
}

}  // namespace

LintSummary LintPaths(const std::vector<std::string>& paths,
                      const std::vector<std::string>& default_probes,
                      const std::string& default_grid, Diagnostics* diagnostics) {
  LintSummary summary;
  Classified c = Classify(paths, diagnostics);
  bool own_probes = !c.probes.empty();
  ProbeCatalog probes = LoadProbes(own_probes ? c.probes : default_probes, diagnostics);
  summary.probe_files = static_cast<int>(c.probes.size());
  summary.probes = own_probes ? static_cast<int>(probes.probes.size()) : 0;
  std::vector<GridSet> grids;
  for (const std::string& dir : c.grid_sets) {
    grids.push_back(LoadGridSet(dir, diagnostics));
    CrossCheckGridProbes(grids.back(), probes, diagnostics);
    summary.items += static_cast<int>(grids.back().items.size());
  }
  summary.grid_sets = static_cast<int>(grids.size());
  for (const std::string& file : c.targets) LoadTargetProfile(file, diagnostics);
  summary.targets = static_cast<int>(c.targets.size());
  if (!c.answers.empty()) {
    Diagnostics ignored;  // problems of the default grid are not the answers file's
    GridSet reference = grids.empty() ? LoadGridSet(default_grid, &ignored) : grids.front();
    for (const std::string& file : c.answers) {
      CrossCheckAnswers(reference, LoadAnswers(file, diagnostics), diagnostics);
    }
  }
  summary.answers = static_cast<int>(c.answers.size());
  return summary;
}

}  // namespace sdetcheck
