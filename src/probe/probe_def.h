#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "grid/grid_set.h"
#include "util/diagnostics.h"

namespace sdetcheck {

// Kind-specific settings of a probe, parsed and validated by its kind before any I/O.
struct ProbeConfig {
  virtual ~ProbeConfig() = default;
};

struct ProbeDef {
  std::string name;
  std::string kind;
  std::string description;
  std::map<std::string, std::string> params;  // declared parameters and defaults
  std::shared_ptr<const ProbeConfig> config;
  SourceLoc loc;
};

struct ProbeCatalog {
  std::vector<ProbeDef> probes;
  std::vector<InputFile> files;
  const ProbeDef* Find(const std::string& name) const;
};

}  // namespace sdetcheck
