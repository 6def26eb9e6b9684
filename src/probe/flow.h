#pragma once
// Multi-step probes (a CAS ticket replayed, a SAML login, an OIDC code flow) written as
// straight-line code: a coroutine returning Flow runs until its first co_await, and each
// co_await sends a request (or runs analysis on the executor) and resumes on the event loop
// when the answer is there. Nothing blocks: the transport's limits apply to every step.
//
//   Flow ReplayTicket(std::shared_ptr<State> state) {
//     FetchResult first = co_await Send(state->transport, validate);
//     std::optional<CasValidation> v = co_await Analysed<CasValidation>(executor, parse);
//     ...
//     state->done(std::move(outcome));
//   }
//
// A Flow is detached: its frame is freed when the body returns. Take parameters by value
// (references would dangle after the first suspension) and call the probe's done exactly once.
// Never write a lambda expression inside a co_await expression: GCC 12 destroys its closure
// twice (ASan reports a double free). Name the lambda first, or pass a function and its
// arguments (Analysed below takes them apart for that reason).

#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "exec/executor.h"
#include "net/browser_session.h"
#include "net/transport.h"

namespace sdetcheck {

struct Flow {
  struct promise_type {
    Flow get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    // A probe never throws past its own code; the loop could not report it anywhere.
    void unhandled_exception() noexcept { std::terminate(); }
  };
};

// Suspends a flow until a callback calls Resume(). A callback may run before the call that
// registered it returns (an inline executor, a transport failing at once): the flow then
// goes on without suspending, never resumed from inside await_suspend, whose callers still
// hold their own stack frames.
class Resumable {
 public:
  bool await_ready() const noexcept { return false; }

 protected:
  template <typename Start>
  bool SuspendWhile(std::coroutine_handle<> flow, Start start) {
    flow_ = flow;
    starting_ = true;
    start();
    starting_ = false;
    return !finished_early_;  // false: go on at once, the result is already there
  }
  void Resume() {
    if (starting_) {
      finished_early_ = true;
      return;
    }
    flow_.resume();
  }

 private:
  std::coroutine_handle<> flow_;
  bool starting_ = false;
  bool finished_early_ = false;
};

// co_await Send(transport, request): the FetchResult of one request.
class Send : public Resumable {
 public:
  Send(Transport* transport, Request request)
      : transport_(transport), request_(std::move(request)) {}
  bool await_suspend(std::coroutine_handle<> flow) {
    return SuspendWhile(flow, [this] {
      transport_->Submit(request_, [this](const FetchResult& r) {
        result_ = r;
        Resume();
      });
    });
  }
  FetchResult await_resume() { return std::move(result_); }

 private:
  Transport* transport_;
  Request request_;
  FetchResult result_;
};

struct Browsed {
  FetchResult result;
  std::vector<std::string> trail;  // every URL requested, first to last
};

// co_await Browse(session, request, follow): one browser fetch, redirects followed while
// `follow` allows.
class Browse : public Resumable {
 public:
  Browse(std::shared_ptr<BrowserSession> session, Request request,
         BrowserSession::FollowPolicy follow)
      : session_(std::move(session)), request_(std::move(request)), follow_(std::move(follow)) {}
  bool await_suspend(std::coroutine_handle<> flow) {
    return SuspendWhile(flow, [this] {
      session_->Fetch(request_, follow_,
                      [this](const FetchResult& r, const std::vector<std::string>& trail) {
                        result_.result = r;
                        result_.trail = trail;
                        Resume();
                      });
    });
  }
  Browsed await_resume() { return std::move(result_); }

 private:
  std::shared_ptr<BrowserSession> session_;
  Request request_;
  BrowserSession::FollowPolicy follow_;
  Browsed result_;
};

// co_await Analysed<T>(executor, function, arguments...): function(arguments...) run on the
// executor, bounded in time; nullopt when it passed the deadline. The arguments are copied:
// the work touches nothing the loop owns.
template <typename T>
class Analysed : public Resumable {
 public:
  template <typename Function, typename... Arguments>
  Analysed(Executor* executor, Function function, Arguments... arguments)
      : executor_(executor),
        work_([function, arguments = std::make_tuple(std::move(arguments)...)] {
          return std::apply(function, arguments);
        }) {}
  bool await_suspend(std::coroutine_handle<> flow) {
    return SuspendWhile(flow, [this] {
      RunBounded<T>(executor_, std::move(work_), [this](std::optional<T> result) {
        result_ = std::move(result);
        Resume();
      });
    });
  }
  std::optional<T> await_resume() { return std::move(result_); }

 private:
  Executor* executor_;
  std::function<T()> work_;
  std::optional<T> result_;
};

// co_await Completion<T>(start): start(done) begins work that calls done(T) exactly once
// (another flow, a callback-style step); the flow resumes with that T. Build the start
// function outside the co_await expression (see the GCC note above).
template <typename T>
class Completion : public Resumable {
 public:
  using Done = std::function<void(T)>;
  using Start = std::function<void(Done)>;
  explicit Completion(Start start) : start_(std::move(start)) {}
  bool await_suspend(std::coroutine_handle<> flow) {
    return SuspendWhile(flow, [this] {
      start_([this](T result) {
        result_ = std::move(result);
        Resume();
      });
    });
  }
  T await_resume() { return std::move(*result_); }

 private:
  Start start_;
  std::optional<T> result_;
};

// co_await Blocking(transport, url, work): blocking network work under the host's limits
// (Transport::SubmitBlocking); false when it passed the executor's deadline.
class Blocking : public Resumable {
 public:
  Blocking(Transport* transport, std::string url, Transport::BlockingWork work)
      : transport_(transport), url_(std::move(url)), work_(std::move(work)) {}
  bool await_suspend(std::coroutine_handle<> flow) {
    return SuspendWhile(flow, [this] {
      transport_->SubmitBlocking(url_, std::move(work_), [this](bool finished) {
        finished_ = finished;
        Resume();
      });
    });
  }
  bool await_resume() const noexcept { return finished_; }

 private:
  Transport* transport_;
  std::string url_;
  Transport::BlockingWork work_;
  bool finished_ = false;
};

}  // namespace sdetcheck
