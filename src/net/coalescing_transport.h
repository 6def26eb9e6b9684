#pragma once

#include <map>
#include <string>
#include <vector>

#include "net/transport.h"

namespace sdetcheck {

// Sends identical requests (same Request::Key()) once and hands the same result to every
// caller. Results are kept for the lifetime of the object, i.e. one audit run.
class CoalescingTransport : public Transport {
 public:
  explicit CoalescingTransport(Transport* inner) : inner_(inner) {}
  void Submit(const Request& request, Callback done) override;
  void Run() override { inner_->Run(); }
  // Never coalesced: blocking work is a measurement, each one wanted.
  void SubmitBlocking(const std::string& url, BlockingWork work, BlockingDone done) override {
    inner_->SubmitBlocking(url, std::move(work), std::move(done));
  }
  uint64_t OpenSession() override { return inner_->OpenSession(); }
  void CloseSession(uint64_t session) override { inner_->CloseSession(session); }
  std::vector<CookieInfo> SessionCookies(uint64_t session) const override {
    return inner_->SessionCookies(session);
  }
  uint64_t SnapshotSession(uint64_t session) override { return inner_->SnapshotSession(session); }
  uint64_t OpenSessionFrom(uint64_t snapshot) override { return inner_->OpenSessionFrom(snapshot); }
  std::string SessionCookieDigest(uint64_t session, const std::string& name) const override {
    return inner_->SessionCookieDigest(session, name);
  }

  int sent() const { return sent_; }
  int coalesced() const { return coalesced_; }

 private:
  struct Entry {
    bool done = false;
    FetchResult result;
    std::vector<Callback> waiting;
  };
  Transport* inner_;
  std::map<std::string, Entry> entries_;
  int sent_ = 0;
  int coalesced_ = 0;
};

}  // namespace sdetcheck
