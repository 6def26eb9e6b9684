#include "probe/http_kind.h"

#include "net/transport.h"
#include "probe/http_record.h"
#include "probe/matcher_parser.h"
#include "probe/matcher_variables.h"
#include "target/profile.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

constexpr size_t kShownBytes = 300;

struct HttpProbeConfig : ProbeConfig {
  Request request;              // with ${...} unexpanded
  std::string auth_account;     // target account whose credentials go in HTTP Basic auth
  std::optional<Matcher> when;  // precondition: when it does not hold, nothing to judge
  Matcher expect;
};

std::string ParseAuth(YamlReader& r, const YamlNode& req, const std::string& where) {
  YamlNode auth = req["auth"];
  if (!auth || !r.ExpectMap(auth, where + ".auth")) return "";
  r.CheckKeys(auth, {"account"}, where + ".auth");
  return r.String(auth, "account", true, where + ".auth").value_or("");
}

std::optional<Request> ParseRequest(YamlReader& r, const YamlNode& node, const std::string& what) {
  YamlNode req = node["request"];
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

// The precondition's verdict: nullopt when it holds (the expectation is then judged),
// otherwise the one check that says why nothing was judged.
std::optional<Check> Precondition(const Matcher& when, const Response& response,
                                  const Redactor& redactor, size_t exchange) {
  MatchResult result = Evaluate(when, response, &redactor);
  if (result.state == CheckState::kPass) return std::nullopt;
  Check check;
  check.key = "http.precondition";
  check.state =
      result.state == CheckState::kError ? CheckState::kError : CheckState::kNotApplicable;
  check.message =
      Msg(result.state == CheckState::kError ? "match.unreadable" : "http.precondition_absent",
          {{"what", when.Describe()}, {"format", "HTTP"}});
  check.expected = redactor.RedactShort(when.Describe(), kShownBytes);
  check.observed = redactor.RedactShort(result.error, kShownBytes);
  check.evidence.push_back(exchange);
  return check;
}

// The matcher's checks, on the exchange they judged; technical values redacted.
ProbeOutcome Judge(const std::optional<Matcher>& when, const Matcher& expect,
                   const Request& request, const FetchResult& result, const Redactor& redactor) {
  ProbeOutcome outcome;
  size_t exchange =
      outcome.AddEvidence(RecordExchange(request.method, request.url, result, redactor));
  if (!result.ok) {
    outcome.checks.push_back(
        TransportCheck("http.request", redactor.Redact(request.url), result, exchange, redactor));
    return outcome;
  }
  if (when) {
    if (std::optional<Check> absent = Precondition(*when, result.response, redactor, exchange)) {
      outcome.checks.push_back(std::move(*absent));
      return outcome;
    }
  }
  for (Check& check : Evaluate(expect, result.response, &redactor).checks) {
    check.expected = redactor.RedactShort(check.expected, kShownBytes);
    check.observed = redactor.RedactShort(check.observed, kShownBytes);
    for (auto& [name, value] : check.message.params)
      value = redactor.RedactShort(value, kShownBytes);
    check.evidence.push_back(exchange);
    outcome.checks.push_back(std::move(check));
  }
  return outcome;
}

bool AddBasicAuth(const std::string& account_id, const ProbeContext& context, Request* request,
                  Message* error) {
  const Account* account = context.target ? context.target->FindAccount(account_id) : nullptr;
  if (!account) {
    *error = Msg("probe.account_unknown", {{"account", account_id}});
    return false;
  }
  if (!context.target->AcceptsCredentials(request->url)) {
    *error = Msg("probe.credentials_withheld",
                 {{"account", account_id}, {"url", context.redactor->Redact(request->url)}});
    return false;
  }
  request->headers.emplace_back("Authorization", "Basic " + BasicCredentials(*account));
  return true;
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseHttpProbe(YamlReader& r, const YamlNode& node,
                                                  const std::string& what) {
  auto config = std::make_shared<HttpProbeConfig>();
  std::optional<Request> request = ParseRequest(r, node, what);
  if (node["request"] && node["request"].IsMap()) {
    config->auth_account = ParseAuth(r, node["request"], what + ".request");
  }
  YamlNode expect = node["expect"];
  if (!expect) {
    r.Error(node, what + ": missing required key 'expect' (a matcher)");
    return nullptr;
  }
  std::optional<Matcher> matcher = ParseMatcher(r, expect, what + ".expect");
  if (node["when"]) {
    config->when = ParseMatcher(r, node["when"], what + ".when");
    if (!config->when) return nullptr;
  }
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
  if (config.when) {
    for (std::string& v : MatcherVariables(*config.when)) names.push_back(v);
  }
  return names;
}

void RunHttpProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                  ProbeDone done) {
  const auto& config = static_cast<const HttpProbeConfig&>(base);
  Request request = config.request;
  Message error;
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
  if (!expanded) return done(SetupError(std::move(error)));
  const Redactor* redactor = context.redactor;
  Executor* executor = context.executor;
  auto matcher = std::make_shared<const Matcher>(std::move(*expect));
  auto when = std::make_shared<const std::optional<Matcher>>(config.when);
  context.transport->Submit(request, [=, done = std::move(done)](const FetchResult& result) {
    RunBounded<ProbeOutcome>(
        executor, [=] { return Judge(*when, *matcher, request, result, *redactor); },
        [=](std::optional<ProbeOutcome> outcome) {
          done(outcome ? std::move(*outcome)
                       : AnalysisTimedOut("http.analysis", redactor->Redact(request.url)));
        });
  });
}

}  // namespace sdetcheck
