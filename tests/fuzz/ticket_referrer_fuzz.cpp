// libFuzzer target: a service page reached with a CAS ticket in its address, judged for what
// its subresources would receive as Referer. The first line of the input is the page's
// Referrer-Policy header, the rest its HTML.
#include <cstddef>
#include <cstdint>
#include <string>

#include "probe/ticket_referrer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  sdetcheck::Response page;
  page.status = 200;
  page.headers.emplace_back("Referrer-Policy", input.substr(0, newline));
  page.body = newline == std::string::npos ? "" : input.substr(newline + 1);
  const std::string url = "https://ent.test/notes/?ticket=ST-1-fuzzfuzzfuzzfuzz";
  sdetcheck::ReferrerJudgement j = sdetcheck::JudgeTicketReferrer(url, page);
  // The judgement quotes origins and the policy, never the page's address.
  if (j.observed.find("ST-1-fuzz") != std::string::npos) __builtin_trap();
  if (j.state == sdetcheck::CheckState::kFail && j.message.code != "cas.referrer.ticket_leaks")
    __builtin_trap();
  return 0;
}
