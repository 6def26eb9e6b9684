#include <cmath>
#include <vector>

#include <doctest/doctest.h>

#include "net/rate_limiter.h"

namespace sdetcheck {
namespace {

using Clock = RateLimiter::Clock;
using std::chrono::milliseconds;

// Starts as many requests as the limiter allows, as early as it allows, for `span`.
std::vector<Clock::time_point> Greedy(RateLimiter& limiter, Clock::time_point t0,
                                      milliseconds span) {
  std::vector<Clock::time_point> starts;
  Clock::time_point now = t0;
  while ((now = limiter.NextAllowed(now)) < t0 + span) {
    limiter.Record(now);
    starts.push_back(now);
  }
  return starts;
}

size_t MostInAnyWindow(const std::vector<Clock::time_point>& starts, milliseconds window) {
  size_t most = 0;
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t n = 0;
    for (size_t j = i; j < starts.size() && starts[j] < starts[i] + window; ++j) ++n;
    most = std::max(most, n);
  }
  return most;
}

TEST_CASE("rate limiter: never more than N starts in any one-second window") {
  for (double rate : {1.0, 3.0, 10.0, 2.5}) {
    RateLimiter limiter(rate);
    std::vector<Clock::time_point> starts =
        Greedy(limiter, Clock::time_point{}, milliseconds(20000));
    CAPTURE(rate);
    CHECK(MostInAnyWindow(starts, milliseconds(1000)) <= static_cast<size_t>(rate));
    // ...and close to that over a long run: the 1.1 s window costs under 10%.
    CHECK(static_cast<double>(starts.size()) >= std::floor(rate) / 1.1 * 20 * 0.95);
  }
}

TEST_CASE("rate limiter: starts are spaced, not bursted") {
  RateLimiter limiter(10);
  std::vector<Clock::time_point> starts = Greedy(limiter, Clock::time_point{}, milliseconds(3000));
  for (size_t i = 1; i < starts.size(); ++i) CHECK(starts[i] - starts[i - 1] >= milliseconds(100));
}

TEST_CASE("rate limiter: a rate below one per second still allows one start per window") {
  RateLimiter limiter(0.5);
  std::vector<Clock::time_point> starts = Greedy(limiter, Clock::time_point{}, milliseconds(10000));
  CHECK(starts.size() == 5);
  CHECK(starts[1] - starts[0] >= milliseconds(2000));
}

TEST_CASE("rate limiter: zero means no limit") {
  RateLimiter limiter(0);
  Clock::time_point now{};
  limiter.Record(now);
  CHECK(limiter.NextAllowed(now) == now);
}

}  // namespace
}  // namespace sdetcheck
