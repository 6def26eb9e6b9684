#pragma once
// Probe kind "aaf_directory": the ENT's LDAP directory (target.directory.ldap) read through
// the transport's blocking seam and compared with the target's AAF feeds (target.feeds):
// checks aaf.directory.missing, .extra, .drift (fail when any) and .counts (shown). Evidence
// carries join keys and field names only, never personal values. Not applicable without a
// directory or without feeds; an unreadable directory or feed is an error, never a verdict.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseAafDirectoryProbe(YamlReader& reader, const YamlNode& node,
                                                          const std::string& what);
std::vector<std::string> AafDirectoryProbeVariables(const ProbeConfig& config);
void RunAafDirectoryProbe(const ProbeConfig& config, const Variables& variables,
                          ProbeContext& context, ProbeDone done);

}  // namespace sdetcheck
