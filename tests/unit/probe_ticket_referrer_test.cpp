#include <doctest/doctest.h>

#include "probe/ticket_referrer.h"

namespace sdetcheck {
namespace {

const std::string kWithTicket = "https://ent.test/notes/?ticket=ST-1-abcdefabcdef";
const char* kTrackedPage = R"(<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/style.css"><script src="https://tag.audience.test/smarttag.js"></script>
</head><body><img src="//pixel.stats.test/p.gif" alt=""><a href="https://other.test/">lien</a></body></html>)";

Response Page(const std::string& body, HeaderList headers = {}) {
  Response page;
  page.status = 200;
  page.body = body;
  page.headers = std::move(headers);
  return page;
}

TEST_CASE("referrer: a service that drops the ticket from its address passes") {
  ReferrerJudgement j = JudgeTicketReferrer("https://ent.test/notes/", Page(kTrackedPage));
  CHECK(j.state == CheckState::kPass);
  CHECK(j.message.code == "cas.referrer.ticket_removed");
}

TEST_CASE("referrer: unsafe-url hands the ticket to every third-party subresource") {
  ReferrerJudgement j =
      JudgeTicketReferrer(kWithTicket, Page(kTrackedPage, {{"Referrer-Policy", "unsafe-url"}}));
  CHECK(j.state == CheckState::kFail);
  CHECK(j.message.code == "cas.referrer.ticket_leaks");
  CHECK(j.observed.find("https://tag.audience.test") != std::string::npos);
  CHECK(j.observed.find("https://pixel.stats.test") != std::string::npos);
  CHECK(j.observed.find("other.test") == std::string::npos);  // a link is not fetched
  CHECK(j.observed.find("ST-1") == std::string::npos);
}

TEST_CASE("referrer: the browsers' default and the strict policies keep the query at home") {
  CHECK(JudgeTicketReferrer(kWithTicket, Page(kTrackedPage)).state == CheckState::kPass);
  for (const char* policy : {"no-referrer", "same-origin", "strict-origin", "origin",
                             "strict-origin-when-cross-origin", "origin-when-cross-origin"}) {
    ReferrerJudgement j =
        JudgeTicketReferrer(kWithTicket, Page(kTrackedPage, {{"Referrer-Policy", policy}}));
    CHECK_MESSAGE(j.state == CheckState::kPass, policy);
  }
}

TEST_CASE("referrer: the meta element and per-element attributes override the header") {
  std::string meta =
      std::string("<meta name=referrer content=no-referrer-when-downgrade>") + kTrackedPage;
  CHECK(JudgeTicketReferrer(kWithTicket, Page(meta, {{"Referrer-Policy", "no-referrer"}})).state ==
        CheckState::kFail);
  const char* guarded =
      R"(<img src="https://pixel.stats.test/p.gif" referrerpolicy="no-referrer">)";
  CHECK(
      JudgeTicketReferrer(kWithTicket, Page(guarded, {{"Referrer-Policy", "unsafe-url"}})).state ==
      CheckState::kPass);
}

TEST_CASE("referrer: the last policy a browser knows wins; unknown tokens are skipped") {
  Response page =
      Page("", {{"Referrer-Policy", "unsafe-url, no-such-policy"}, {"Referrer-Policy", "bogus"}});
  CHECK(EffectiveReferrerPolicy(page, "") == "unsafe-url");
  CHECK(EffectiveReferrerPolicy(Page("", {{"Referrer-Policy", "no-referrer, UNSAFE-URL"}}), "") ==
        "unsafe-url");
  CHECK(EffectiveReferrerPolicy(page, "same-origin") == "same-origin");
}

TEST_CASE("referrer: a page beyond the HTML limits is an error, never a pass") {
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "<div>";
  ReferrerJudgement j = JudgeTicketReferrer(kWithTicket, Page(nested));
  CHECK(j.state == CheckState::kError);
  CHECK(j.message.code == "cas.referrer.unreadable");
}

}  // namespace
}  // namespace sdetcheck
