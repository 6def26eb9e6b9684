#include "probe/oidc_kind.h"

#include <algorithm>
#include <ctime>

#include "engine/login_plan.h"
#include "html/document.h"
#include "net/browser_session.h"
#include "net/redirect.h"
#include "net/url.h"
#include "probe/account_fan_out.h"
#include "probe/flow.h"
#include "probe/http_record.h"
#include "probe/login_form.h"
#include "probe/oidc_documents.h"
#include "target/profile.h"
#include "util/json_text.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

// Where the unregistered-redirect check asks the provider to send the code: an origin no
// one can own (RFC 2606 .invalid), never followed.
constexpr const char* kUnregisteredRedirect = "https://unregistered.sdetcheck.invalid/callback";

struct OidcConfig : ProbeConfig {
  std::string check = "discovery";
  std::string url = "${oidc_discovery_url}";
  std::string account;
};

struct OidcRun {
  std::string check, discovery_url, subject;
  std::string login, password;
  OidcClient client;
  Transport* transport = nullptr;
  const Redactor* redactor = nullptr;
  const TargetProfile* target = nullptr;
  Executor* executor = nullptr;
  std::shared_ptr<BrowserSession> browser;
  OidcDiscovery discovery;
  JsonWebKeySet jwks;
  std::string state = RandomToken(), nonce = RandomToken(), verifier = RandomToken(48);
  std::string code;
  size_t last_exchange = 0;
  std::vector<std::string> pending_keys;  // checks still to come, in order
  ProbeOutcome outcome;
  ProbeDone done;
};
using RunPtr = std::shared_ptr<OidcRun>;

std::vector<std::string> PlannedKeys(const std::string& check) {
  if (check == "discovery") return {"oidc.discovery", "oidc.jwks"};
  std::vector<std::string> keys = {"oidc.discovery", "oidc.jwks", "oidc.authorization",
                                   "oidc.state"};
  if (check == "code_flow") {
    for (const char* key :
         {"oidc.token", "oidc.id_token.signature", "oidc.id_token.iss", "oidc.id_token.aud",
          "oidc.id_token.exp", "oidc.id_token.iat", "oidc.id_token.nonce", "oidc.userinfo.sub"}) {
      keys.emplace_back(key);
    }
  }
  if (check == "code_replay") keys.insert(keys.end(), {"oidc.token", "oidc.token.replay"});
  if (check == "pkce") keys.emplace_back("oidc.token.pkce");
  if (check == "redirect_uri") keys.emplace_back("oidc.redirect_uri");
  return keys;
}

void Step(const RunPtr& run, const std::string& method, const std::string& url,
          const FetchResult& r) {
  run->last_exchange = run->outcome.AddEvidence(RecordExchange(method, url, r, *run->redactor));
}

void Unplan(const RunPtr& run, const std::string& key) {
  auto planned = std::find(run->pending_keys.begin(), run->pending_keys.end(), key);
  if (planned != run->pending_keys.end()) run->pending_keys.erase(planned);
}

Check& Record(const RunPtr& run, const std::string& key, CheckState state, Message message,
              const std::string& observed = "", const std::string& subject = "") {
  Check check;
  check.key = key;
  check.subject = subject.empty() ? run->subject : run->redactor->Redact(subject);
  check.state = state;
  check.message = std::move(message);
  check.observed = run->redactor->RedactShort(observed, 300);
  check.evidence.push_back(run->last_exchange);
  Unplan(run, key);
  run->outcome.checks.push_back(std::move(check));
  return run->outcome.checks.back();
}

void RecordVerdict(const RunPtr& run, const OidcVerdict& v) {
  std::string subject = v.subject.empty() ? "" : run->subject + " · " + v.subject;
  Check& check = Record(run, v.key, v.ok ? CheckState::kPass : CheckState::kFail,
                        Msg(v.key + (v.ok ? ".pass" : ".fail")), v.observed, subject);
  check.expected = run->redactor->RedactShort(v.expected, 300);
}

// Ends the run: what was planned and not judged says which check stopped it.
void Finish(const RunPtr& run) {
  BlockPending(&run->outcome.checks, &run->pending_keys, run->subject);
  run->done(std::move(run->outcome));
}

void Stop(const RunPtr& run, const std::string& key, CheckState state, Message message,
          const std::string& observed = "") {
  Record(run, key, state, std::move(message), observed);
  Finish(run);
}

// A JSON answer with status 200, or the run stopped with an error saying why not.
bool Answered(const RunPtr& run, const std::string& key, const FetchResult& r) {
  if (!r.ok) {
    Check check = TransportCheck(key, run->subject, r, run->last_exchange, *run->redactor);
    Stop(run, key, CheckState::kError, check.message, r.error);
    return false;
  }
  if (r.response.status != 200) {
    Stop(run, key, CheckState::kError,
         Msg("oidc.status", {{"status", std::to_string(r.response.status)}}),
         "HTTP " + std::to_string(r.response.status));
    return false;
  }
  return true;
}

Request Get(const std::string& url) {
  Request request;
  request.url = url;
  request.coalesce = false;
  request.headers = {{"Accept", "application/json"}};
  return request;
}

}  // namespace

namespace {

// ------------------------------------------------------------------ the provider's answers

bool IsClientRedirect(const std::string& location, const std::string& redirect_uri) {
  std::string base = location.substr(0, location.find_first_of("?#"));
  return OriginOf(location) == OriginOf(redirect_uri) && base == redirect_uri;
}

// The Location sending the browser back to `redirect_uri`, never followed.
std::optional<std::string> RedirectTo(const FetchResult& r, const std::string& redirect_uri) {
  if (!IsRedirectStatus(r.response.status)) return std::nullopt;
  for (const std::string& location : r.response.HeaderValues("Location")) {
    std::string absolute = ResolveUrl(r.response.effective_url, location);
    if (IsClientRedirect(absolute, redirect_uri)) return absolute;
  }
  return std::nullopt;
}

// Redirects are followed while they stay on the provider and do not go to the client.
BrowserSession::FollowPolicy StayOnProvider(const RunPtr& run) {
  std::string origin = OriginOf(run->discovery.authorization_endpoint);
  std::string redirect_uri = run->client.redirect_uri;
  return [origin, redirect_uri](const std::string& location) {
    return OriginOf(location) == origin && !IsClientRedirect(location, redirect_uri);
  };
}

std::string AuthorizationUrl(const OidcRun& run, const std::string& redirect_uri) {
  std::string url = run.discovery.authorization_endpoint;
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"response_type", "code"},
           {"client_id", run.client.client_id},
           {"redirect_uri", redirect_uri},
           {"scope", "openid profile"},
           {"state", run.state},
           {"nonce", run.nonce},
           {"code_challenge", PkceChallenge(run.verifier)},
           {"code_challenge_method", "S256"}}) {
    url = WithQueryParameter(url, name, value);
  }
  return url;
}

struct TokenAnswer {
  std::string problem, error, id_token, access_token;
};

TokenAnswer ReadTokenAnswer(const std::string& body) {
  TokenAnswer answer;
  nlohmann::json doc;
  answer.problem = ParseJson(body, &doc);
  if (answer.problem.empty() && !doc.is_object()) answer.problem = "the JSON is not an object";
  if (!answer.problem.empty()) return answer;
  for (auto [name, field] :
       {std::pair{"error", &answer.error}, std::pair{"id_token", &answer.id_token},
        std::pair{"access_token", &answer.access_token}}) {
    auto found = doc.find(name);
    if (found != doc.end() && found->is_string()) *field = found->get<std::string>();
  }
  return answer;
}

// The token request for the code, authenticated as the provider says it accepts
// (client_secret_basic unless only client_secret_post is listed).
Request TokenRequest(const OidcRun& run, const std::string& verifier) {
  Request request = Get(run.discovery.token_endpoint);
  request.method = "POST";
  request.follow_redirects = false;
  std::vector<std::pair<std::string, std::string>> fields = {
      {"grant_type", "authorization_code"},
      {"code", run.code},
      {"redirect_uri", run.client.redirect_uri},
      {"code_verifier", verifier}};
  const std::vector<std::string>& methods = run.discovery.token_auth_methods;
  bool basic = methods.empty() ||
               std::find(methods.begin(), methods.end(), "client_secret_basic") != methods.end();
  if (basic) {
    request.headers.emplace_back("Authorization", "Basic " + OidcClientCredentials(run.client));
  } else {
    fields.emplace_back("client_id", run.client.client_id);
    fields.emplace_back("client_secret", run.client.client_secret.value);
  }
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.body = FormEncode(fields);
  return request;
}

std::string Status(const FetchResult& r, const TokenAnswer& answer) {
  return "HTTP " + std::to_string(r.response.status) +
         (answer.error.empty() ? "" : " error=" + answer.error);
}

}  // namespace

namespace {

// ------------------------------------------------------------------ the flows

struct Subject {
  std::string problem, sub;
};

Subject ReadSubject(const std::string& body) {
  Subject subject;
  nlohmann::json doc;
  subject.problem = ParseJson(body, &doc);
  if (subject.problem.empty() && !doc.is_object()) subject.problem = "the JSON is not an object";
  if (!subject.problem.empty()) return subject;
  auto sub = doc.find("sub");
  if (sub != doc.end() && sub->is_string()) subject.sub = sub->get<std::string>();
  return subject;
}

Flow Userinfo(RunPtr run, std::string access_token, std::string sub) {
  if (run->discovery.userinfo_endpoint.empty()) {
    Record(run, "oidc.userinfo.sub", CheckState::kNotApplicable, Msg("oidc.userinfo.none"));
    Finish(run);
    co_return;
  }
  Request request = Get(run->discovery.userinfo_endpoint);
  request.headers.emplace_back("Authorization", "Bearer " + access_token);
  FetchResult r = co_await Send(run->transport, request);
  Step(run, "GET", request.url, r);
  if (!Answered(run, "oidc.userinfo.sub", r)) co_return;
  std::optional<Subject> found =
      co_await Analysed<Subject>(run->executor, ReadSubject, r.response.body);
  if (!found) {
    Stop(run, "oidc.userinfo.sub", CheckState::kError, Msg("analysis.timeout"));
    co_return;
  }
  if (!found->problem.empty()) {
    Stop(run, "oidc.userinfo.sub", CheckState::kError, Msg("oidc.unreadable"), found->problem);
    co_return;
  }
  RecordVerdict(run, {"oidc.userinfo.sub", found->sub == sub, sub, found->sub, ""});
  Finish(run);
}

Flow VerifyTokens(RunPtr run, TokenAnswer answer) {
  std::optional<VerifiedIdToken> verified =
      co_await Analysed<VerifiedIdToken>(run->executor, VerifyIdToken, answer.id_token, run->jwks);
  if (!verified) {
    Stop(run, "oidc.id_token.signature", CheckState::kError, Msg("analysis.timeout"));
    co_return;
  }
  bool signed_ok = verified->problem.empty();
  Check& signature =
      Record(run, "oidc.id_token.signature", signed_ok ? CheckState::kPass : CheckState::kFail,
             Msg(signed_ok ? "oidc.id_token.signature.pass" : "oidc.id_token.signature.fail"),
             signed_ok ? "alg=" + verified->alg + " kid=" + verified->kid : verified->problem);
  signature.expected = "RS256, PS256 or ES256 with a JWKS key";
  if (!signed_ok) {
    Finish(run);
    co_return;
  }
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  for (const OidcVerdict& v : JudgeIdTokenClaims(verified->claims, run->discovery.issuer,
                                                 run->client.client_id, run->nonce, now)) {
    RecordVerdict(run, v);
  }
  Userinfo(run, answer.access_token, verified->claims.sub);
}

using TokenHandler = void (*)(const RunPtr& run, const FetchResult& r, const TokenAnswer& answer);

// Redeems the run's code with `verifier`, then hands the answer to `then`.
Flow Redeem(RunPtr run, std::string verifier, std::string key, TokenHandler then) {
  Request request = TokenRequest(*run, verifier);
  FetchResult r = co_await Send(run->transport, request);
  Step(run, "POST", request.url, r);
  if (!r.ok) {
    Check check = TransportCheck(key, run->subject, r, run->last_exchange, *run->redactor);
    Stop(run, key, CheckState::kError, check.message, r.error);
    co_return;
  }
  std::optional<TokenAnswer> answer =
      co_await Analysed<TokenAnswer>(run->executor, ReadTokenAnswer, r.response.body);
  if (!answer) {
    Stop(run, key, CheckState::kError, Msg("analysis.timeout"));
    co_return;
  }
  then(run, r, *answer);
}

// Tokens for a code redeemed as the client should: anything else is a flow the tool could
// not complete (a client misconfigured in the target, say), not a finding.
bool TokensIssued(const RunPtr& run, const FetchResult& r, const TokenAnswer& answer) {
  if (r.response.status == 200 && answer.problem.empty() && !answer.id_token.empty() &&
      !answer.access_token.empty()) {
    Record(run, "oidc.token", CheckState::kPass, Msg("oidc.token.pass"));
    return true;
  }
  Stop(run, "oidc.token", CheckState::kError,
       Msg("oidc.token.refused", {{"status", Status(r, answer)}}),
       answer.problem.empty() ? Status(r, answer) : answer.problem);
  return false;
}

// A redemption that must be refused: a 4xx answer without tokens.
void JudgeRefusal(const RunPtr& run, const std::string& key, const FetchResult& r,
                  const TokenAnswer& answer) {
  bool refused = r.response.status >= 400 && r.response.status < 500 &&
                 answer.access_token.empty() && answer.id_token.empty();
  Check& check = Record(run, key, refused ? CheckState::kPass : CheckState::kFail,
                        Msg(key + (refused ? ".pass" : ".fail")), Status(r, answer));
  check.expected = "HTTP 400 error=invalid_grant";
  Finish(run);
}

void OnTokens(const RunPtr& run, const FetchResult& r, const TokenAnswer& answer) {
  if (TokensIssued(run, r, answer)) VerifyTokens(run, answer);
}

void OnReplayed(const RunPtr& run, const FetchResult& r, const TokenAnswer& answer) {
  JudgeRefusal(run, "oidc.token.replay", r, answer);
}

void OnFirstRedemption(const RunPtr& run, const FetchResult& r, const TokenAnswer& answer) {
  if (TokensIssued(run, r, answer)) Redeem(run, run->verifier, "oidc.token.replay", OnReplayed);
}

void OnWrongVerifier(const RunPtr& run, const FetchResult& r, const TokenAnswer& answer) {
  JudgeRefusal(run, "oidc.token.pkce", r, answer);
}

// Logged in: the same request with a redirect_uri the client never registered.
Flow UnregisteredRedirect(RunPtr run) {
  Request request = Get(AuthorizationUrl(*run, kUnregisteredRedirect));
  request.headers.clear();
  BrowserSession::FollowPolicy follow = StayOnProvider(run);
  Browsed answer = co_await Browse(run->browser, request, follow);
  const FetchResult& r = answer.result;
  Step(run, "GET", request.url, r);
  if (!r.ok) {
    Check check =
        TransportCheck("oidc.redirect_uri", run->subject, r, run->last_exchange, *run->redactor);
    Stop(run, "oidc.redirect_uri", CheckState::kError, check.message, r.error);
    co_return;
  }
  std::optional<std::string> location = RedirectTo(r, kUnregisteredRedirect);
  std::string observed = "HTTP " + std::to_string(r.response.status);
  if (location) observed += " -> " + location->substr(0, location->find('?'));
  RecordVerdict(run, {"oidc.redirect_uri", !location,
                      "no redirect to " + std::string(kUnregisteredRedirect), observed, ""});
  Finish(run);
}

// The provider sent the browser back to the client: a code and the state, or an error.
void OnClientRedirect(const RunPtr& run, const std::string& location) {
  std::string error = QueryParameter(location, "error").value_or("");
  run->code = QueryParameter(location, "code").value_or("");
  if (!error.empty() || run->code.empty()) {
    return Stop(run, "oidc.authorization", CheckState::kError,
                Msg("oidc.authorization.no_code", {{"error", error.empty() ? "-" : error}}), error);
  }
  Record(run, "oidc.authorization", CheckState::kPass, Msg("oidc.authorization.pass"));
  std::string state = QueryParameter(location, "state").value_or("");
  RecordVerdict(run, {"oidc.state", state == run->state, run->state, state, ""});
  if (state != run->state) return Finish(run);
  if (run->check == "code_flow") Redeem(run, run->verifier, "oidc.token", OnTokens);
  if (run->check == "code_replay") Redeem(run, run->verifier, "oidc.token", OnFirstRedemption);
  if (run->check == "pkce") Redeem(run, RandomToken(48), "oidc.token.pkce", OnWrongVerifier);
  if (run->check == "redirect_uri") UnregisteredRedirect(run);
}

// Refuses to send the password where it does not belong (TargetProfile::AcceptsCredentials):
// a form posting in clear is a finding, one posting to another origin cannot be checked.
bool RefuseUnsafeForm(const RunPtr& run, const std::string& action) {
  if (run->target->AcceptsCredentials(action)) return false;
  std::string shown = action.substr(0, 200);
  bool plain = action.rfind("http://", 0) == 0;
  Stop(run, "oidc.authorization", plain ? CheckState::kFail : CheckState::kError,
       Msg(plain ? "oidc.form.plain_http" : "oidc.form.other_origin",
           {{"origin", run->redactor->Redact(OriginOf(action))}}),
       shown);
  return true;
}

Flow LogIn(RunPtr run, Response page) {
  std::optional<FormsFound> found =
      co_await Analysed<FormsFound>(run->executor, FormsOf, page.body);
  const HtmlForm* form = found ? PasswordForm(*found) : nullptr;
  if (!form) {
    Stop(run, "oidc.authorization", CheckState::kError,
         Msg("oidc.form.missing", {{"status", std::to_string(page.status)}}),
         found ? found->error : "analysis timed out");
    co_return;
  }
  std::string action = FormTarget(*form, page.effective_url);
  if (RefuseUnsafeForm(run, action)) co_return;
  Request post = FormPost(page.effective_url, action, FillForm(*form, run->login, run->password));
  BrowserSession::FollowPolicy follow = StayOnProvider(run);
  Browsed answer = co_await Browse(run->browser, post, follow);
  Step(run, "POST", action, answer.result);
  std::optional<std::string> location = RedirectTo(answer.result, run->client.redirect_uri);
  if (location) {
    OnClientRedirect(run, *location);
    co_return;
  }
  std::string status =
      answer.result.ok ? std::to_string(answer.result.response.status) : answer.result.error;
  Stop(run, "oidc.authorization", CheckState::kError,
       Msg("oidc.authorization.no_redirect", {{"status", status}}), status);
}

Flow Authorize(RunPtr run) {
  Request request = Get(AuthorizationUrl(*run, run->client.redirect_uri));
  request.headers = {{"Accept", "text/html"}};
  BrowserSession::FollowPolicy follow = StayOnProvider(run);
  Browsed answer = co_await Browse(run->browser, request, follow);
  Step(run, "GET", request.url, answer.result);
  if (!answer.result.ok) {
    Check check = TransportCheck("oidc.authorization", run->subject, answer.result,
                                 run->last_exchange, *run->redactor);
    Stop(run, "oidc.authorization", CheckState::kError, check.message, answer.result.error);
    co_return;
  }
  // An existing session answers at once; otherwise the provider shows its login form.
  if (std::optional<std::string> location = RedirectTo(answer.result, run->client.redirect_uri)) {
    OnClientRedirect(run, *location);
    co_return;
  }
  LogIn(run, answer.result.response);
}

Flow FetchKeys(RunPtr run) {
  Request request = Get(run->discovery.jwks_uri);
  FetchResult r = co_await Send(run->transport, request);
  Step(run, "GET", request.url, r);
  if (!Answered(run, "oidc.jwks", r)) co_return;
  std::optional<JsonWebKeySet> jwks =
      co_await Analysed<JsonWebKeySet>(run->executor, ReadJwks, r.response.body);
  if (!jwks || !jwks->problem.empty()) {
    Stop(run, "oidc.jwks", CheckState::kError, Msg(jwks ? "oidc.unreadable" : "analysis.timeout"),
         jwks ? jwks->problem : "");
    co_return;
  }
  run->jwks = *jwks;
  Unplan(run, "oidc.jwks");
  if (run->check != "discovery") {
    Authorize(run);
    co_return;
  }
  for (const OidcVerdict& v : run->jwks.verdicts) RecordVerdict(run, v);
  Finish(run);
}

// The client secret goes to the token endpoint and the access token to userinfo only over
// HTTPS, on the discovery document's origin or one the target trusts with credentials: a
// document could otherwise send them anywhere.
bool RefuseForeignEndpoints(const RunPtr& run) {
  std::string origin = OriginOf(run->discovery_url);
  for (const std::string* url :
       {&run->discovery.token_endpoint, &run->discovery.userinfo_endpoint}) {
    if (url->empty() || run->target->AcceptsCredentials(*url)) continue;
    if (url->rfind("https://", 0) == 0 && OriginOf(*url) == origin) continue;
    Stop(run, "oidc.discovery", CheckState::kError,
         Msg("oidc.endpoint.untrusted", {{"url", run->redactor->Redact(url->substr(0, 200))}}));
    return true;
  }
  return false;
}

Flow Discover(RunPtr run) {
  Request request = Get(run->discovery_url);
  FetchResult r = co_await Send(run->transport, request);
  Step(run, "GET", request.url, r);
  if (!Answered(run, "oidc.discovery", r)) co_return;
  std::optional<OidcDiscovery> discovery =
      co_await Analysed<OidcDiscovery>(run->executor, ReadDiscovery, r.response.body, request.url);
  if (!discovery || !discovery->problem.empty()) {
    Stop(run, "oidc.discovery", CheckState::kError,
         Msg(discovery ? "oidc.unreadable" : "analysis.timeout"),
         discovery ? discovery->problem : "");
    co_return;
  }
  run->discovery = *discovery;
  Unplan(run, "oidc.discovery");
  if (run->check == "discovery") {
    for (const OidcVerdict& v : run->discovery.verdicts) RecordVerdict(run, v);
  }
  const OidcDiscovery& d = run->discovery;
  if (d.jwks_uri.empty() || (run->check != "discovery" &&
                             (d.authorization_endpoint.empty() || d.token_endpoint.empty()))) {
    Stop(run, "oidc.discovery", CheckState::kError, Msg("oidc.discovery.unusable"));
    co_return;
  }
  if (run->check != "discovery" && RefuseForeignEndpoints(run)) co_return;
  FetchKeys(run);
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseOidcProbe(YamlReader& r, const YamlNode& node,
                                                  const std::string& what) {
  auto config = std::make_shared<OidcConfig>();
  std::optional<std::string> check = r.Enum(
      node, "check", {"discovery", "code_flow", "code_replay", "pkce", "redirect_uri"}, true, what);
  config->url = r.String(node, "url", false, what).value_or("${oidc_discovery_url}");
  std::optional<std::string> account = r.String(node, "account", false, what);
  if (!check) return nullptr;
  config->check = *check;
  // A flow logs in the first account of every profile unless told which (login_plan.h).
  config->account = account.value_or(config->check == "discovery" ? "" : "each_profile");
  if (config->check == "discovery" && account) {
    r.Error(node["account"], what + ": check discovery logs no one in: no 'account'");
    return nullptr;
  }
  return config;
}

std::vector<std::string> OidcProbeVariables(const ProbeConfig& base) {
  const auto& config = static_cast<const OidcConfig&>(base);
  std::vector<std::string> names = ReferencedVariables(config.url);
  for (std::string& name : ReferencedVariables(config.account)) names.push_back(std::move(name));
  return names;
}

namespace {

void StartRun(const OidcConfig& config, const std::string& url, const ProbeContext& context,
              const Account* account, ProbeDone done) {
  auto run = std::make_shared<OidcRun>();
  run->check = config.check;
  run->discovery_url = url;
  run->subject = context.redactor->Redact(url);
  if (account) {
    run->client = *context.target->oidc_client;
    run->login = account->login;
    run->password = account->password.value;
    run->subject = account->id + " -> " + run->client.client_id;
    run->browser = BrowserSession::Create(context.transport, context.max_redirects);
  }
  run->transport = context.transport;
  run->redactor = context.redactor;
  run->target = context.target;
  run->executor = context.executor;
  run->pending_keys = PlannedKeys(config.check);
  run->done = std::move(done);
  Discover(run);
}

}  // namespace

void RunOidcProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                  ProbeDone done) {
  const auto& config = static_cast<const OidcConfig&>(base);
  Message error;
  std::optional<std::string> url = ExpandVariables(config.url, variables, &error);
  if (url && url->empty()) error = Msg("variable.not_in_target", {{"name", "oidc_discovery_url"}});
  if (!url || url->empty()) return done(SetupError(std::move(error)));
  if (config.check == "discovery") return StartRun(config, *url, context, nullptr, std::move(done));
  std::optional<std::string> spec = ExpandVariables(config.account, variables, &error);
  if (!spec) return done(SetupError(error));
  if (!context.target) return done(SetupError(Msg("probe.no_target")));
  if (!context.target->oidc_client) {
    Check none;
    none.key = "oidc.client";
    none.state = CheckState::kNotApplicable;
    none.message = Msg("oidc.client.none");
    return done(SingleCheck(std::move(none)));
  }
  std::vector<const Account*> accounts = SelectAccounts(*spec, *context.target, &error);
  if (accounts.empty()) return done(SetupError(error));
  // Every account runs the flow in its own browser session, the accounts concurrently.
  auto flow = [&config, url = *url, context](const Account& account, ProbeDone finish) {
    StartRun(config, url, context, &account, std::move(finish));
  };
  FanOutAccounts(accounts, flow, std::move(done));
}

}  // namespace sdetcheck
