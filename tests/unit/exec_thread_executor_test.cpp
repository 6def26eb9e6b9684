#include <atomic>
#include <thread>

#include <doctest/doctest.h>

#include "exec/thread_executor.h"

namespace sdetcheck {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// What an event loop does with the executor: deliver, then sleep until something is due.
void DriveUntilIdle(ThreadExecutor& executor) {
  while (!executor.Idle()) {
    executor.Deliver();
    std::this_thread::sleep_for(
        std::min<std::chrono::milliseconds>(executor.UntilNextDeadline(), 5ms));
  }
}

TEST_CASE("thread executor: work runs on another thread, its callback on the loop's") {
  ThreadExecutor executor(2, 5000ms);
  std::thread::id loop = std::this_thread::get_id();
  std::thread::id worker, callback;
  std::optional<int> result;
  RunBounded<int>(
      &executor,
      [&worker] {
        worker = std::this_thread::get_id();
        return 42;
      },
      [&](std::optional<int> r) {
        callback = std::this_thread::get_id();
        result = r;
      });
  DriveUntilIdle(executor);
  CHECK(result == 42);
  CHECK(worker != loop);
  CHECK(callback == loop);
}

TEST_CASE("thread executor: work past its deadline ends in nullopt; later work is not held") {
  ThreadExecutor executor(1, 300ms);
  std::atomic<bool> release{false};
  std::optional<int> slow = 0, quick;
  Clock::time_point start = Clock::now(), slow_done, quick_done;
  RunBounded<int>(
      &executor,
      [&release] {
        while (!release) std::this_thread::sleep_for(1ms);
        return 1;
      },
      [&](std::optional<int> r) {
        slow = r;
        slow_done = Clock::now();
      });
  RunBounded<int>(
      &executor, [] { return 2; },
      [&](std::optional<int> r) {
        quick = r;
        quick_done = Clock::now();
      });
  DriveUntilIdle(executor);
  CHECK_FALSE(slow.has_value());
  CHECK(quick == 2);
  CHECK(executor.expired() == 1);
  // The one thread was stuck, yet the quick work ran once the slow one expired.
  CHECK(slow_done - start >= 300ms);
  CHECK(quick_done - start < 2s);
  release = true;  // the destructor joins the abandoned thread
}

TEST_CASE("thread executor: many small tasks all complete, each callback exactly once") {
  ThreadExecutor executor(3, 5000ms);
  int callbacks = 0, sum = 0;
  for (int i = 1; i <= 200; ++i) {
    RunBounded<int>(
        &executor, [i] { return i; },
        [&](std::optional<int> r) {
          ++callbacks;
          sum += r.value_or(0);
        });
  }
  DriveUntilIdle(executor);
  CHECK(callbacks == 200);
  CHECK(sum == 200 * 201 / 2);
}

}  // namespace
}  // namespace sdetcheck
