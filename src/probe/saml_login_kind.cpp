#include "probe/saml_login_kind.h"

#include <ctime>

#include <pugixml.hpp>

#include "engine/login_plan.h"
#include "html/document.h"
#include "net/url.h"
#include "probe/account_fan_out.h"
#include "probe/flow.h"
#include "probe/http_record.h"
#include "probe/login_form.h"
#include "probe/saml_metadata.h"
#include "probe/saml_metadata_checks.h"
#include "probe/saml_request.h"
#include "probe/saml_response.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "xml/names.h"
#include "xml/signature.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

constexpr const char* kRedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

struct SamlLoginConfig : ProbeConfig {
  std::string url = "${saml_metadata_url}";
  std::string account = "each_profile";  // every account it names logs in (login_plan.h)
  bool unsigned_refused = false;  // expect {unsigned_request: refused}; else {response: valid}
};

struct LoginRun {
  const SamlLoginConfig* config = nullptr;
  std::string metadata_url;
  const Account* account = nullptr;
  ProbeContext context;
  ProbeOutcome outcome;
  ProbeDone done;
  size_t last = 0;  // the last exchange recorded

  void Exchange(const std::string& method, const std::string& url, const FetchResult& r) {
    last = outcome.AddEvidence(RecordExchange(method, url, r, *context.redactor));
  }
  SamlDescriptor idp;        // the IdP metadata
  SamlAuthnRequest request;  // the request sent
  std::string sso_origin;    // where the login stays

  Check& Add(const char* key, CheckState state, Message message, const std::string& observed = "") {
    outcome.checks.push_back(SamlCheck(key, account->id, state, std::move(message), last));
    outcome.checks.back().observed = context.redactor->Redact(observed);
    outcome.checks.back().account = account->id;
    return outcome.checks.back();
  }
  void Finish() { done(std::move(outcome)); }
};
using RunPtr = std::shared_ptr<LoginRun>;

const HtmlInput* NamedInput(const HtmlForm& form, const std::string& name) {
  for (const HtmlInput& input : form.inputs) {
    if (input.name == name) return &input;
  }
  return nullptr;
}

// The fields a browser posts when the user types login and password and presses Enter
// (kept small: probe/cas_kind.cpp has the complete rules; to be shared).
std::string RedirectSso(const SamlDescriptor& d) {
  for (const SamlService& s : d.services) {
    if (s.element == "SingleSignOnService" && s.binding == kRedirectBinding) return s.location;
  }
  return "";
}

std::vector<std::string> CertificatesDer(const SamlDescriptor& d) {
  std::vector<std::string> out;
  for (const std::string& base64 : d.signing_certificates) {
    std::string der = CertificateDer(base64);
    if (!der.empty()) out.push_back(der);
  }
  return out;
}

// The SAMLResponse value of the first form carrying one, or "".
std::string SamlResponseOf(const FormsFound& found) {
  for (const HtmlForm& form : found.forms) {
    if (const HtmlInput* input = NamedInput(form, "SAMLResponse")) return input->value;
  }
  return "";
}

struct Decoded {
  std::string xml;
  bool success = false;  // top-level StatusCode Success
};

Decoded DecodeResponse(const std::string& value) {
  Decoded d;
  std::optional<std::string> xml = Base64Decode(value);
  if (!xml || xml->size() > kMaxSignedXmlBytes) return d;
  d.xml = std::move(*xml);
  SignedXml doc(d.xml);
  pugi::xml_document tree;
  if (!doc.Ok() || !tree.load_buffer(d.xml.data(), d.xml.size(), pugi::parse_default)) return d;
  // The top-level status only (a nested StatusCode refines it, never replaces it).
  pugi::xml_node root = tree.document_element();
  std::string status = XmlChild(XmlChild(root, "Status"), "StatusCode").attribute("Value").value();
  d.success = doc.Root().ns == kSamlProtocolNs && doc.Root().local_name == "Response" &&
              status == "urn:oasis:names:tc:SAML:2.0:status:Success";
  return d;
}

std::vector<Check> Judge(const std::string& xml, const SamlExpectations& expect, size_t evidence) {
  return JudgeSamlResponse(xml, expect, evidence);
}

// Same origin as the IdP's single sign-on: the login stays on the IdP.
BrowserSession::FollowPolicy StayOn(const std::string& origin) {
  return [origin](const std::string& location) { return OriginOf(location) == origin; };
}

// After the login: the SAMLResponse read from the auto-submit form (never posted), judged.
Flow Conclude(RunPtr run, std::string response) {
  std::optional<Decoded> decoded =
      co_await Analysed<Decoded>(run->context.executor, DecodeResponse, response);
  if (run->config->unsigned_refused) {
    bool accepted = decoded && decoded->success;
    run->Add("saml.login.unsigned_request", accepted ? CheckState::kFail : CheckState::kPass,
             Msg(accepted ? "saml.login.unsigned_accepted" : "saml.login.unsigned_refused"),
             response.empty() ? "no SAMLResponse"
             : accepted       ? "Success"
                              : "not Success");
    co_return run->Finish();
  }
  if (response.empty() || !decoded || decoded->xml.empty()) {
    run->Add("saml.login.response", CheckState::kError, Msg("saml.login.no_response"));
    co_return run->Finish();
  }
  const SamlServiceProvider& sp = run->context.target->saml_sp;
  SamlExpectations expect{run->idp.entity_id,        sp.entity_id,      sp.acs_url, run->request.id,
                          CertificatesDer(run->idp), std::time(nullptr)};
  std::optional<std::vector<Check>> checks = co_await Analysed<std::vector<Check>>(
      run->context.executor, Judge, decoded->xml, expect, run->last);
  if (!checks) run->Add("saml.login.response", CheckState::kError, Msg("saml.login.no_response"));
  for (Check& check : checks.value_or(std::vector<Check>{})) {
    check.subject = run->account->id;
    check.account = run->account->id;
    check.observed = run->context.redactor->Redact(check.observed);
    run->outcome.checks.push_back(std::move(check));
  }
  run->Finish();
}

// The request sent through the browser, the login form filled when the IdP shows one.
Flow SignIn(RunPtr run) {
  auto session = BrowserSession::Create(run->context.transport, run->context.max_redirects);
  Request first;
  first.url = run->request.url;
  Browsed page = co_await Browse(session, first, StayOn(run->sso_origin));
  run->Exchange("GET", first.url, page.result);
  if (!page.result.ok) {
    run->Add("saml.login.form", CheckState::kError, TransportProblem(page.result));
    co_return run->Finish();
  }
  std::optional<FormsFound> forms =
      co_await Analysed<FormsFound>(run->context.executor, FormsOf, page.result.response.body);
  std::string response = forms ? SamlResponseOf(*forms) : "";
  const HtmlForm* login = forms ? PasswordForm(*forms) : nullptr;
  if (response.empty() && login == nullptr) {
    run->Add("saml.login.form", CheckState::kError, Msg("saml.login.no_form"),
             "HTTP " + std::to_string(page.result.response.status));
    co_return run->Finish();
  }
  if (response.empty()) {
    std::string page_url = page.result.response.effective_url;
    std::string action = FormTarget(*login, page_url);
    if (!run->context.target->AcceptsCredentials(action)) {
      run->Add("saml.login.form", CheckState::kError, Msg("saml.login.form_elsewhere"),
               OriginOf(action));
      co_return run->Finish();
    }
    Request post = FormPost(page_url, action,
                            FillForm(*login, run->account->login, run->account->password.value));
    Browsed answer = co_await Browse(session, post, StayOn(run->sso_origin));
    run->Exchange("POST", action, answer.result);
    if (!answer.result.ok) {
      run->Add("saml.login.form", CheckState::kError, TransportProblem(answer.result));
      co_return run->Finish();
    }
    forms =
        co_await Analysed<FormsFound>(run->context.executor, FormsOf, answer.result.response.body);
    // The login form again: the password was refused, the request was never judged.
    if (!forms || PasswordForm(*forms) != nullptr) {
      run->Add("saml.login.form", CheckState::kError, Msg("saml.login.login_refused"));
      co_return run->Finish();
    }
    response = SamlResponseOf(*forms);
  }
  Conclude(run, response);
}

// The IdP metadata read, the request built (signed with the SP key unless the probe checks
// that unsigned ones are refused).
Flow LoginFlow(RunPtr run) {
  Request metadata_request;
  metadata_request.url = run->metadata_url;
  FetchResult metadata = co_await Send(run->context.transport, metadata_request);
  run->Exchange("GET", run->metadata_url, metadata);
  if (!metadata.ok || metadata.response.status != 200) {
    run->Add("saml.login.metadata", CheckState::kError, Msg("saml.login.metadata_unavailable"),
             metadata.ok ? "HTTP " + std::to_string(metadata.response.status) : metadata.error);
    co_return run->Finish();
  }
  std::optional<SamlDescriptor> d = co_await Analysed<SamlDescriptor>(
      run->context.executor, ReadSamlDescriptor, metadata.response.body, std::string("idp"));
  std::string sso = d ? RedirectSso(*d) : "";
  if (sso.empty()) {
    run->Add("saml.login.metadata", CheckState::kError, Msg("saml.login.no_redirect_sso"));
    co_return run->Finish();
  }
  run->idp = std::move(*d);
  run->sso_origin = OriginOf(sso);
  bool wants_signed = run->idp.requests_signed == "true" || run->idp.requests_signed == "1";
  if (run->config->unsigned_refused && !wants_signed) {
    run->Add("saml.login.unsigned_request", CheckState::kNotApplicable,
             Msg("saml.login.unsigned_not_required"));
    co_return run->Finish();
  }
  const SamlServiceProvider& sp = run->context.target->saml_sp;
  std::string key = run->config->unsigned_refused ? "" : sp.signing_key.value;
  std::string error;
  std::optional<SamlAuthnRequest> request =
      BuildAuthnRequest(sso, sp.entity_id, sp.acs_url, std::time(nullptr), key, &error);
  if (!request) {
    run->Add("saml.login.request", CheckState::kError, Msg("saml.login.request_failed"), error);
    co_return run->Finish();
  }
  run->request = std::move(*request);
  SignIn(run);
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseSamlLoginProbe(YamlReader& r, const YamlNode& node,
                                                       const std::string& what) {
  auto config = std::make_shared<SamlLoginConfig>();
  config->url = r.String(node, "url", false, what).value_or("${saml_metadata_url}");
  config->account = r.String(node, "account", false, what).value_or(config->account);
  YamlNode expect = node["expect"];
  std::string where = what + ".expect";
  if (!expect || !r.ExpectMap(expect, where)) {
    r.Error(node, what + ": expect must be {response: valid} or {unsigned_request: refused}");
    return nullptr;
  }
  r.CheckKeys(expect, {"response", "unsigned_request"}, where);
  std::optional<std::string> response = r.Enum(expect, "response", {"valid"}, false, where);
  std::optional<std::string> refused =
      r.Enum(expect, "unsigned_request", {"refused"}, false, where);
  if (response.has_value() == refused.has_value()) {
    r.Error(expect, where + ": exactly one of response: valid or unsigned_request: refused");
    return nullptr;
  }
  config->unsigned_refused = refused.has_value();
  return config;
}

std::vector<std::string> SamlLoginProbeVariables(const ProbeConfig& base) {
  const auto& config = static_cast<const SamlLoginConfig&>(base);
  std::vector<std::string> names = ReferencedVariables(config.url);
  for (std::string& name : ReferencedVariables(config.account)) names.push_back(std::move(name));
  return names;
}

void RunSamlLoginProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                       ProbeDone done) {
  const auto& config = static_cast<const SamlLoginConfig&>(base);
  Message error;
  std::optional<std::string> url = ExpandVariables(config.url, variables, &error);
  if (!url) return done(SetupError(error));
  // A target without SAML says so first, whatever accounts it lacks too.
  if (url->empty())
    return done(SetupError(Msg("variable.not_in_target", {{"name", "saml_metadata_url"}})));
  std::optional<std::string> account_id = ExpandVariables(config.account, variables, &error);
  if (!account_id) return done(SetupError(error));
  if (!context.target) return done(SetupError(Msg("probe.no_target")));
  const SamlServiceProvider& sp = context.target->saml_sp;
  if (sp.entity_id.empty() || sp.acs_url.empty()) {
    Check none =
        SamlCheck("saml.login", "", CheckState::kNotApplicable, Msg("saml.login.no_sp"), 0);
    none.evidence.clear();
    return done(SingleCheck(std::move(none)));
  }
  std::vector<const Account*> accounts = SelectAccounts(*account_id, *context.target, &error);
  if (accounts.empty()) return done(SetupError(error));
  auto flow = [&config, metadata_url = *url, context](const Account& account, ProbeDone finish) {
    auto run = std::make_shared<LoginRun>();
    run->config = &config;
    run->metadata_url = metadata_url;
    run->account = &account;
    run->context = context;
    run->done = std::move(finish);
    LoginFlow(run);
  };
  FanOutAccounts(accounts, flow, std::move(done));
}

}  // namespace sdetcheck
