// Scenarios about service tickets and their validation (CAS protocol 3.0 §2.4-2.6, §3.1).

#include <algorithm>

#include "net/url.h"
#include "probe/cas_scenarios.h"

namespace sdetcheck {
namespace {

constexpr size_t kMaxTicketLength = 256;  // the length services are advised to accept

bool IsTicketCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// Prefix, alphabet and length of a service ticket; its value never leaves this function.
void JudgeTicketFormat(const ScenarioPtr& s, const std::string& ticket, size_t evidence) {
  bool prefix = ticket.rfind("ST-", 0) == 0;
  bool alphabet = std::all_of(ticket.begin(), ticket.end(), IsTicketCharacter);
  bool length = ticket.size() <= kMaxTicketLength;
  std::string observed = std::string(prefix ? "ST- prefix" : "no ST- prefix") + ", " +
                         std::to_string(ticket.size()) + " characters, " +
                         (alphabet ? "[A-Za-z0-9-] only" : "characters outside [A-Za-z0-9-]");
  // The ST- prefix is a SHOULD: shown, never failed.
  bool ok = alphabet && length;
  Check& check =
      Add(s, "cas.ticket.format", ok ? CheckState::kPass : CheckState::kFail,
          Msg(ok ? "cas.ticket.format_ok" : "cas.ticket.format_bad"), evidence, observed);
  check.expected = "[A-Za-z0-9-]{1,256}, ST- prefix advised";
}

struct Endpoint {
  const char* key;
  const char* path;
  int version;
  bool json;
};

const std::vector<Endpoint>& Endpoints() {
  static const std::vector<Endpoint> kEndpoints = {
      {"cas.validate.cas1", "/validate", 1, false},
      {"cas.validate.cas2", "/serviceValidate", 2, false},
      {"cas.validate.cas3", "/p3/serviceValidate", 3, false},
      {"cas.validate.json", "/p3/serviceValidate", 3, true},
      {"cas.validate.proxy", "/proxyValidate", 2, false},
  };
  return kEndpoints;
}

std::string AttributeNames(const CasValidation& v) {
  std::string names;
  for (const auto& [name, values] : v.attributes) names += (names.empty() ? "" : ", ") + name;
  return names.empty() ? "no attribute" : names;
}

// The endpoint's answer to a fresh ticket: a success in the prescribed format. A malformed
// answer from an endpoint that answered 200 is the observed violation.
void JudgeEndpoint(const ScenarioPtr& s, const Endpoint& e, const Validation& v) {
  using Status = CasValidation::Status;
  if (!v.answered) {
    Add(s, e.key, CheckState::kError, v.problem.message, v.evidence, v.problem.observed);
  } else if (e.json && v.parsed.status != Status::kMalformed && !LooksLikeJson(v.body)) {
    // An XML answer to format=JSON: the server does not offer JSON (optional in CAS 3).
    Add(s, e.key, CheckState::kNotApplicable, Msg("cas.validate.json_not_offered"), v.evidence,
        v.content_type);
  } else if (v.parsed.status == Status::kMalformed) {
    Add(s, e.key, CheckState::kFail, Msg("cas.validate.malformed"), v.evidence, v.parsed.problem);
  } else if (v.parsed.status == Status::kFailure) {
    Add(s, e.key, CheckState::kFail,
        Msg("cas.validation.refused", {{"code", v.parsed.failure_code}}), v.evidence,
        v.parsed.failure_code);
  } else {
    Add(s, e.key, CheckState::kPass, Msg("cas.validation.success", {{"user", v.parsed.user}}),
        v.evidence, v.parsed.user + " (" + AttributeNames(v.parsed) + ")");
  }
}

std::vector<std::string> KeysFrom(size_t first) {
  std::vector<std::string> keys;
  for (size_t i = first; i < Endpoints().size(); ++i) keys.emplace_back(Endpoints()[i].key);
  return keys;
}

// A JSON answer is parsed again as JSON (the XML parser refused it).
Flow ReadJsonAnswer(ScenarioPtr s, Validation v, std::function<void(Validation)> done) {
  std::optional<CasValidation> parsed =
      co_await Analysed<CasValidation>(s->context.executor, ParseCasJsonValidation, v.body);
  if (parsed) v.parsed = std::move(*parsed);
  v.answered = parsed.has_value();
  done(std::move(v));
}

Completion<Validation> AsJson(const ScenarioPtr& s, Validation v) {
  return Completion<Validation>([s, v = std::move(v)](std::function<void(Validation)> done) {
    if (!v.answered || !LooksLikeJson(v.body)) return done(v);
    ReadJsonAnswer(s, v, std::move(done));
  });
}

// A service URL below the registered one, which no exact matcher takes for it.
std::string OtherService(const std::string& service) {
  std::string base = service.substr(0, service.find_first_of("?#"));
  if (base.empty() || base.back() != '/') base += '/';
  return base + "sdetcheck-other-service/";
}

// A plain-HTTP callback on the service's own host: a CAS server must never send a proxy
// granting ticket there.
std::string PlainHttpCallback(const std::string& service) {
  std::optional<HostPort> hp = HostAndPort(service);
  std::string authority = hp ? hp->host + ":" + std::to_string(hp->port) : "localhost";
  return "http://" + authority + "/sdetcheck-pgt-callback";
}

void JudgeProxyCallback(const ScenarioPtr& s, const Validation& v) {
  using Status = CasValidation::Status;
  const std::string key = "cas.proxy.plain_http_callback";
  if (!v.answered) {
    Add(s, key, CheckState::kError, v.problem.message, v.evidence, v.problem.observed);
  } else if (v.parsed.status == Status::kMalformed) {
    Add(s, key, CheckState::kError, Msg("cas.validation.malformed"), v.evidence, v.parsed.problem);
  } else if (v.parsed.status == Status::kSuccess && v.parsed.proxy_granting_ticket) {
    Add(s, key, CheckState::kFail, Msg("cas.proxy.pgt_over_http"), v.evidence,
        "proxyGrantingTicket");
  } else if (v.parsed.status == Status::kSuccess ||
             v.parsed.failure_code == "INVALID_PROXY_CALLBACK") {
    Add(s, key, CheckState::kPass, Msg("cas.proxy.no_pgt_over_http"), v.evidence,
        v.parsed.status == Status::kSuccess ? "no proxyGrantingTicket" : v.parsed.failure_code);
  } else {
    // The validation itself failed: nothing is known about the callback.
    Add(s, key, CheckState::kError,
        Msg("cas.validation.refused", {{"code", v.parsed.failure_code}}), v.evidence,
        v.parsed.failure_code);
  }
}

}  // namespace

Flow ProxyCallback(ScenarioPtr s) {
  std::vector<std::string> keys = {"cas.proxy.plain_http_callback"};
  std::optional<LoggedIn> in = co_await LogIn(s, keys);
  if (!in) co_return Finish(s);
  ValidationQuery query = TicketQuery(s->service, *in->ticket.ticket, "/serviceValidate", 2);
  query.params.emplace_back("pgtUrl", PlainHttpCallback(s->service));
  Validation v = co_await Validate(s, query);
  JudgeProxyCallback(s, v);
  Finish(s);
}

Flow ValidationEndpoints(ScenarioPtr s) {
  std::shared_ptr<BrowserSession> browser = NewBrowser(s);
  for (size_t i = 0; i < Endpoints().size(); ++i) {
    const Endpoint& e = Endpoints()[i];
    TicketResult t = co_await ObtainTicket(LoginTo(s, browser, s->service));
    if (!t.ticket) {
      AddBlocked(s, *t.problem, KeysFrom(i));
      break;
    }
    ValidationQuery query = TicketQuery(s->service, *t.ticket, e.path, e.version);
    if (e.json) query.params.emplace_back("format", "JSON");
    Validation v = co_await Validate(s, query);
    if (e.json) v = co_await AsJson(s, std::move(v));
    JudgeEndpoint(s, e, v);
  }
  Finish(s);
}

Flow TicketSingleUse(ScenarioPtr s) {
  std::vector<std::string> keys = {"cas.ticket.format", "cas.ticket.single_use"};
  std::optional<LoggedIn> in = co_await LogIn(s, keys);
  if (!in) co_return Finish(s);
  std::shared_ptr<BrowserSession> browser = in->browser;
  const TicketResult& t = in->ticket;
  JudgeTicketFormat(s, *t.ticket, t.evidence);
  Validation first = co_await Validate(s, TicketQuery(s->service, *t.ticket));
  if (!first.answered || first.parsed.status != CasValidation::Status::kSuccess) {
    // Without a first success, a refused replay proves nothing.
    Check problem = first.problem;
    problem.key = "cas.ticket.first_validation";
    problem.state = CheckState::kError;
    if (first.answered) problem.message = Msg("cas.ticket.first_validation_failed");
    AddBlocked(s, problem, {"cas.ticket.single_use"});
    co_return Finish(s);
  }
  Validation replay = co_await Validate(s, TicketQuery(s->service, *t.ticket));
  JudgeRefusal(s, "cas.ticket.single_use", replay, {"INVALID_TICKET"});
  Finish(s);
}

Flow TicketServiceBound(ScenarioPtr s) {
  std::vector<std::string> keys = {"cas.ticket.service_bound",
                                   "cas.ticket.dead_after_wrong_service"};
  std::optional<LoggedIn> in = co_await LogIn(s, keys);
  if (!in) co_return Finish(s);
  std::shared_ptr<BrowserSession> browser = in->browser;
  const TicketResult& t = in->ticket;
  Validation other = co_await Validate(s, TicketQuery(OtherService(s->service), *t.ticket));
  JudgeRefusal(s, "cas.ticket.service_bound", other, {"INVALID_SERVICE"});
  Validation right = co_await Validate(s, TicketQuery(s->service, *t.ticket));
  JudgeRefusal(s, "cas.ticket.dead_after_wrong_service", right, {"INVALID_TICKET"});
  Finish(s);
}

Flow InvalidRequests(ScenarioPtr s) {
  const std::string unknown = "ST-0sdetcheck0unknown0ticket0000000000000";
  struct Case {
    const char* key;
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> codes;
  };
  const std::vector<std::string> kTicketCodes = {"INVALID_TICKET", "INVALID_TICKET_SPEC"};
  const std::vector<std::string> kMalformedCodes = {"INVALID_TICKET", "INVALID_TICKET_SPEC",
                                                    "INVALID_REQUEST"};
  const std::vector<Case> cases = {
      {"cas.request.unknown_ticket", {{"service", s->service}, {"ticket", unknown}}, kTicketCodes},
      {"cas.request.bad_prefix",
       {{"service", s->service}, {"ticket", "XT-0sdetcheck0bad0prefix000000000000000"}},
       kTicketCodes},
      {"cas.request.forbidden_characters",
       {{"service", s->service}, {"ticket", "ST-sdetcheck<\"'>%;&=0000000000000000"}},
       kMalformedCodes},
      {"cas.request.long_ticket",
       {{"service", s->service}, {"ticket", "ST-" + std::string(297, 'A')}},
       kMalformedCodes},
      {"cas.request.missing_ticket", {{"service", s->service}}, {"INVALID_REQUEST"}},
      {"cas.request.missing_service", {{"ticket", unknown}}, {"INVALID_REQUEST"}},
  };
  for (const Case& c : cases) {
    ValidationQuery query;
    query.params = c.params;
    Validation v = co_await Validate(s, query);
    JudgeRefusal(s, c.key, v, c.codes);
  }
  Finish(s);
}

}  // namespace sdetcheck
