#include "probe/cas_protocol_kind.h"

#include "engine/login_plan.h"
#include "probe/account_fan_out.h"
#include "probe/cas_scenarios.h"
#include "util/redactor.h"
#include "yaml/reader.h"

namespace sdetcheck {

const std::vector<CasScenarioKind>& CasScenarioKinds() {
  static const std::vector<CasScenarioKind> kScenarios = {
      {"validation_endpoints",
       "/validate, /serviceValidate, /p3/serviceValidate (XML, JSON), "
       "/proxyValidate each validate a fresh ticket",
       true, ValidationEndpoints},
      {"ticket_single_use", "A ticket validates once: the replay gets INVALID_TICKET", true,
       TicketSingleUse},
      {"ticket_service_bound",
       "A ticket validated for another service gets INVALID_SERVICE and "
       "is dead",
       true, TicketServiceBound},
      {"invalid_requests", "Unknown and malformed tickets, missing parameters are refused", false,
       InvalidRequests},
      {"proxy_callback", "No proxy granting ticket for a plain-HTTP pgtUrl", true, ProxyCallback},
      {"renew", "renew=true asks for credentials again; an SSO ticket fails a renew validation",
       true, Renew},
      {"gateway", "gateway=true without session goes back to the service without ticket", false,
       Gateway},
      {"service_lookalikes", "Look-alikes of a registered service URL get no ticket, no redirect",
       true, ServiceLookalikes},
      {"logout", "After /logout the next login asks for credentials", true, LogoutEndsSession},
      {"logout_redirect", "/logout?service= never redirects to a foreign URL", true,
       LogoutRedirect},
      {"sso_cookie", "The ticket-granting cookie is Secure, HttpOnly, SameSite", true, SsoCookie},
      {"session_fixation", "The CAS server's cookies get new values at login", true,
       SessionFixation},
      {"attribute_release",
       "National attributes released, well formed, for every service and "
       "profile",
       true, AttributeRelease},
      {"feed_match",
       "The attributes released for the account match its record in the target's AAF feed", true,
       FeedMatch},
  };
  return kScenarios;
}

const CasScenarioKind* FindCasScenario(const std::string& name) {
  for (const CasScenarioKind& scenario : CasScenarioKinds()) {
    if (name == scenario.name) return &scenario;
  }
  return nullptr;
}

namespace {

struct CasProtocolConfig : ProbeConfig {
  const CasScenarioKind* scenario = nullptr;
  std::string cas_url = "${cas_url}";
  std::string service = "${base_url}/";
  std::string account = "each_profile";  // every account it names runs the scenario
};

}  // namespace

std::shared_ptr<const ProbeConfig> ParseCasProtocolProbe(YamlReader& r, const YamlNode& node,
                                                         const std::string& what) {
  auto config = std::make_shared<CasProtocolConfig>();
  std::vector<std::string> names;
  for (const CasScenarioKind& scenario : CasScenarioKinds()) names.emplace_back(scenario.name);
  std::optional<std::string> check = r.Enum(node, "check", names, true, what);
  config->cas_url = r.String(node, "cas_url", false, what).value_or(config->cas_url);
  config->service = r.String(node, "service", false, what).value_or(config->service);
  config->account = r.String(node, "account", false, what).value_or(config->account);
  if (!check) return nullptr;
  config->scenario = FindCasScenario(*check);
  return config;
}

std::vector<std::string> CasProtocolProbeVariables(const ProbeConfig& base) {
  const auto& config = static_cast<const CasProtocolConfig&>(base);
  std::vector<std::string> names;
  for (const std::string* text : {&config.cas_url, &config.service, &config.account}) {
    for (std::string& name : ReferencedVariables(*text)) names.push_back(name);
  }
  return names;
}

void RunCasProtocolProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                         ProbeDone done) {
  const auto& config = static_cast<const CasProtocolConfig&>(base);
  Message error;
  std::optional<std::string> cas_url = ExpandVariables(config.cas_url, variables, &error);
  std::optional<std::string> service = ExpandVariables(config.service, variables, &error);
  std::optional<std::string> account = ExpandVariables(config.account, variables, &error);
  if (!cas_url || !service || !account) return done(SetupError(error));
  if (cas_url->empty())
    return done(SetupError(Msg("variable.not_in_target", {{"name", "cas_url"}})));
  if (cas_url->rfind("https://", 0) != 0) {
    return done(
        SetupError(Msg("cas.url_not_https", {{"url", context.redactor->Redact(*cas_url)}})));
  }
  const CasScenarioKind& scenario = *config.scenario;
  auto start = [cas_url = *cas_url, service = *service, &scenario, context](const Account* account,
                                                                            ProbeDone finish) {
    auto s = std::make_shared<CasScenario>();
    s->account = account;
    s->cas_url = cas_url;
    s->service = service;
    s->subject =
        (account ? account->id + " -> " : std::string()) + context.redactor->Redact(service);
    s->context = context;
    s->done = std::move(finish);
    scenario.run(s);
  };
  if (!scenario.needs_account) return start(nullptr, std::move(done));
  if (!context.target) return done(SetupError(Msg("probe.no_target")));
  std::vector<const Account*> accounts = SelectAccounts(*account, *context.target, &error);
  if (accounts.empty()) return done(SetupError(error));
  // Every profile's account runs the scenario, each in its own browser sessions.
  FanOutAccounts(
      accounts, [start](const Account& a, ProbeDone finish) { start(&a, std::move(finish)); },
      std::move(done));
}

}  // namespace sdetcheck
