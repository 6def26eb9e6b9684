#pragma once
// Probe kind "aaf_feed": the AAF feed files the target lists (target.feeds) validated with
// every rule of aaf/feed_rules.h; per rule broken, one check that fails when its count passes
// the definition's threshold (0 by default for errors; warnings are shown, never failed,
// unless a threshold is given).

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseAafFeedProbe(YamlReader& reader, const YamlNode& node,
                                                     const std::string& what);
std::vector<std::string> AafFeedProbeVariables(const ProbeConfig& config);
void RunAafFeedProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                     ProbeDone done);

}  // namespace sdetcheck
