#pragma once
// What a service page reached by a profile's SSO session shows, and what that means for the
// services x profiles matrix: a service meant for the profile must open (its page, not a
// login form or an error page), one refused to it must not. Pure: no I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "finding/check.h"

namespace sdetcheck {

class Regex;

enum class ServicePageShows {
  kService,       // the service itself (its markers, when it has some)
  kRefusal,       // 401/403, or a page saying access is refused
  kNotFound,      // 404/410
  kLoginPage,     // a password form after the session's login: the SSO did not open it
  kUnrecognised,  // 200 without the service's markers
  kServerError,   // 5xx: could not check
};

// The page's status and text read against the service's markers (null: none, any 200 is the
// service) and the refusal wording. A refusal takes precedence over markers: a refusal page
// usually names the service it refuses.
ServicePageShows ReadServicePage(long status, bool password_form, const std::string& text,
                                 const Regex* markers, const Regex& refusal);

enum class ServiceExpectation { kOpen, kRefused };

struct ServiceAccessVerdict {
  CheckState state = CheckState::kError;
  Message message;
};

// present / absent / refused as expected / wrongly open, or why it could not be told.
ServiceAccessVerdict JudgeServiceAccess(ServiceExpectation expected, ServicePageShows shows,
                                        const std::string& profile);

// Response times of a service page over a run (informative, never scored).
struct ResponseTimes {
  size_t samples = 0;   // visits made
  size_t answered = 0;  // visits with an answer (no transport error, no 5xx)
  std::optional<double> median_ms, p95_ms;
};
// `times_seconds`: one per answered visit.
ResponseTimes SummariseResponseTimes(std::vector<double> times_seconds, size_t samples);
// "3/3 · 12 ms (p50) · 15 ms (p95)", or "0/3" when nothing answered.
std::string DescribeResponseTimes(const ResponseTimes& times);

}  // namespace sdetcheck
