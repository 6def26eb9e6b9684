#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "web/bounds.h"
#include "web/security_txt.h"

namespace sdetcheck {
namespace {

// 2026-10-15T12:00:00Z
constexpr std::time_t kNow = 1792065600;

std::vector<std::string> Codes(const SecurityTxt& txt) {
  std::vector<std::string> codes;
  for (const Message& problem : txt.problems) codes.push_back(problem.code);
  return codes;
}

const char kPortalFile[] =
    "# Politique de divulgation du Département de l'Exemple\r\n"
    "Contact: mailto:securite@ent.example.fr\r\n"
    "contact: https://ent.example.fr/securite/signaler\r\n"
    "Expires: 2027-03-31T23:59:59+02:00\r\n"
    "Encryption: https://ent.example.fr/.well-known/pgp-key.txt\r\n"
    "Preferred-Languages: fr, en\r\n"
    "Canonical: https://ent.example.fr/.well-known/security.txt\r\n"
    "Policy: https://ent.example.fr/securite/politique\r\n"
    "Hiring: https://ent.example.fr/recrutement\r\n";

TEST_CASE("web security.txt: RFC 3339 date-times") {
  CHECK(ParseRfc3339("1970-01-01T00:00:00Z") == std::time_t{0});
  CHECK(ParseRfc3339("2026-10-15T12:00:00Z") == kNow);
  CHECK(ParseRfc3339("2026-10-15t14:00:00.123+02:00") == kNow);
  CHECK(ParseRfc3339("2026-10-15T07:30:00-04:30") == kNow);
  CHECK(ParseRfc3339("2024-02-29T00:00:00z").has_value());
  for (std::string bad : {"2025-02-29T00:00:00Z", "2026-10-15 12:00:00Z", "2026-10-15T12:00:00",
                          "2026-10-15T24:00:00Z", "2026-13-01T00:00:00Z", "2026-10-15T12:00Z",
                          "2026-10-15T12:00:00.Z", "2026-10-15T12:00:00+0200",
                          "2026-10-15T12:00:00Z trailing", "Thu, 15 Oct 2026 12:00:00 GMT", ""}) {
    INFO(bad);
    CHECK_FALSE(ParseRfc3339(bad).has_value());
  }
}

TEST_CASE("web security.txt: a complete file") {
  SecurityTxt txt = ParseSecurityTxt(kPortalFile, kNow);
  CHECK(txt.contacts == std::vector<std::string>{"mailto:securite@ent.example.fr",
                                                 "https://ent.example.fr/securite/signaler"});
  CHECK(txt.expires == ParseRfc3339("2027-03-31T21:59:59Z"));
  CHECK(txt.encryption.size() == 1);
  CHECK(txt.policy == std::vector<std::string>{"https://ent.example.fr/securite/politique"});
  CHECK(txt.canonical.size() == 1);
  CHECK(txt.preferred_languages == "fr, en");
  CHECK(txt.fields.size() == 8);
  CHECK(txt.fields.back().first == "Hiring");
  CHECK_FALSE(txt.signed_message);
  CHECK_FALSE(txt.truncated);
  CHECK(Codes(txt).empty());
}

TEST_CASE("web security.txt: missing, multiple, invalid and past Expires") {
  SecurityTxt txt = ParseSecurityTxt("Contact: mailto:a@example.fr\n", kNow);
  CHECK(Codes(txt) == std::vector<std::string>{"expires_missing"});
  CHECK_FALSE(txt.expires.has_value());

  txt = ParseSecurityTxt("Expires: 2027-01-01T00:00:00Z\nExpires: 2027-02-01T00:00:00Z\n", kNow);
  CHECK(Codes(txt) == std::vector<std::string>{"contact_missing", "expires_multiple"});
  CHECK(txt.problems[1].Param("count") == "2");

  txt = ParseSecurityTxt("Contact: x\nExpires: 31/12/2027\n", kNow);
  CHECK(Codes(txt) == std::vector<std::string>{"expires_invalid"});
  CHECK(txt.problems[0].Param("value") == "31/12/2027");

  txt = ParseSecurityTxt("Contact: x\nExpires: 2026-10-15T12:00:00Z\n", kNow);
  CHECK(Codes(txt) == std::vector<std::string>{"expired"});
  txt = ParseSecurityTxt("Contact: x\nExpires: 2026-10-15T12:00:01Z\n", kNow);
  CHECK(Codes(txt).empty());

  txt = ParseSecurityTxt("Contact: x\nExpires: 2030-01-01T00:00:00Z\n", kNow);
  CHECK(Codes(txt) == std::vector<std::string>{"expires_too_far"});
}

TEST_CASE("web security.txt: comments, blank lines and malformed lines") {
  SecurityTxt txt = ParseSecurityTxt(
      "\n# Contact: mailto:comment@example.fr\n   \nContact : mailto:a@example.fr\n"
      "Contact: mailto:b@example.fr\nCeci n'est pas un champ\nExpires: 2027-01-01T00:00:00Z\n",
      kNow);
  CHECK(txt.contacts == std::vector<std::string>{"mailto:b@example.fr"});
  CHECK(Codes(txt) == std::vector<std::string>{"invalid_line", "invalid_line"});
  CHECK(txt.problems[0].Param("line") == "4");
  CHECK(txt.problems[1].Param("line") == "6");
}

TEST_CASE("web security.txt: an OpenPGP cleartext signature is taken off") {
  std::string signed_file =
      "-----BEGIN PGP SIGNED MESSAGE-----\n"
      "Hash: SHA256\n"
      "\n"
      "Contact: mailto:securite@ent.example.fr\n"
      "Expires: 2027-03-31T23:00:00Z\n"
      "- -----Not a header, dash-escaped\n"
      "-----BEGIN PGP SIGNATURE-----\n"
      "\n"
      "iQIzBAEBCAAdFiEE\n"
      "Contact: mailto:inside-the-signature@example.fr\n"
      "-----END PGP SIGNATURE-----\n";
  SecurityTxt txt = ParseSecurityTxt(signed_file, kNow);
  CHECK(txt.signed_message);
  CHECK(txt.contacts == std::vector<std::string>{"mailto:securite@ent.example.fr"});
  CHECK(txt.expires.has_value());
  // The restored line "-----Not a header..." is no field: reported at its line.
  CHECK(Codes(txt) == std::vector<std::string>{"invalid_line"});
  CHECK(txt.problems[0].Param("line") == "6");
}

TEST_CASE("web security.txt: hostile files are bounded") {
  SUBCASE("beyond 64 KiB the rest is not read") {
    std::string big = "Contact: mailto:a@example.fr\n";
    while (big.size() < 2 * kMaxSecurityTxtBytes) big += "# padding padding padding padding\n";
    big += "Expires: 2027-01-01T00:00:00Z\n";
    SecurityTxt txt = ParseSecurityTxt(big, kNow);
    CHECK(txt.truncated);
    CHECK(Codes(txt) == std::vector<std::string>{"expires_missing"});
  }
  SUBCASE("thousands of contacts and invalid lines are capped") {
    std::string many;
    for (int i = 0; i < 1000; ++i) many += "Contact: mailto:c" + std::to_string(i) + "@x.fr\nbad\n";
    SecurityTxt txt = ParseSecurityTxt(many, kNow);
    CHECK(txt.contacts.size() == kMaxWebListEntries);
    CHECK(txt.fields.size() == kMaxWebListEntries);
    std::vector<std::string> codes = Codes(txt);
    CHECK(std::count(codes.begin(), codes.end(), "invalid_line") == 10);
  }
  SUBCASE("NUL bytes and a lone header") {
    std::string nul =
        std::string("Contact: mailto:a@x.fr\0\nExp\0ires: 2027-01-01T00:00:00Z\n", 55);
    SecurityTxt txt = ParseSecurityTxt(nul, kNow);
    CHECK(txt.contacts.size() == 1);
    CHECK(Codes(txt) == std::vector<std::string>{"expires_missing", "invalid_line"});
    txt = ParseSecurityTxt("-----BEGIN PGP SIGNED MESSAGE-----", kNow);
    CHECK(txt.signed_message);
    CHECK(txt.contacts.empty());
  }
}

}  // namespace
}  // namespace sdetcheck
