// The LDAP reader's refusals, decided before any connection: scheme, TLS, the loopback rule.

#include <doctest/doctest.h>

#include "directory/ldap_reader.h"

namespace sdetcheck {
namespace {

TEST_CASE("ldap source refusals") {
  LdapSource source;
  source.base_dn = "dc=x";
  source.url = "ldap://ent.example:389";
  CHECK(LdapSourceRefusal(source).empty());  // StartTLS
  source.plain_on_loopback = true;
  CHECK_FALSE(LdapSourceRefusal(source).empty());
  source.url = "ldap://localhost:389";
  CHECK(LdapSourceRefusal(source).empty());
  source.url = "https://ent.example/";
  CHECK_FALSE(LdapSourceRefusal(source).empty());
  source.url = "ldaps://ent.example";
  source.base_dn.clear();
  CHECK_FALSE(LdapSourceRefusal(source).empty());
  CHECK(ReadDirectory(source, {}).error);
}

}  // namespace
}  // namespace sdetcheck
