#include "exec/thread_executor.h"

#include <algorithm>
#include <memory>

namespace sdetcheck {
namespace {

// Parsing libraries recurse per nesting level (gumbo frees its tree recursively, whatever
// the limits estimated): workers get a stack far deeper than the default 8 MiB. Only the
// pages a thread really uses are committed.
constexpr size_t kWorkerStackBytes = 256u << 20;

void* RunBody(void* body) {
  std::unique_ptr<std::function<void()>> owned(static_cast<std::function<void()>*>(body));
  (*owned)();
  return nullptr;
}

// Starts `body` on a new thread with a deep stack; false when the system refuses one.
bool StartThread(std::function<void()> body, pthread_t* thread) {
  pthread_attr_t attributes;
  if (pthread_attr_init(&attributes) != 0) return false;
  pthread_attr_setstacksize(&attributes, kWorkerStackBytes);
  auto* owned = new std::function<void()>(std::move(body));
  bool started = pthread_create(thread, &attributes, RunBody, owned) == 0;
  pthread_attr_destroy(&attributes);
  if (!started) delete owned;
  return started;
}

}  // namespace

ThreadExecutor::ThreadExecutor(int threads, std::chrono::milliseconds deadline)
    : threads_(std::max(1, threads)), deadline_(deadline) {}

ThreadExecutor::~ThreadExecutor() {
  for (std::list<Task>* tasks : {&running_, &abandoned_}) {
    for (Task& task : *tasks) Join(&task);
  }
}

void ThreadExecutor::Join(Task* task) {
  if (task->joinable) pthread_join(task->thread, nullptr);
  task->joinable = false;
}

void ThreadExecutor::Submit(Work work, Done done) {
  Task task;
  task.work = std::move(work);
  task.done = std::move(done);
  queued_.push_back(std::move(task));
  StartQueued();
}

void ThreadExecutor::SubmitNow(Work work, Done done) {
  Task task;
  task.work = std::move(work);
  task.done = std::move(done);
  running_.push_back(std::move(task));
  Start(&running_.back());
}

void ThreadExecutor::SetWakeup(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(mutex_);
  wake_ = std::move(wake);
}

void ThreadExecutor::RunTask(Task* task) {
  task->work();
  std::lock_guard<std::mutex> lock(mutex_);
  task->finished = true;
  if (wake_) wake_();
}

void ThreadExecutor::StartQueued() {
  while (!queued_.empty() && static_cast<int>(running_.size()) < threads_) {
    running_.push_back(std::move(queued_.front()));
    queued_.pop_front();
    Start(&running_.back());
  }
}

void ThreadExecutor::Start(Task* task) {
  task->deadline = Clock::now() + deadline_;
  task->joinable = StartThread([this, task] { RunTask(task); }, &task->thread);
  if (!task->joinable) RunTask(task);  // no thread to be had: run it here, unbounded
}

void ThreadExecutor::Deliver() {
  std::vector<Done> finished, expired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Clock::time_point now = Clock::now();
    for (auto it = running_.begin(); it != running_.end();) {
      if (it->finished) {
        Join(&*it);
        finished.push_back(std::move(it->done));
        it = running_.erase(it);
      } else if (now >= it->deadline) {
        expired.push_back(std::move(it->done));
        it->expired = true;
        abandoned_.splice(abandoned_.end(), running_, it++);
        ++expired_;
      } else {
        ++it;
      }
    }
    for (auto it = abandoned_.begin(); it != abandoned_.end();) {
      if (!it->finished) {
        ++it;
        continue;
      }
      Join(&*it);
      it = abandoned_.erase(it);
    }
  }
  for (Done& done : finished) done(true);
  for (Done& done : expired) done(false);
  StartQueued();
}

bool ThreadExecutor::Idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queued_.empty() && running_.empty();
}

std::chrono::milliseconds ThreadExecutor::UntilNextDeadline() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Clock::time_point now = Clock::now();
  std::chrono::milliseconds soonest = deadline_;
  for (const Task& task : running_) {
    if (task.finished) return std::chrono::milliseconds(0);
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(task.deadline - now);
    soonest = std::min(soonest, std::max(left, std::chrono::milliseconds(0)));
  }
  return soonest;
}

}  // namespace sdetcheck
