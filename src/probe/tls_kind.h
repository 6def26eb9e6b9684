#pragma once
// Probe kind "tls": the server must answer over its default TLS and refuse the legacy
// protocol versions listed (a refused handshake is the conformant outcome, not an error).

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseTlsProbe(YamlReader& reader, const YamlNode& node,
                                                 const std::string& what);
std::vector<std::string> TlsProbeVariables(const ProbeConfig& config);
void RunTlsProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                 ProbeDone done);

}  // namespace sdetcheck
