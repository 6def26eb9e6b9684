#include "probe/tls_kind.h"

#include "net/transport.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

struct TlsProbeConfig : ProbeConfig {
  std::string url;
  std::vector<std::string> refuse;  // e.g. {"1.0", "1.1"}
};

// Collects the baseline and one answer per legacy version, then judges once.
struct TlsRun {
  std::string url;
  std::vector<std::string> versions;
  FetchResult baseline;
  std::vector<FetchResult> legacy;
  int pending = 0;
  const Redactor* redactor = nullptr;
  ProbeDone done;
};

Evidence EvidenceFor(const std::string& label, const FetchResult& r, const Redactor& redactor) {
  Evidence e;
  e.request = "GET " + redactor.Redact(label);
  e.status = r.ok ? r.response.status : 0;
  e.tls_version = r.ok ? r.response.tls_version : "";
  return e;
}

ProbeOutcome Judge(const TlsRun& run) {
  const Redactor& redactor = *run.redactor;
  ProbeOutcome outcome;
  outcome.expected = "answers over its default TLS; refuses TLS";
  for (size_t i = 0; i < run.versions.size(); ++i)
    outcome.expected += (i ? ", " : " ") + run.versions[i];
  Evidence evidence = EvidenceFor(run.url, run.baseline, redactor);
  if (!run.baseline.ok) {
    outcome.status = ProbeOutcome::Status::kError;
    outcome.message = redactor.Redact(run.baseline.error);
    outcome.evidence.push_back(evidence);
    return outcome;
  }
  evidence.checks.push_back("[pass] default handshake: " + run.baseline.response.tls_version);
  outcome.status = ProbeOutcome::Status::kPass;
  for (size_t i = 0; i < run.versions.size(); ++i) {
    const FetchResult& r = run.legacy[i];
    const std::string& v = run.versions[i];
    // A server that answers "not now" (429, 503) over TLS 1.0 has accepted TLS 1.0.
    bool answered =
        r.ok || (r.error_kind == FetchError::kRefused && !r.response.tls_version.empty());
    if (answered) {
      evidence.checks.push_back("[fail] TLS " + v + " accepted (negotiated " +
                                r.response.tls_version + ")");
      if (outcome.status != ProbeOutcome::Status::kError)
        outcome.status = ProbeOutcome::Status::kFail;
      if (outcome.message.empty()) outcome.message = "the server accepts TLS " + v;
    } else if (r.error_kind == FetchError::kTls) {
      evidence.checks.push_back("[pass] TLS " + v + " refused");
    } else {
      evidence.checks.push_back("[error] TLS " + v + ": " + redactor.Redact(r.error));
      if (outcome.status == ProbeOutcome::Status::kPass) {
        outcome.status = ProbeOutcome::Status::kError;
        outcome.message = redactor.Redact(r.error);
      }
    }
  }
  outcome.evidence.push_back(evidence);
  return outcome;
}

void Complete(const std::shared_ptr<TlsRun>& run) {
  if (--run->pending == 0) run->done(Judge(*run));
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseTlsProbe(YamlReader& r, const YAML::Node& node,
                                                 const std::string& what) {
  auto config = std::make_shared<TlsProbeConfig>();
  std::optional<std::string> url = r.String(node, "url", true, what);
  config->refuse = r.StringList(node, "refuse", {"1.0", "1.1"}, what);
  if (config->refuse.empty() && node["refuse"])
    r.Error(node["refuse"], what + ".refuse: list at least one version");
  if (!node["refuse"])
    r.Error(node, what + ": missing required key 'refuse' (e.g. [\"1.0\", \"1.1\"])");
  if (!url || config->refuse.empty()) return nullptr;
  config->url = *url;
  return config;
}

std::vector<std::string> TlsProbeVariables(const ProbeConfig& base) {
  return ReferencedVariables(static_cast<const TlsProbeConfig&>(base).url);
}

void RunTlsProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                 ProbeDone done) {
  const auto& config = static_cast<const TlsProbeConfig&>(base);
  std::string error;
  std::optional<std::string> url = ExpandVariables(config.url, variables, &error);
  if (!url || url->rfind("https://", 0) != 0) {
    ProbeOutcome outcome;
    outcome.message = url ? "tls probe needs an https:// URL, got " + *url : error;
    done(outcome);
    return;
  }
  auto run = std::make_shared<TlsRun>();
  run->url = *url;
  run->versions = config.refuse;
  run->legacy.resize(config.refuse.size());
  run->pending = static_cast<int>(config.refuse.size()) + 1;
  run->redactor = context.redactor;
  run->done = std::move(done);
  Request request;
  request.url = *url;
  context.transport->Submit(request, [run](const FetchResult& r) {
    run->baseline = r;
    Complete(run);
  });
  for (size_t i = 0; i < config.refuse.size(); ++i) {
    Request legacy = request;
    legacy.tls_max_version = config.refuse[i];
    context.transport->Submit(legacy, [run, i](const FetchResult& r) {
      run->legacy[i] = r;
      Complete(run);
    });
  }
}

}  // namespace sdetcheck
