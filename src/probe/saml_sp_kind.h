#pragma once
// Probe kind "saml_sp": the ENT as SAML service provider of the federation (sso.ent_sp).
// sdetcheck plays the test IdP the ENT trusts and posts Responses to the ENT's ACS
// (probe/saml_sp_attempt.h): a valid one must open a session (the positive control,
// saml.sp.accepts_valid); then the same Response replayed, one for another SP, an expired
// one, an unsigned one and one signed with an untrusted key must not (saml.sp.replay,
// .foreign_audience, .expired, .unsigned, .untrusted_key). Without the control the negatives
// are errors: a refusal proves nothing when nothing is ever accepted. Not applicable when the
// target declares no sso.ent_sp.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseSamlSpProbe(YamlReader& reader, const YamlNode& node,
                                                    const std::string& what);
std::vector<std::string> SamlSpProbeVariables(const ProbeConfig& config);
void RunSamlSpProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                    ProbeDone done);

}  // namespace sdetcheck
