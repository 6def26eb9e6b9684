#include "probe/tls_scan_kind.h"

#include <ctime>

#include "net/transport.h"
#include "net/url.h"
#include "target/profile.h"
#include "tls/tls_scan_cache.h"
#include "tls/tls_scan_judge.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

struct TlsScanProbeConfig : ProbeConfig {
  TlsAspect aspect = TlsAspect::kWeakCiphers;
  std::string url;
  int horizon_days = 30;
};

ProbeOutcome Judge(const TlsScanProbeConfig& config, const TlsScan& scan,
                   const std::string& ca_bundle, const Redactor& redactor) {
  ChainReport chain;
  bool has_chain = !scan.certificate.chain_der.empty();
  if (has_chain) {
    chain = InspectChain(scan.certificate.chain_der, scan.endpoint.server_name, ca_bundle,
                         std::time(nullptr));
  }
  TlsJudgeInputs in;
  in.scan = &scan;
  in.chain = has_chain ? &chain : nullptr;
  in.url = redactor.Redact(scan.endpoint.url);
  in.horizon_days = config.horizon_days;
  return JudgeTlsScan(config.aspect, in);
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseTlsScanProbe(YamlReader& r, const YamlNode& node,
                                                     const std::string& what) {
  auto config = std::make_shared<TlsScanProbeConfig>();
  std::optional<std::string> aspect = r.Enum(node, "check", TlsAspectNames(), true, what);
  std::optional<std::string> url = r.String(node, "url", true, what);
  std::optional<long> horizon = r.Integer(node, "horizon_days", false, what);
  if (horizon && (*horizon < 0 || *horizon > 3650)) {
    r.Error(node["horizon_days"], what + ".horizon_days: a number of days from 0 to 3650");
    return nullptr;
  }
  if (!aspect || !url) return nullptr;
  ParseTlsAspect(*aspect, &config->aspect);
  config->url = *url;
  if (horizon) config->horizon_days = static_cast<int>(*horizon);
  return config;
}

std::vector<std::string> TlsScanProbeVariables(const ProbeConfig& base) {
  return ReferencedVariables(static_cast<const TlsScanProbeConfig&>(base).url);
}

void RunTlsScanProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                     ProbeDone done) {
  const auto& config = static_cast<const TlsScanProbeConfig&>(base);
  Message error;
  std::optional<std::string> url = ExpandVariables(config.url, variables, &error);
  if (!url) return done(SetupError(std::move(error)));
  std::optional<HostPort> where = url->rfind("https://", 0) == 0 ? HostAndPort(*url) : std::nullopt;
  if (!where) {
    return done(SetupError(Msg("tls.url_not_https", {{"url", context.redactor->Redact(*url)}})));
  }
  TlsEndpoint endpoint;
  endpoint.url = *url;
  endpoint.host = where->host;
  endpoint.port = where->port;
  endpoint.server_name = where->host;
  TlsScanOptions options;
  options.deadline = std::chrono::milliseconds(context.handshake_timeout_ms);
  std::string ca_bundle = context.target ? context.target->ca_bundle : "";
  const Redactor* redactor = context.redactor;
  auto judge = [config, ca_bundle, redactor, done = std::move(done)](const TlsScan& scan) {
    done(Judge(config, scan, ca_bundle, *redactor));
  };
  if (context.tls_scans) {
    return context.tls_scans->Scan(*context.transport, endpoint, options, context.handshake, judge);
  }
  auto own = std::make_shared<TlsScanCache>();
  own->Scan(*context.transport, endpoint, options, context.handshake,
            [own, judge](const TlsScan& scan) { judge(scan); });
}

}  // namespace sdetcheck
