#pragma once
// Probe kind "service_access": the services x profiles matrix. For each profile with a test
// account, one browser session logs in once (CAS, through the first service that asks) and
// visits the target's services: those meant for the profile must open (their page, not a
// login form or an error), those refused to it must not. Each visit is repeated `samples`
// times for the response times and availability shown beside the verdict (never scored).

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseServiceAccessProbe(YamlReader& reader, const YamlNode& node,
                                                           const std::string& what);
std::vector<std::string> ServiceAccessProbeVariables(const ProbeConfig& config);
void RunServiceAccessProbe(const ProbeConfig& config, const Variables& variables,
                           ProbeContext& context, ProbeDone done);

}  // namespace sdetcheck
