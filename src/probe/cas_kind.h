#pragma once
// Probe kind "cas": a full CAS login as a browser does it (login form, credentials of a
// target account, service ticket), then either validates the ticket (CAS 1, 2 or 3) and
// checks the released attributes, or follows the ticket to the service and judges the page.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseCasProbe(YamlReader& reader, const YamlNode& node,
                                                 const std::string& what);
std::vector<std::string> CasProbeVariables(const ProbeConfig& config);
void RunCasProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                 ProbeDone done);

}  // namespace sdetcheck
