#pragma once
// Probe kind "tls_scan": one aspect of a full TLS scan of the endpoint (tls/tls_scan.h),
// judged by tls/tls_scan_judge.h. Probes of one audit share one scan per endpoint.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseTlsScanProbe(YamlReader& reader, const YamlNode& node,
                                                     const std::string& what);
std::vector<std::string> TlsScanProbeVariables(const ProbeConfig& config);
void RunTlsScanProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                     ProbeDone done);

}  // namespace sdetcheck
