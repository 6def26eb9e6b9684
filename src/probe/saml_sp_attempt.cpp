#include "probe/saml_sp_attempt.h"

#include <ctime>
#include <optional>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "net/url.h"
#include "probe/flow.h"
#include "probe/http_record.h"
#include "probe/saml_request.h"
#include "target/profile.h"
#include "util/base64.h"
#include "util/redactor.h"
#include "xml/names.h"

namespace sdetcheck {
namespace {

using AttemptPtr = std::shared_ptr<SpRun>;

// The ENT's request to the test IdP, read from the redirect the ENT answered with.
struct EntRequest {
  std::string id;  // the AuthnRequest's ID: the Response's InResponseTo
  std::string relay_state;
  bool found = false;
};

struct Built {
  std::string value;  // base64 of the Response
  std::string error;
};

// The SAMLRequest of a redirect to the test IdP's SSO URL: its ID and the RelayState.
EntRequest RequestIn(const std::string& location, const std::string& sso_url) {
  EntRequest out;
  // The SSO URL itself, then its query: never a longer path that merely starts the same.
  bool at_sso = !sso_url.empty() && location.rfind(sso_url, 0) == 0 &&
                (location.size() == sso_url.size() || location[sso_url.size()] == '?' ||
                 location[sso_url.size()] == '&');
  if (!at_sso) return out;
  std::optional<std::string> xml =
      InflateRedirectMessage(QueryParameter(location, "SAMLRequest").value_or(""));
  pugi::xml_document doc;
  if (!xml || !doc.load_buffer(xml->data(), xml->size(), pugi::parse_default)) return out;
  pugi::xml_node root = doc.document_element();
  if (std::string(XmlLocalName(root)) != "AuthnRequest") return out;
  out.id = root.attribute("ID").value();
  out.relay_state = QueryParameter(location, "RelayState").value_or("");
  out.found = !out.id.empty();
  return out;
}

Built BuildResponse(const SamlIdpResponse& spec, ResponseDefect defect,
                    const std::string& key_pem) {
  Built built;
  std::optional<std::string> xml = SignedSamlIdpResponse(spec, defect, key_pem, &built.error);
  if (xml) built.value = Base64Encode(*xml);
  return built;
}

SamlIdpResponse ResponseFor(const EntServiceProvider& sp, const std::string& in_response_to) {
  SamlIdpResponse spec;
  spec.idp_entity_id = sp.idp_entity_id;
  spec.sp_entity_id = sp.entity_id;
  spec.acs_url = sp.acs_url;
  spec.in_response_to = in_response_to;
  spec.name_id = sp.name_id;
  for (const auto& [name, value] : sp.attributes) spec.attributes.push_back({name, {value}});
  spec.now = std::time(nullptr);
  return spec;
}

// A browser stays on the ENT: redirects to the origins of its session page and ACS only.
BrowserSession::FollowPolicy OnTheEnt(const EntServiceProvider& sp) {
  std::string session_origin = OriginOf(sp.session_url);
  std::string acs_origin = OriginOf(sp.acs_url);
  return [session_origin, acs_origin](const std::string& location) {
    std::string origin = OriginOf(location);
    return origin == session_origin || origin == acs_origin;
  };
}

Request Get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

struct Attempt {
  AttemptPtr run;
  AttemptDone done;
  SpAttempt result;

  void Record(const std::string& method, const std::string& url, const FetchResult& r) {
    result.evidence =
        run->outcome.AddEvidence(RecordExchange(method, url, r, *run->context.redactor));
    result.observed = r.ok ? "HTTP " + std::to_string(r.response.status) : r.error;
  }
  void Fail(Message why, std::string observed = "") {
    result.seen = SessionSeen::kError;
    result.why = std::move(why);
    if (!observed.empty()) result.observed = std::move(observed);
    done(std::move(result));
  }
};
using Step = std::shared_ptr<Attempt>;

std::string LocationOf(const FetchResult& r) {
  std::vector<std::string> values = r.response.HeaderValues("Location");
  return values.empty() ? "" : ResolveUrl(r.response.effective_url, values.front());
}

bool RedirectedAway(const FetchResult& r) {
  return r.response.status >= 300 && r.response.status < 400;
}

// The session page, after the post: a session or none.
Flow AskSession(Step step, std::shared_ptr<BrowserSession> browser) {
  const EntServiceProvider& sp = *step->run->sp;
  Browsed page = co_await Browse(browser, Get(sp.session_url), OnTheEnt(sp));
  step->Record("GET", sp.session_url, page.result);
  if (!page.result.ok) co_return step->Fail(TransportProblem(page.result));
  std::optional<FormsFound> forms = co_await Analysed<FormsFound>(
      step->run->context.executor, FormsOf, page.result.response.body);
  step->result.seen = SessionOf(page.result.response.status, RedirectedAway(page.result),
                                forms ? &*forms : nullptr);
  if (step->result.seen == SessionSeen::kError) {
    step->result.why =
        Msg("saml.sp.session_unclear", {{"status", std::to_string(page.result.response.status)}});
  }
  step->done(std::move(step->result));
}

// The Response posted to the ACS as the test IdP's auto-submit form does.
Flow PostResponse(Step step, std::shared_ptr<BrowserSession> browser, std::string relay_state) {
  const EntServiceProvider& sp = *step->run->sp;
  std::vector<std::pair<std::string, std::string>> fields = {
      {"SAMLResponse", step->result.saml_response}};
  if (!relay_state.empty()) fields.emplace_back("RelayState", relay_state);
  std::string idp_page =
      sp.idp_sso_url.empty() ? "https://test-idp.sdetcheck.invalid/sso" : sp.idp_sso_url;
  Browsed posted = co_await Browse(browser, FormPost(idp_page, sp.acs_url, fields), OnTheEnt(sp));
  step->Record("POST", sp.acs_url, posted.result);
  if (!posted.result.ok) co_return step->Fail(TransportProblem(posted.result));
  AskSession(step, browser);
}

// A fresh browser: the ENT's own request first, then a Response to it.
Flow Respond(Step step, std::shared_ptr<BrowserSession> browser, ResponseDefect defect) {
  const EntServiceProvider& sp = *step->run->sp;
  Browsed start = co_await Browse(browser, Get(sp.session_url), OnTheEnt(sp));
  step->Record("GET", sp.session_url, start.result);
  if (!start.result.ok) co_return step->Fail(TransportProblem(start.result));
  EntRequest request = RequestIn(LocationOf(start.result), sp.idp_sso_url);
  if (!sp.idp_sso_url.empty() && !request.found) {
    co_return step->Fail(Msg("saml.sp.no_request"), step->result.observed);
  }
  std::optional<Built> built =
      co_await Analysed<Built>(step->run->context.executor, BuildResponse,
                               ResponseFor(sp, request.id), defect, sp.idp_signing_key.value);
  if (!built || built->value.empty()) {
    co_return step->Fail(Msg("saml.sp.build_failed"), built ? built->error : "");
  }
  step->result.saml_response = std::move(built->value);
  PostResponse(step, browser, request.relay_state);
}

}  // namespace

SessionSeen SessionOf(long status, bool redirected_away, const FormsFound* forms) {
  if (redirected_away || status == 401 || status == 403) return SessionSeen::kRefused;
  if (status != 200 || forms == nullptr || !forms->error.empty()) return SessionSeen::kError;
  if (PasswordForm(*forms) != nullptr) return SessionSeen::kRefused;
  for (const HtmlForm& form : forms->forms) {
    for (const HtmlInput& input : form.inputs) {
      if (input.name == "SAMLRequest") return SessionSeen::kRefused;  // sent to an IdP
    }
  }
  return SessionSeen::kOpened;
}

void StartSpAttempt(std::shared_ptr<SpRun> run, ResponseDefect defect, std::string replayed,
                    AttemptDone done) {
  auto browser = BrowserSession::Create(run->context.transport, run->context.max_redirects);
  auto step = std::make_shared<Attempt>();
  step->run = std::move(run);
  step->done = std::move(done);
  if (replayed.empty()) {
    Respond(step, browser, defect);
    return;
  }
  step->result.saml_response = std::move(replayed);
  PostResponse(step, browser, "");
}

}  // namespace sdetcheck
