#pragma once
// Whether a service page that still shows its CAS ticket in its address hands that address
// to third parties: a browser sends the page's URL as the Referer of every subresource it
// loads (scripts, images, frames, styles), in full across origins under the referrer
// policies "unsafe-url" and "no-referrer-when-downgrade". The CAS ticket, or any session
// identifier in the URL, then reaches the third party. Pure: run it on the executor.

#include <string>

#include "finding/check.h"
#include "net/http.h"

namespace sdetcheck {

struct ReferrerJudgement {
  CheckState state = CheckState::kError;
  Message message;
  std::string observed;  // origins and policy: never the page's URL
};

// `page_url` is the address the browser ends on (after the service's own redirects).
ReferrerJudgement JudgeTicketReferrer(const std::string& page_url, const Response& page);

// The referrer policy in force for the page: the last token of the last Referrer-Policy
// header a browser recognises, overridden by a <meta name="referrer">; "" when none
// (browsers then apply strict-origin-when-cross-origin).
std::string EffectiveReferrerPolicy(const Response& page, const std::string& meta_policy);

// Whether `policy` sends the full URL, query included, to another origin.
bool PolicyLeaksFullUrl(const std::string& policy);

}  // namespace sdetcheck
