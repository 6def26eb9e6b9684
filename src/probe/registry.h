#pragma once
// The table of probe kinds. Adding a kind = one row here and one file implementing it.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "exec/executor.h"
#include "finding/outcome.h"
#include "net/tls_handshake.h"
#include "probe/probe_def.h"
#include "probe/variables.h"

namespace sdetcheck {

class Transport;
class Redactor;
class YamlNode;
class YamlReader;
struct TargetProfile;
class TlsScanCache;

struct ProbeContext {
  Transport* transport = nullptr;  // must outlive the run
  const Redactor* redactor = nullptr;
  const TargetProfile* target = nullptr;  // accounts, with secrets resolved
  int max_redirects = 5;                  // hops a browser-like flow may take (--max-redirects)
  // Where parsing of answers runs, bounded in time; inline by default (tests).
  Executor* executor = InlineExecutor::Shared();
  // One TLS handshake pinned to a version (net/tls_handshake.h), run through
  // Transport::SubmitBlocking; tests replace it.
  HandshakeFn handshake = RunTlsHandshake;
  long handshake_timeout_ms = 10000;  // the whole handshake, connection included
  // Shares one TLS scan per endpoint among the probes of a run; null: each probe scans.
  TlsScanCache* tls_scans = nullptr;
};

using ProbeDone = std::function<void(ProbeOutcome)>;

struct ProbeKind {
  const char* name;
  const char* summary;
  std::vector<std::string> keys;  // keys a definition of this kind may hold besides the common ones
  // Validates and parses the kind-specific keys; records diagnostics and returns null on error.
  std::shared_ptr<const ProbeConfig> (*parse)(YamlReader& reader, const YamlNode& node,
                                              const std::string& what);
  // Every ${...} the definition references, for lint.
  std::vector<std::string> (*variables)(const ProbeConfig& config);
  // Starts the probe; `done` is called exactly once: from inside Transport::Run(), or at
  // once when the probe cannot even start (unknown variable or account).
  void (*run)(const ProbeConfig& config, const Variables& variables, ProbeContext& context,
              ProbeDone done);
};

const std::vector<ProbeKind>& ProbeKinds();
const ProbeKind* FindProbeKind(const std::string& name);

}  // namespace sdetcheck
