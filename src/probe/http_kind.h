#pragma once
// Probe kind "http": one request, judged by a matcher tree.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseHttpProbe(YamlReader& reader, const YamlNode& node,
                                                  const std::string& what);
std::vector<std::string> HttpProbeVariables(const ProbeConfig& config);
void RunHttpProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                  ProbeDone done);

}  // namespace sdetcheck
