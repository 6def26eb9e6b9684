#include "probe/saml_metadata_kind.h"

#include <ctime>

#include "net/transport.h"
#include "probe/saml_metadata.h"
#include "util/redactor.h"
#include "util/x509.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

struct SamlMetadataConfig : ProbeConfig {
  std::string url;
  std::string role = "idp";
  std::optional<int> certificate_valid_days;  // signing certificates valid now and N days on
  bool https_endpoints = false;
};

using Status = ProbeOutcome::Status;

void Worsen(ProbeOutcome* outcome, Status status, const std::string& message) {
  if (outcome->status == Status::kError) return;
  if (status == Status::kError || outcome->status == Status::kPass) {
    outcome->status = status;
    outcome->message = message;
  }
}

void CheckCertificates(const SamlMetadataConfig& c, const SamlDescriptor& d, Evidence* e,
                       ProbeOutcome* outcome) {
  if (d.signing_certificates.empty()) {
    e->checks.push_back("[fail] no signing certificate in the " + c.role + " descriptor");
    return Worsen(outcome, Status::kFail, "the metadata publishes no signing certificate");
  }
  int days = *c.certificate_valid_days;
  for (const std::string& base64 : d.signing_certificates) {
    std::string error;
    std::optional<CertificateInfo> info =
        InspectCertificate(base64, std::time(nullptr), days, &error);
    if (!info) {
      e->checks.push_back("[fail] unreadable signing certificate: " + error);
      Worsen(outcome, Status::kFail, "a signing certificate cannot be read: " + error);
      continue;
    }
    bool ok = info->valid_at_start && info->valid_at_end;
    std::string line = info->subject + ", valid " + info->not_before + " to " + info->not_after;
    e->checks.push_back((ok ? "[pass] signing certificate " : "[fail] signing certificate ") +
                        line);
    if (!info->valid_at_end) {
      Worsen(outcome, Status::kFail,
             days == 0 ? "the signing certificate expired on " + info->not_after
                       : "the signing certificate expires within " + std::to_string(days) +
                             " days (" + info->not_after + ")");
    } else if (!info->valid_at_start) {
      Worsen(outcome, Status::kFail,
             "the signing certificate is not valid before " + info->not_before);
    }
  }
}

void CheckEndpoints(const SamlDescriptor& d, Evidence* e, ProbeOutcome* outcome) {
  for (const std::string& endpoint : d.endpoints) {
    bool https = endpoint.rfind("https://", 0) == 0;
    e->checks.push_back((https ? "[pass] endpoint " : "[fail] endpoint not over HTTPS: ") +
                        endpoint);
    if (!https) Worsen(outcome, Status::kFail, "endpoint not over HTTPS: " + endpoint);
  }
}

ProbeOutcome Judge(const SamlMetadataConfig& c, const std::string& url, const FetchResult& r,
                   const Redactor& redactor) {
  ProbeOutcome outcome;
  outcome.status = Status::kPass;
  outcome.expected = c.role + " metadata with " +
                     (c.certificate_valid_days ? "valid signing certificates" : std::string("")) +
                     (c.https_endpoints ? " and HTTPS endpoints" : "");
  Evidence e;
  e.request = "GET " + redactor.Redact(url);
  if (!r.ok) {
    outcome.status = Status::kError;
    outcome.message = redactor.Redact(r.error);
    outcome.evidence.push_back(e);
    return outcome;
  }
  e.status = r.response.status;
  e.tls_version = r.response.tls_version;
  e.excerpt = redactor.RedactShort(r.response.body.substr(0, 4096), 400);
  SamlDescriptor d = ReadSamlDescriptor(r.response.body, c.role);
  if (r.response.status != 200 || !d.problem.empty()) {
    outcome.status = Status::kError;
    outcome.message =
        url + ": " +
        (r.response.status != 200 ? "HTTP " + std::to_string(r.response.status) : d.problem);
  } else if (!d.found) {
    e.checks.push_back("[fail] no " + c.role + " descriptor in the metadata of " + d.entity_id);
    Worsen(&outcome, Status::kFail, "the metadata has no descriptor for role " + c.role);
  } else {
    e.checks.push_back("entityID " + d.entity_id);
    if (c.certificate_valid_days) CheckCertificates(c, d, &e, &outcome);
    if (c.https_endpoints) CheckEndpoints(d, &e, &outcome);
  }
  outcome.message = redactor.Redact(outcome.message);
  outcome.evidence.push_back(e);
  return outcome;
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseSamlMetadataProbe(YamlReader& r, const YAML::Node& node,
                                                          const std::string& what) {
  auto config = std::make_shared<SamlMetadataConfig>();
  config->url = r.String(node, "url", false, what).value_or("${saml_metadata_url}");
  config->role = r.Enum(node, "role", {"idp", "sp"}, false, what).value_or("idp");
  YAML::Node expect = node["expect"];
  std::string where = what + ".expect";
  if (!expect) {
    r.Error(node,
            what + ": missing required key 'expect' ({certificate_valid_days, https_endpoints})");
    return nullptr;
  }
  if (!r.ExpectMap(expect, where)) return nullptr;
  r.CheckKeys(expect, {"certificate_valid_days", "https_endpoints"}, where);
  std::optional<long> days = r.Integer(expect, "certificate_valid_days", false, where);
  if (days && (*days < 0 || *days > 3650))
    r.Error(expect["certificate_valid_days"], where + ": between 0 and 3650");
  if (days) config->certificate_valid_days = static_cast<int>(*days);
  config->https_endpoints = r.Boolean(expect, "https_endpoints", false, where).value_or(false);
  if (!config->certificate_valid_days && !config->https_endpoints) {
    r.Error(expect, where + ": nothing to check (certificate_valid_days or https_endpoints: true)");
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
  std::string error;
  std::optional<std::string> url = ExpandVariables(config.url, variables, &error);
  if (url && url->empty())
    error = "the target profile gives no SAML metadata URL (sso.saml_metadata)";
  if (!url || url->empty()) {
    ProbeOutcome outcome;
    outcome.message = error;
    return done(outcome);
  }
  Request request;
  request.url = *url;
  const Redactor* redactor = context.redactor;
  Executor* executor = context.executor;
  context.transport->Submit(
      request, [&config, url = *url, redactor, executor, done](const FetchResult& r) {
        RunBounded<ProbeOutcome>(
            executor, [&config, url, r, redactor] { return Judge(config, url, r, *redactor); },
            [url, redactor, done](std::optional<ProbeOutcome> outcome) {
              if (outcome) return done(std::move(*outcome));
              ProbeOutcome timed_out;
              timed_out.message = redactor->Redact(url + ": " + kAnalysisTimedOut);
              done(timed_out);
            });
      });
}

}  // namespace sdetcheck
