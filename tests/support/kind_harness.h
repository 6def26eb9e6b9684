#pragma once
// One probe kind parsed from YAML and run on a replayed ENT at https://ent.test: the common
// set-up of the tests of kinds that read pages (web_page, page_weight).

#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "finding/outcome.h"
#include "net/url.h"
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

  // A CAS server at /cas, pupil eleve1, and the services `ids` at /services/<id>/ open to
  // pupils.
  void AddPupilWithServices(const std::vector<std::string>& ids) {
    target.cas_url = kReplayedEnt + "/cas";
    Account pupil;
    pupil.id = "eleve1";
    pupil.profile = "eleve";
    pupil.login = "eleve1";
    pupil.password.value = "Secr3t";
    target.accounts.push_back(pupil);
    for (const std::string& id : ids) {
      Service service;
      service.id = id;
      service.url = kReplayedEnt + "/services/" + id + "/";
      service.profiles = {"eleve"};
      target.services.push_back(service);
    }
  }

  // A CAS login for `service`: the form, the credentials answered with ticket ST-1-secret,
  // and `page` for the service reached with it.
  void ReplayCasLogin(const std::string& service, const Response& page) {
    std::string login = WithQueryParameter(target.cas_url + "/login", "service", service);
    transport.AddResponse(
        "GET", login,
        Page(200,
             "<form method=post><input name=username><input type=password name=password></form>",
             {{"Content-Type", "text/html"}}));
    transport.AddResponse("POST", login,
                          Page(302, "", {{"Location", service + "?ticket=ST-1-secret"}}));
    transport.AddResponse("GET", service + "?ticket=ST-1-secret", page);
  }
};

}  // namespace sdetcheck::testing
