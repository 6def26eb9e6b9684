#include "net/coalescing_transport.h"

namespace sdetcheck {

void CoalescingTransport::Submit(const Request& request, Callback done) {
  if (!request.coalesce) {
    ++sent_;
    inner()->Submit(request, std::move(done));
    return;
  }
  std::string key = request.Key();
  auto [it, inserted] = entries_.try_emplace(key);
  Entry& entry = it->second;
  if (!inserted) {
    ++coalesced_;
    if (entry.done) {
      done(entry.result);
    } else {
      entry.waiting.push_back(std::move(done));
    }
    return;
  }
  ++sent_;
  entry.waiting.push_back(std::move(done));
  inner()->Submit(request, [this, key](const FetchResult& result) {
    Entry& e = entries_[key];
    e.done = true;
    e.result = result;
    std::vector<Callback> waiting = std::move(e.waiting);
    e.waiting.clear();
    for (Callback& callback : waiting) callback(e.result);
  });
}

}  // namespace sdetcheck
