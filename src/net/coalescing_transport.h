#pragma once

#include <map>
#include <string>
#include <vector>

#include "net/forwarding_transport.h"

namespace sdetcheck {

// Sends identical requests (same Request::Key()) once and hands the same result to every
// caller. Results are kept for the lifetime of the object, i.e. one audit run.
class CoalescingTransport : public ForwardingTransport {
 public:
  explicit CoalescingTransport(Transport* inner) : ForwardingTransport(inner) {}
  void Submit(const Request& request, Callback done) override;
  // Blocking work is never coalesced: each one is a measurement, each one wanted.

  int sent() const { return sent_; }
  int coalesced() const { return coalesced_; }

 private:
  struct Entry {
    bool done = false;
    FetchResult result;
    std::vector<Callback> waiting;
  };
  std::map<std::string, Entry> entries_;
  int sent_ = 0;
  int coalesced_ = 0;
};

}  // namespace sdetcheck
