// `sdetcheck tls scan URL`: the TLS scan the tls_scan probes judge (tls/tls_scan.h), alone:
// protocol versions, cipher suites per version, the server's order and the certificate, as
// text or JSON. Under the same politeness limits as an audit.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "exec/thread_executor.h"
#include "net/curl_transport.h"
#include "net/url.h"
#include "tls/cipher_suite.h"
#include "tls/tls_scan.h"
#include "tls/tls_scan_judge.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

json SuitesJson(const VersionScan& v) {
  json suites = json::array();
  for (const std::string& name : v.accepted) {
    json s = {{"name", name}};
    if (std::optional<CipherSuite> suite = DescribeCipherSuite(name)) {
      s["iana"] = suite->iana;
      s["key_exchange"] = suite->key_exchange;
      s["authentication"] = suite->authentication;
      s["encryption"] = suite->encryption;
      s["bits"] = suite->bits;
      s["forward_secrecy"] = suite->forward_secrecy;
      s["weakness"] = suite->weakness;
      s["cbc_sha1"] = suite->legacy;
    }
    suites.push_back(s);
  }
  return suites;
}

json ChainJson(const ChainReport& chain, const HandshakeResult& handshake) {
  if (!chain.error.empty()) return {{"error", chain.error}};
  const CertificateInfo& leaf = chain.certificates.front();
  return {{"subject", leaf.subject},
          {"issuer", leaf.issuer},
          {"not_before", leaf.not_before},
          {"not_after", leaf.not_after},
          {"days_left", leaf.days_left},
          {"key_type", leaf.key_type},
          {"key_bits", leaf.key_bits},
          {"signature_algorithm", leaf.signature_algorithm},
          {"sha256", leaf.sha256_fingerprint},
          {"subject_alt_names", chain.subject_alt_names},
          {"hostname_matches", chain.hostname_matches},
          {"chain_length", chain.certificates.size()},
          {"trusted", chain.trusted},
          {"trust_error", chain.trust_error},
          {"ocsp_stapled", handshake.ocsp_stapled},
          {"ocsp_urls", chain.ocsp_urls},
          {"crl_urls", chain.crl_urls},
          {"must_staple", chain.must_staple}};
}

json ScanJson(const TlsScan& scan, const ChainReport* chain, double seconds) {
  json versions = json::array();
  for (const VersionScan& v : scan.versions) {
    json entry = {{"version", v.version},
                  {"accepted", v.Offered()},
                  {"outcome", HandshakeOutcomeName(v.first.outcome)},
                  {"alert", v.first.alert},
                  {"order", v.order},
                  {"error", v.error},
                  {"key_exchange_group", v.first.key_exchange_group},
                  {"suites", SuitesJson(v)}};
    versions.push_back(entry);
  }
  json out = {{"host", scan.endpoint.host},
              {"port", scan.endpoint.port},
              {"server_name", scan.endpoint.server_name},
              {"handshakes", scan.handshakes},
              {"seconds", seconds},
              {"versions", versions}};
  if (chain) out["certificate"] = ChainJson(*chain, scan.certificate);
  return out;
}

}  // namespace

int TlsScanCommand(CliOptions& o) {
  std::optional<HostPort> where =
      o.tls_url.rfind("https://", 0) == 0 ? HostAndPort(o.tls_url) : std::nullopt;
  if (!where) {
    std::cerr << "sdetcheck: tls scan: expected an https:// URL, got " << o.tls_url << "\n";
    return kExitInvalidInput;
  }
  TlsEndpoint endpoint;
  endpoint.url = o.tls_url;
  endpoint.host = where->host;
  endpoint.port = where->port;
  endpoint.server_name = o.tls_server_name.empty() ? where->host : o.tls_server_name;
  CurlTransport transport(o.transport);
  // Handshakes wait on the network, not the CPU: one thread per handshake the limits allow.
  int threads = std::clamp(o.transport.per_host_concurrency, 2, 64);
  ThreadExecutor executor(threads, std::chrono::milliseconds(o.analysis_timeout_ms));
  transport.AttachExecutor(&executor);
  TlsScanOptions options;
  options.deadline = std::chrono::milliseconds(
      std::min(o.transport.total_timeout_ms, o.analysis_timeout_ms - 100));
  TlsScan scan;
  auto start = std::chrono::steady_clock::now();
  ScanTls(transport, endpoint, options, RunTlsHandshake, [&](TlsScan s) { scan = std::move(s); });
  transport.Run();
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  ChainReport chain;
  bool has_chain = !scan.certificate.chain_der.empty();
  if (has_chain) {
    chain = InspectChain(scan.certificate.chain_der, endpoint.server_name, o.transport.ca_bundle,
                         std::time(nullptr));
  }
  if (o.tls_json) {
    std::cout << ScanJson(scan, has_chain ? &chain : nullptr, elapsed.count()).dump(2) << "\n";
  } else {
    std::cout << TlsScanSummary(scan, has_chain ? &chain : nullptr);
    if (!o.quiet) std::cerr << "scanned in " << elapsed.count() << " s\n";
  }
  bool any = std::any_of(scan.versions.begin(), scan.versions.end(),
                         [](const VersionScan& v) { return v.Offered(); });
  return any ? kExitConforme : kExitIncomplet;
}

}  // namespace sdetcheck
