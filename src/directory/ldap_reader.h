#pragma once
// Reads the people of an ENT's LDAP directory (libldap, blocking): LDAPS, or ldap:// with
// StartTLS; plain ldap:// only to 127.0.0.1/localhost and only when asked for. Simple bind,
// paged results (RFC 2696), bounded in time, entries, values and value size. The password
// never appears in what comes back.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "aaf/directory_people.h"

namespace sdetcheck {

struct LdapSource {
  std::string url;  // ldaps://host:port or ldap://host:port
  std::string base_dn;
  std::string bind_dn;   // "" = anonymous
  std::string password;  // resolved secret
  std::string filter = "(objectClass=ENTPerson)";
  std::vector<std::string> attributes;  // empty: those the directory diff reads
  std::string ca_bundle;                // "" = the system's
  bool plain_on_loopback = false;       // ldap:// without TLS, 127.0.0.1/localhost only
};

struct LdapLimits {
  std::chrono::seconds total_time{120};
  int page_size = 500;
  size_t max_entries = 2'000'000;
  size_t max_values_per_attribute = 100'000;
  size_t max_value_bytes = size_t{64} * 1024;
};

struct LdapReading {
  std::optional<std::string> error;  // the directory could not be read to its end
  std::vector<DirectoryEntry> entries;
  size_t pages = 0;
  size_t values_dropped = 0;  // beyond max_values_per_attribute or max_value_bytes
};

// Why `source` may not be used as it is ("" = it may): scheme, TLS, loopback rule.
std::string LdapSourceRefusal(const LdapSource& source);

// The attributes the directory diff needs.
std::vector<std::string> DirectoryDiffAttributes();

LdapReading ReadDirectory(const LdapSource& source, const LdapLimits& limits);

}  // namespace sdetcheck
