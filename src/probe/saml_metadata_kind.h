#pragma once
// Probe kind "saml_metadata": fetches SAML 2.0 metadata and checks the IdP or SP
// descriptor: signing certificates valid (now and for N more days), HTTPS endpoints.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseSamlMetadataProbe(YamlReader& reader, const YamlNode& node,
                                                          const std::string& what);
std::vector<std::string> SamlMetadataProbeVariables(const ProbeConfig& config);
void RunSamlMetadataProbe(const ProbeConfig& config, const Variables& variables,
                          ProbeContext& context, ProbeDone done);

}  // namespace sdetcheck
