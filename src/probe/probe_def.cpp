#include "probe/probe_def.h"

namespace sdetcheck {

const ProbeDef* ProbeCatalog::Find(const std::string& name) const {
  for (const ProbeDef& probe : probes) {
    if (probe.name == name) return &probe;
  }
  return nullptr;
}

}  // namespace sdetcheck
