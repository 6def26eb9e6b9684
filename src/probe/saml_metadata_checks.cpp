#include "probe/saml_metadata_checks.h"

#include <algorithm>
#include <optional>

#include "util/redactor.h"
#include "util/x509.h"

namespace sdetcheck {
namespace {

constexpr size_t kMaxEntityId = 1024;  // saml-metadata-2.0-os §2.3.2 (entityID)
constexpr const char* kProtocol = "urn:oasis:names:tc:SAML:2.0:protocol";
constexpr const char* kBindingPrefix = "urn:oasis:names:tc:SAML:2.0:bindings:";

const std::vector<std::string>& KnownBindings() {
  static const std::vector<std::string> known = {"HTTP-Redirect", "HTTP-POST", "HTTP-Artifact",
                                                 "SOAP",          "PAOS",      "URI"};
  return known;
}

Check EntityIdCheck(const SamlDescriptor& d, size_t evidence, const Redactor& redactor) {
  std::string shown = redactor.Redact(d.entity_id);
  bool uri =
      d.entity_id.find(':') != std::string::npos && d.entity_id.find(' ') == std::string::npos;
  bool ok = uri && d.entity_id.size() <= kMaxEntityId;
  Check check = SamlCheck(
      "saml.metadata.entity_id", shown, ok ? CheckState::kPass : CheckState::kFail,
      ok ? Msg("saml.metadata.entity_id.pass", {{"entity_id", shown}})
         : Msg("saml.metadata.entity_id.fail", {{"length", std::to_string(d.entity_id.size())}}),
      evidence);
  check.expected = "absolute URI, at most 1024 characters";
  check.observed = shown.empty() ? "(absent)" : shown;
  return check;
}

// An expired validUntil on `f`, as a failed check; nullopt when there is none or it is ahead.
std::optional<Check> ExpiredAt(const SamlFreshness& f, std::time_t now, size_t evidence) {
  if (f.valid_until.empty()) return std::nullopt;
  std::optional<std::time_t> until = ParseXmlDateTime(f.valid_until);
  if (until && *until > now) return std::nullopt;
  Check check = SamlCheck(
      "saml.metadata.valid_until", f.element, CheckState::kFail,
      Msg(until ? "saml.metadata.valid_until.expired" : "saml.metadata.valid_until.unreadable",
          {{"element", f.element}, {"valid_until", f.valid_until}}),
      evidence);
  check.expected = "validUntil after now";
  check.observed = f.element + "@validUntil=" + f.valid_until;
  return check;
}

Check FreshnessCheck(const SamlDescriptor& d, std::time_t now, size_t evidence) {
  for (const SamlFreshness* f : {&d.root, &d.descriptor}) {
    if (std::optional<Check> expired = ExpiredAt(*f, now, evidence)) return *expired;
  }
  const SamlFreshness& root = d.root;
  bool fresh = !root.valid_until.empty() || !root.cache_duration.empty();
  Check check = SamlCheck(
      "saml.metadata.valid_until", root.element, fresh ? CheckState::kPass : CheckState::kFail,
      fresh ? Msg("saml.metadata.valid_until.pass",
                  {{"element", root.element},
                   {"valid_until", root.valid_until.empty() ? "-" : root.valid_until},
                   {"cache_duration", root.cache_duration.empty() ? "-" : root.cache_duration}})
            : Msg("saml.metadata.valid_until.missing", {{"element", root.element}}),
      evidence);
  check.expected = "validUntil or cacheDuration on the root element";
  check.observed =
      root.element + "@validUntil=" + root.valid_until + " @cacheDuration=" + root.cache_duration;
  return check;
}

Check ProtocolCheck(const SamlDescriptor& d, const std::string& role, size_t evidence) {
  bool ok = (" " + d.protocols + " ").find(std::string(" ") + kProtocol + " ") != std::string::npos;
  Check check = SamlCheck(
      "saml.metadata.protocol", role, ok ? CheckState::kPass : CheckState::kFail,
      Msg(ok ? "saml.metadata.protocol.pass" : "saml.metadata.protocol.fail", {{"role", role}}),
      evidence);
  check.expected = kProtocol;
  check.observed = d.protocols;
  return check;
}

std::string BindingName(const std::string& binding) {
  if (binding.rfind(kBindingPrefix, 0) != 0) return "";
  std::string name = binding.substr(std::string(kBindingPrefix).size());
  const auto& known = KnownBindings();
  return std::find(known.begin(), known.end(), name) != known.end() ? name : "";
}

// Every service names a known binding, and the IdP offers single sign-on over a front channel.
Check BindingCheck(const SamlDescriptor& d, const std::string& role, size_t evidence,
                   const Redactor& redactor) {
  std::string browser_sso;
  std::string observed;
  for (const SamlService& s : d.services) {
    std::string name = BindingName(s.binding);
    observed += s.element + "=" + (s.binding.empty() ? "(none)" : s.binding) + "\n";
    if (name.empty()) {
      std::string shown = redactor.Redact(s.location);
      Check check = SamlCheck(
          "saml.metadata.binding", shown, CheckState::kFail,
          Msg("saml.metadata.binding.unknown", {{"service", s.element}, {"binding", s.binding}}),
          evidence);
      check.observed = s.binding;
      return check;
    }
    bool front = name == "HTTP-Redirect" || name == "HTTP-POST";
    if (s.element == (role == "sp" ? "AssertionConsumerService" : "SingleSignOnService") && front)
      browser_sso += (browser_sso.empty() ? "" : ", ") + name;
  }
  bool ok = !browser_sso.empty();
  Check check = SamlCheck("saml.metadata.binding", role, ok ? CheckState::kPass : CheckState::kFail,
                          ok ? Msg("saml.metadata.binding.pass", {{"bindings", browser_sso}})
                             : Msg("saml.metadata.binding.no_browser_sso", {{"role", role}}),
                          evidence);
  check.expected = "HTTP-Redirect or HTTP-POST single sign-on";
  check.observed = observed;
  return check;
}

Check NameIdCheck(const SamlDescriptor& d, const std::string& role, size_t evidence) {
  std::string formats;
  for (const std::string& f : d.name_id_formats) formats += (formats.empty() ? "" : ", ") + f;
  bool any = !formats.empty();
  // NameIDFormat is optional in the metadata schema: its absence is not a violation.
  Check check = SamlCheck(
      "saml.metadata.name_id_format", role, any ? CheckState::kPass : CheckState::kNotApplicable,
      Msg(any ? "saml.metadata.name_id_format.pass" : "saml.metadata.name_id_format.none",
          {{"formats", formats}}),
      evidence);
  check.observed = formats;
  return check;
}

Check SingleLogoutCheck(const SamlDescriptor& d, const std::string& role, size_t evidence) {
  size_t count = std::count_if(d.services.begin(), d.services.end(), [](const SamlService& s) {
    return s.element == "SingleLogoutService";
  });
  Check check = SamlCheck(
      "saml.metadata.single_logout", role, count > 0 ? CheckState::kPass : CheckState::kFail,
      Msg(count > 0 ? "saml.metadata.single_logout.pass" : "saml.metadata.single_logout.fail",
          {{"count", std::to_string(count)}}),
      evidence);
  check.expected = "at least one SingleLogoutService";
  check.observed = std::to_string(count);
  return check;
}

Check RequestsSignedCheck(const SamlDescriptor& d, const std::string& role, size_t evidence) {
  const char* attribute = role == "sp" ? "AuthnRequestsSigned" : "WantAuthnRequestsSigned";
  bool yes = d.requests_signed == "true" || d.requests_signed == "1";
  Check check = SamlCheck(
      "saml.metadata.requests_signed", role, yes ? CheckState::kPass : CheckState::kFail,
      Msg(yes ? "saml.metadata.requests_signed.pass" : "saml.metadata.requests_signed.fail",
          {{"attribute", attribute}}),
      evidence);
  check.expected = std::string(attribute) + "=\"true\"";
  check.observed = d.requests_signed.empty() ? "(absent: false)" : d.requests_signed;
  return check;
}

Check KeyUseCheck(const SamlKey& key, size_t index, size_t evidence) {
  bool ok = key.use.empty() || key.use == "signing" || key.use == "encryption";
  std::string subject = "KeyDescriptor #" + std::to_string(index + 1);
  Check check =
      SamlCheck("saml.certificate.use", subject, ok ? CheckState::kPass : CheckState::kFail,
                Msg(ok ? "saml.certificate.use.pass" : "saml.certificate.use.fail",
                    {{"use", key.use.empty() ? "signing+encryption" : key.use}}),
                evidence);
  check.expected = "signing | encryption | (absent)";
  check.observed = key.use;
  return check;
}

void StrengthChecks(const CertificateInfo& info, const std::string& subject, size_t evidence,
                    std::vector<Check>* out) {
  int minimum = info.key_type == "EC" ? 256 : 2048;
  bool strong = (info.key_type == "RSA" || info.key_type == "EC") && info.key_bits >= minimum;
  Check key =
      SamlCheck("saml.certificate.key", subject, strong ? CheckState::kPass : CheckState::kFail,
                Msg(strong ? "saml.certificate.key.pass" : "saml.certificate.key.fail",
                    {{"type", info.key_type}, {"bits", std::to_string(info.key_bits)}}),
                evidence);
  key.expected = "RSA >= 2048 bits or EC >= 256 bits";
  key.observed = info.key_type + " " + std::to_string(info.key_bits);
  out->push_back(std::move(key));
  bool weak = info.weak_signature_hash;
  Check algorithm = SamlCheck("saml.certificate.signature_algorithm", subject,
                              weak ? CheckState::kFail : CheckState::kPass,
                              Msg(weak ? "saml.certificate.signature_algorithm.fail"
                                       : "saml.certificate.signature_algorithm.pass",
                                  {{"algorithm", info.signature_algorithm}}),
                              evidence);
  algorithm.expected = "no SHA-1 or MD5";
  algorithm.observed = info.signature_algorithm;
  out->push_back(std::move(algorithm));
}

}  // namespace

Check SamlCheck(const char* key, std::string subject, CheckState state, Message message,
                size_t evidence) {
  Check check;
  check.key = key;
  check.subject = std::move(subject);
  check.state = state;
  check.message = std::move(message);
  check.evidence.push_back(evidence);
  return check;
}

std::vector<Check> SamlStructureChecks(const SamlDescriptor& d, const std::string& role,
                                       std::time_t now, size_t evidence, const Redactor& redactor) {
  std::vector<Check> checks;
  checks.push_back(EntityIdCheck(d, evidence, redactor));
  checks.push_back(FreshnessCheck(d, now, evidence));
  checks.push_back(ProtocolCheck(d, role, evidence));
  checks.push_back(BindingCheck(d, role, evidence, redactor));
  return checks;
}

std::vector<Check> SamlPracticeChecks(const SamlDescriptor& d, const std::string& role,
                                      size_t evidence) {
  std::vector<Check> checks;
  checks.push_back(NameIdCheck(d, role, evidence));
  checks.push_back(SingleLogoutCheck(d, role, evidence));
  checks.push_back(RequestsSignedCheck(d, role, evidence));
  return checks;
}

std::vector<Check> SamlCertificateStrengthChecks(const SamlDescriptor& d, std::time_t now,
                                                 size_t evidence, const Redactor& redactor) {
  std::vector<Check> checks;
  for (size_t i = 0; i < d.keys.size(); ++i) {
    const SamlKey& key = d.keys[i];
    checks.push_back(KeyUseCheck(key, i, evidence));
    if (key.certificate.empty()) continue;
    std::string error;
    std::optional<CertificateInfo> info = InspectCertificate(key.certificate, now, 0, &error);
    std::string subject =
        info ? redactor.Redact(info->subject) : "KeyDescriptor #" + std::to_string(i + 1);
    if (!info) {
      Check check = SamlCheck("saml.certificate.key", subject, CheckState::kFail,
                              Msg("saml.certificate.unreadable"), evidence);
      check.observed = redactor.Redact(error);
      checks.push_back(std::move(check));
      continue;
    }
    StrengthChecks(*info, subject + " (" + (key.use.empty() ? "signing+encryption" : key.use) + ")",
                   evidence, &checks);
  }
  return checks;
}

}  // namespace sdetcheck
