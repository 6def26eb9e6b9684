#include "probe/registry.h"

#include "probe/http_kind.h"

namespace sdetcheck {

const std::vector<ProbeKind>& ProbeKinds() {
  static const std::vector<ProbeKind> kKinds = {
      {"http", "One HTTP(S) request judged by matchers (status, headers, body, XML, JSON, HTML, TLS)",
       {"request", "expect"}, ParseHttpProbe, HttpProbeVariables, RunHttpProbe},
  };
  return kKinds;
}

const ProbeKind* FindProbeKind(const std::string& name) {
  for (const ProbeKind& kind : ProbeKinds()) {
    if (name == kind.name) return &kind;
  }
  return nullptr;
}

}  // namespace sdetcheck
