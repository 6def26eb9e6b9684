#include "target/profile.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "directory/ldap_reader.h"
#include "net/url.h"
#include "util/base64.h"
#include "util/redactor.h"
#include "util/regex.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;
const std::vector<std::string> kProfiles = {"eleve", "parent", "enseignant", "personnel",
                                            "collectivite"};

std::string StripTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

SecretRef ReadSecret(YamlReader& r, const YamlNode& owner, const std::string& what,
                     const std::string& field = "password") {
  SecretRef ref;
  YamlNode node = owner[field];
  if (!node) return ref;
  std::string where = what + "." + field;
  if (node.IsScalar()) {
    r.Error(node, where + ": secrets are never written inline",
            "use {env: VARIABLE} or {file: path}");
    return ref;
  }
  if (!r.ExpectMap(node, where)) return ref;
  r.CheckKeys(node, {"env", "file"}, where);
  ref.env = r.String(node, "env", false, where).value_or("");
  ref.file = r.String(node, "file", false, where).value_or("");
  if (ref.env.empty() == ref.file.empty()) {
    r.Error(node, where + ": expected exactly one of 'env' or 'file'");
  }
  if (!ref.file.empty()) ref.file = (fs::path(r.file()).parent_path() / ref.file).string();
  return ref;
}

// sso.oidc_client: the test client of the code flow probes; its secret is a secret.
void ReadOidcClient(YamlReader& r, const YamlNode& sso, TargetProfile* out) {
  YamlNode node = sso["oidc_client"];
  const std::string what = "target.sso.oidc_client";
  if (!node || !r.ExpectMap(node, what)) return;
  r.CheckKeys(node, {"client_id", "client_secret", "redirect_uri"}, what);
  OidcClient client;
  client.client_id = r.String(node, "client_id", true, what).value_or("");
  client.redirect_uri = r.String(node, "redirect_uri", true, what).value_or("");
  client.client_secret = ReadSecret(r, node, what, "client_secret");
  if (!node["client_secret"]) r.Error(node, what + ": missing required key 'client_secret'");
  out->oidc_client = std::move(client);
}

void ReadAccounts(YamlReader& r, const YamlNode& target, TargetProfile* out) {
  YamlNode accounts = target["accounts"];
  if (!accounts || !r.ExpectSequence(accounts, "target.accounts")) return;
  for (const YamlNode& node : accounts.Elements()) {
    if (!r.ExpectMap(node, "account")) continue;
    Account account;
    account.id = r.String(node, "id", true, "account").value_or("");
    std::string what = "account " + account.id;
    r.CheckKeys(node, {"id", "profile", "login", "password", "aaf_id"}, what);
    account.profile = r.Enum(node, "profile", kProfiles, true, what).value_or("");
    account.login = r.String(node, "login", true, what).value_or("");
    account.password = ReadSecret(r, node, what);
    account.aaf_id = r.String(node, "aaf_id", false, what).value_or("");
    out->accounts.push_back(account);
  }
}

void ReadServices(YamlReader& r, const YamlNode& target, TargetProfile* out) {
  YamlNode services = target["services"];
  if (!services || !r.ExpectSequence(services, "target.services")) return;
  for (const YamlNode& node : services.Elements()) {
    if (!r.ExpectMap(node, "service")) continue;
    r.CheckKeys(node, {"id", "url", "profiles", "denied", "kind", "markers"}, "service");
    Service service;
    service.id = r.String(node, "id", true, "service").value_or("");
    std::string what = "service " + service.id;
    service.url = r.String(node, "url", true, what).value_or("");
    service.profiles = r.StringList(node, "profiles", kProfiles, what);
    service.denied = r.StringList(node, "denied", kProfiles, what);
    service.kind = r.String(node, "kind", false, what).value_or("");
    service.markers = r.String(node, "markers", false, what).value_or("");
    std::string regex_error;
    if (!service.markers.empty() && !Regex::Compile(service.markers, &regex_error)) {
      r.Error(node["markers"], what + ".markers: invalid regular expression: " + regex_error);
    }
    for (const std::string& profile : service.denied) {
      if (std::find(service.profiles.begin(), service.profiles.end(), profile) !=
          service.profiles.end()) {
        r.Error(node["denied"], what + ".denied: profile '" + profile +
                                    "' is also in profiles: a service cannot be both open and "
                                    "refused to it");
      }
    }
    out->services.push_back(service);
  }
}

// sso.saml_sp: the service provider sdetcheck plays towards the ENT's SAML IdP.
void ReadSamlSp(YamlReader& r, const YamlNode& sso, TargetProfile* out) {
  YamlNode sp = sso["saml_sp"];
  const std::string what = "target.sso.saml_sp";
  if (!sp || !r.ExpectMap(sp, what)) return;
  r.CheckKeys(sp, {"entity_id", "acs_url", "signing_key"}, what);
  out->saml_sp.entity_id = r.String(sp, "entity_id", true, what).value_or("");
  out->saml_sp.acs_url = r.String(sp, "acs_url", true, what).value_or("");
  out->saml_sp.signing_key = ReadSecret(r, sp, what, "signing_key");
}

// An https:// URL of sso.ent_sp (required).
std::string HttpsUrl(YamlReader& r, const YamlNode& node, const char* key, bool required,
                     const std::string& what) {
  std::string url = r.String(node, key, required, what).value_or("");
  if (!url.empty() && url.rfind("https://", 0) != 0)
    r.Error(node[key], what + "." + key + ": must start with https://");
  return url;
}

void ReadTestIdp(YamlReader& r, const YamlNode& sp, EntServiceProvider* out) {
  YamlNode idp = sp["test_idp"];
  const std::string what = "target.sso.ent_sp.test_idp";
  if (!idp) {
    r.Error(sp, "target.sso.ent_sp: missing required key 'test_idp'");
    return;
  }
  if (!r.ExpectMap(idp, what)) return;
  r.CheckKeys(idp, {"entity_id", "sso_url", "signing_key"}, what);
  out->idp_entity_id = r.String(idp, "entity_id", true, what).value_or("");
  out->idp_sso_url = HttpsUrl(r, idp, "sso_url", false, what);
  out->idp_signing_key = ReadSecret(r, idp, what, "signing_key");
  if (!idp["signing_key"]) r.Error(idp, what + ": missing required key 'signing_key'");
}

void ReadSubject(YamlReader& r, const YamlNode& sp, EntServiceProvider* out) {
  YamlNode subject = sp["subject"];
  const std::string what = "target.sso.ent_sp.subject";
  if (!subject) {
    r.Error(sp, "target.sso.ent_sp: missing required key 'subject'");
    return;
  }
  if (!r.ExpectMap(subject, what)) return;
  r.CheckKeys(subject, {"name_id", "attributes"}, what);
  out->name_id = r.String(subject, "name_id", true, what).value_or("");
  for (auto& [name, value] : r.StringMap(subject, "attributes", what))
    out->attributes.emplace_back(name, value);
}

// sso.ent_sp: the ENT as SAML SP of the federation, and the test IdP it trusts.
void ReadEntSp(YamlReader& r, const YamlNode& sso, TargetProfile* out) {
  YamlNode node = sso["ent_sp"];
  const std::string what = "target.sso.ent_sp";
  if (!node || !r.ExpectMap(node, what)) return;
  r.CheckKeys(node, {"entity_id", "acs_url", "session_url", "test_idp", "subject"}, what);
  EntServiceProvider sp;
  sp.entity_id = r.String(node, "entity_id", true, what).value_or("");
  sp.acs_url = HttpsUrl(r, node, "acs_url", true, what);
  sp.session_url = HttpsUrl(r, node, "session_url", true, what);
  ReadTestIdp(r, node, &sp);
  ReadSubject(r, node, &sp);
  out->ent_sp = std::move(sp);
}

void ReadSso(YamlReader& r, const YamlNode& target, TargetProfile* out) {
  YamlNode sso = target["sso"];
  if (!sso || !r.ExpectMap(sso, "target.sso")) return;
  r.CheckKeys(sso,
              {"cas", "saml_metadata", "saml_metadata_signer", "saml_metadata_signed", "saml_sp",
               "ent_sp", "oidc_discovery", "oidc_client", "credential_origins"},
              "target.sso");
  out->cas_url = StripTrailingSlash(r.String(sso, "cas", false, "target.sso").value_or(""));
  if (!out->cas_url.empty() && out->cas_url.rfind("https://", 0) != 0) {
    r.Error(sso["cas"],
            "target.sso.cas: must start with https:// (passwords are sent over HTTPS only)");
  }
  for (const std::string& origin : r.StringList(sso, "credential_origins", {}, "target.sso")) {
    if (origin.rfind("https://", 0) != 0 || OriginOf(origin).empty()) {
      r.Error(sso["credential_origins"],
              "target.sso.credential_origins: '" + origin + "' is not an https:// origin");
      continue;
    }
    out->credential_origins.push_back(OriginOf(origin));
  }
  out->saml_metadata_url = r.String(sso, "saml_metadata", false, "target.sso").value_or("");
  std::string signer = r.String(sso, "saml_metadata_signer", false, "target.sso").value_or("");
  if (!signer.empty())
    out->saml_metadata_signer = (fs::path(r.file()).parent_path() / signer).string();
  out->saml_metadata_signed =
      r.Boolean(sso, "saml_metadata_signed", false, "target.sso").value_or(false);
  out->oidc_discovery_url = r.String(sso, "oidc_discovery", false, "target.sso").value_or("");
  ReadOidcClient(r, sso, out);
  ReadSamlSp(r, sso, out);
  ReadEntSp(r, sso, out);
}

void ReadFeeds(YamlReader& r, const YamlNode& target, TargetProfile* out) {
  YamlNode feeds = target["feeds"];
  if (!feeds || !r.ExpectSequence(feeds, "target.feeds")) return;
  for (const YamlNode& node : feeds.Elements()) {
    if (!r.ExpectMap(node, "feed")) continue;
    r.CheckKeys(node, {"path"}, "feed");
    std::optional<std::string> path = r.String(node, "path", true, "feed");
    if (path) out->feeds.push_back((fs::path(r.file()).parent_path() / *path).string());
  }
}

// directory.ldap: where and how to read the ENT's directory; the bind password by reference.
void ReadDirectoryLdap(YamlReader& r, const YamlNode& target, TargetProfile* out) {
  YamlNode directory = target["directory"];
  if (!directory || !r.ExpectMap(directory, "target.directory")) return;
  r.CheckKeys(directory, {"ldap"}, "target.directory");
  YamlNode node = directory["ldap"];
  const std::string what = "target.directory.ldap";
  if (!node || !r.ExpectMap(node, what)) return;
  r.CheckKeys(
      node,
      {"url", "base_dn", "bind_dn", "password", "filter", "join_prefix", "plaintext_loopback"},
      what);
  DirectoryLdap ldap;
  ldap.url = r.String(node, "url", true, what).value_or("");
  ldap.base_dn = r.String(node, "base_dn", true, what).value_or("");
  ldap.bind_dn = r.String(node, "bind_dn", true, what).value_or("");
  ldap.password = ReadSecret(r, node, what);
  if (!node["password"]) r.Error(node, what + ": missing required key 'password'");
  ldap.filter = r.String(node, "filter", false, what).value_or("");
  ldap.join_prefix = r.String(node, "join_prefix", false, what).value_or("AAF$");
  ldap.plaintext_loopback = r.Boolean(node, "plaintext_loopback", false, what).value_or(false);
  LdapSource source;
  source.url = ldap.url;
  source.base_dn = ldap.base_dn.empty() ? "-" : ldap.base_dn;
  source.plain_on_loopback = ldap.plaintext_loopback;
  if (std::string refusal = LdapSourceRefusal(source); !ldap.url.empty() && !refusal.empty())
    r.Error(node["url"], what + ".url: " + refusal);
  out->directory_ldap = std::move(ldap);
}

void ReadTarget(YamlReader& r, const YamlNode& target, TargetProfile* out, bool check_paths) {
  const std::string what = "target";
  r.CheckKeys(target,
              {"name", "base_url", "http_url", "degrees", "profiles", "ca_bundle", "sso",
               "services", "feeds", "directory", "accounts", "vars", "secret_headers"},
              what);
  out->name = r.String(target, "name", true, what).value_or("");
  out->base_url = StripTrailingSlash(r.String(target, "base_url", true, what).value_or(""));
  if (!out->base_url.empty() && out->base_url.rfind("https://", 0) != 0) {
    r.Error(target["base_url"], "target.base_url: must start with https://");
  }
  std::optional<std::string> http_url = r.String(target, "http_url", false, what);
  out->http_url = StripTrailingSlash(
      http_url ? *http_url : (out->base_url.size() > 8 ? "http://" + out->base_url.substr(8) : ""));
  out->degrees = r.StringList(target, "degrees", {"premier", "second"}, what);
  out->profiles = r.StringList(target, "profiles", kProfiles, what);
  if (std::optional<std::string> ca = r.String(target, "ca_bundle", false, what)) {
    out->ca_bundle = (fs::path(r.file()).parent_path() / *ca).string();
    std::error_code error;  // a name the file system refuses (too long...) is not found
    if (check_paths && !fs::exists(out->ca_bundle, error))
      r.Error(target["ca_bundle"], "target.ca_bundle: file not found");
  }
  for (auto& [key, value] : r.StringMap(target, "vars", what)) out->vars[key] = value;
  out->secret_headers = r.StringList(target, "secret_headers", {}, what);
  ReadSso(r, target, out);
  ReadServices(r, target, out);
  ReadFeeds(r, target, out);
  ReadDirectoryLdap(r, target, out);
  ReadAccounts(r, target, out);
}

}  // namespace

const Account* TargetProfile::FindAccount(const std::string& id) const {
  for (const Account& account : accounts) {
    if (account.id == id) return &account;
  }
  return nullptr;
}

bool TargetProfile::AcceptsCredentials(const std::string& url) const {
  if (url.rfind("https://", 0) != 0) return false;
  std::string origin = OriginOf(url);
  if (origin.empty()) return false;
  if (origin == OriginOf(base_url) || (!cas_url.empty() && origin == OriginOf(cas_url)))
    return true;
  return std::find(credential_origins.begin(), credential_origins.end(), origin) !=
         credential_origins.end();
}

std::string OidcClientCredentials(const OidcClient& client) {
  // RFC 6749 §2.3.1: both parts form-urlencoded before the Basic encoding.
  return Base64Encode(PercentEncode(client.client_id) + ":" +
                      PercentEncode(client.client_secret.value));
}

std::string BasicCredentials(const Account& account) {
  return Base64Encode(account.login + ":" + account.password.value);
}

Variables TargetProfile::ToVariables() const {
  Variables v = {{"base_url", base_url}, {"http_url", http_url}, {"host", HostOf(base_url)}};
  // Absent endpoints stay undefined, so a probe needing one says which is missing.
  if (!cas_url.empty()) v["cas_url"] = cas_url;
  if (!saml_metadata_url.empty()) v["saml_metadata_url"] = saml_metadata_url;
  if (!oidc_discovery_url.empty()) v["oidc_discovery_url"] = oidc_discovery_url;
  for (const auto& [key, value] : vars) v["vars." + key] = value;
  for (const Account& account : accounts) v.try_emplace("account." + account.profile, account.id);
  return v;
}

TargetProfile LoadTargetProfile(const std::string& file, Diagnostics* diagnostics,
                                bool check_paths) {
  std::optional<std::string> text = ReadTextFile(file, diagnostics);
  if (!text) {
    TargetProfile profile;
    profile.file = file;
    return profile;
  }
  return LoadTargetProfileFromText(*text, file, diagnostics, check_paths);
}

TargetProfile LoadTargetProfileFromText(const std::string& text, const std::string& file,
                                        Diagnostics* diagnostics, bool check_paths) {
  TargetProfile profile;
  profile.file = file;
  YamlReader r(file, diagnostics);
  std::optional<YamlNode> root = r.LoadString(text);
  if (!root || !r.ExpectMap(*root, "target file")) return profile;
  r.CheckKeys(*root, {"target"}, "target file");
  YamlNode target = (*root)["target"];
  if (!target) {
    r.Error(*root, "target file: missing required key 'target'");
    return profile;
  }
  if (r.ExpectMap(target, "target")) ReadTarget(r, target, &profile, check_paths);
  return profile;
}

// Reads one secret; false (with a diagnostic naming `owner`, never the value) when it cannot.
bool ResolveSecret(SecretRef& ref, const std::string& owner, const SourceLoc& loc,
                   Diagnostics* diagnostics) {
  if (!ref.env.empty()) {
    const char* value = std::getenv(ref.env.c_str());
    if (!value) {
      diagnostics->Error(loc, owner + ": environment variable " + ref.env + " is not set");
      return false;
    }
    ref.value = value;
  } else if (!ref.file.empty()) {
    std::ifstream in(ref.file);
    if (!in) {
      diagnostics->Error(loc, owner + ": cannot read secret file " + ref.file);
      return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    ref.value = text.str();
    while (!ref.value.empty() && (ref.value.back() == '\n' || ref.value.back() == '\r')) {
      ref.value.pop_back();
    }
  }
  return true;
}

void ResolveSecrets(TargetProfile* target, Redactor* redactor, Diagnostics* diagnostics) {
  for (const std::string& name : target->secret_headers) redactor->AddSecretHeader(name);
  SourceLoc loc{target->file, 0, 0};
  for (Account& account : target->accounts) {
    if (!ResolveSecret(account.password, "account " + account.id, loc, diagnostics)) continue;
    redactor->AddSecret(account.password.value);
    redactor->AddSecret(BasicCredentials(account));
  }
  if (target->oidc_client) {
    OidcClient& client = *target->oidc_client;
    if (ResolveSecret(client.client_secret, "sso.oidc_client", loc, diagnostics)) {
      redactor->AddSecret(client.client_secret.value);
      redactor->AddSecret(OidcClientCredentials(client));
    }
  }
  SecretRef& key = target->saml_sp.signing_key;
  if ((!key.env.empty() || !key.file.empty()) &&
      ResolveSecret(key, "sso.saml_sp.signing_key", loc, diagnostics)) {
    redactor->AddSecret(key.value);
  }
  if (target->directory_ldap && ResolveSecret(target->directory_ldap->password,
                                              "directory.ldap.password", loc, diagnostics)) {
    redactor->AddSecret(target->directory_ldap->password.value);
  }
  if (target->ent_sp) {
    SecretRef& idp_key = target->ent_sp->idp_signing_key;
    if ((!idp_key.env.empty() || !idp_key.file.empty()) &&
        ResolveSecret(idp_key, "sso.ent_sp.test_idp.signing_key", loc, diagnostics)) {
      redactor->AddSecret(idp_key.value);
    }
  }
}

}  // namespace sdetcheck
