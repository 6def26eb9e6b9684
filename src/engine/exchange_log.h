#pragma once
// Every request an audit sent, recorded as redacted evidence for the run's bundle: a
// Transport that passes everything to the one it wraps and keeps, for each answer, what a
// report's evidence keeps (URL, status, headers with cookie and credential values masked,
// the start of the body; never a request body, so never a posted password).

#include <string>
#include <vector>

#include "finding/evidence.h"
#include "net/transport.h"

namespace sdetcheck {

class Redactor;

class ExchangeLog : public Transport {
 public:
  ExchangeLog(Transport* inner, const Redactor& redactor) : inner_(inner), redactor_(redactor) {}

  void Submit(const Request& request, Callback done) override;
  void Run() override { inner_->Run(); }
  void SubmitBlocking(const std::string& url, BlockingWork work, BlockingDone done) override;
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

  // In the order the answers came; blocking work (TLS handshakes, LDAP searches) as a
  // document naming its endpoint.
  const std::vector<Evidence>& records() const { return records_; }

 private:
  Transport* inner_;
  const Redactor& redactor_;
  std::vector<Evidence> records_;
};

}  // namespace sdetcheck
