#pragma once
// The ENT under audit. Secrets are held by reference (environment variable or file) and
// only resolved by ResolveSecrets(), which also registers them for redaction.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "probe/variables.h"
#include "util/diagnostics.h"

namespace sdetcheck {

class Redactor;

struct SecretRef {
  std::string env;    // name of an environment variable, or
  std::string file;   // path of a file holding the value (trailing newline ignored)
  std::string value;  // filled by ResolveSecrets()
};

struct Account {
  std::string id;
  std::string profile;
  std::string login;
  SecretRef password;
  std::string aaf_id;  // the person's AAF identifier, when the auditor knows it ("" = unknown)
};

struct Service {
  std::string id;
  std::string url;
  std::vector<std::string> profiles;  // must open for these profiles
  std::vector<std::string> denied;    // must be refused to these profiles
  std::string kind;                   // its entry in the services catalogue ("" = its id)
  std::string markers;                // a regex its page shows when open; "" = the catalogue's
};

// The OpenID Connect client the code flow probes use (sso.oidc_client).
struct OidcClient {
  std::string client_id;
  SecretRef client_secret;
  std::string redirect_uri;
};

// The SAML service provider registered at the ENT's IdP that sdetcheck plays (probe kind
// saml_login): its entityID, its AssertionConsumerService URL, and its signing key (PEM), a
// secret by reference.
struct SamlServiceProvider {
  std::string entity_id;
  std::string acs_url;
  SecretRef signing_key;
};

// The ENT as SAML service provider of the federation (sso.ent_sp), and the test IdP it
// trusts that sdetcheck plays (probe kind saml_sp): where Responses are posted, the page that
// tells a session from none, the IdP's entityID, single sign-on URL (where the ENT sends its
// AuthnRequests) and signing key (PEM, a secret by reference), and the subject it asserts.
struct EntServiceProvider {
  std::string entity_id;    // the ENT SP's entityID: the Audience
  std::string acs_url;      // its AssertionConsumerService (HTTP-POST), HTTPS
  std::string session_url;  // a page of the ENT that needs a session, HTTPS
  std::string idp_entity_id;
  std::string idp_sso_url;  // "" when the ENT takes unsolicited Responses only
  SecretRef idp_signing_key;
  std::string name_id;
  std::vector<std::pair<std::string, std::string>> attributes;  // name, value
};

// directory.ldap: read access to the ENT's LDAP directory (probe kind aaf_directory). Plain
// ldap:// without TLS only to 127.0.0.1/localhost, and only with plaintext_loopback.
struct DirectoryLdap {
  std::string url;  // ldaps:// or ldap:// (StartTLS)
  std::string base_dn;
  std::string bind_dn;
  SecretRef password;
  std::string filter;                // "" = (objectClass=ENTPerson)
  std::string join_prefix = "AAF$";  // what precedes the AAF id in ENTPersonJointure
  bool plaintext_loopback = false;
};

struct TargetProfile {
  std::string name;
  std::string base_url;
  std::string http_url;
  std::vector<std::string> degrees;
  std::vector<std::string> profiles;
  std::string ca_bundle;  // resolved against the profile's directory
  std::string cas_url;
  std::string saml_metadata_url;
  // Trust anchor of the SAML metadata signature (a PEM certificate file, resolved against the
  // profile's directory; "" when none), and whether the metadata must be signed.
  std::string saml_metadata_signer;
  bool saml_metadata_signed = false;
  SamlServiceProvider saml_sp;  // empty entity_id when the target declares none
  std::optional<EntServiceProvider> ent_sp;
  std::string oidc_discovery_url;
  std::optional<OidcClient> oidc_client;
  // Origins besides base_url and sso.cas where the ENT's login legitimately posts passwords
  // (an académie IdP, say); HTTPS only.
  std::vector<std::string> credential_origins;
  // Response headers whose values are secrets (session tokens...): masked like cookies.
  std::vector<std::string> secret_headers;
  std::vector<Service> services;
  std::vector<std::string> feeds;
  std::optional<DirectoryLdap> directory_ldap;
  std::vector<Account> accounts;
  Variables vars;
  std::string file;

  // base_url, http_url, host, SSO URLs, vars.* for every `vars` entry, and account.PROFILE
  // (the id of the first account of each profile).
  Variables ToVariables() const;
  const Account* FindAccount(const std::string& id) const;
  // Whether a password may be sent to `url`: HTTPS, and the origin of base_url, of sso.cas
  // or one of credential_origins. Nothing secret goes anywhere else.
  bool AcceptsCredentials(const std::string& url) const;
};

// base64("login:password"), the HTTP Basic credentials of an account (a secret itself).
std::string BasicCredentials(const Account& account);
// base64(client_id ":" client_secret), each percent-encoded (RFC 6749 §2.3.1): a secret.
std::string OidcClientCredentials(const OidcClient& client);

// `check_paths` false: the files it names (ca_bundle) need not exist, for a run re-judged
// offline from its bundle (sdetcheck replay), which never connects.
TargetProfile LoadTargetProfile(const std::string& file, Diagnostics* diagnostics,
                                bool check_paths = true);
// The same from the file's text; `file` names it in diagnostics, and relative paths in it
// (ca_bundle, password files) are resolved against its directory.
TargetProfile LoadTargetProfileFromText(const std::string& text, const std::string& file,
                                        Diagnostics* diagnostics, bool check_paths = true);

// Reads every secret; a missing variable or unreadable file is a diagnostic naming the
// account (never the value). Every value read is added to `redactor`.
void ResolveSecrets(TargetProfile* target, Redactor* redactor, Diagnostics* diagnostics);

}  // namespace sdetcheck
