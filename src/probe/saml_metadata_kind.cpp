#include "probe/saml_metadata_kind.h"

#include <ctime>
#include <fstream>

#include "net/transport.h"
#include "probe/http_record.h"
#include "probe/saml_metadata.h"
#include "probe/saml_metadata_checks.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "util/x509.h"
#include "xml/signature.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

struct SamlMetadataConfig : ProbeConfig {
  std::string url;
  std::string role = "idp";
  std::optional<int> certificate_valid_days;  // signing certificates valid now and N days on
  bool https_endpoints = false;
  bool structure = false;             // saml_metadata_checks.h: SamlStructureChecks
  bool practices = false;             // saml_metadata_checks.h: SamlPracticeChecks
  bool certificate_strength = false;  // saml_metadata_checks.h: SamlCertificateStrengthChecks
  bool signature = false;             // the metadata signature, against the target's anchor
};

// What the target profile says about the metadata signature.
struct SignaturePolicy {
  std::string anchor_file;  // PEM certificate; "" when none
  bool required = false;
};

std::optional<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(size_t{64} * 1024, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

Check SignatureCheck(const SamlDescriptor& d, const std::string& xml, const SignaturePolicy& policy,
                     size_t evidence) {
  if (!d.root_signed) {
    CheckState state = policy.required ? CheckState::kFail : CheckState::kNotApplicable;
    return SamlCheck("saml.metadata.signature", "", state,
                     Msg(policy.required ? "saml.metadata.signature.unsigned_required"
                                         : "saml.metadata.signature.unsigned"),
                     evidence);
  }
  std::optional<std::string> pem =
      policy.anchor_file.empty() ? std::nullopt : ReadSmallFile(policy.anchor_file);
  std::string der = pem ? CertificateDer(*pem) : "";
  if (der.empty()) {
    Check check = SamlCheck("saml.metadata.signature", "", CheckState::kError,
                            Msg("saml.metadata.signature.no_anchor"), evidence);
    check.observed = policy.anchor_file.empty() ? "sso.saml_metadata_signer: (absent)"
                                                : "unreadable: " + policy.anchor_file;
    return check;
  }
  SignedXml doc(xml);
  SignedXml::Verification v = doc.Verify("", {der});
  Check check = SamlCheck(
      "saml.metadata.signature", "", v.verified ? CheckState::kPass : CheckState::kFail,
      Msg(v.verified ? "saml.metadata.signature.pass" : "saml.metadata.signature.fail"), evidence);
  check.expected = "enveloped signature over the root, verified with the trust anchor";
  check.observed = v.verified ? v.algorithm : v.problem;
  return check;
}

// Why a certificate fails the check; an empty message when it passes.
Message CertificateProblem(const CertificateInfo& info, int days) {
  if (!info.valid_at_start) {
    return Msg("saml.certificate.not_yet_valid", {{"not_before", info.not_before}});
  }
  if (info.valid_at_end) return {};
  if (days == 0) return Msg("saml.certificate.expired", {{"not_after", info.not_after}});
  return Msg("saml.certificate.expires_soon",
             {{"days", std::to_string(days)}, {"not_after", info.not_after}});
}

Check CertificateCheck(const std::string& base64, int days, const std::string& url, size_t document,
                       const Redactor& redactor, ProbeOutcome* outcome) {
  std::string error;
  std::optional<CertificateInfo> info =
      InspectCertificate(base64, std::time(nullptr), days, &error);
  if (!info) {
    Check check = SamlCheck("saml.certificate", "", CheckState::kFail,
                            Msg("saml.certificate.unreadable"), document);
    check.observed = redactor.Redact(error);
    return check;
  }
  std::string subject = redactor.Redact(info->subject);
  size_t record = outcome->AddEvidence(
      CertificateRecord{subject, info->not_before, info->not_after, redactor.Redact(url)});
  Message problem = CertificateProblem(*info, days);
  bool valid = problem.empty();
  Check check = SamlCheck(
      "saml.certificate", subject, valid ? CheckState::kPass : CheckState::kFail,
      valid ? Msg("saml.certificate.valid",
                  {{"not_after", info->not_after}, {"days", std::to_string(info->days_left)}})
            : problem,
      record);
  check.expected = "notBefore <= now, now + " + std::to_string(days) + " d < notAfter";
  check.observed = info->not_before + " .. " + info->not_after;
  return check;
}

void CheckCertificates(const SamlMetadataConfig& c, const SamlDescriptor& d, const std::string& url,
                       size_t document, const Redactor& redactor, ProbeOutcome* outcome) {
  if (d.signing_certificates.empty()) {
    outcome->checks.push_back(SamlCheck("saml.certificate", c.role, CheckState::kFail,
                                        Msg("saml.certificate.none", {{"role", c.role}}),
                                        document));
    return;
  }
  for (const std::string& base64 : d.signing_certificates) {
    outcome->checks.push_back(
        CertificateCheck(base64, *c.certificate_valid_days, url, document, redactor, outcome));
  }
}

void CheckEndpoints(const SamlDescriptor& d, size_t document, const Redactor& redactor,
                    ProbeOutcome* outcome) {
  for (const std::string& endpoint : d.endpoints) {
    bool https = endpoint.rfind("https://", 0) == 0;
    std::string shown = redactor.Redact(endpoint);
    Check check = SamlCheck(
        "saml.endpoint", shown, https ? CheckState::kPass : CheckState::kFail,
        Msg(https ? "saml.endpoint.https.pass" : "saml.endpoint.https.fail", {{"url", shown}}),
        document);
    check.expected = "https://";
    check.observed = shown;
    outcome->checks.push_back(std::move(check));
  }
}

void Append(std::vector<Check> checks, ProbeOutcome* outcome) {
  for (Check& check : checks) outcome->checks.push_back(std::move(check));
}

// The metadata as fetched: its URL, its text, the index of the exchange's evidence record.
struct Fetched {
  const std::string& url;
  const std::string& xml;
  size_t exchange;
};

// The checks `c` asks for on a descriptor that was found.
void CheckDescriptor(const SamlMetadataConfig& c, const SamlDescriptor& d, const Fetched& f,
                     const SignaturePolicy& policy, const Redactor& redactor,
                     ProbeOutcome* outcome) {
  const std::string& url = f.url;
  size_t exchange = f.exchange;
  if (c.certificate_valid_days) CheckCertificates(c, d, url, exchange, redactor, outcome);
  if (c.https_endpoints) CheckEndpoints(d, exchange, redactor, outcome);
  std::time_t now = std::time(nullptr);
  if (c.structure) Append(SamlStructureChecks(d, c.role, now, exchange, redactor), outcome);
  if (c.practices) Append(SamlPracticeChecks(d, c.role, exchange), outcome);
  if (c.certificate_strength)
    Append(SamlCertificateStrengthChecks(d, now, exchange, redactor), outcome);
  if (c.signature) outcome->checks.push_back(SignatureCheck(d, f.xml, policy, exchange));
}

ProbeOutcome Judge(const SamlMetadataConfig& c, const std::string& url, const FetchResult& r,
                   const SignaturePolicy& policy, const Redactor& redactor) {
  ProbeOutcome outcome;
  std::string shown_url = redactor.Redact(url);
  size_t exchange = outcome.AddEvidence(RecordExchange("GET", url, r, redactor));
  if (!r.ok) {
    outcome.checks.push_back(TransportCheck("saml.metadata", shown_url, r, exchange, redactor));
    return outcome;
  }
  if (r.response.status != 200) {
    outcome.checks.push_back(SamlCheck(
        "saml.metadata", shown_url, CheckState::kError,
        Msg("saml.metadata.status", {{"status", std::to_string(r.response.status)}}), exchange));
    return outcome;
  }
  SamlDescriptor d = ReadSamlDescriptor(r.response.body, c.role);
  if (!d.problem.empty()) {
    Check check = SamlCheck("saml.metadata", shown_url, CheckState::kError,
                            Msg("saml.metadata.unreadable"), exchange);
    check.observed = redactor.Redact(d.problem);
    outcome.checks.push_back(std::move(check));
    return outcome;
  }
  if (!d.found) {
    outcome.checks.push_back(
        SamlCheck("saml.descriptor", redactor.Redact(d.entity_id), CheckState::kFail,
                  Msg("saml.descriptor.missing", {{"role", c.role}}), exchange));
    return outcome;
  }
  CheckDescriptor(c, d, {url, r.response.body, exchange}, policy, redactor, &outcome);
  return outcome;
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseSamlMetadataProbe(YamlReader& r, const YamlNode& node,
                                                          const std::string& what) {
  auto config = std::make_shared<SamlMetadataConfig>();
  config->url = r.String(node, "url", false, what).value_or("${saml_metadata_url}");
  config->role = r.Enum(node, "role", {"idp", "sp"}, false, what).value_or("idp");
  YamlNode expect = node["expect"];
  std::string where = what + ".expect";
  if (!expect) {
    r.Error(node, what +
                      ": missing required key 'expect' ({certificate_valid_days, "
                      "https_endpoints, structure, practices, certificate_strength, signature})");
    return nullptr;
  }
  if (!r.ExpectMap(expect, where)) return nullptr;
  r.CheckKeys(expect,
              {"certificate_valid_days", "https_endpoints", "structure", "practices",
               "certificate_strength", "signature"},
              where);
  std::optional<long> days = r.Integer(expect, "certificate_valid_days", false, where);
  if (days && (*days < 0 || *days > 3650))
    r.Error(expect["certificate_valid_days"], where + ": between 0 and 3650");
  if (days) config->certificate_valid_days = static_cast<int>(*days);
  config->https_endpoints = r.Boolean(expect, "https_endpoints", false, where).value_or(false);
  config->structure = r.Boolean(expect, "structure", false, where).value_or(false);
  config->certificate_strength =
      r.Boolean(expect, "certificate_strength", false, where).value_or(false);
  config->signature = r.Boolean(expect, "signature", false, where).value_or(false);
  config->practices = r.Boolean(expect, "practices", false, where).value_or(false);
  if (!config->certificate_valid_days && !config->https_endpoints && !config->structure &&
      !config->practices && !config->certificate_strength && !config->signature) {
    r.Error(expect, where +
                        ": nothing to check (certificate_valid_days, or https_endpoints, "
                        "structure, practices, certificate_strength, signature: true)");
    return nullptr;
  }
  return config;
}

std::vector<std::string> SamlMetadataProbeVariables(const ProbeConfig& base) {
  return ReferencedVariables(static_cast<const SamlMetadataConfig&>(base).url);
}

void RunSamlMetadataProbe(const ProbeConfig& base, const Variables& variables,
                          ProbeContext& context, ProbeDone done) {
  const auto& config = static_cast<const SamlMetadataConfig&>(base);
  Message error;
  std::optional<std::string> url = ExpandVariables(config.url, variables, &error);
  if (url && url->empty()) error = Msg("variable.not_in_target", {{"name", "saml_metadata_url"}});
  if (!url || url->empty()) return done(SetupError(std::move(error)));
  Request request;
  request.url = *url;
  const Redactor* redactor = context.redactor;
  Executor* executor = context.executor;
  SignaturePolicy policy;
  if (context.target != nullptr) {
    policy.anchor_file = context.target->saml_metadata_signer;
    policy.required = context.target->saml_metadata_signed;
  }
  context.transport->Submit(request, [&config, url = *url, policy, redactor, executor,
                                      done = std::move(done)](const FetchResult& r) {
    RunBounded<ProbeOutcome>(
        executor,
        [&config, url, r, policy, redactor] { return Judge(config, url, r, policy, *redactor); },
        [url, redactor, done](std::optional<ProbeOutcome> outcome) {
          done(outcome ? std::move(*outcome)
                       : AnalysisTimedOut("saml.analysis", redactor->Redact(url)));
        });
  });
}

}  // namespace sdetcheck
