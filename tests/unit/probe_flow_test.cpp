#include <doctest/doctest.h>

#include "probe/flow.h"
#include "support/replay_transport.h"

namespace sdetcheck {
namespace {

Response Ok(const std::string& body) {
  Response response;
  response.status = 200;
  response.body = body;
  return response;
}

size_t Length(const std::string& text) { return text.size(); }

Flow TwoSteps(Transport* transport, std::vector<std::string>* seen) {
  Request first;
  first.url = "https://ent.test/one";
  FetchResult a = co_await Send(transport, first);
  seen->push_back(a.response.body);
  Request second;
  second.url = "https://ent.test/" + a.response.body;  // the next step depends on the first
  FetchResult b = co_await Send(transport, second);
  seen->push_back(b.ok ? b.response.body : "error");
  std::optional<size_t> length =
      co_await Analysed<size_t>(InlineExecutor::Shared(), Length, b.response.body);
  seen->push_back(length ? std::to_string(*length) : "timed out");
}

TEST_CASE("a flow runs its steps in order, each on the answer of the previous one") {
  ReplayTransport transport;
  transport.AddResponse("GET", "https://ent.test/one", Ok("two"));
  transport.AddResponse("GET", "https://ent.test/two", Ok("done!"));
  std::vector<std::string> seen;
  TwoSteps(&transport, &seen);
  CHECK(seen.empty());  // suspended on its first request until the loop runs
  transport.Run();
  CHECK(seen == std::vector<std::string>{"two", "done!", "5"});
}

TEST_CASE("a flow goes on after a transport error, with the error in its result") {
  ReplayTransport transport;
  transport.AddResponse("GET", "https://ent.test/one", Ok("missing"));
  std::vector<std::string> seen;
  TwoSteps(&transport, &seen);
  transport.Run();
  CHECK(seen == std::vector<std::string>{"missing", "error", "0"});
}

class ExpiredExecutor : public Executor {
 public:
  void Submit(Work work, Done done) override {
    (void)work;
    done(false);
  }
};

int Answer() { return 42; }

Flow AnalyseOnce(Executor* executor, std::optional<int>* out) {
  *out = co_await Analysed<int>(executor, Answer);
}

TEST_CASE("analysis past its deadline comes back empty") {
  ExpiredExecutor expired;
  std::optional<int> out = 7;
  AnalyseOnce(&expired, &out);
  CHECK_FALSE(out.has_value());
  AnalyseOnce(InlineExecutor::Shared(), &out);
  CHECK(out == 42);
}

}  // namespace
}  // namespace sdetcheck
