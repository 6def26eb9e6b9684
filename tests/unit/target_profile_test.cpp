#include <string>

#include <doctest/doctest.h>

#include "target/profile.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

const std::string kFixtures = std::string(SDETCHECK_SOURCE_DIR) + "/tests/fixtures";

std::string Messages(const Diagnostics& diagnostics) {
  std::string all;
  for (const Diagnostic& d : diagnostics.list()) {
    all += d.loc.file + ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) +
           ": " + d.message + "\n";
  }
  return all;
}

TEST_CASE("target profile from text: relative paths resolved against the name given") {
  Diagnostics d;
  TargetProfile target = LoadTargetProfileFromText(
      "target:\n  name: T\n  base_url: https://ent.example/\n  feeds: [{path: feeds/a.xml}]\n"
      "  accounts: [{id: e1, profile: eleve, login: e, password: {file: secrets/e1}}]\n",
      "conf/target.yaml", &d);
  INFO(Messages(d));
  CHECK(d.empty());
  CHECK(target.file == "conf/target.yaml");
  CHECK(target.base_url == "https://ent.example");
  REQUIRE(target.feeds.size() == 1);
  CHECK(target.feeds[0] == "conf/feeds/a.xml");
  REQUIRE(target.accounts.size() == 1);
  CHECK(target.accounts[0].password.file == "conf/secrets/e1");
}

TEST_CASE("target profile: sso.oidc_client, its secret by reference, resolved and masked") {
  Diagnostics d;
  TargetProfile target = LoadTargetProfileFromText(
      "target:\n  name: T\n  base_url: https://ent.example\n  sso:\n    oidc_client: "
      "{client_id: portal, client_secret: {env: SDETCHECK_TEST_OIDC_SECRET}, "
      "redirect_uri: \"https://ent.example/cb\"}\n",
      "target.yaml", &d);
  INFO(Messages(d));
  CHECK(d.empty());
  REQUIRE(target.oidc_client);
  CHECK(target.oidc_client->client_id == "portal");
  CHECK(target.oidc_client->redirect_uri == "https://ent.example/cb");
  setenv("SDETCHECK_TEST_OIDC_SECRET", "s3cret:canary", 1);
  Redactor redactor;
  ResolveSecrets(&target, &redactor, &d);
  CHECK(d.empty());
  CHECK(target.oidc_client->client_secret.value == "s3cret:canary");
  CHECK(redactor.Redact("x s3cret:canary y").find("canary") == std::string::npos);
  // base64("portal:s3cret%3Acanary"): the colon of the secret is percent-encoded first.
  CHECK(OidcClientCredentials(*target.oidc_client) == "cG9ydGFsOnMzY3JldCUzQWNhbmFyeQ==");
  CHECK(redactor.Redact(OidcClientCredentials(*target.oidc_client)) == Redactor::kMask);
  unsetenv("SDETCHECK_TEST_OIDC_SECRET");

  Diagnostics inline_secret;
  LoadTargetProfileFromText(
      "target:\n  name: T\n  base_url: https://ent.example\n  sso:\n    oidc_client: "
      "{client_id: portal, client_secret: hunter2, redirect_uri: \"https://ent.example/cb\"}\n",
      "target.yaml", &inline_secret);
  CHECK(Messages(inline_secret).find("client_secret: secrets are never written inline") !=
        std::string::npos);
}

// Regression: fs::exists threw on a name the file system refuses (ENAMETOOLONG), and the
// exception ended the process.
TEST_CASE("target profile: directory.ldap, its bind password by reference, resolved and masked") {
  Diagnostics d;
  TargetProfile target = LoadTargetProfileFromText(
      "target:\n  name: T\n  base_url: https://ent.example\n  directory:\n    ldap: "
      "{url: \"ldaps://ldap.ent.example\", base_dn: \"ou=people,dc=ent\", "
      "bind_dn: \"cn=audit,dc=ent\", password: {env: SDETCHECK_TEST_LDAP_SECRET}, "
      "join_prefix: \"AC-EXEMPLE$\"}\n",
      "target.yaml", &d);
  INFO(Messages(d));
  CHECK(d.empty());
  REQUIRE(target.directory_ldap);
  CHECK(target.directory_ldap->url == "ldaps://ldap.ent.example");
  CHECK(target.directory_ldap->join_prefix == "AC-EXEMPLE$");
  CHECK_FALSE(target.directory_ldap->plaintext_loopback);
  setenv("SDETCHECK_TEST_LDAP_SECRET", "ldap-canary-42", 1);
  Redactor redactor;
  ResolveSecrets(&target, &redactor, &d);
  CHECK(d.empty());
  CHECK(target.directory_ldap->password.value == "ldap-canary-42");
  CHECK(redactor.Redact("bind ldap-canary-42") == "bind " + std::string(Redactor::kMask));
  unsetenv("SDETCHECK_TEST_LDAP_SECRET");
}

TEST_CASE("target profile: directory.ldap refuses inline passwords and plain LDAP elsewhere") {
  Diagnostics d;
  LoadTargetProfileFromText(
      "target:\n  name: T\n  base_url: https://ent.example\n  directory:\n    ldap: "
      "{url: \"ldap://ldap.ent.example\", base_dn: b, bind_dn: c, password: inline, "
      "plaintext_loopback: true}\n",
      "target.yaml", &d);
  std::string messages = Messages(d);
  CHECK(messages.find("never written inline") != std::string::npos);
  CHECK(messages.find("127.0.0.1") != std::string::npos);
  Diagnostics http;
  LoadTargetProfileFromText(
      "target:\n  name: T\n  base_url: https://ent.example\n  directory:\n    ldap: "
      "{url: \"http://ldap.ent.example\", base_dn: b, bind_dn: c, password: {file: p}}\n",
      "target.yaml", &http);
  CHECK(Messages(http).find("not an LDAP URL") != std::string::npos);
}

TEST_CASE("target profile: a ca_bundle name too long for the file system is not found") {
  Diagnostics d;
  LoadTargetProfileFromText("target:\n  name: T\n  base_url: https://ent.example\n  ca_bundle: " +
                                std::string(300, 'A') + "\n",
                            kFixtures + "/target.yaml", &d);
  CHECK(Messages(d).find("target.yaml:4:14: target.ca_bundle: file not found") !=
        std::string::npos);
}

}  // namespace
}  // namespace sdetcheck

namespace sdetcheck {
namespace {

TEST_CASE("target profile: sso.ent_sp, the test IdP's key by reference, resolved and masked") {
  Diagnostics d;
  TargetProfile target = LoadTargetProfileFromText(
      "target:\n  name: T\n  base_url: https://ent.example\n  sso:\n    ent_sp:\n"
      "      entity_id: https://ent.example/saml/metadata\n"
      "      acs_url: https://ent.example/saml/acs\n      session_url: https://ent.example/\n"
      "      test_idp: {entity_id: urn:test-idp, sso_url: \"https://idp.test/sso\", "
      "signing_key: {env: SDETCHECK_TEST_IDP_KEY}}\n"
      "      subject: {name_id: _s1, attributes: {FrEduCtId: EDU-1}}\n",
      "target.yaml", &d);
  INFO(Messages(d));
  CHECK(d.empty());
  REQUIRE(target.ent_sp);
  CHECK(target.ent_sp->acs_url == "https://ent.example/saml/acs");
  CHECK(target.ent_sp->idp_sso_url == "https://idp.test/sso");
  REQUIRE(target.ent_sp->attributes.size() == 1);
  CHECK(target.ent_sp->attributes[0].second == "EDU-1");
  setenv("SDETCHECK_TEST_IDP_KEY", "-----BEGIN PRIVATE KEY-----canary", 1);
  Redactor redactor;
  Diagnostics resolve;
  ResolveSecrets(&target, &redactor, &resolve);
  CHECK(resolve.empty());
  CHECK(redactor.Redact("x -----BEGIN PRIVATE KEY-----canary y").find("canary") ==
        std::string::npos);
  unsetenv("SDETCHECK_TEST_IDP_KEY");
}

TEST_CASE("target profile: sso.ent_sp refuses inline keys, plain HTTP and a missing test IdP") {
  for (const char* bad :
       {"      acs_url: http://ent.example/acs\n      session_url: https://ent.example/\n"
        "      test_idp: {entity_id: i, signing_key: {env: K}}\n      subject: {name_id: s}\n",
        "      acs_url: https://ent.example/acs\n      session_url: https://ent.example/\n"
        "      subject: {name_id: s}\n",
        "      acs_url: https://ent.example/acs\n      session_url: https://ent.example/\n"
        "      test_idp: {entity_id: i, signing_key: inline}\n      subject: {name_id: s}\n"}) {
    Diagnostics d;
    LoadTargetProfileFromText(
        std::string("target:\n  name: T\n  base_url: https://ent.example\n  sso:\n    ent_sp:\n"
                    "      entity_id: e\n") +
            bad,
        "target.yaml", &d);
    CHECK_MESSAGE(!d.empty(), bad);
  }
}

}  // namespace
}  // namespace sdetcheck
