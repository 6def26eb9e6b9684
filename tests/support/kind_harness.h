#pragma once
// One probe kind parsed from YAML and run on a replayed ENT at https://ent.test: the common
// set-up of the tests of kinds that read pages (web_page, page_weight).

#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "finding/outcome.h"
#include "probe/registry.h"
#include "support/probe_run.h"
#include "support/replay_transport.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck::testing {

inline const std::string kReplayedEnt = "https://ent.test";

struct KindHarness {
  std::string kind;
  ReplayTransport transport;
  TargetProfile target;
  Redactor redactor;
  Diagnostics diagnostics;
  std::shared_ptr<const ProbeConfig> config;

  KindHarness(std::string kind_name, const std::string& yaml) : kind(std::move(kind_name)) {
    target.base_url = kReplayedEnt;
    YamlReader reader("probe.yaml", &diagnostics);
    std::optional<YamlNode> node = reader.LoadString(yaml);
    config = FindProbeKind(kind)->parse(reader, *node, "probe");
    REQUIRE_MESSAGE(config, diagnostics.Format());
  }
  ProbeOutcome Run() {
    return RunProbeKind(kind, *config, &transport, redactor, target, kReplayedEnt);
  }
};

}  // namespace sdetcheck::testing
