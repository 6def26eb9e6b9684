#pragma once
// Pure judgement of a TLS scan (tls/tls_scan.h) and of the chain it brought back, one aspect
// per probe check: weak suites, forward secrecy, legacy CBC-SHA-1 suites, the server's own
// order, the certificate, and how soon it expires.

#include <ctime>
#include <string>
#include <vector>

#include "finding/outcome.h"
#include "tls/certificate_chain.h"
#include "tls/tls_scan.h"

namespace sdetcheck {

enum class TlsAspect {
  kWeakCiphers,
  kForwardSecrecy,
  kLegacyCiphers,
  kCipherOrder,
  kCertificate,
  kCertificateExpiry,
};

// False when `name` names no aspect.
bool ParseTlsAspect(const std::string& name, TlsAspect* aspect);
// Every aspect's name, as a probe definition's `check` spells it.
std::vector<std::string> TlsAspectNames();

struct TlsJudgeInputs {
  const TlsScan* scan = nullptr;
  const ChainReport* chain = nullptr;  // null when no version was accepted
  std::string url;                     // redacted, for subjects
  int horizon_days = 30;               // certificate_expiry: the shortest acceptable time left
};

ProbeOutcome JudgeTlsScan(TlsAspect aspect, const TlsJudgeInputs& in);

// The scan as a plain-text table (versions, suites, key exchange, certificate), the evidence
// every TLS scan check rests on.
std::string TlsScanSummary(const TlsScan& scan, const ChainReport* chain);

}  // namespace sdetcheck
