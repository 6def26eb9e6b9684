#pragma once
// Every request an audit sent, recorded as redacted evidence for the run's bundle: a
// Transport that passes everything to the one it wraps and keeps, for each answer, what a
// report's evidence keeps (URL, status, headers with cookie and credential values masked,
// the start of the body; never a request body, so never a posted password).

#include <string>
#include <vector>

#include "finding/evidence.h"
#include "net/forwarding_transport.h"

namespace sdetcheck {

class Redactor;

class ExchangeLog : public ForwardingTransport {
 public:
  ExchangeLog(Transport* inner, const Redactor& redactor)
      : ForwardingTransport(inner), redactor_(redactor) {}

  void Submit(const Request& request, Callback done) override;
  void SubmitBlocking(const std::string& url, BlockingWork work, BlockingDone done) override;

  // In the order the answers came; blocking work (TLS handshakes, LDAP searches) as a
  // document naming its endpoint.
  const std::vector<Evidence>& records() const { return records_; }

 private:
  const Redactor& redactor_;
  std::vector<Evidence> records_;
};

}  // namespace sdetcheck
