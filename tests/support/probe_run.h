#pragma once
// Running one probe kind in a test, on a test transport: the kind's run, the transport
// driven to the end, the outcome (REQUIREd to come exactly once).

#include <string>

#include "finding/outcome.h"
#include "net/http.h"
#include "probe/probe_def.h"

namespace sdetcheck {
class Transport;
class Redactor;
struct TargetProfile;
}  // namespace sdetcheck

namespace sdetcheck::testing {

// Runs probe kind `kind` with `config` against `transport`, with the target's variables and
// base_url set to `base_url`.
ProbeOutcome RunProbeKind(const std::string& kind, const ProbeConfig& config, Transport* transport,
                          const Redactor& redactor, const TargetProfile& target,
                          const std::string& base_url);

// A recorded answer: status, body, headers.
Response Page(long status, const std::string& body, HeaderList headers = {});

}  // namespace sdetcheck::testing
