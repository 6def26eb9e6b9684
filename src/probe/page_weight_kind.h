#pragma once
// Probe kind "page_weight": how heavy the ENT's pages are, as the EcoIndex measures it (DOM
// elements, requests, kilobytes transferred) with its A..G grade. Each page is fetched, its
// subresources read from the HTML, and those of the ENT's own hosts fetched (without cookies)
// and weighed; third-party resources count as requests but are not fetched, so their weight
// is not in the total, and the check says how many were left out.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParsePageWeightProbe(YamlReader& reader, const YamlNode& node,
                                                        const std::string& what);
std::vector<std::string> PageWeightProbeVariables(const ProbeConfig& config);
void RunPageWeightProbe(const ProbeConfig& config, const Variables& variables,
                        ProbeContext& context, ProbeDone done);

}  // namespace sdetcheck
