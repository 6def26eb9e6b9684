#pragma once
// Probe kind "cas_protocol": one rule of the CAS protocol 3.0 checked as a scenario (a
// ticket replayed, validated for another service, renew, gateway, logout...), chosen by
// the definition's `check:` among the table of probe/cas_scenarios.h.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseCasProtocolProbe(YamlReader& reader, const YamlNode& node,
                                                         const std::string& what);
std::vector<std::string> CasProtocolProbeVariables(const ProbeConfig& config);
void RunCasProtocolProbe(const ProbeConfig& config, const Variables& variables,
                         ProbeContext& context, ProbeDone done);

}  // namespace sdetcheck
