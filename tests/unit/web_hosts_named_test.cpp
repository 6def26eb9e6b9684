#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "web/bounds.h"
#include "web/hosts_named.h"

namespace sdetcheck {
namespace {

const char kPrivacyText[] =
    "Données personnelles. Mesure d'audience : le portail utilise Matomo, hébergé par "
    "stats.ent-exemple.fr. Les vidéos sont servies par DailyMotion.com. Authentification "
    "fournie par l'académie (education.gouv.fr). Polices : fonts.bunny.net.";

TEST_CASE("web hosts named: registrable parts") {
  CHECK(RegistrablePart("www.googletagmanager.com") == "googletagmanager.com");
  CHECK(RegistrablePart("WWW.Example.CO.UK.") == "example.co.uk");
  CHECK(RegistrablePart("cas.ac-exemple.education.gouv.fr") == "education.gouv.fr");
  CHECK(RegistrablePart("example.fr") == "example.fr");
  CHECK(RegistrablePart("localhost") == "localhost");
  CHECK(RegistrablePart("192.168.10.4") == "192.168.10.4");
  CHECK(RegistrablePart("2001:db8::1") == "2001:db8::1");
  // An ordinary 3-letter second level is no registry: "ent.fr" is a name.
  CHECK(RegistrablePart("portail.monlycee.ent.fr") == "ent.fr");
}

TEST_CASE("web hosts named: hosts named in full or by their registrable part") {
  std::vector<std::string> hosts = {
      "stats.ent-exemple.fr",      // in full
      "www.dailymotion.com",       // by registrable part, other case
      "cas.education.gouv.fr",     // by registrable part under gouv.fr
      "fonts.bunny.net",           // in full, before the final period
      "www.googletagmanager.com",  // not named
      "cdn.jsdelivr.net",          // not named
      "gouv.fr.evil.example",      // not named: "gouv.fr" is not its registrable part
  };
  CHECK(HostsNotNamed(hosts, kPrivacyText) == std::vector<std::string>{"www.googletagmanager.com",
                                                                       "cdn.jsdelivr.net",
                                                                       "gouv.fr.evil.example"});
}

TEST_CASE("web hosts named: a name inside a longer name does not count") {
  CHECK(HostsNotNamed({"example.fr"}, "voir myexample.fr") ==
        std::vector<std::string>{"example.fr"});
  CHECK(HostsNotNamed({"example.fr"}, "voir example.fr.evil.com") ==
        std::vector<std::string>{"example.fr"});
  CHECK(HostsNotNamed({"example.fr"}, "voir example.fr-cdn.net") ==
        std::vector<std::string>{"example.fr"});
  CHECK(HostsNotNamed({"example.fr"}, "voir www.example.fr.").empty());
  CHECK(HostsNotNamed({"example.fr"}, "(example.fr)").empty());
  CHECK(HostsNotNamed({"cdn.example.fr"}, "example.fr").empty());
}

TEST_CASE("web hosts named: hostile inputs") {
  std::string huge(3u << 20, 'a');
  huge += " www.example.com";  // beyond the 2 MB read
  CHECK(HostsNotNamed({"www.example.com"}, huge) == std::vector<std::string>{"www.example.com"});
  std::string with_nul = std::string("nom\0mé ", 8) + "example.com";
  CHECK(HostsNotNamed({"example.com"}, with_nul).empty());
  CHECK(HostsNotNamed({"", "."}, "texte").empty());
  std::vector<std::string> many(1000, "absent.example.org");
  CHECK(HostsNotNamed(many, "texte").size() == kMaxWebListEntries);
}

}  // namespace
}  // namespace sdetcheck
