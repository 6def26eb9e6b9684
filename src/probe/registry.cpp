#include "probe/registry.h"

#include "probe/aaf_directory_kind.h"
#include "probe/aaf_feed_kind.h"
#include "probe/cas_kind.h"
#include "probe/cas_protocol_kind.h"
#include "probe/http_kind.h"
#include "probe/oidc_kind.h"
#include "probe/page_weight_kind.h"
#include "probe/saml_login_kind.h"
#include "probe/saml_metadata_kind.h"
#include "probe/saml_sp_kind.h"
#include "probe/service_access_kind.h"
#include "probe/tls_kind.h"
#include "probe/tls_scan_kind.h"
#include "probe/web_page_kind.h"

namespace sdetcheck {

// One row per kind: a table, not logic, so its length is not a function's.
// NOLINTNEXTLINE(readability-function-size)
const std::vector<ProbeKind>& ProbeKinds() {
  static const std::vector<ProbeKind> kKinds = {
      {"http",
       "One HTTP(S) request judged by matchers (status, headers, body, XML, JSON, HTML, TLS)",
       {"request", "when", "expect"},
       ParseHttpProbe,
       HttpProbeVariables,
       RunHttpProbe},
      {"tls",
       "TLS handshakes: the default one must succeed, the legacy versions listed must be refused",
       {"url", "refuse"},
       ParseTlsProbe,
       TlsProbeVariables,
       RunTlsProbe},
      {"tls_scan",
       "A full TLS scan of the endpoint (versions, suites, order, certificate), one aspect judged "
       "per probe",
       {"check", "url", "horizon_days"},
       ParseTlsScanProbe,
       TlsScanProbeVariables,
       RunTlsScanProbe},
      {"cas",
       "CAS login as a browser (form, credentials, ticket), then ticket validation or the service "
       "page",
       {"login", "expect"},
       ParseCasProbe,
       CasProbeVariables,
       RunCasProbe},
      {"saml_metadata",
       "SAML 2.0 metadata: signing certificates valid, HTTPS endpoints, structure, practices, "
       "certificate strength, signature",
       {"url", "role", "expect"},
       ParseSamlMetadataProbe,
       SamlMetadataProbeVariables,
       RunSamlMetadataProbe},
      {"cas_protocol",
       "One rule of the CAS protocol checked as a scenario (check: ticket_single_use, renew, "
       "logout...)",
       {"check", "cas_url", "service", "account"},
       ParseCasProtocolProbe,
       CasProtocolProbeVariables,
       RunCasProtocolProbe},
      {"oidc",
       "OpenID Connect: discovery and JWKS, or the authorization code flow with PKCE (ID token "
       "signature and claims, userinfo, code replay, wrong verifier, unregistered redirect_uri)",
       {"check", "url", "account"},
       ParseOidcProbe,
       OidcProbeVariables,
       RunOidcProbe},
      {"saml_login",
       "SAML 2.0 login as the target's SP: AuthnRequest, login form, SAMLResponse verified "
       "against the IdP metadata certificate",
       {"url", "account", "expect"},
       ParseSamlLoginProbe,
       SamlLoginProbeVariables,
       RunSamlLoginProbe},
      {"saml_sp",
       "The ENT as SAML SP: sdetcheck plays the test IdP it trusts; a valid Response opens a "
       "session, a replayed, foreign, expired, unsigned or untrusted one does not",
       {"rejects"},
       ParseSamlSpProbe,
       SamlSpProbeVariables,
       RunSamlSpProbe},
      {"aaf_feed",
       "The AAF feed files of the target (target.feeds) checked with every feed rule; a rule "
       "fails past its threshold (thresholds: {rule: count})",
       {"thresholds"},
       ParseAafFeedProbe,
       AafFeedProbeVariables,
       RunAafFeedProbe},
      {"aaf_directory",
       "The ENT's LDAP directory (target.directory.ldap) compared with the AAF feeds "
       "(target.feeds): people missing, extra, drifting (profile, establishment, classes, "
       "relatives, join key, birth date), counts per establishment and profile",
       {},
       ParseAafDirectoryProbe,
       AafDirectoryProbeVariables,
       RunAafDirectoryProbe},
      {"service_access",
       "The services x profiles matrix: each profile's SSO session visits the services meant "
       "for it (they must open) or refused to it (they must not)",
       {"check", "services", "account", "samples", "refusal", "catalogue"},
       ParseServiceAccessProbe,
       ServiceAccessProbeVariables,
       RunServiceAccessProbe},
      {"web_page",
       "What the public pages publish and load: accessibility statement and plan, third parties "
       "named in the privacy page, mixed content, SRI, an RGAA subset, security.txt (check)",
       {"check", "url", "pages", "privacy", "signed_in"},
       ParseWebPageProbe,
       WebPageProbeVariables,
       RunWebPageProbe},
      {"page_weight",
       "How heavy pages are, as the EcoIndex measures it: DOM elements, requests and kilobytes "
       "of the page and its own-host subresources, graded A..G against max_grade",
       {"url", "pages", "max_grade", "signed_in"},
       ParsePageWeightProbe,
       PageWeightProbeVariables,
       RunPageWeightProbe},
  };
  return kKinds;
}

const ProbeKind* FindProbeKind(const std::string& name) {
  for (const ProbeKind& kind : ProbeKinds()) {
    if (name == kind.name) return &kind;
  }
  return nullptr;
}

}  // namespace sdetcheck
