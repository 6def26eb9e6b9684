#pragma once
// Probe kind "saml_login": sdetcheck plays the SP the target declares (sso.saml_sp) and logs
// a test account in through the ENT's SAML IdP: AuthnRequest over HTTP-Redirect (signed
// when the target gives the SP key), login form, then the SAMLResponse of the auto-submit
// form judged (probe/saml_response.h) and never posted anywhere. With expect
// {unsigned_request: refused}, sends an unsigned request to an IdP whose metadata wants
// signed ones and checks that no successful Response comes back.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseSamlLoginProbe(YamlReader& reader, const YamlNode& node,
                                                       const std::string& what);
std::vector<std::string> SamlLoginProbeVariables(const ProbeConfig& config);
void RunSamlLoginProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                       ProbeDone done);

}  // namespace sdetcheck
