#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "probe/cas_validation.h"
#include "support/replay_transport.h"

namespace sdetcheck {
namespace {

using Status = CasValidation::Status;

const std::string kCasNamespace = "http://www.yale.edu/tp/cas";

const char* kSuccess = R"(<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>eleve1</cas:user>
    <cas:attributes>
      <cas:ENTPersonProfils>National_ELV</cas:ENTPersonProfils>
      <cas:ENTPersonStructRattach>0751234A</cas:ENTPersonStructRattach>
      <cas:groups>6A</cas:groups>
      <cas:groups>LATIN</cas:groups>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>)";

// Apereo CAS 6/7 (Thymeleaf template): single quotes, CAS 3 attributes with repeated
// values, proxies, and &#39; in the failure text.
const char* kApereoSuccess = R"(<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>
    <cas:authenticationSuccess>
        <cas:user>jdupont</cas:user>
        <cas:proxyGrantingTicket>PGTIOU-1-abc</cas:proxyGrantingTicket>
        <cas:proxies>
            <cas:proxy>https://proxy.example.test/</cas:proxy>
        </cas:proxies>
        <cas:attributes>
            <cas:isFromNewLogin>true</cas:isFromNewLogin>
            <cas:authenticationDate>2026-03-02T09:12:44.123Z</cas:authenticationDate>
            <cas:memberOf>cn=eleves,ou=groups,dc=ent</cas:memberOf>
            <cas:memberOf>cn=6A,ou=groups,dc=ent</cas:memberOf>
            <cas:displayName>Jean Dupont &amp; fils</cas:displayName>
        </cas:attributes>
    </cas:authenticationSuccess>
</cas:serviceResponse>
)";

// LemonLDAP::NG (Lemonldap::NG::Portal::Lib::CAS): tabs, double quotes, attributes before the
// proxy granting ticket.
const char* kLemonLdapSuccess =
    "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\">\n"
    "\t<cas:authenticationSuccess>\n"
    "\t\t<cas:user>jdupont</cas:user>\n"
    "\t\t<cas:attributes>\n"
    "\t\t\t<cas:cn>Jean Dupont</cas:cn>\n"
    "\t\t\t<cas:mail>jean.dupont@ent.example.test</cas:mail>\n"
    "\t\t</cas:attributes>\n"
    "\t\t<cas:proxyGrantingTicket>PGTIOU-2-xyz</cas:proxyGrantingTicket>\n"
    "\t</cas:authenticationSuccess>\n"
    "</cas:serviceResponse>\n";

std::string Response(const std::string& inside) {
  return "<cas:serviceResponse xmlns:cas='" + kCasNamespace + "'>" + inside +
         "</cas:serviceResponse>";
}

std::string Success(const std::string& inside) {
  return Response("<cas:authenticationSuccess>" + inside + "</cas:authenticationSuccess>");
}

std::string WithUser(const std::string& user_content) {
  return Success("<cas:user>" + user_content + "</cas:user>");
}

std::string Failure(const std::string& attributes) {
  return Response("<cas:authenticationFailure" + attributes +
                  ">Ticket not recognized</cas:authenticationFailure>");
}

std::string Nested(int levels) {
  std::string xml;
  for (int i = 0; i < levels; ++i) xml += "<x>";
  for (int i = 0; i < levels; ++i) xml += "</x>";
  return xml;
}

std::string BillionLaughs() {
  std::string dtd = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  std::string previous = "lol";
  for (int i = 1; i <= 9; ++i) {
    std::string name = "lol" + std::to_string(i);
    dtd += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) dtd += "&" + previous + ";";
    dtd += "\">";
    previous = name;
  }
  return dtd + "]>" + WithUser("&lol9;");
}

// One shape of answer: what ParseCasValidation must make of it. `expected_text` is the user
// (success), the failure code (failure) or a fragment of the problem (malformed).
struct Shape {
  const char* name;
  int version;
  std::string body;
  Status expected;
  std::string expected_text;
};

std::vector<Shape> Shapes() {
  const std::string evil = "http://evil.example/cas";
  return {
      // Legitimate answers.
      {"unit-test success", 3, kSuccess, Status::kSuccess, "eleve1"},
      {"Apereo CAS 3 success", 3, kApereoSuccess, Status::kSuccess, "jdupont"},
      {"LemonLDAP::NG success", 2, kLemonLdapSuccess, Status::kSuccess, "jdupont"},
      {"other prefix", 2,
       "<x:serviceResponse xmlns:x='http://www.yale.edu/tp/cas'><x:authenticationSuccess>"
       "<x:user>u</x:user></x:authenticationSuccess></x:serviceResponse>",
       Status::kSuccess, "u"},
      {"default namespace", 3,
       "<serviceResponse xmlns='http://www.yale.edu/tp/cas'>"
       "<authenticationSuccess><user>eleve1</user></authenticationSuccess></serviceResponse>",
       Status::kSuccess, "eleve1"},
      {"prefix declared on the user element itself", 3,
       Success("<c:user xmlns:c='http://www.yale.edu/tp/cas'>eleve1</c:user>"), Status::kSuccess,
       "eleve1"},
      {"whitespace around the user", 3, WithUser("\n   eleve1 \t\n"), Status::kSuccess, "eleve1"},
      {"CDATA user", 3, WithUser("<![CDATA[eleve1]]>"), Status::kSuccess, "eleve1"},
      {"user split between text and CDATA", 3, WithUser("eleve<![CDATA[.test]]>"), Status::kSuccess,
       "eleve.test"},
      {"predefined and numeric references", 3, WithUser("&#233;l&#xE8;ve&amp;co"), Status::kSuccess,
       "\xC3\xA9l\xC3\xA8ve&co"},
      {"UTF-8 user", 3, WithUser("\xC3\xA9l\xC3\xA8ve.test"), Status::kSuccess,
       "\xC3\xA9l\xC3\xA8ve.test"},
      {"user after the attributes", 3,
       Success("<cas:attributes><cas:uai>0751234A</cas:uai></cas:attributes>"
               "<cas:user>eleve1</cas:user>"),
       Status::kSuccess, "eleve1"},
      {"BOM and XML declaration", 3,
       "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + WithUser("eleve1"),
       Status::kSuccess, "eleve1"},
      {"comment outside the user", 3,
       "<!-- generated -->" + Success("<!-- x --><cas:user>eleve1</cas:user>"), Status::kSuccess,
       "eleve1"},
      {"nesting at the 64-level limit", 3, Success("<cas:user>eleve1</cas:user>" + Nested(62)),
       Status::kSuccess, "eleve1"},
      {"failure", 3, Failure(" code='INVALID_TICKET'"), Status::kFailure, "INVALID_TICKET"},
      {"Apereo failure text with &#39;", 2,
       Response(
           "<cas:authenticationFailure code=\"INVALID_TICKET\">Ticket &#39;ST-1&#39; not recognized"
           "</cas:authenticationFailure>"),
       Status::kFailure, "INVALID_TICKET"},

      // Identity cut short or ambiguous.
      {"comment in the user", 3, WithUser("eleve.test<!-- -->.evil"), Status::kMalformed,
       "<cas:user> contains a comment; the user name cannot be trusted"},
      {"processing instruction in the user", 3, WithUser("eleve.test<?pi x?>.evil"),
       Status::kMalformed, "<cas:user> contains a processing instruction"},
      {"element in the user", 3, WithUser("eleve.test<b>.evil</b>"), Status::kMalformed,
       "<cas:user> contains an element <b>"},
      {"two users", 3, Success("<cas:user>eleve.test</cas:user><cas:user>admin</cas:user>"),
       Status::kMalformed, "2 <cas:user> elements, expected exactly one"},
      {"no user", 3, Success("<cas:attributes/>"), Status::kMalformed,
       "no <cas:user> in <cas:authenticationSuccess>"},
      {"user nested one level too deep", 3,
       Success("<cas:wrap><cas:user>eleve1</cas:user></cas:wrap>"), Status::kMalformed,
       "no <cas:user>"},
      {"empty user", 3, WithUser(""), Status::kMalformed, "<cas:user> is empty"},
      {"blank user", 3, WithUser("  <![CDATA[ ]]>\n"), Status::kMalformed, "<cas:user> is empty"},
      {"user longer than 256 bytes", 3, WithUser(std::string(257, 'a')), Status::kMalformed,
       "<cas:user> is 257 bytes, more than 256"},
      {"raw line feed inside the user", 3, WithUser("eleve\nadmin"), Status::kMalformed,
       "<cas:user> contains control character U+000A"},
      {"tab reference inside the user", 3, WithUser("eleve&#9;admin"), Status::kMalformed,
       "<cas:user> contains control character U+0009"},
      {"C1 control inside the user", 3, WithUser("eleve&#x85;admin"), Status::kMalformed,
       "<cas:user> contains control character U+0085"},
      {"NUL reference cutting the user", 3, WithUser("eleve.test&#0;.evil"), Status::kMalformed,
       "character reference '&#0;' in <cas:user> is not an allowed XML character"},
      {"raw control character", 3, WithUser("eleve\x01"), Status::kMalformed,
       "control character 0x01 at byte"},

      // Success and failure.
      {"success and failure", 3,
       Response(
           "<cas:authenticationFailure code='INVALID_TICKET'/>"
           "<cas:authenticationSuccess><cas:user>eleve1</cas:user></cas:authenticationSuccess>"),
       Status::kMalformed, "both <cas:authenticationSuccess> and <cas:authenticationFailure>"},
      {"two successes", 3,
       Response("<cas:authenticationSuccess><cas:user>a</cas:user></cas:authenticationSuccess>"
                "<cas:authenticationSuccess><cas:user>b</cas:user></cas:authenticationSuccess>"),
       Status::kMalformed, "2 <cas:authenticationSuccess> elements, expected exactly one"},
      {"neither success nor failure", 2, Response("<cas:proxySuccess/>"), Status::kMalformed,
       "neither <cas:authenticationSuccess> nor <cas:authenticationFailure>"},
      {"failure without code", 3, Failure(""), Status::kMalformed,
       "<cas:authenticationFailure> has no code attribute"},
      {"failure with an empty code", 3, Failure(" code=' '"), Status::kMalformed,
       "the code attribute of <cas:authenticationFailure> is empty"},

      // Namespaces.
      {"root prefix bound to another namespace", 3,
       "<cas:serviceResponse xmlns:cas='" + evil +
           "'><cas:authenticationSuccess><cas:user>eleve1</cas:user></cas:authenticationSuccess>"
           "</cas:serviceResponse>",
       Status::kMalformed,
       "<serviceResponse> is in namespace 'http://evil.example/cas', expected "
       "http://www.yale.edu/tp/cas"},
      {"no namespace at all", 3,
       "<serviceResponse><authenticationSuccess><user>eleve1</user></authenticationSuccess>"
       "</serviceResponse>",
       Status::kMalformed,
       "<serviceResponse> is in no namespace, expected http://www.yale.edu/tp/cas"},
      {"undeclared prefix", 3,
       "<cas:serviceResponse><cas:authenticationSuccess><cas:user>eleve1</cas:user>"
       "</cas:authenticationSuccess></cas:serviceResponse>",
       Status::kMalformed, "<serviceResponse> uses the prefix 'cas', declared by no xmlns:cas"},
      {"prefix rebound on the success element", 3,
       Response("<cas:authenticationSuccess xmlns:cas='" + evil +
                "'><cas:user>eleve1</cas:user></cas:authenticationSuccess>"),
       Status::kMalformed, "<authenticationSuccess> is in namespace 'http://evil.example/cas'"},
      {"user in another namespace", 3,
       Success("<cas:user xmlns:cas='" + evil + "'>eleve1</cas:user>"), Status::kMalformed,
       "<user> is in namespace 'http://evil.example/cas'"},
      {"second user in another namespace", 3,
       Success("<cas:user>eleve1</cas:user><e:user xmlns:e='" + evil + "'>admin</e:user>"),
       Status::kMalformed, "<user> is in namespace 'http://evil.example/cas'"},
      {"default namespace undeclared on the user", 3,
       "<serviceResponse xmlns='http://www.yale.edu/tp/cas'><authenticationSuccess>"
       "<user xmlns=''>eleve1</user></authenticationSuccess></serviceResponse>",
       Status::kMalformed, "<user> is in no namespace"},
      {"namespace declared twice", 3,
       "<cas:serviceResponse xmlns:cas='" + evil + "' xmlns:cas='" + kCasNamespace +
           "'><cas:authenticationSuccess><cas:user>eleve1</cas:user></cas:authenticationSuccess>"
           "</cas:serviceResponse>",
       Status::kMalformed, "attribute 'xmlns:cas' appears twice on <cas:serviceResponse>"},

      // DTDs and entities.
      {"DOCTYPE with an external entity", 3,
       "<!DOCTYPE r [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>" + WithUser("&xxe;"),
       Status::kMalformed, "a DOCTYPE is not allowed (no DTD or entity is ever processed)"},
      {"billion laughs", 3, BillionLaughs(), Status::kMalformed, "a DOCTYPE is not allowed"},
      {"undeclared entity in the user", 3, WithUser("&xxe;"), Status::kMalformed,
       "entity reference '&xxe;' in <cas:user>"},
      {"entity in an attribute value", 3, Failure(" code='&xxe;'"), Status::kMalformed,
       "entity reference '&xxe;' in attribute 'code' of <cas:authenticationFailure>"},
      {"bare ampersand", 3, WithUser("a & b"), Status::kMalformed,
       "a '&' in <cas:user> starts no valid reference"},

      // Encoding.
      {"invalid UTF-8 in the user", 3, WithUser("eleve\xFF"), Status::kMalformed,
       "invalid UTF-8 at byte 102"},
      {"overlong UTF-8", 3, WithUser("eleve\xC0\xAE"), Status::kMalformed, "invalid UTF-8 at byte"},
      {"UTF-8 encoded surrogate", 3, WithUser("eleve\xED\xA0\x80"), Status::kMalformed,
       "invalid UTF-8 at byte"},
      {"invalid UTF-8 in an attribute value", 3,
       Success("<cas:user>eleve1</cas:user>"
               "<cas:attributes><cas:cn>Jean\xE9</cas:cn></cas:attributes>"),
       Status::kMalformed, "invalid UTF-8 at byte"},
      {"UTF-16 byte order mark", 3, "\xFF\xFE" + WithUser("eleve1"), Status::kMalformed,
       "invalid UTF-8 at byte 0"},
      {"declared Latin-1", 3, "<?xml version='1.0' encoding='ISO-8859-1'?>" + WithUser("eleve1"),
       Status::kMalformed, "the XML declaration names encoding 'ISO-8859-1'"},

      // Size and depth.
      {"100,000 nested elements", 3, Success("<cas:user>eleve1</cas:user>" + Nested(100000)),
       Status::kMalformed, "elements nested deeper than 64 levels"},
      {"nesting one level over the limit", 3, Success("<cas:user>eleve1</cas:user>" + Nested(63)),
       Status::kMalformed, "elements nested deeper than 64 levels"},
      {"2 MiB answer", 3,
       Success("<cas:user>eleve1</cas:user><cas:attributes><cas:pad>" + std::string(2 << 20, 'a') +
               "</cas:pad></cas:attributes>"),
       Status::kMalformed, "larger than the 1048576-byte limit"},
      {"attribute value over 4096 bytes", 3,
       Success("<cas:user>eleve1</cas:user><cas:attributes><cas:cn>" + std::string(4097, 'a') +
               "</cas:cn></cas:attributes>"),
       Status::kMalformed, "<cas:cn> is 4097 bytes, more than 4096"},
      {"comment in an attribute value", 3,
       Success("<cas:user>eleve1</cas:user>"
               "<cas:attributes><cas:uai>0751234A<!-- -->B</cas:uai></cas:attributes>"),
       Status::kMalformed, "<cas:uai> contains a comment; the attribute value cannot be trusted"},
      {"two attribute blocks", 3,
       Success("<cas:user>eleve1</cas:user><cas:attributes/>"
               "<cas:attributes><cas:uai>X</cas:uai></cas:attributes>"),
       Status::kMalformed, "2 <cas:attributes> elements, expected at most one"},

      // Document shape.
      {"empty body", 2, "", Status::kMalformed, "no root element"},
      {"HTML page", 3, "<html><body>Portal</body></html>", Status::kMalformed,
       "the root element is <html>, expected <cas:serviceResponse>"},
      {"truncated XML", 3, "<cas:serviceResponse>", Status::kMalformed, "not well-formed XML"},
      {"two root elements", 3, WithUser("eleve1") + WithUser("admin"), Status::kMalformed,
       "2 root elements, expected exactly one <cas:serviceResponse>"},
      {"text after the root element", 3, WithUser("eleve1") + "admin", Status::kMalformed,
       "text outside the root element"},

      // CAS 1.
      {"CAS 1 yes", 1, "yes\neleve1\n", Status::kSuccess, "eleve1"},
      {"CAS 1 no", 1, "no\n", Status::kFailure, ""},
      {"CAS 1 no and an empty line", 1, "no\n\n", Status::kFailure, ""},
      {"CAS 1 extra line", 1, "yes\nuser\nextra\n", Status::kMalformed,
       "more than one line after \"yes\""},
      {"CAS 1 empty user", 1, "yes\n\n", Status::kMalformed, "the CAS 1 user is empty"},
      {"CAS 1 user on the yes line", 1, "yes user\n", Status::kMalformed,
       "a CAS 1 answer starts with \"yes\\n\" or \"no\\n\""},
      {"CAS 1 no final newline", 1, "yes\nuser", Status::kMalformed,
       "no newline after the CAS 1 user (truncated?)"},
      {"CAS 1 carriage return", 1, "yes\r\nuser\r\n", Status::kMalformed,
       "a CAS 1 answer starts with \"yes\\n\" or \"no\\n\""},
      {"CAS 1 carriage return in the user", 1, "yes\nuser\r\n", Status::kMalformed,
       "the CAS 1 user contains control character U+000D"},
      {"CAS 1 invalid UTF-8", 1, "yes\neleve\xFF\n", Status::kMalformed, "invalid UTF-8 at byte 9"},
      {"CAS 1 no and a reason", 1, "no\nexpired\n", Status::kMalformed,
       "unexpected text after \"no\""},
      {"CAS 1 something else", 1, "maybe\n", Status::kMalformed, "a CAS 1 answer starts with"},
  };
}

std::string Describe(Status status) {
  return status == Status::kSuccess   ? "success"
         : status == Status::kFailure ? "failure"
                                      : "malformed";
}

TEST_CASE("every shape of validation answer gets its status and message") {
  for (const Shape& shape : Shapes()) {
    CAPTURE(shape.name);
    CasValidation v = ParseCasValidation(shape.body, shape.version);
    CHECK_MESSAGE(Describe(v.status) == Describe(shape.expected), shape.name, ": ", v.problem,
                  v.user);
    if (shape.expected == Status::kSuccess) CHECK(v.user == shape.expected_text);
    if (shape.expected == Status::kFailure) CHECK(v.failure_code == shape.expected_text);
    if (shape.expected == Status::kMalformed) {
      CHECK_MESSAGE(v.problem.find(shape.expected_text) != std::string::npos, shape.name, ": ",
                    v.problem);
      CHECK(v.problem.find("CAS answer rejected: ") == 0);
      CHECK(v.user.empty());
    }
  }
}

TEST_CASE("a CAS 3 success gives the user and the attributes by local name") {
  CasValidation v = ParseCasValidation(kSuccess, 3);
  REQUIRE(v.status == Status::kSuccess);
  CHECK(v.user == "eleve1");
  CHECK(v.attributes.at("ENTPersonProfils") == std::vector<std::string>{"National_ELV"});
  CHECK(v.attributes.at("groups") == std::vector<std::string>{"6A", "LATIN"});
  CHECK(v.attributes.count("ENTPersonJointure") == 0);
}

TEST_CASE("the Apereo and LemonLDAP::NG shapes give their attributes") {
  CasValidation apereo = ParseCasValidation(kApereoSuccess, 3);
  REQUIRE(apereo.status == Status::kSuccess);
  CHECK(apereo.attributes.at("memberOf").size() == 2);
  CHECK(apereo.attributes.at("displayName") == std::vector<std::string>{"Jean Dupont & fils"});
  CHECK(apereo.attributes.count("proxy") == 0);
  CasValidation lemonldap = ParseCasValidation(kLemonLdapSuccess, 2);
  REQUIRE(lemonldap.status == Status::kSuccess);
  CHECK(lemonldap.attributes.at("mail") ==
        std::vector<std::string>{"jean.dupont@ent.example.test"});
}

TEST_CASE("the recorded CAS answers still parse") {
  CasValidation success =
      ParseCasValidation(LoadRecording("cas-success.json").result.response.body, 3);
  REQUIRE(success.status == Status::kSuccess);
  CHECK(success.user == "jdupont");
  CHECK(success.attributes.at("uai") == std::vector<std::string>{"0000000A"});
  CasValidation failure =
      ParseCasValidation(LoadRecording("cas-failure.json").result.response.body, 3);
  CHECK(failure.status == Status::kFailure);
  CHECK(failure.failure_code == "INVALID_TICKET");
}

TEST_CASE("an entity declared in a DOCTYPE is never expanded") {
  CasValidation v = ParseCasValidation(
      "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><cas:serviceResponse xmlns:cas='c'>"
      "<cas:authenticationSuccess><cas:user>&x;</cas:user></cas:authenticationSuccess>"
      "</cas:serviceResponse>",
      3);
  CHECK(v.status == Status::kMalformed);
  CHECK(v.user.find("root") == std::string::npos);
}

}  // namespace
}  // namespace sdetcheck

namespace sdetcheck {
namespace {

TEST_CASE("cas json: success with user and attributes, failure with code") {
  CasValidation v =
      ParseCasJsonValidation(R"({"serviceResponse":{"authenticationSuccess":{"user":"eleve1",)"
                             R"("attributes":{"ENTPersonProfils":["National_ELV"],"n":3}}}})");
  REQUIRE(v.status == CasValidation::Status::kSuccess);
  CHECK(v.user == "eleve1");
  CHECK(v.attributes["ENTPersonProfils"] == std::vector<std::string>{"National_ELV"});
  CHECK(v.attributes["n"] == std::vector<std::string>{"3"});
  CasValidation f = ParseCasJsonValidation(
      R"({"serviceResponse":{"authenticationFailure":{"code":"INVALID_TICKET"}}})");
  CHECK(f.status == CasValidation::Status::kFailure);
  CHECK(f.failure_code == "INVALID_TICKET");
}

TEST_CASE("cas json: hostile or ambiguous answers are malformed") {
  for (const std::string& body :
       {std::string(R"({"serviceResponse":{}})"), std::string("[1,2]"), std::string("{"),
        std::string(R"({"serviceResponse":{"authenticationSuccess":{"user":{"a":1}}}})"),
        std::string(R"({"serviceResponse":{"authenticationSuccess":{"user":"a"},)"
                    R"("authenticationFailure":{"code":"X"}}})"),
        std::string(R"({"serviceResponse":{"authenticationSuccess":{"user":"a",)"
                    R"("attributes":{"x":[[1]]}}}})"),
        std::string(40000, '[') + std::string(40000, ']'),
        R"({"serviceResponse":{"authenticationFailure":{"code":"X"}}})" +
            std::string(2u << 20, ' ')}) {
    CHECK_MESSAGE(ParseCasJsonValidation(body).status == CasValidation::Status::kMalformed,
                  body.substr(0, 80));
  }
}

TEST_CASE("cas: a 50 MB XML answer is refused before parsing") {
  std::string body = "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>" +
                     std::string(50u << 20, ' ') + "</cas:serviceResponse>";
  CasValidation v = ParseCasValidation(body, 3);
  CHECK(v.status == CasValidation::Status::kMalformed);
  CHECK(v.problem.find("limit") != std::string::npos);
}

}  // namespace
}  // namespace sdetcheck
