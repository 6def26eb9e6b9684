// Every report format stays valid whatever a hostile server put in the evidence.
#include <cstdio>
#include <filesystem>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "grid/loader.h"
#include "html/document.h"
#include "probe/loader.h"
#include "report/json_model.h"
#include "report/report.h"
#include "support/json_schema.h"
#include "support/local_servers.h"
#include "util/text.h"

namespace sdetcheck {
namespace {

using nlohmann::json;
const std::string kRoot = SDETCHECK_SOURCE_DIR;
constexpr size_t kNone = std::string::npos;

// One of every shape of text that has broken a report format. The NUL comes last: pugixml
// stops at it, and what precedes it must reach the JUnit report too.
std::string Hostile() {
  return std::string(
             "esc[\x1b[31m] bel[\a] osc[\x1b]0;title\a] del[\x7f] c1[\xC2\x9B] "
             "bad-utf8[\xC3\x28\xFF] nonchar[\xEF\xBF\xBE] cdata[]]>] "
             "html[<script>alert(1)</script>] close[</script>] comment[-->] tmpl[{{mustache}}] "
             "pipe[a|b] escaped-pipe[a\\|b] tick[`code`] link[[x](https://evil.example/)] "
             "ref[&#27;] crlf[one\r\ntwo] cr[three\rfour] tab[\t] nul[") +
         '\0' + "] after-nul";
}

std::string Megabyte() {
  std::string big;
  while (big.size() < (1u << 20)) big += Hostile();
  return big;
}

HttpExchange HostileEvidence(bool big) {
  HttpExchange e;
  e.method = "GET";
  e.url = "https://ent.example.fr/?q=" + Hostile();
  e.status = 200;
  e.final_url = "https://evil.example/" + Hostile();
  e.tls_version = Hostile();
  e.headers = {{"X-\x1b[31mEvil|`<b>", Hostile()}, {"Server", Hostile()}};
  e.excerpt = big ? Megabyte() : Hostile();
  e.error = Hostile();
  return e;
}

// A check whose every string is hostile: its message's parameters, subject and detail.
Check HostileCheck(bool big) {
  Check check;
  check.key = "http.header";
  check.subject = Hostile();
  check.state = CheckState::kFail;
  check.message = Msg("match.header.value.fail", {{"name", Hostile()}, {"observed", Hostile()}});
  check.expected = Hostile();
  check.observed = big ? Megabyte() : Hostile();
  check.evidence = {0};
  return check;
}

// The shipped grid with one result of every state, every free text hostile.
struct HostileRun {
  GridSet grid;
  ProbeCatalog probes;
  TargetProfile target;
  Answers answers;
  std::vector<ItemResult> results;
  Summary summary;

  HostileRun() {
    Diagnostics d;
    grid = LoadGridSet(kRoot + "/grids/sdet-6.3", &d);
    probes = LoadProbes({kRoot + "/probes"}, &d);
    target.name = "ENT " + Hostile();
    target.base_url = "https://ent.example.fr";
    const State states[] = {State::kPass,          State::kFail,      State::kError,
                            State::kNotApplicable, State::kNotTested, State::kAttested,
                            State::kWaived};
    size_t i = 0;
    for (const Item& item : grid.items) {
      ItemResult r;
      r.item = &item;
      r.method = item.check.is_probe ? Method::kProbe : Method::kAttestation;
      r.state = states[i % 7];
      r.message = Msg("match.header.value.fail", {{"name", Hostile()}, {"observed", Hostile()}});
      r.evidence.push_back(HostileEvidence(i == 1));
      r.checks.push_back(HostileCheck(i == 1));
      if (r.state == State::kAttested) {
        r.attestation =
            Attestation{item.id, "conforme", Hostile(), Hostile(), "2026-01-01", Hostile(), {}};
      }
      if (r.state == State::kWaived) {
        r.waiver = Waiver{item.id, Hostile(), Hostile(), "2027-01-31", {}};
      }
      results.push_back(r);
      ++i;
    }
    std::vector<std::string> axes;
    for (const Axis& a : grid.axes) axes.push_back(a.id);
    summary = Summarize(results, axes);
  }

  ReportContext Context() const {
    return {
        &grid, &probes.files,          &target,           &answers, &results, &summary, {3, 1, 0.5},
        "fr",  "2026-11-23T10:00:00Z", kRoot + "/reports"};
  }
};

struct Reports {
  std::string json, html, md, junit, sarif;
};

// Rendered once for all test cases: the run is large (a 1 MB excerpt and check line).
const Reports& Rendered() {
  static const Reports reports = [] {
    HostileRun run;
    std::string dir = testing::MakeTempDir("sdetcheck-hostile");
    std::vector<std::string> files;
    std::string error;
    REQUIRE_MESSAGE(
        WriteReports(run.Context(), {"json", "html", "md", "junit", "sarif"}, dir, &files, &error),
        error);
    Reports r{testing::ReadFile(dir + "/report.json"), testing::ReadFile(dir + "/report.html"),
              testing::ReadFile(dir + "/report.md"), testing::ReadFile(dir + "/report.junit.xml"),
              testing::ReadFile(dir + "/report.sarif")};
    std::filesystem::remove_all(dir);
    return r;
  }();
  return reports;
}

// Offset of the first character no report may carry raw, or kNone: C0 controls but TAB,
// LF and CR; DEL; C1 controls (UTF-8 0xC2 0x80..0x9F); U+FFFE and U+FFFF.
size_t FirstRawControl(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    unsigned char next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    unsigned char third = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
    if (c == 0x7F) return i;
    if (c == 0xC2 && next >= 0x80 && next <= 0x9F) return i;
    if (c == 0xEF && next == 0xBF && (third == 0xBE || third == 0xBF)) return i;
  }
  return kNone;
}

// `text` with every byte outside printable ASCII shown as \xNN: failure messages must not
// send escape sequences to the terminal running the tests.
std::string Printable(const std::string& text) {
  std::string shown;
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      shown += c;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", byte);
      shown += hex;
    }
  }
  return shown;
}

std::string Around(const std::string& text, size_t offset) {
  if (offset == kNone) return "";
  size_t start = offset < 40 ? 0 : offset - 40;
  return "at byte " + std::to_string(offset) + ": ..." + Printable(text.substr(start, 80)) + "...";
}

bool IsValidUtf8(const std::string& text) { return SanitizeUtf8(text) == text; }

// A character reference XML 1.0 forbids (&#0;..&#31; but 9, 10, 13; &#xFFFE;, &#xFFFF;),
// or "" when there is none.
std::string ForbiddenCharacterReference(const std::string& xml) {
  for (size_t at = xml.find("&#"); at != kNone; at = xml.find("&#", at + 2)) {
    size_t end = xml.find(';', at);
    if (end == kNone) break;
    bool hex = xml[at + 2] == 'x' || xml[at + 2] == 'X';
    std::string digits = xml.substr(at + (hex ? 3 : 2), end - at - (hex ? 3 : 2));
    if (digits.empty() || digits.size() > 8) continue;
    unsigned long code = std::stoul(digits, nullptr, hex ? 16 : 10);
    bool control = code < 0x20 && code != 9 && code != 10 && code != 13;
    if (control || code == 0xFFFE || code == 0xFFFF) return xml.substr(at, end - at + 1);
  }
  return "";
}

// Every string and key of a parsed JSON document, in document order.
void CollectStrings(const json& value, std::vector<std::string>* out) {
  if (value.is_string()) out->push_back(value.get<std::string>());
  if (value.is_array()) {
    for (const json& child : value) CollectStrings(child, out);
  }
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      out->push_back(key);
      CollectStrings(child, out);
    }
  }
}

// '|' not escaped by a backslash (a backslash escapes the character after it, itself included).
int UnescapedPipes(const std::string& line) {
  int pipes = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\')
      ++i;
    else if (line[i] == '|')
      ++pipes;
  }
  return pipes;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end = text.find('\n'); end != kNone; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  lines.push_back(text.substr(start));
  return lines;
}

// Markdown shows a code span's content literally: an escape inside one is shown as typed,
// and an escaped backtick ends the span early.
std::string FirstCodeSpanWithEscapes(const std::string& md) {
  for (size_t i = 0; i < md.size(); ++i) {
    if (md[i] == '\\') {
      ++i;
      continue;
    }
    if (md[i] != '`') continue;
    size_t end = md.find('`', i + 1);
    if (end == kNone) break;
    std::string content = md.substr(i + 1, end - i - 1);
    if (content.find_first_of("\\&") != kNone) return Printable(content.substr(0, 80));
    i = end;
  }
  return "";
}

TEST_CASE("the report model's strings are sanitised at every depth, object keys included") {
  json model = {{"k\x1b", "v\a"}, {"list", {"\x7f", 3, nullptr, {{"deep\xC2\x9B", {"\xFF"}}}}}};
  json clean = SanitizeReportStrings(model);
  CHECK(clean == json{{"k\u241B", "v\u2407"},
                      {"list", {"\u2421", 3, nullptr, {{"deep\uFFFD", {"\uFFFD"}}}}}});
  CHECK(clean["list"][3].is_object());
}

TEST_CASE("hostile evidence: no report carries a raw control character or invalid UTF-8") {
  const Reports& r = Rendered();
  for (const auto& [name, text] : {std::pair<std::string, const std::string*>{"json", &r.json},
                                   {"html", &r.html},
                                   {"md", &r.md},
                                   {"junit", &r.junit},
                                   {"sarif", &r.sarif}}) {
    CAPTURE(name);
    size_t at = FirstRawControl(*text);
    CHECK_MESSAGE(at == kNone, Around(*text, at));
    CHECK(IsValidUtf8(*text));
  }
}

TEST_CASE("hostile evidence: the JSON report parses, validates and decodes to clean text") {
  json report = json::parse(Rendered().json, nullptr, false);
  REQUIRE(!report.is_discarded());
  CHECK(testing::SchemaErrors(report, kRoot + "/docs/schemas/report.schema.json") == "");
  std::vector<std::string> strings;
  CollectStrings(report, &strings);
  std::string first_unclean;
  size_t unclean = 0;
  for (const std::string& s : strings) {
    size_t at = FirstRawControl(s);
    if (at == kNone) continue;
    if (unclean++ == 0) first_unclean = Around(s, at);
  }
  CHECK_MESSAGE(unclean == 0, unclean, " strings, first ", first_unclean);
  std::string message = report["items"][1]["message"]["text"];
  CHECK(message.find("esc[\u241B[31m] bel[\u2407] osc[\u241B]0;title\u2407]") != kNone);
  CHECK(message.find("del[\u2421] c1[\uFFFD]") != kNone);
  CHECK(message.find("nul[\u2400] after-nul") != kNone);
}

TEST_CASE("hostile evidence: the SARIF report parses and keeps the hostile message as text") {
  json sarif = json::parse(Rendered().sarif, nullptr, false);
  REQUIRE(!sarif.is_discarded());
  CHECK(sarif["version"] == "2.1.0");
  CHECK(Rendered().sarif.find("nul[\u2400] after-nul") != kNone);
}

TEST_CASE("hostile evidence: the JUnit report is well-formed XML 1.0") {
  const std::string& xml = Rendered().junit;
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
  REQUIRE_MESSAGE(parsed.status == pugi::status_ok, parsed.description());
  CHECK(ForbiddenCharacterReference(xml) == "");
  pugi::xml_node failure = doc.select_node("//failure").node();
  REQUIRE(failure);
  // A NUL must not cut the rest of the message.
  CHECK(std::string(failure.attribute("message").value()).find("nul[\u2400] after-nul") != kNone);
  CHECK(std::string(failure.text().get()).find("html[<script>alert(1)</script>]") != kNone);
}

TEST_CASE("hostile evidence: the HTML report shows hostile markup as text") {
  const std::string& html = Rendered().html;
  CHECK(html.find("<script>alert") == kNone);
  std::vector<HtmlElement> scripts;
  std::string text, error;
  REQUIRE_MESSAGE(FindHtmlElements(html, "script", &scripts, &error), error);
  CHECK(scripts.size() == 1);  // the report's own filter script
  REQUIRE(HtmlVisibleText(html, &text, &error));
  CHECK(text.find("html[<script>alert(1)</script>] close[</script>] comment[-->] "
                  "tmpl[{{mustache}}]") != kNone);
  CHECK(text.find("esc[\u241B[31m]") != kNone);
}

TEST_CASE("hostile evidence: the Markdown report keeps its structure") {
  const std::string& md = Rendered().md;
  CHECK(md.find("<script") == kNone);
  CHECK(md.find("</script") == kNone);
  CHECK(md.find("<!--") == kNone);
  CHECK(md.find("[x](") == kNone);   // a link (or image) chosen by the server
  CHECK(md.find("&#27;") == kNone);  // an entity Markdown would decode to ESC
  CHECK(md.find("{{mustache}}") != kNone);
  CHECK(FirstCodeSpanWithEscapes(md) == "");
  HostileRun run;
  std::vector<std::string> lines = Lines(md);
  size_t rows = 0;
  for (const std::string& line : lines) {
    for (const Item& item : run.grid.items) {
      if (line.rfind("| " + item.id + " | ", 0) != 0) continue;
      ++rows;
      CHECK_MESSAGE(UnescapedPipes(line) == 7, item.id, ": ", Printable(line.substr(0, 200)));
    }
  }
  CHECK(rows == run.grid.items.size());
  bool in_item = false;
  for (const std::string& line : lines) {
    if (line.rfind('#', 0) == 0)
      in_item = line.rfind("### ", 0) == 0;
    else if (in_item && !line.empty()) {
      CHECK_MESSAGE((line.rfind("- ", 0) == 0 || line.rfind("  - ", 0) == 0),
                    Printable(line.substr(0, 200)));
    }
  }
}

}  // namespace
}  // namespace sdetcheck
