#include "tls/tls_scan_judge.h"

#include <optional>
#include <sstream>

#include "tls/cipher_suite.h"

namespace sdetcheck {
namespace {

using Outcome = HandshakeResult::Outcome;
using Params = std::vector<std::pair<std::string, std::string>>;

// In the order documented (docs/grid-format.md), which lint's message lists.
const std::vector<std::pair<std::string, TlsAspect>>& AspectNames() {
  static const std::vector<std::pair<std::string, TlsAspect>> names = {
      {"weak_ciphers", TlsAspect::kWeakCiphers},
      {"forward_secrecy", TlsAspect::kForwardSecrecy},
      {"legacy_ciphers", TlsAspect::kLegacyCiphers},
      {"cipher_order", TlsAspect::kCipherOrder},
      {"certificate", TlsAspect::kCertificate},
      {"certificate_expiry", TlsAspect::kCertificateExpiry},
  };
  return names;
}

Check Make(std::string key, std::string subject, CheckState state, Message message,
           std::vector<size_t> evidence) {
  Check check;
  check.key = std::move(key);
  check.subject = std::move(subject);
  check.state = state;
  check.message = std::move(message);
  check.evidence = std::move(evidence);
  return check;
}

std::string Label(const VersionScan& v) { return "TLS " + v.version; }

std::string Failure(const HandshakeResult& h) {
  if (h.outcome == Outcome::kAlert) return "alert: " + h.alert;
  std::string name = HandshakeOutcomeName(h.outcome);
  return h.detail.empty() ? name : name + ": " + h.detail;
}

// Why the scan says nothing: no version was accepted. Refusals of every version are still an
// error: a TLS endpoint that speaks no version cannot be judged on its suites.
std::optional<Check> Unreachable(const TlsJudgeInputs& in, size_t summary) {
  for (const VersionScan& v : in.scan->versions)
    if (v.Offered()) return std::nullopt;
  std::string detail = in.scan->versions.empty() ? "" : Failure(in.scan->versions.back().first);
  return Make("tls.scan.unreachable", in.url, CheckState::kError,
              Msg("tls.scan.unreachable", {{"url", in.url}, {"detail", detail}}), {summary});
}

size_t HandshakeEvidence(const TlsJudgeInputs& in, const VersionScan& v, const std::string& cipher,
                         ProbeOutcome* outcome) {
  TlsHandshake handshake;
  handshake.url = in.url;
  handshake.offered = v.version;
  handshake.negotiated = v.first.version;
  handshake.cipher = cipher;
  return outcome->AddEvidence(handshake);
}

struct SuiteRule {
  const char* key;
  const char* pass;
  const char* fail;
  bool (*offends)(const CipherSuite& suite);
};

// The failure message of a weak suite is chosen by its weakness: tls.cipher.weak.<weakness>.
const SuiteRule kWeak = {"tls.cipher.weak", "tls.cipher.weak.pass", "tls.cipher.weak.",
                         [](const CipherSuite& s) { return !s.weakness.empty(); }};
const SuiteRule kNoForwardSecrecy = {"tls.cipher.forward_secrecy", "tls.cipher.fs.pass",
                                     "tls.cipher.fs.fail",
                                     [](const CipherSuite& s) { return !s.forward_secrecy; }};
const SuiteRule kLegacy = {"tls.cipher.legacy", "tls.cipher.legacy.pass", "tls.cipher.legacy.fail",
                           [](const CipherSuite& s) { return s.legacy; }};

void JudgeSuites(const SuiteRule& rule, const TlsJudgeInputs& in, size_t summary,
                 ProbeOutcome* outcome) {
  for (const VersionScan& v : in.scan->versions) {
    if (!v.Offered()) continue;
    bool offended = false;
    for (const std::string& name : v.accepted) {
      std::optional<CipherSuite> suite = DescribeCipherSuite(name);
      if (!suite || !rule.offends(*suite)) continue;
      offended = true;
      size_t evidence = HandshakeEvidence(in, v, name, outcome);
      Params params = {{"version", v.version},
                       {"cipher", name},
                       {"weakness", suite->weakness},
                       {"kx", suite->key_exchange}};
      std::string code = rule.fail;
      if (code.back() == '.') code += suite->weakness;
      Check check = Make(rule.key, Label(v) + " " + name, CheckState::kFail, Msg(code, params),
                         {evidence, summary});
      check.observed = name;
      outcome->checks.push_back(std::move(check));
    }
    if (!v.error.empty()) {
      outcome->checks.push_back(Make(
          "tls.scan.incomplete", Label(v), CheckState::kError,
          Msg("tls.scan.incomplete", {{"version", v.version}, {"detail", v.error}}), {summary}));
    } else if (!offended) {
      Params params = {{"version", v.version}, {"count", std::to_string(v.accepted.size())}};
      outcome->checks.push_back(
          Make(rule.key, Label(v), CheckState::kPass, Msg(rule.pass, params), {summary}));
    }
  }
}

void JudgeOrder(const TlsJudgeInputs& in, size_t summary, ProbeOutcome* outcome) {
  for (const VersionScan& v : in.scan->versions) {
    if (!v.Offered()) continue;
    Params params = {{"version", v.version},
                     {"cipher", v.accepted.empty() ? "" : v.accepted.front()}};
    CheckState state = CheckState::kError;
    const char* code = "tls.order.unclear";
    if (v.accepted.size() < 2) {
      state = CheckState::kNotApplicable;
      code = "tls.order.single";
    } else if (v.order == "server") {
      state = CheckState::kPass;
      code = "tls.order.server";
    } else if (v.order == "client") {
      state = CheckState::kFail;
      code = "tls.order.client";
    }
    Check check = Make("tls.cipher.order", Label(v), state, Msg(code, params), {summary});
    check.observed = v.order;
    outcome->checks.push_back(std::move(check));
  }
}

int MinimumKeyBits(const std::string& type) {
  if (type == "EC") return 256;
  if (type == "RSA" || type == "DSA" || type == "DH" || type == "RSA-PSS") return 2048;
  return 0;  // Ed25519, Ed448: fixed, strong sizes
}

size_t LeafEvidence(const TlsJudgeInputs& in, ProbeOutcome* outcome) {
  const CertificateInfo& leaf = in.chain->certificates.front();
  CertificateRecord record;
  record.subject = leaf.subject;
  record.not_before = leaf.not_before;
  record.not_after = leaf.not_after;
  record.source = in.url;
  return outcome->AddEvidence(record);
}

std::string Joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

void JudgeCertificate(const TlsJudgeInputs& in, size_t summary, ProbeOutcome* outcome) {
  const ChainReport& chain = *in.chain;
  const CertificateInfo& leaf = chain.certificates.front();
  std::vector<size_t> evidence = {LeafEvidence(in, outcome), summary};
  std::string host = in.scan->endpoint.server_name;
  auto add = [&](const char* key, bool ok, const char* pass, const char* fail, Params params) {
    outcome->checks.push_back(Make(key, in.url, ok ? CheckState::kPass : CheckState::kFail,
                                   Msg(ok ? pass : fail, std::move(params)), evidence));
  };
  add("tls.cert.trusted", chain.trusted, "tls.cert.trusted.pass", "tls.cert.trusted.fail",
      {{"reason", chain.trust_error}});
  add("tls.cert.hostname", chain.hostname_matches, "tls.cert.hostname.pass",
      "tls.cert.hostname.fail", {{"host", host}, {"names", Joined(chain.subject_alt_names)}});
  add("tls.cert.validity", leaf.valid_at_start && leaf.days_left >= 0, "tls.cert.validity.pass",
      "tls.cert.validity.fail", {{"not_before", leaf.not_before}, {"not_after", leaf.not_after}});
  int minimum = MinimumKeyBits(leaf.key_type);
  add("tls.cert.key", leaf.key_bits >= minimum, "tls.cert.key.pass", "tls.cert.key.fail",
      {{"type", leaf.key_type},
       {"bits", std::to_string(leaf.key_bits)},
       {"minimum", std::to_string(minimum)}});
  const CertificateInfo* weak = nullptr;
  for (const CertificateInfo& cert : chain.certificates)
    if (!cert.self_signed && cert.weak_signature_hash && !weak) weak = &cert;
  const CertificateInfo& signed_by = weak ? *weak : leaf;
  add("tls.cert.signature", weak == nullptr, "tls.cert.signature.pass", "tls.cert.signature.fail",
      {{"subject", signed_by.subject}, {"algorithm", signed_by.signature_algorithm}});
}

void JudgeExpiry(const TlsJudgeInputs& in, size_t summary, ProbeOutcome* outcome) {
  const CertificateInfo& leaf = in.chain->certificates.front();
  bool ok = leaf.days_left >= in.horizon_days;
  Params params = {{"days", std::to_string(leaf.days_left)},
                   {"horizon", std::to_string(in.horizon_days)},
                   {"not_after", leaf.not_after}};
  Check check = Make("tls.cert.expiry", in.url, ok ? CheckState::kPass : CheckState::kFail,
                     Msg(ok ? "tls.cert.expiry.pass" : "tls.cert.expiry.fail", params),
                     {LeafEvidence(in, outcome), summary});
  check.expected = ">= " + std::to_string(in.horizon_days) + " days";
  check.observed = std::to_string(leaf.days_left) + " days";
  outcome->checks.push_back(std::move(check));
}

bool NeedsChain(TlsAspect aspect) {
  return aspect == TlsAspect::kCertificate || aspect == TlsAspect::kCertificateExpiry;
}

}  // namespace

bool ParseTlsAspect(const std::string& name, TlsAspect* aspect) {
  for (const auto& [known, value] : AspectNames()) {
    if (known != name) continue;
    *aspect = value;
    return true;
  }
  return false;
}

std::vector<std::string> TlsAspectNames() {
  std::vector<std::string> names;
  for (const auto& [name, aspect] : AspectNames()) names.push_back(name);
  return names;
}

ProbeOutcome JudgeTlsScan(TlsAspect aspect, const TlsJudgeInputs& in) {
  ProbeOutcome outcome;
  DocumentExcerpt excerpt;
  excerpt.format = "text";
  excerpt.source = in.url;
  excerpt.excerpt = TlsScanSummary(*in.scan, in.chain);
  size_t summary = outcome.AddEvidence(excerpt);
  if (std::optional<Check> unreachable = Unreachable(in, summary)) {
    outcome.checks.push_back(std::move(*unreachable));
    return outcome;
  }
  if (NeedsChain(aspect) && (!in.chain || !in.chain->error.empty())) {
    std::string detail = in.chain ? in.chain->error : "no certificate";
    outcome.checks.push_back(Make("tls.cert.unreadable", in.url, CheckState::kError,
                                  Msg("tls.cert.unreadable", {{"detail", detail}}), {summary}));
    return outcome;
  }
  switch (aspect) {
    case TlsAspect::kWeakCiphers:
      JudgeSuites(kWeak, in, summary, &outcome);
      break;
    case TlsAspect::kForwardSecrecy:
      JudgeSuites(kNoForwardSecrecy, in, summary, &outcome);
      break;
    case TlsAspect::kLegacyCiphers:
      JudgeSuites(kLegacy, in, summary, &outcome);
      break;
    case TlsAspect::kCipherOrder:
      JudgeOrder(in, summary, &outcome);
      break;
    case TlsAspect::kCertificate:
      JudgeCertificate(in, summary, &outcome);
      break;
    case TlsAspect::kCertificateExpiry:
      JudgeExpiry(in, summary, &outcome);
      break;
  }
  return outcome;
}

std::string TlsScanSummary(const TlsScan& scan, const ChainReport* chain) {
  std::ostringstream out;
  out << "TLS scan of " << scan.endpoint.host << ":" << scan.endpoint.port << " (SNI "
      << (scan.endpoint.server_name.empty() ? "-" : scan.endpoint.server_name) << "), "
      << scan.handshakes << " handshakes\n";
  for (const VersionScan& v : scan.versions) {
    out << "TLS " << v.version << "  ";
    if (!v.Offered()) {
      out << "not accepted (" << Failure(v.first) << ")\n";
      continue;
    }
    out << "accepted, " << v.accepted.size() << " suites"
        << (v.order.empty() ? "" : ", " + v.order + " order")
        << (v.first.key_exchange_group.empty()
                ? ""
                : ", key exchange " + v.first.key_exchange_group + " " +
                      std::to_string(v.first.key_exchange_bits) + " bits")
        << (v.error.empty() ? "" : ", stopped: " + v.error) << "\n";
    for (const std::string& name : v.accepted) {
      std::optional<CipherSuite> suite = DescribeCipherSuite(name);
      out << "  " << name;
      if (suite) {
        out << "  " << suite->key_exchange << "/" << suite->authentication << " "
            << suite->encryption << " " << suite->bits << " bits"
            << (suite->forward_secrecy ? "" : ", no forward secrecy")
            << (suite->weakness.empty() ? "" : ", weak: " + suite->weakness)
            << (suite->legacy ? ", CBC with SHA-1" : "");
      }
      out << "\n";
    }
  }
  if (chain && chain->error.empty()) {
    const CertificateInfo& leaf = chain->certificates.front();
    out << "Certificate: " << leaf.subject << "\n  issuer " << leaf.issuer << "\n  valid "
        << leaf.not_before << " to " << leaf.not_after << " (" << leaf.days_left
        << " days left)\n  key " << leaf.key_type << " " << leaf.key_bits << " bits, signature "
        << leaf.signature_algorithm << "\n  names " << Joined(chain->subject_alt_names)
        << "\n  chain of " << chain->certificates.size() << " sent, "
        << (chain->trusted ? "trusted" : "not trusted: " + chain->trust_error)
        << "\n  OCSP stapling " << (scan.certificate.ocsp_stapled ? "yes" : "no") << ", OCSP "
        << (chain->ocsp_urls.empty() ? "-" : Joined(chain->ocsp_urls)) << ", CRL "
        << (chain->crl_urls.empty() ? "-" : Joined(chain->crl_urls))
        << (chain->must_staple ? ", must-staple" : "") << "\n  sha256 " << leaf.sha256_fingerprint
        << "\n";
  } else if (chain) {
    out << "Certificate: " << chain->error << "\n";
  }
  return out.str();
}

}  // namespace sdetcheck
