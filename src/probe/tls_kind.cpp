#include "probe/tls_kind.h"

#include <cctype>

#include "net/transport.h"
#include "probe/http_record.h"
#include "util/redactor.h"
#include "util/tls_support.h"
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
  std::vector<bool> can_offer;  // whether this machine can offer each legacy version
  int pending = 0;
  const Redactor* redactor = nullptr;
  ProbeDone done;
};

size_t RecordHandshake(const TlsRun& run, const std::string& offered, const FetchResult& r,
                       ProbeOutcome* outcome) {
  TlsHandshake handshake;
  handshake.url = run.redactor->Redact(run.url);
  handshake.offered = offered;
  handshake.negotiated = r.response.tls_version;
  if (!r.ok) handshake.error = run.redactor->Redact(r.error);
  return outcome->AddEvidence(handshake);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Whether a failed legacy handshake is the server saying no: a protocol_version or
// handshake_failure alert, or the connection closed after the ClientHello, all during the
// handshake (a TLS error). Anything else (timeout, no route, a reset while reading the
// answer, which means the handshake succeeded) says nothing about the version.
bool ServerRefusedVersion(const FetchResult& r) {
  if (r.error_kind != FetchError::kTls) return false;
  std::string error = Lower(r.error);
  for (const char* sign : {"alert protocol version", "unsupported protocol", "wrong version number",
                           "alert handshake failure", "no shared cipher", "unexpected eof",
                           "connection reset", "connection was reset",
                           // SSL_connect saw the connection end: closed after the ClientHello
                           "ssl_error_syscall"}) {
    if (error.find(sign) != std::string::npos) return true;
  }
  return false;
}

Check LegacyCheck(const std::string& version, const FetchResult& r, size_t evidence) {
  Check check;
  check.key = "tls.legacy_refused";
  check.subject = "TLS " + version;
  check.expected = "handshake refused";
  check.evidence.push_back(evidence);
  std::vector<std::pair<std::string, std::string>> params = {{"version", version}};
  // A server that answers "not now" (429, 503) over TLS 1.0 has accepted TLS 1.0.
  bool answered = r.ok || (r.error_kind == FetchError::kRefused && !r.response.tls_version.empty());
  if (answered) {
    check.state = CheckState::kFail;
    check.observed = "negotiated " + r.response.tls_version;
    params.emplace_back("negotiated", r.response.tls_version);
    check.message = Msg("tls.legacy.accepted", params);
  } else if (ServerRefusedVersion(r)) {
    check.state = CheckState::kPass;
    check.observed = r.error;
    check.message = Msg("tls.legacy.refused", params);
  } else {
    check.state = CheckState::kError;
    check.observed = r.error;
    check.message = Msg("tls.legacy.unclear", params);
  }
  return check;
}

ProbeOutcome Judge(const TlsRun& run) {
  const Redactor& redactor = *run.redactor;
  ProbeOutcome outcome;
  std::string url = redactor.Redact(run.url);
  size_t baseline = RecordHandshake(run, "", run.baseline, &outcome);
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
    if (!run.can_offer[i]) {
      Check check;
      check.key = "tls.legacy_refused";
      check.subject = "TLS " + version;
      check.message = Msg("tls.legacy.untestable", {{"version", version}});
      outcome.checks.push_back(std::move(check));
      continue;
    }
    size_t evidence = RecordHandshake(run, version, run.legacy[i], &outcome);
    Check check = LegacyCheck(version, run.legacy[i], evidence);
    check.observed = redactor.Redact(check.observed);
    outcome.checks.push_back(std::move(check));
  }
  return outcome;
}

void Complete(const std::shared_ptr<TlsRun>& run) {
  if (--run->pending == 0) run->done(Judge(*run));
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
  auto run = std::make_shared<TlsRun>();
  run->url = *url;
  run->versions = config.refuse;
  run->legacy.resize(config.refuse.size());
  for (const std::string& version : config.refuse)
    run->can_offer.push_back(LocalTlsCanOffer(version));
  run->pending = 1;
  for (bool can : run->can_offer) run->pending += can ? 1 : 0;
  run->redactor = context.redactor;
  run->done = std::move(done);
  Request request;
  request.url = *url;
  context.transport->Submit(request, [run](const FetchResult& r) {
    run->baseline = r;
    Complete(run);
  });
  for (size_t i = 0; i < config.refuse.size(); ++i) {
    if (!run->can_offer[i]) continue;  // judged untestable: nothing is sent
    Request legacy = request;
    legacy.tls_max_version = config.refuse[i];
    context.transport->Submit(legacy, [run, i](const FetchResult& r) {
      run->legacy[i] = r;
      Complete(run);
    });
  }
}

}  // namespace sdetcheck
