#pragma once
// A Transport that hands everything to the one it wraps: the base of decorators that change
// one thing (CoalescingTransport: identical requests sent once; ExchangeLog: every exchange
// recorded) and forward the rest, browser sessions included.

#include "net/transport.h"

namespace sdetcheck {

class ForwardingTransport : public Transport {
 public:
  explicit ForwardingTransport(Transport* inner) : inner_(inner) {}

  void Submit(const Request& request, Callback done) override {
    inner_->Submit(request, std::move(done));
  }
  void Run() override { inner_->Run(); }
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

 protected:
  Transport* inner() const { return inner_; }

 private:
  Transport* inner_;
};

}  // namespace sdetcheck
