#include "probe/http_kind.h"

#include "net/transport.h"
#include "probe/matcher_parser.h"
#include "probe/matcher_variables.h"
#include "target/profile.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

constexpr size_t kExcerptBytes = 400;
constexpr size_t kCheckLineBytes = 300;
constexpr size_t kRedactionMargin = 4096;  // longer than any secret: none is cut before masking
constexpr size_t kEvidenceHeaders = 40;

struct HttpProbeConfig : ProbeConfig {
  Request request;           // with ${...} unexpanded
  std::string auth_account;  // target account whose credentials go in HTTP Basic auth
  Matcher expect;
};

std::string ParseAuth(YamlReader& r, const YAML::Node& req, const std::string& where) {
  YAML::Node auth = req["auth"];
  if (!auth || !r.ExpectMap(auth, where + ".auth")) return "";
  r.CheckKeys(auth, {"account"}, where + ".auth");
  return r.String(auth, "account", true, where + ".auth").value_or("");
}

std::optional<Request> ParseRequest(YamlReader& r, const YAML::Node& node,
                                    const std::string& what) {
  YAML::Node req = node["request"];
  std::string where = what + ".request";
  if (!req) {
    r.Error(node, what + ": missing required key 'request'");
    return std::nullopt;
  }
  if (!r.ExpectMap(req, where)) return std::nullopt;
  r.CheckKeys(req, {"method", "url", "headers", "body", "follow_redirects", "auth"}, where);
  Request request;
  request.method = r.Enum(req, "method", {"GET", "HEAD", "POST"}, false, where).value_or("GET");
  std::optional<std::string> url = r.String(req, "url", true, where);
  if (!url) return std::nullopt;
  request.url = *url;
  request.headers = r.StringMap(req, "headers", where);
  request.body = r.String(req, "body", false, where).value_or("");
  request.follow_redirects = r.Boolean(req, "follow_redirects", false, where).value_or(true);
  if (!request.body.empty() && request.method != "POST") {
    r.Error(req["body"], where + ".body: only allowed with method POST");
  }
  return request;
}

Evidence MakeEvidence(const Request& request, const FetchResult& result, const Redactor& redactor) {
  Evidence e;
  e.request = request.method + " " + redactor.Redact(request.url);
  if (!result.ok) return e;
  const Response& response = result.response;
  e.status = response.status;
  e.final_url = redactor.Redact(response.effective_url);
  e.tls_version = response.tls_version;
  for (const auto& [name, value] : response.headers) {
    if (e.headers.size() >= kEvidenceHeaders) break;
    e.headers.emplace_back(name, redactor.RedactHeader(name, value));
  }
  e.excerpt = redactor.RedactShort(response.body.substr(0, kExcerptBytes + kRedactionMargin),
                                   kExcerptBytes);
  return e;
}

ProbeOutcome Judge(const Matcher& expect, const Request& request, const FetchResult& result,
                   const Redactor& redactor) {
  ProbeOutcome outcome;
  outcome.expected = expect.Describe();
  Evidence evidence = MakeEvidence(request, result, redactor);
  if (!result.ok) {
    outcome.status = ProbeOutcome::Status::kError;
    outcome.message = redactor.Redact(result.error);
    outcome.evidence.push_back(std::move(evidence));
    return outcome;
  }
  MatchResult match = Evaluate(expect, result.response, &redactor);
  for (std::string& line : match.lines)
    evidence.checks.push_back(redactor.RedactShort(line, kCheckLineBytes));
  using State = MatchResult::State;
  outcome.status = match.state == State::kPass   ? ProbeOutcome::Status::kPass
                   : match.state == State::kFail ? ProbeOutcome::Status::kFail
                                                 : ProbeOutcome::Status::kError;
  if (match.state == State::kError) {
    outcome.message = redactor.Redact(request.method + " " + request.url + ": " + match.error);
  } else if (match.state == State::kFail) {
    for (const std::string& line : evidence.checks) {
      if (line.rfind("[fail]", 0) == 0) {
        outcome.message = line;
        break;
      }
    }
  }
  outcome.evidence.push_back(std::move(evidence));
  return outcome;
}

ProbeOutcome AnalysisTimedOut(const Request& request, const Redactor& redactor) {
  ProbeOutcome outcome;
  outcome.message = redactor.Redact(request.method + " " + request.url + ": " + kAnalysisTimedOut);
  return outcome;
}

bool AddBasicAuth(const std::string& account_id, const ProbeContext& context, Request* request,
                  std::string* error) {
  const Account* account = context.target ? context.target->FindAccount(account_id) : nullptr;
  if (!account) {
    *error = "the target profile has no account '" + account_id + "'";
    return false;
  }
  if (!context.target->AcceptsCredentials(request->url)) {
    *error = "credentials of account " + account_id + " not sent to " + request->url +
             ": sdetcheck sends them only over HTTPS to the ENT's own origins (base_url, sso.cas, "
             "sso.credential_origins)";
    return false;
  }
  request->headers.emplace_back("Authorization", "Basic " + BasicCredentials(*account));
  return true;
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseHttpProbe(YamlReader& r, const YAML::Node& node,
                                                  const std::string& what) {
  auto config = std::make_shared<HttpProbeConfig>();
  std::optional<Request> request = ParseRequest(r, node, what);
  if (node["request"] && node["request"].IsMap()) {
    config->auth_account = ParseAuth(r, node["request"], what + ".request");
  }
  YAML::Node expect = node["expect"];
  if (!expect) {
    r.Error(node, what + ": missing required key 'expect' (a matcher)");
    return nullptr;
  }
  std::optional<Matcher> matcher = ParseMatcher(r, expect, what + ".expect");
  if (!request || !matcher) return nullptr;
  config->request = *request;
  config->expect = *matcher;
  return config;
}

std::vector<std::string> HttpProbeVariables(const ProbeConfig& base) {
  const auto& config = static_cast<const HttpProbeConfig&>(base);
  std::vector<std::string> names = ReferencedVariables(config.request.url);
  for (const auto& [name, value] : config.request.headers) {
    for (std::string& v : ReferencedVariables(value)) names.push_back(v);
  }
  for (std::string& v : ReferencedVariables(config.request.body)) names.push_back(v);
  for (std::string& v : MatcherVariables(config.expect)) names.push_back(v);
  return names;
}

void RunHttpProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                  ProbeDone done) {
  const auto& config = static_cast<const HttpProbeConfig&>(base);
  Request request = config.request;
  std::string error;
  bool expanded = true;
  auto expand = [&](std::string& text) {
    if (!expanded) return;
    std::optional<std::string> value = ExpandVariables(text, variables, &error);
    expanded = value.has_value();
    if (value) text = *value;
  };
  expand(request.url);
  for (auto& header : request.headers) expand(header.second);
  expand(request.body);
  std::optional<Matcher> expect;
  if (expanded) {
    expect = ExpandMatcher(config.expect, variables, &error);
    expanded = expect.has_value();
  }
  if (expanded && !config.auth_account.empty()) {
    expanded = AddBasicAuth(config.auth_account, context, &request, &error);
  }
  if (!expanded) {
    ProbeOutcome outcome;
    outcome.status = ProbeOutcome::Status::kError;
    outcome.message = context.redactor->Redact(error);
    done(outcome);
    return;
  }
  const Redactor* redactor = context.redactor;
  Executor* executor = context.executor;
  auto matcher = std::make_shared<const Matcher>(std::move(*expect));
  context.transport->Submit(request, [=](const FetchResult& result) {
    RunBounded<ProbeOutcome>(
        executor, [=] { return Judge(*matcher, request, result, *redactor); },
        [=](std::optional<ProbeOutcome> outcome) {
          done(outcome ? std::move(*outcome) : AnalysisTimedOut(request, *redactor));
        });
  });
}

}  // namespace sdetcheck
