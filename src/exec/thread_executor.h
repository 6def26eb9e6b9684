#pragma once
// Executor on worker threads, driven by an event loop (CurlTransport): the loop calls
// Deliver() to run the callbacks of finished work and to expire work past its deadline,
// and is woken when work finishes. Expired work keeps its thread until it ends (C++ cannot
// stop a thread), but no longer counts against the number of threads, so later work starts
// at once; the parsing limits keep such work to seconds. The destructor waits for it.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <mutex>

#include <pthread.h>

#include "exec/executor.h"

namespace sdetcheck {

class ThreadExecutor : public Executor {
 public:
  using Clock = std::chrono::steady_clock;

  ThreadExecutor(int threads, std::chrono::milliseconds deadline);
  ~ThreadExecutor() override;
  ThreadExecutor(const ThreadExecutor&) = delete;
  ThreadExecutor& operator=(const ThreadExecutor&) = delete;

  void Submit(Work work, Done done) override;
  // Starts `work` at once on a thread of its own, beyond the thread count: for blocking
  // network work the transport has timed under its rate limit (queued behind parsing, its
  // connection would start late and bunch up with later ones). The transport's per-host
  // limit bounds how many run. Loop thread only.
  void SubmitNow(Work work, Done done);

  // For the event loop. `wake` may be called from any thread.
  void SetWakeup(std::function<void()> wake);
  // Runs the callbacks of finished or expired work, then starts queued work. Loop thread.
  void Deliver();
  // No work queued, running, or waiting for its callback.
  bool Idle() const;
  // How long the loop may sleep before a deadline needs Deliver().
  std::chrono::milliseconds UntilNextDeadline() const;

  int expired() const { return expired_; }

 private:
  struct Task {
    Work work;
    Done done;
    Clock::time_point deadline;
    pthread_t thread{};
    bool joinable = false;
    bool finished = false;  // set by the worker, under mutex_
    bool expired = false;   // done(false) was called; the result is ignored
  };

  void StartQueued();
  void Start(Task* task);
  void RunTask(Task* task);
  static void Join(Task* task);

  const int threads_;
  const std::chrono::milliseconds deadline_;
  mutable std::mutex mutex_;
  std::function<void()> wake_;
  std::deque<Task> queued_;
  std::list<Task> running_;    // started, not expired
  std::list<Task> abandoned_;  // expired, thread still going
  int expired_ = 0;
};

}  // namespace sdetcheck
