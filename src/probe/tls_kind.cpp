#include "probe/tls_kind.h"

#include <cctype>

#include "net/transport.h"
#include "net/url.h"
#include "probe/http_record.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

struct TlsProbeConfig : ProbeConfig {
  std::string url;
  std::vector<std::string> refuse;  // e.g. {"1.0", "1.1"}
};

// Collects the baseline and one handshake per legacy version, then judges once.
struct TlsRun {
  std::string url;
  std::vector<std::string> versions;
  FetchResult baseline;
  std::vector<HandshakeResult> legacy;
  int pending = 0;
  const Redactor* redactor = nullptr;
  ProbeDone done;
};

size_t RecordBaseline(const TlsRun& run, ProbeOutcome* outcome) {
  TlsHandshake handshake;
  handshake.url = run.redactor->Redact(run.url);
  handshake.negotiated = run.baseline.response.tls_version;
  if (!run.baseline.ok) handshake.error = run.redactor->Redact(run.baseline.error);
  return outcome->AddEvidence(handshake);
}

// What the server did with a ClientHello offering only the legacy version, in words.
std::string Observed(const HandshakeResult& h) {
  using Outcome = HandshakeResult::Outcome;
  switch (h.outcome) {
    case Outcome::kCompleted:
      return "negotiated " + h.version + (h.cipher.empty() ? "" : " (" + h.cipher + ")");
    case Outcome::kAlert:
      return "alert: " + h.alert;
    case Outcome::kClosed:
      return "connection closed after the ClientHello";
    case Outcome::kOtherVersion:
      return "answered at another protocol version";
    default:
      return std::string(HandshakeOutcomeName(h.outcome)) +
             (h.detail.empty() ? "" : ": " + h.detail);
  }
}

size_t RecordLegacy(const TlsRun& run, const std::string& version, const HandshakeResult& h,
                    ProbeOutcome* outcome) {
  TlsHandshake handshake;
  handshake.url = run.redactor->Redact(run.url);
  handshake.offered = version;
  if (h.outcome == HandshakeResult::Outcome::kCompleted) {
    handshake.negotiated = h.version;
  } else {
    handshake.error = run.redactor->Redact(Observed(h));
  }
  return outcome->AddEvidence(handshake);
}

// The alerts that mean "not this version": the protocol's own (protocol_version), and those
// servers send when no cipher of that version is acceptable.
bool IsRefusalAlert(const std::string& alert) {
  return alert == "protocol version" || alert == "handshake failure" ||
         alert == "insufficient security";
}

Check LegacyCheck(const std::string& version, const HandshakeResult& h, size_t evidence) {
  using Outcome = HandshakeResult::Outcome;
  Check check;
  check.key = "tls.legacy_refused";
  check.subject = "TLS " + version;
  check.expected = "handshake refused (protocol_version alert, or closed after the ClientHello)";
  check.observed = Observed(h);
  check.evidence.push_back(evidence);
  std::vector<std::pair<std::string, std::string>> params = {{"version", version}};
  if (h.outcome == Outcome::kCompleted) {
    check.state = CheckState::kFail;
    params.emplace_back("negotiated", h.version);
    check.message = Msg("tls.legacy.accepted", params);
  } else if (h.outcome == Outcome::kClosed || h.outcome == Outcome::kOtherVersion ||
             (h.outcome == Outcome::kAlert && IsRefusalAlert(h.alert))) {
    check.state = CheckState::kPass;
    check.message = Msg("tls.legacy.refused", params);
  } else if (h.outcome == Outcome::kUntestable) {
    check.state = CheckState::kError;
    check.message = Msg("tls.legacy.untestable", params);
  } else {
    check.state = CheckState::kError;
    check.message = Msg("tls.legacy.unclear", params);
  }
  return check;
}

ProbeOutcome Judge(const TlsRun& run) {
  const Redactor& redactor = *run.redactor;
  ProbeOutcome outcome;
  std::string url = redactor.Redact(run.url);
  size_t baseline = RecordBaseline(run, &outcome);
  if (!run.baseline.ok) {
    outcome.checks.push_back(TransportCheck("tls.default", url, run.baseline, baseline, redactor));
  } else {
    Check check;
    check.key = "tls.default";
    check.subject = url;
    check.state = CheckState::kPass;
    check.observed = run.baseline.response.tls_version;
    check.message = Msg("tls.default.pass", {{"negotiated", run.baseline.response.tls_version}});
    check.evidence.push_back(baseline);
    outcome.checks.push_back(std::move(check));
  }
  for (size_t i = 0; i < run.versions.size(); ++i) {
    const std::string& version = run.versions[i];
    size_t evidence = RecordLegacy(run, version, run.legacy[i], &outcome);
    Check check = LegacyCheck(version, run.legacy[i], evidence);
    check.observed = redactor.Redact(check.observed);
    outcome.checks.push_back(std::move(check));
  }
  return outcome;
}

void Complete(const std::shared_ptr<TlsRun>& run) {
  if (--run->pending == 0) run->done(Judge(*run));
}

// One legacy handshake through the transport's limits, on the executor.
void SubmitLegacy(const std::shared_ptr<TlsRun>& run, size_t index, const HostPort& where,
                  const ProbeContext& context) {
  auto result = std::make_shared<HandshakeResult>();
  HandshakeFn handshake = context.handshake;
  std::string version = run->versions[index];
  std::chrono::milliseconds deadline(context.handshake_timeout_ms);
  context.transport->SubmitBlocking(
      run->url,
      [result, handshake, where, version, deadline] {
        TlsHello hello;
        hello.host = where.host;
        hello.port = where.port;
        hello.server_name = where.host;
        hello.version = version;
        hello.deadline = deadline;
        *result = handshake(hello);
      },
      [run, index, result](bool finished) {
        if (finished) {
          run->legacy[index] = *result;
        } else {
          run->legacy[index].outcome = HandshakeResult::Outcome::kTimedOut;
          run->legacy[index].detail = kAnalysisTimedOut;
        }
        Complete(run);
      });
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseTlsProbe(YamlReader& r, const YamlNode& node,
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
  Message error;
  std::optional<std::string> url = ExpandVariables(config.url, variables, &error);
  if (!url) return done(SetupError(std::move(error)));
  if (url->rfind("https://", 0) != 0) {
    return done(SetupError(Msg("tls.url_not_https", {{"url", context.redactor->Redact(*url)}})));
  }
  std::optional<HostPort> where = HostAndPort(*url);
  if (!where) {
    return done(SetupError(Msg("tls.url_not_https", {{"url", context.redactor->Redact(*url)}})));
  }
  auto run = std::make_shared<TlsRun>();
  run->url = *url;
  run->versions = config.refuse;
  run->legacy.resize(config.refuse.size());
  run->pending = 1 + static_cast<int>(config.refuse.size());
  run->redactor = context.redactor;
  run->done = std::move(done);
  Request request;
  request.url = *url;
  context.transport->Submit(request, [run](const FetchResult& r) {
    run->baseline = r;
    Complete(run);
  });
  for (size_t i = 0; i < config.refuse.size(); ++i) SubmitLegacy(run, i, *where, context);
}

}  // namespace sdetcheck
