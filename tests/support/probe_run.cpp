#include "support/probe_run.h"

#include <doctest/doctest.h>

#include "net/transport.h"
#include "probe/registry.h"
#include "target/profile.h"

namespace sdetcheck::testing {

ProbeOutcome RunProbeKind(const std::string& kind, const ProbeConfig& config, Transport* transport,
                          const Redactor& redactor, const TargetProfile& target,
                          const std::string& base_url) {
  ProbeContext context{transport, &redactor, &target};
  ProbeOutcome outcome;
  int called = 0;
  Variables variables = target.ToVariables();
  variables["base_url"] = base_url;
  FindProbeKind(kind)->run(config, variables, context, [&](ProbeOutcome o) {
    outcome = std::move(o);
    ++called;
  });
  transport->Run();
  REQUIRE(called == 1);
  return outcome;
}

Response Page(long status, const std::string& body, HeaderList headers) {
  Response r;
  r.status = status;
  r.body = body;
  r.headers = std::move(headers);
  return r;
}

}  // namespace sdetcheck::testing
