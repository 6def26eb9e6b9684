// The layout scanner and libxml2's reader read the same records from regular feeds; the
// scanner gives up on anything outside the layout and libxml2 then says what is wrong.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "aaf/feed_scanner.h"
#include "aaf/feed_xml_reader.h"

namespace sdetcheck {
namespace {

struct Reading {
  std::vector<std::string> records;
  std::vector<std::string> problems;
  std::optional<FeedReadError> error;
  std::optional<ScanGaveUp> gave_up;
};

Reading Scan(const std::string& xml) {
  Reading r;
  r.gave_up =
      ScanFeed(xml, [&](const FeedRecord& record) { r.records.push_back(DescribeRecord(record)); });
  return r;
}

Reading Read(const std::string& xml) {
  Reading r;
  r.error = ReadFeedMemory(
      xml, "feed.xml",
      [&](const FeedRecord& record) { r.records.push_back(DescribeRecord(record)); },
      [&](const FeedProblem& p) {
        r.problems.push_back(p.rule + "@" + std::to_string(p.line) + " " + p.detail);
      });
  return r;
}

std::string FileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n"
    "<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n<ficAlimMENESR>\n";

std::string Pupil(const std::string& id, const std::string& surname) {
  return " <addRequest>\n  <operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve"
         "</value></attr></operationalAttributes>\n  <identifier><id>" +
         id + "</id></identifier>\n  <attributes>\n   <attr name=\"sn\"><value>" + surname +
         "</value></attr>\n   <attr name=\"ENTEleveGroupes\"><value/></attr>\n"
         "   <attr name=\"ENTElevePersRelEleve\"><value>1$10$1$1$1$0</value><value>2$20$0$2$1$0"
         "</value></attr>\n  </attributes>\n </addRequest>\n";
}

TEST_CASE("aaf scanner: the reference ENT's sample feed reads the same both ways") {
  std::string dir = std::string(SDETCHECK_SOURCE_DIR) + "/reference-ent/aaf";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".xml") continue;
    std::string xml = FileText(entry.path().string());
    Reading fast = Scan(xml), reference = Read(xml);
    CAPTURE(entry.path().string());
    CHECK(!fast.gave_up);
    CHECK(!reference.error);
    CHECK(reference.problems.empty());
    CHECK(fast.records.size() > 0);
    CHECK(fast.records == reference.records);
    ++files;
  }
  CHECK(files == 4);
}

TEST_CASE("aaf scanner: ISO-8859-15 is not Latin-1: Œ (0xBC) becomes U+0152") {
  std::string xml = kHead + Pupil("7", "C\xBCUR") + "</ficAlimMENESR>\n";
  Reading fast = Scan(xml), reference = Read(xml);
  REQUIRE(!fast.gave_up);
  REQUIRE(fast.records.size() == 1);
  CHECK(fast.records[0].find("sn/@8[C\xC5\x92UR|]") != std::string::npos);
  CHECK(fast.records == reference.records);
}

TEST_CASE("aaf scanner: entities, modify and delete requests, empty values agree") {
  std::string xml = kHead + Pupil("7", "D&apos;ARC &amp; CIE") +
                    " <modifyRequest>\n  <operationalAttributes><attr name=\"categoriePersonne\">"
                    "<value>Eleve</value></attr></operationalAttributes>\n  <identifier><id>8"
                    "</id></identifier>\n  <modifications>\n   <modification name=\"sn\" "
                    "operation=\"replace\"><value>X</value></modification>\n  </modifications>\n"
                    " </modifyRequest>\n <deleteRequest>\n  <operationalAttributes><attr name="
                    "\"categoriePersonne\"><value>Eleve</value></attr></operationalAttributes>\n"
                    "  <identifier><id>9</id></identifier>\n </deleteRequest>\n</ficAlimMENESR>\n"
                    "<!-- end -->\n";
  Reading fast = Scan(xml), reference = Read(xml);
  CHECK(!fast.gave_up);
  REQUIRE(fast.records.size() == 3);
  CHECK(fast.records[0].find("sn/@8[D'ARC & CIE|]") != std::string::npos);
  CHECK(fast.records[1].find("modify@") == 0);
  CHECK(fast.records[2].find("delete@") == 0);
  CHECK(fast.records == reference.records);
}

TEST_CASE("aaf scanner: outside the layout it gives up, and libxml2 reads or explains") {
  std::string body = Pupil("7", "MARTIN");
  for (const std::string& xml : {
           kHead + " <!-- a comment in the body -->\n" + body + "</ficAlimMENESR>\n",
           kHead + " <addRequest>\n  <operationalAttributes><attr name='categoriePersonne'>"
                   "<value>Eleve</value></attr></operationalAttributes>\n  <identifier><id>"
                   "7</id></identifier>\n  <attributes><attr name=\"sn\"><value><![CDATA[A<B]]>"
                   "</value></attr></attributes>\n </addRequest>\n</ficAlimMENESR>\n",
           std::string("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<ficAlimMENESR>") +
               body + "</ficAlimMENESR>",
           kHead + body,  // truncated
           kHead + Pupil("7", "A&eacute;B") + "</ficAlimMENESR>\n",
           kHead + Pupil("7", std::string("A\0B", 3)) + "</ficAlimMENESR>\n",
           kHead + Pupil("7", "A\r\nB") + "</ficAlimMENESR>\n",
           std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ficAlimMENESR>") +
               Pupil("7", "\xC3\x28") + "</ficAlimMENESR>",  // not UTF-8
       }) {
    CAPTURE(xml);
    Reading fast = Scan(xml), reference = Read(xml);
    CHECK(fast.gave_up);
    // Either libxml2 reads it (then a record at least) or it names the error with a line.
    if (reference.error)
      CHECK(!reference.error->message.empty());
    else
      CHECK(!reference.records.empty());
  }
}

TEST_CASE("aaf reader: an undeclared entity is a problem, never resolved; a DTD is never read") {
  std::string dir = std::filesystem::temp_directory_path() / "sdetcheck-aaf-secret";
  std::ofstream(dir) << "SECRET-FILE-CONTENT";
  std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR [<!ENTITY x SYSTEM \"file://" + dir +
      "\">]>\n<ficAlimMENESR>" + Pupil("7", "A&x;B") + "</ficAlimMENESR>";
  Reading reference = Read(xml);
  std::string all;
  for (const std::string& r : reference.records) all += r;
  CHECK(all.find("SECRET-FILE-CONTENT") == std::string::npos);
  REQUIRE(reference.problems.size() == 1);
  CHECK(reference.problems[0].find("xml.entity") == 0);
  std::filesystem::remove(dir);
}

TEST_CASE("aaf reader: billion laughs is refused or left unexpanded, quickly") {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR [<!ENTITY a \"aaaaaaaaaa\">";
  char previous = 'a';
  for (char name = 'b'; name <= 'k'; ++name) {
    xml += std::string("<!ENTITY ") + name + " \"";
    for (int i = 0; i < 10; ++i) xml += std::string("&") + previous + ";";
    xml += "\">";
    previous = name;
  }
  xml += "]>\n<ficAlimMENESR>" + Pupil("7", "&k;") + "</ficAlimMENESR>";
  Reading reference = Read(xml);
  size_t size = 0;
  for (const std::string& r : reference.records) size += r.size();
  CHECK(size < 10000);
}

TEST_CASE("aaf reader: another root, stray elements and text are named with their line") {
  Reading other = Read("<?xml version=\"1.0\"?>\n<feed/>");
  REQUIRE(other.error);
  CHECK(other.error->message.find("ficAlimMENESR") != std::string::npos);
  Reading stray =
      Read(kHead + " <bogus><x/></bogus>\n" + Pupil("7", "A") + " text\n</ficAlimMENESR>");
  REQUIRE(!stray.error);
  CHECK(stray.records.size() == 1);
  REQUIRE(stray.problems.size() == 2);
  CHECK(stray.problems[0].find("envelope.structure@4 unexpected element <bogus>") == 0);
}

}  // namespace
}  // namespace sdetcheck
