#pragma once
// The seam for CPU-bound work on what a server sent (parsing HTML, XML, JSON, certificates):
// it runs off the event loop, bounded in wall time, so one pathological answer never holds
// the rest of the audit. Results come back on the loop's thread, like transport callbacks.

#include <functional>
#include <memory>
#include <optional>

namespace sdetcheck {

// Why a result is missing when work passed its deadline, for messages.
inline constexpr const char* kAnalysisTimedOut =
    "analysing the answer took longer than allowed (--analysis-timeout); the answer is "
    "pathological and was not judged";

class Executor {
 public:
  using Work = std::function<void()>;
  // `finished` is false when the work passed its deadline: its result must not be read.
  using Done = std::function<void(bool finished)>;
  virtual ~Executor() = default;

  // `work` may run on another thread: it must touch only what it owns (captured by value or
  // through shared pointers) and data that outlives the executor. `done` is called exactly
  // once, on the thread that runs the event loop.
  virtual void Submit(Work work, Done done) = 0;
};

// Runs the work at once, where it is submitted: for tests and for callers without a loop.
class InlineExecutor : public Executor {
 public:
  void Submit(Work work, Done done) override {
    work();
    done(true);
  }
  static InlineExecutor* Shared() {
    static InlineExecutor executor;
    return &executor;
  }
};

// `work` computes a T on the executor; `done` receives it, or nullopt past the deadline.
template <typename T>
void RunBounded(Executor* executor, std::function<T()> work,
                std::function<void(std::optional<T>)> done) {
  auto result = std::make_shared<std::optional<T>>();
  executor->Submit([result, work = std::move(work)] { *result = work(); },
                   [result, done = std::move(done)](bool finished) {
                     done(finished ? std::move(*result) : std::nullopt);
                   });
}

}  // namespace sdetcheck
