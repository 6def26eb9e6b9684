#pragma once
// Probe kind "oidc": an OpenID Connect provider checked as a relying party would use it.
// check: discovery    the discovery document and its JWKS (each key loaded by OpenSSL)
//        code_flow    authorization code flow with PKCE S256 for one account: state returned,
//                     ID token signature and claims, userinfo
//        code_replay  the code of that flow, redeemed twice: the second time refused
//        pkce         a code redeemed with a wrong code_verifier: refused
//        redirect_uri an authorization request with an unregistered redirect_uri: never
//                     redirected there
// The flows use the target's sso.oidc_client; they log in through the provider's form.

#include <memory>
#include <string>
#include <vector>

#include "probe/registry.h"

namespace sdetcheck {

std::shared_ptr<const ProbeConfig> ParseOidcProbe(YamlReader& reader, const YamlNode& node,
                                                  const std::string& what);
std::vector<std::string> OidcProbeVariables(const ProbeConfig& config);
void RunOidcProbe(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
                  ProbeDone done);

}  // namespace sdetcheck
