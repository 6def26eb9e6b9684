#pragma once
// Probe kind "web_page": what the ENT's public pages publish and load, read with the pure
// analysers of src/web/: the accessibility statement (found from the page's link, else at the
// usual addresses) and its multi-year plan, the third-party hosts the pages load and whether
// the personal-data page names them, mixed content, Subresource Integrity of third-party
// scripts, an automated RGAA subset, and security.txt (RFC 9116). One aspect per probe (check).

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseWebPageProbe(YamlReader& reader, const YamlNode& node,
                                                     const std::string& what);
std::vector<std::string> WebPageProbeVariables(const ProbeConfig& config);
void RunWebPageProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                     ProbeDone done);

}  // namespace sdetcheck
