#pragma once
// When the next request may start, so that no request (retry or redirect hop included)
// exceeds the run's global rate.

#include <chrono>
#include <deque>

namespace sdetcheck {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // `per_second` <= 0 means no limit.
  explicit RateLimiter(double per_second);

  // The earliest instant at or after `now` when one more start keeps the limit.
  Clock::time_point NextAllowed(Clock::time_point now) const;
  // Records a start; callers start only at or after NextAllowed().
  void Record(Clock::time_point when);

 private:
  std::chrono::nanoseconds interval_{0};
  size_t per_window_ = 0;
  std::deque<Clock::time_point> recent_;  // starts within the last window
};

}  // namespace sdetcheck
