#include "directory/ldap_reader.h"

#include <memory>

#include <ldap.h>

namespace sdetcheck {

namespace {

using Clock = std::chrono::steady_clock;

struct LdapCloser {
  void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
struct MessageFreer {
  void operator()(LDAPMessage* message) const { ldap_msgfree(message); }
};
struct UrlFreer {
  void operator()(LDAPURLDesc* url) const { ldap_free_urldesc(url); }
};
using Connection = std::unique_ptr<LDAP, LdapCloser>;
using Message = std::unique_ptr<LDAPMessage, MessageFreer>;

std::string Failure(const char* step, int code) {
  std::string failure = std::string(step) + ": " + ldap_err2string(code);
  if (code == LDAP_SIZELIMIT_EXCEEDED)
    failure +=
        " (the server caps what this account may read, paged or not: let it read every "
        "person, e.g. OpenLDAP \"limits dn.exact=<bind DN> size.prtotal=unlimited\")";
  return failure;
}

bool IsLoopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost"; }

timeval Timeval(std::chrono::milliseconds duration) {
  timeval out{};
  out.tv_sec = static_cast<time_t>(duration.count() / 1000);
  out.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
  return out;
}

// Options set before connecting: version 3, no referrals, timeouts, certificate checks.
std::optional<std::string> Configure(LDAP* ld, const LdapSource& source, const LdapLimits& limits) {
  int version = LDAP_VERSION3;
  int demand = LDAP_OPT_X_TLS_DEMAND;
  int new_context = 0;
  timeval network = Timeval(std::chrono::milliseconds(limits.total_time));
  if (ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version) != LDAP_OPT_SUCCESS ||
      ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF) != LDAP_OPT_SUCCESS ||
      ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &network) != LDAP_OPT_SUCCESS ||
      ldap_set_option(ld, LDAP_OPT_TIMEOUT, &network) != LDAP_OPT_SUCCESS ||
      ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand) != LDAP_OPT_SUCCESS)
    return "ldap: cannot set the connection options";
  if (!source.ca_bundle.empty() &&
      ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, source.ca_bundle.c_str()) != LDAP_OPT_SUCCESS)
    return "ldap: cannot use the CA bundle " + source.ca_bundle;
  if (ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &new_context) != LDAP_OPT_SUCCESS)
    return "ldap: cannot create the TLS context";
  return std::nullopt;
}

bool UsesStartTls(const LdapSource& source) {
  return source.url.rfind("ldap://", 0) == 0 && !source.plain_on_loopback;
}

// Connects, StartTLS when needed, binds.
std::optional<std::string> Open(const LdapSource& source, const LdapLimits& limits,
                                Connection& connection) {
  LDAP* ld = nullptr;
  int code = ldap_initialize(&ld, source.url.c_str());
  if (code != LDAP_SUCCESS) return Failure("ldap initialize", code);
  connection.reset(ld);
  if (auto error = Configure(ld, source, limits)) return error;
  if (UsesStartTls(source)) {
    code = ldap_start_tls_s(ld, nullptr, nullptr);
    if (code != LDAP_SUCCESS) return Failure("ldap StartTLS", code);
  }
  berval credentials{};
  credentials.bv_val = const_cast<char*>(source.password.c_str());
  credentials.bv_len = source.password.size();
  const char* dn = source.bind_dn.empty() ? nullptr : source.bind_dn.c_str();
  code = ldap_sasl_bind_s(ld, dn, LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr, nullptr);
  if (code != LDAP_SUCCESS) return Failure("ldap bind", code);
  return std::nullopt;
}

// The values of one attribute, bounded.
std::vector<std::string> BoundedValues(LDAP* ld, LDAPMessage* entry, char* name,
                                       const LdapLimits& limits, LdapReading& reading) {
  std::vector<std::string> values;
  berval** found = ldap_get_values_len(ld, entry, name);
  if (found == nullptr) return values;
  for (berval** value = found; *value != nullptr; ++value) {
    if (values.size() >= limits.max_values_per_attribute ||
        (*value)->bv_len > limits.max_value_bytes) {
      ++reading.values_dropped;
      continue;
    }
    values.emplace_back((*value)->bv_val, (*value)->bv_len);
  }
  ldap_value_free_len(found);
  return values;
}

DirectoryEntry EntryOf(LDAP* ld, LDAPMessage* message, const LdapLimits& limits,
                       LdapReading& reading) {
  DirectoryEntry entry;
  if (char* dn = ldap_get_dn(ld, message)) {
    entry.dn = dn;
    ldap_memfree(dn);
  }
  BerElement* ber = nullptr;
  for (char* name = ldap_first_attribute(ld, message, &ber); name != nullptr;
       name = ldap_next_attribute(ld, message, ber)) {
    entry.attributes[name] = BoundedValues(ld, message, name, limits, reading);
    ldap_memfree(name);
  }
  if (ber != nullptr) ber_free(ber, 0);
  return entry;
}

std::optional<std::string> CollectEntries(LDAP* ld, LDAPMessage* result, const LdapLimits& limits,
                                          LdapReading& reading) {
  for (LDAPMessage* entry = ldap_first_entry(ld, result); entry != nullptr;
       entry = ldap_next_entry(ld, entry)) {
    if (reading.entries.size() >= limits.max_entries)
      return "ldap: more than " + std::to_string(limits.max_entries) + " entries";
    reading.entries.push_back(EntryOf(ld, entry, limits, reading));
  }
  return std::nullopt;
}

// The cookie of the next page ("" = last page), from the result's controls.
std::optional<std::string> NextCookie(LDAP* ld, LDAPMessage* result, berval& cookie) {
  int code = LDAP_SUCCESS;
  LDAPControl** controls = nullptr;
  int parsed = ldap_parse_result(ld, result, &code, nullptr, nullptr, nullptr, &controls, 0);
  if (parsed != LDAP_SUCCESS) return Failure("ldap search result", parsed);
  if (code != LDAP_SUCCESS) {
    ldap_controls_free(controls);
    return Failure("ldap search", code);
  }
  ber_memfree(cookie.bv_val);
  cookie = {};
  LDAPControl* paged = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, controls, nullptr);
  ber_int_t estimate = 0;
  int page_code = paged == nullptr ? LDAP_SUCCESS
                                   : ldap_parse_pageresponse_control(ld, paged, &estimate, &cookie);
  ldap_controls_free(controls);
  if (page_code != LDAP_SUCCESS) return Failure("ldap paged results", page_code);
  return std::nullopt;
}

std::vector<char*> AttributeNames(const std::vector<std::string>& names) {
  std::vector<char*> out;
  out.reserve(names.size() + 1);
  for (const std::string& name : names) out.push_back(const_cast<char*>(name.c_str()));
  out.push_back(nullptr);
  return out;
}

// One page: search with the paged-results control carrying `cookie`.
std::optional<std::string> SearchPage(LDAP* ld, const LdapSource& source, const LdapLimits& limits,
                                      Clock::time_point deadline, berval& cookie,
                                      LdapReading& reading) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0)
    return "ldap: time limit reached after " + std::to_string(reading.pages) + " pages";
  LDAPControl* control = nullptr;
  int code = ldap_create_page_control(ld, limits.page_size, cookie.bv_len ? &cookie : nullptr, 1,
                                      &control);
  if (code != LDAP_SUCCESS) return Failure("ldap paged results control", code);
  LDAPControl* controls[] = {control, nullptr};
  std::vector<std::string> wanted =
      source.attributes.empty() ? DirectoryDiffAttributes() : source.attributes;
  std::vector<char*> names = AttributeNames(wanted);
  timeval timeout = Timeval(left);
  LDAPMessage* raw = nullptr;
  code = ldap_search_ext_s(ld, source.base_dn.c_str(), LDAP_SCOPE_SUBTREE, source.filter.c_str(),
                           names.data(), 0, controls, nullptr, &timeout, 0, &raw);
  Message result(raw);
  ldap_control_free(control);
  if (code != LDAP_SUCCESS) return Failure("ldap search", code);
  ++reading.pages;
  if (auto error = CollectEntries(ld, result.get(), limits, reading)) return error;
  return NextCookie(ld, result.get(), cookie);
}

}  // namespace

std::string LdapSourceRefusal(const LdapSource& source) {
  LDAPURLDesc* raw = nullptr;
  if (ldap_url_parse(source.url.c_str(), &raw) != LDAP_URL_SUCCESS) return "not an LDAP URL";
  std::unique_ptr<LDAPURLDesc, UrlFreer> url(raw);
  std::string scheme = url->lud_scheme == nullptr ? "" : url->lud_scheme;
  std::string host = url->lud_host == nullptr ? "" : url->lud_host;
  if (scheme != "ldaps" && scheme != "ldap")
    return "scheme " + scheme + " (ldaps or ldap expected)";
  if (source.plain_on_loopback && scheme == "ldap" && !IsLoopback(host))
    return "plain ldap:// is only allowed to 127.0.0.1 or localhost";
  if (source.base_dn.empty()) return "no base DN";
  return {};
}

std::vector<std::string> DirectoryDiffAttributes() {
  return {"objectClass",
          "uid",
          "ENTPersonJointure",
          "ENTPersonProfils",
          "ENTPersonStructRattach",
          "ENTPersonDateNaissance",
          "ENTEleveClasses",
          "ENTAuxEnsClasses",
          "ENTElevePersRelEleve",
          "ENTAuxPersRelEleveEleve"};
}

LdapReading ReadDirectory(const LdapSource& source, const LdapLimits& limits) {
  LdapReading reading;
  if (std::string refusal = LdapSourceRefusal(source); !refusal.empty()) {
    reading.error = "ldap: " + refusal;
    return reading;
  }
  Connection connection;
  if (auto error = Open(source, limits, connection)) {
    reading.error = error;
    return reading;
  }
  Clock::time_point deadline = Clock::now() + limits.total_time;
  berval cookie{};
  do {
    reading.error = SearchPage(connection.get(), source, limits, deadline, cookie, reading);
  } while (!reading.error && cookie.bv_len > 0);
  ber_memfree(cookie.bv_val);
  return reading;
}

}  // namespace sdetcheck
