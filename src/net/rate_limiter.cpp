#include "net/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace sdetcheck {
namespace {

// Starts are spaced 1/rate apart, and no more than `rate` of them fall in any window of
// this length. The window is longer than a second so that network jitter (one request's
// handshake slower than the next one's) cannot make a server count rate+1 requests in one
// of its own one-second windows.
constexpr std::chrono::milliseconds kWindow(1100);

}  // namespace

RateLimiter::RateLimiter(double per_second) {
  if (per_second <= 0) return;
  interval_ = std::chrono::nanoseconds(static_cast<long long>(1e9 / per_second));
  per_window_ = std::max<size_t>(1, static_cast<size_t>(std::floor(per_second)));
}

RateLimiter::Clock::time_point RateLimiter::NextAllowed(Clock::time_point now) const {
  if (per_window_ == 0 || recent_.empty()) return now;
  Clock::time_point next = std::max(now, recent_.back() + interval_);
  if (recent_.size() >= per_window_) {
    // The oldest start that must leave the window before one more may begin.
    Clock::time_point oldest = recent_[recent_.size() - per_window_];
    next = std::max(next, oldest + kWindow);
  }
  return next;
}

void RateLimiter::Record(Clock::time_point when) {
  if (per_window_ == 0) return;
  recent_.push_back(when);
  while (!recent_.empty() && recent_.front() + kWindow <= when) recent_.pop_front();
}

}  // namespace sdetcheck
