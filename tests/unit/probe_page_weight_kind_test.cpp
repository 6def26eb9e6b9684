#include <doctest/doctest.h>

#include "net/url.h"
#include "probe/registry.h"
#include "support/kind_harness.h"
#include "support/outcomes.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

using testing::OutcomeState;
using testing::Page;

const std::string kEnt = testing::kReplayedEnt;

Response Sized(long status, const std::string& body, int64_t transferred) {
  Response r = Page(status, body, {{"Content-Type", "text/html; charset=utf-8"}});
  r.transferred_bytes = transferred;
  return r;
}

struct Harness : testing::KindHarness {
  explicit Harness(const std::string& yaml) : KindHarness("page_weight", yaml) {}
};

// Two own-host resources (one named twice), a third-party script never fetched.
const char* kHome = R"(<!DOCTYPE html><html lang="fr"><head><title>ENT</title>
<link rel="stylesheet" href="/css/site.css">
<script src="https://stats.tracker.example/tag.js"></script></head>
<body><h1>Accueil</h1><img src="/logo.png" alt="logo"><img src="/logo.png" alt="logo"></body>
</html>)";

}  // namespace

TEST_CASE("page_weight: own-host resources are weighed, third-party ones counted, not fetched") {
  Harness h("url: \"${base_url}/\"\n");
  h.transport.AddResponse("GET", kEnt + "/", Sized(200, kHome, 4096));
  h.transport.AddResponse("GET", kEnt + "/css/site.css", Sized(200, "body{}", 2048));
  h.transport.AddResponse("GET", kEnt + "/logo.png", Sized(200, "png", 10240));
  ProbeOutcome outcome = h.Run();
  const Check* eco = testing::FindCheck(outcome, "web.ecoindex");
  REQUIRE(eco);
  CHECK(eco->state == CheckState::kPass);
  CHECK(eco->message.Param("kb") == "16");
  CHECK(eco->message.Param("requests") == "4");  // the page, the style sheet, the logo, the tag
  CHECK(eco->message.Param("not_weighed") == "1");
  CHECK(eco->message.Param("grade") == "A");
  CHECK(h.transport.SubmittedCount("https://stats.tracker.example/tag.js") == 0);
  CHECK(h.transport.SubmittedCount(kEnt + "/logo.png") == 1);
}

TEST_CASE("page_weight: a page beyond max_grade fails, and its weight is a lower bound") {
  Harness h("url: \"${base_url}/\"\nmax_grade: B\n");
  std::string big = "<html><body>";
  for (int i = 0; i < 3000; ++i) big += "<div><span>x</span></div>";
  big += "</body></html>";
  h.transport.AddResponse("GET", kEnt + "/", Sized(200, big, 5 * 1024 * 1024));
  ProbeOutcome outcome = h.Run();
  const Check* eco = testing::FindCheck(outcome, "web.ecoindex");
  REQUIRE(eco);
  CHECK(eco->state == CheckState::kFail);
  CHECK(eco->message.code == "web.ecoindex.beyond");
  CHECK(eco->message.Param("grade") > "B");
}

TEST_CASE("page_weight: a page that cannot be fetched or is not a page is an error") {
  Harness missing("url: \"${base_url}/\"\npages: [\"${base_url}/x\"]\n");
  missing.transport.AddResponse("GET", kEnt + "/", Sized(404, "<h1>Introuvable</h1>", 100));
  missing.transport.AddError("GET", kEnt + "/x", "GET https://ent.test/x: connection refused",
                             FetchError::kConnect);
  ProbeOutcome outcome = missing.Run();
  CHECK(OutcomeState(outcome) == CheckState::kError);
  REQUIRE(outcome.checks.size() == 2);
  CHECK(outcome.checks[0].state == CheckState::kError);
  CHECK(outcome.checks[1].state == CheckState::kError);
}

TEST_CASE("page_weight: an unanswered own resource is counted as not weighed") {
  Harness h("url: \"${base_url}/\"\n");
  h.transport.AddResponse("GET", kEnt + "/", Sized(200, kHome, 4096));
  h.transport.AddResponse("GET", kEnt + "/css/site.css", Sized(200, "body{}", 2048));
  h.transport.AddError("GET", kEnt + "/logo.png", "GET https://ent.test/logo.png: timeout",
                       FetchError::kTimeout);
  ProbeOutcome outcome = h.Run();
  const Check* eco = testing::FindCheck(outcome, "web.ecoindex");
  REQUIRE(eco);
  CHECK(eco->message.Param("not_weighed") == "2");
  CHECK(eco->message.Param("kb") == "6");
}

TEST_CASE("page_weight: max_grade is a grade letter") {
  Diagnostics diagnostics;
  YamlReader reader("probe.yaml", &diagnostics);
  std::optional<YamlNode> node = reader.LoadString("max_grade: Z\n");
  FindProbeKind("page_weight")->parse(reader, *node, "probe");
  CHECK_FALSE(diagnostics.empty());
}

TEST_CASE("page_weight signed_in: service pages weighed with the account's cookies") {
  Harness h("url: \"${base_url}/\"\nsigned_in: each_profile\n");
  h.AddPupilWithServices({"messagerie"});
  const std::string mail = kEnt + "/services/messagerie/";
  h.transport.AddResponse("GET", kEnt + "/", Sized(200, "<html><body>Accueil</body></html>", 500));
  h.ReplayCasLogin(
      mail, Sized(200, "<html><body><img src='/services/logo.png' alt='l'></body></html>", 2048));
  h.transport.AddResponse("GET", kEnt + "/services/logo.png", Sized(200, "png", 3072));
  ProbeOutcome outcome = h.Run();
  REQUIRE(outcome.checks.size() == 2);
  const Check& service = outcome.checks[1];
  CHECK(service.state == CheckState::kPass);
  CHECK(service.subject == "eleve1 -> https://ent.test/services/messagerie/");
  CHECK(service.message.Param("kb") == "5");
  uint64_t session = 0;
  for (const Request& r : h.transport.requests()) {
    if (r.url == kEnt + "/services/logo.png") session = r.session;
  }
  CHECK(session != 0);  // the logo came with the account's cookies
}

}  // namespace sdetcheck
