#include "probe/service_access_kind.h"

#include <algorithm>
#include <variant>

#include "engine/login_plan.h"
#include "html/document.h"
#include "net/url.h"
#include "probe/account_fan_out.h"
#include "probe/cas_login.h"
#include "probe/flow.h"
#include "probe/http_record.h"
#include "probe/login_form.h"
#include "probe/service_page.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "util/regex.h"
#include "util/text.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

constexpr const char* kDefaultRefusal =
    "(?i)acc(?:è|e|È)s\\W+(?:refus|interdit|non\\W+autoris)|access\\W+denied|\\bforbidden\\b|"
    "non\\W+autoris(?:é|e)e?\\W+(?:à|a)\\W+acc(?:é|e)der";

// One entry of the services catalogue: how a kind of service is recognised, and the profiles
// it must never open for whatever the target says (a pupil never enters grades).
struct CatalogueEntry {
  std::string kind;
  std::optional<LocalizedText> name;
  std::string markers;
  std::vector<std::string> denied;
};

struct ServiceAccessConfig : ProbeConfig {
  ServiceExpectation check = ServiceExpectation::kOpen;
  std::vector<std::string> kinds;  // only services of these catalogue kinds; empty = all
  std::string account = "each_profile";
  int samples = 3;
  std::string refusal = kDefaultRefusal;
  std::vector<CatalogueEntry> catalogue;

  const CatalogueEntry* Entry(const std::string& kind) const {
    for (const CatalogueEntry& e : catalogue) {
      if (e.kind == kind) return &e;
    }
    return nullptr;
  }
};

std::string KindOf(const Service& service) {
  return service.kind.empty() ? service.id : service.kind;
}

// What `profile` must get from `service`: open, refused, or nothing declared.
std::optional<ServiceExpectation> ExpectationFor(const ServiceAccessConfig& config,
                                                 const Service& service,
                                                 const std::string& profile) {
  if (Contains(service.profiles, profile)) return ServiceExpectation::kOpen;
  if (Contains(service.denied, profile)) return ServiceExpectation::kRefused;
  const CatalogueEntry* entry = config.Entry(KindOf(service));
  if (entry && Contains(entry->denied, profile)) return ServiceExpectation::kRefused;
  return std::nullopt;
}

bool Selected(const ServiceAccessConfig& config, const Service& service) {
  return config.kinds.empty() || Contains(config.kinds, KindOf(service));
}

// ---------------------------------------------------------------- parsing

std::vector<CatalogueEntry> ParseCatalogue(YamlReader& r, const YamlNode& node,
                                           const std::string& what) {
  std::vector<CatalogueEntry> catalogue;
  YamlNode list = node["catalogue"];
  if (!list || !r.ExpectSequence(list, what + ".catalogue")) return catalogue;
  for (const YamlNode& item : list.Elements()) {
    std::string where = what + ".catalogue";
    if (!r.ExpectMap(item, where)) continue;
    r.CheckKeys(item, {"kind", "name", "dnma", "markers", "denied"}, where);
    CatalogueEntry entry;
    entry.kind = r.String(item, "kind", true, where).value_or("");
    where += " " + entry.kind;
    entry.name = r.Text(item, "name", false, where);
    r.Integer(item, "dnma", false, where);
    entry.markers = r.String(item, "markers", false, where).value_or("");
    entry.denied = r.StringList(item, "denied", {}, where);
    std::string error;
    if (!entry.markers.empty() && !Regex::Compile(entry.markers, &error)) {
      r.Error(item["markers"], where + ".markers: invalid regular expression: " + error);
    }
    catalogue.push_back(std::move(entry));
  }
  return catalogue;
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseServiceAccessProbe(YamlReader& r, const YamlNode& node,
                                                           const std::string& what) {
  auto config = std::make_shared<ServiceAccessConfig>();
  std::optional<std::string> check = r.Enum(node, "check", {"open", "refused"}, true, what);
  config->kinds = r.StringList(node, "services", {}, what);
  config->account = r.String(node, "account", false, what).value_or(config->account);
  long samples = r.Integer(node, "samples", false, what).value_or(config->samples);
  if (samples < 1 || samples > 20) {
    r.Error(node["samples"], what + ".samples: between 1 and 20 visits per service");
  }
  config->samples = static_cast<int>(std::clamp(samples, 1L, 20L));
  config->refusal = r.String(node, "refusal", false, what).value_or(config->refusal);
  std::string error;
  if (!Regex::Compile(config->refusal, &error)) {
    r.Error(node["refusal"], what + ".refusal: invalid regular expression: " + error);
    return nullptr;
  }
  config->catalogue = ParseCatalogue(r, node, what);
  for (const std::string& kind : config->kinds) {
    if (!config->Entry(kind))
      r.Error(node["services"], what + ".services: '" + kind + "' is not in the catalogue");
  }
  if (!check) return nullptr;
  config->check = *check == "open" ? ServiceExpectation::kOpen : ServiceExpectation::kRefused;
  return config;
}

std::vector<std::string> ServiceAccessProbeVariables(const ProbeConfig& /*config*/) { return {}; }

namespace {

// ---------------------------------------------------------------- running

struct Visit {
  const Service* service = nullptr;
  ServiceExpectation expected = ServiceExpectation::kOpen;
  std::optional<Regex> markers;  // the target's, else the catalogue's; none: any 200 page
};

struct AccountRun {
  const ServiceAccessConfig* config = nullptr;
  ProbeContext context;
  const Account* account = nullptr;
  std::string cas_url;
  Regex refusal;
  std::vector<Visit> visits;
  std::shared_ptr<BrowserSession> browser;
  bool typed_credentials = false;
  bool login_refused = false;  // the credentials came back refused: nothing can be told
  ProbeOutcome outcome;
  ProbeDone done;
};
using RunPtr = std::shared_ptr<AccountRun>;

// One visit of a service page: what it showed, or why it could not be read.
struct PageSeen {
  std::optional<ServicePageShows> shows;
  std::optional<Check> problem;
  long status = 0;
  double seconds = 0;  // the service page's own answer
};
using SeenDone = std::function<void(PageSeen)>;

struct PageText {
  bool password_form = false;
  std::string text;
};

PageText ReadPageText(const std::string& body) {
  PageText page;
  page.password_form = PasswordForm(FormsOf(body)) != nullptr;
  std::string error;
  if (!HtmlVisibleText(body, &page.text, &error)) page.text.clear();
  return page;
}

// Redirects stay between the service, the portal and the CAS server; elsewhere (an académie
// IdP the test account cannot use) the visit ends there.
BrowserSession::FollowPolicy WithinEnt(const RunPtr& run, const std::string& service_url) {
  std::vector<std::string> origins = {OriginOf(service_url), OriginOf(run->cas_url),
                                      OriginOf(run->context.target->base_url)};
  return [origins](const std::string& location) { return Contains(origins, OriginOf(location)); };
}

std::string Subject(const RunPtr& run, const Service& service) {
  return run->account->id + " -> " + run->context.redactor->Redact(service.url);
}

Check Problem(const RunPtr& run, const Service& service, CheckState state, Message why,
              const std::string& observed = "") {
  Check check;
  check.key = "service.access";
  check.subject = Subject(run, service);
  check.state = state;
  check.message = std::move(why);
  check.observed = run->context.redactor->RedactShort(observed, 200);
  return check;
}

size_t Note(const RunPtr& run, bool record, const std::string& method, const std::string& url,
            const FetchResult& r) {
  if (!record) return 0;
  return run->outcome.AddEvidence(RecordExchange(method, url, r, *run->context.redactor));
}

// The request typing the account's credentials into the password form of `page`, or the
// check saying why they must not be sent there.
std::variant<Request, Check> CredentialsPost(const RunPtr& run, const Service& service,
                                             const Response& page, const FormsFound& forms) {
  const HtmlForm* form = PasswordForm(forms);
  if (!form) return Problem(run, service, CheckState::kError, Msg("cas.form.unreadable"));
  std::string action = FormTarget(*form, page.effective_url);
  std::optional<Check> unsafe =
      UnsafeFormTarget(*run->context.target, action, run->cas_url, *run->context.redactor);
  if (unsafe) {
    unsafe->key = "service.access";
    unsafe->subject = Subject(run, service);
    return *unsafe;
  }
  return FormPost(page.effective_url, action,
                  FillForm(*form, run->account->login, run->account->password.value));
}

// A service page reached in the account's browser, and read; or why it could not be.
struct Reached {
  Browsed got;
  std::optional<PageText> page;
  size_t evidence = 0;
  std::optional<Check> problem;  // the credentials could not be sent
};
using ReachedDone = std::function<void(Reached)>;

// Opens the service page; the first visit that meets a login form types the credentials (the
// session's one login), later ones ride on the SSO session.
Flow Reach(RunPtr run, size_t index, bool record, ReachedDone done) {
  const Service& service = *run->visits[index].service;
  Reached reached;
  Request get;
  get.url = service.url;
  get.coalesce = false;
  reached.got = co_await Browse(run->browser, get, WithinEnt(run, service.url));
  reached.evidence = Note(run, record, "GET", service.url, reached.got.result);
  if (reached.got.result.ok) {
    reached.page = co_await Analysed<PageText>(run->context.executor, ReadPageText,
                                               reached.got.result.response.body);
  }
  // The first login form of the session gets the credentials; when the form comes back,
  // once more (kCredentialPosts), then the account counts as refused.
  int posts = 0;
  while (reached.page && reached.page->password_form && (posts > 0 || !run->typed_credentials) &&
         posts < kCredentialPosts) {
    std::optional<FormsFound> forms = co_await Analysed<FormsFound>(
        run->context.executor, FormsOf, reached.got.result.response.body);
    std::variant<Request, Check> post =
        forms ? CredentialsPost(run, service, reached.got.result.response, *forms)
              : std::variant<Request, Check>(
                    Problem(run, service, CheckState::kError, Msg("analysis.timeout")));
    if (std::holds_alternative<Check>(post)) {
      reached.problem = std::get<Check>(post);
      co_return done(std::move(reached));
    }
    run->typed_credentials = true;
    ++posts;
    const Request& request = std::get<Request>(post);
    reached.got = co_await Browse(run->browser, request, WithinEnt(run, service.url));
    reached.evidence = Note(run, record, "POST", request.url, reached.got.result);
    reached.page.reset();
    if (reached.got.result.ok) {
      reached.page = co_await Analysed<PageText>(run->context.executor, ReadPageText,
                                                 reached.got.result.response.body);
    }
  }
  if (posts > 0 && reached.page && reached.page->password_form) run->login_refused = true;
  done(std::move(reached));
}

// What the reached page shows, or why nothing can be told from it.
PageSeen ReadVisit(const RunPtr& run, const Visit& visit, const Reached& reached) {
  const Service& service = *visit.service;
  const FetchResult& got = reached.got.result;
  const Response& answer = got.response;
  PageSeen seen;
  seen.status = answer.status;
  if (reached.problem) {
    seen.problem = reached.problem;
  } else if (!got.ok) {
    seen.problem = TransportCheck("service.access", Subject(run, service), got, reached.evidence,
                                  *run->context.redactor);
  } else if (!reached.page) {
    seen.problem = Problem(run, service, CheckState::kError, Msg("analysis.timeout"));
  } else if (run->login_refused) {
    seen.problem = Problem(run, service, CheckState::kError,
                           Msg("service.login_refused", {{"account", run->account->id}}),
                           "HTTP " + std::to_string(answer.status));
  } else if (answer.status >= 300 && answer.status < 400) {
    std::vector<std::string> locations = answer.HeaderValues("Location");
    std::string where =
        locations.empty() ? "" : OriginOf(ResolveUrl(answer.effective_url, locations.front()));
    seen.problem = Problem(run, service, CheckState::kError,
                           Msg("service.redirected_elsewhere", {{"origin", where}}),
                           "HTTP " + std::to_string(answer.status) + " -> " + where);
  } else {
    seen.shows = ReadServicePage(answer.status, reached.page->password_form, reached.page->text,
                                 visit.markers ? &*visit.markers : nullptr, run->refusal);
    seen.seconds = answer.elapsed_seconds;
  }
  if (seen.problem && seen.problem->evidence.empty()) {
    seen.problem->evidence.push_back(reached.evidence);
  }
  return seen;
}

Flow VisitOnce(RunPtr run, size_t index, bool record, SeenDone done) {
  auto start = [run, index, record](ReachedDone d) { Reach(run, index, record, std::move(d)); };
  Reached reached = co_await Completion<Reached>(start);
  done(ReadVisit(run, run->visits[index], reached));
}

// The verdict of the first visit that could be read, with the times of every visit.
Check JudgeVisits(const RunPtr& run, const Visit& visit, const std::vector<PageSeen>& seen,
                  size_t evidence) {
  std::vector<double> times;
  const PageSeen* verdict_from = nullptr;
  for (const PageSeen& s : seen) {
    if (s.shows && *s.shows != ServicePageShows::kServerError) times.push_back(s.seconds);
    if (!verdict_from && s.shows) verdict_from = &s;
  }
  std::string measured = DescribeResponseTimes(SummariseResponseTimes(times, seen.size()));
  if (!verdict_from) {
    Check check = *seen.front().problem;
    check.observed += (check.observed.empty() ? "" : " · ") + measured;
    return check;
  }
  ServiceAccessVerdict verdict =
      JudgeServiceAccess(visit.expected, *verdict_from->shows, run->account->profile);
  Check check = Problem(run, *visit.service, verdict.state, verdict.message,
                        "HTTP " + std::to_string(verdict_from->status) + " · " + measured);
  check.expected = visit.expected == ServiceExpectation::kOpen ? "open" : "refused";
  check.evidence.push_back(evidence);
  return check;
}

using CheckDone = std::function<void(Check)>;

Flow VisitService(RunPtr run, size_t index, CheckDone done) {
  std::vector<PageSeen> seen;
  size_t first_evidence = run->outcome.evidence.size();
  for (int sample = 0; sample < run->config->samples; ++sample) {
    auto start = [run, index, record = sample == 0](SeenDone d) {
      VisitOnce(run, index, record, std::move(d));
    };
    seen.push_back(co_await Completion<PageSeen>(start));
    // Without a readable first answer (login refused, unsafe form) repeating tells nothing.
    if (sample == 0 && !seen.front().shows && run->login_refused) break;
  }
  size_t last_evidence = std::max(first_evidence, run->outcome.evidence.size()) - 1;
  done(JudgeVisits(run, run->visits[index], seen, last_evidence));
}

Flow VisitAll(RunPtr run) {
  for (size_t i = 0; i < run->visits.size(); ++i) {
    auto start = [run, i](CheckDone d) { VisitService(run, i, std::move(d)); };
    Check check = co_await Completion<Check>(start);
    check.account = run->account->id;
    check.service = run->context.redactor->Redact(run->visits[i].service->url);
    run->outcome.checks.push_back(std::move(check));
  }
  run->done(std::move(run->outcome));
}

std::vector<Visit> VisitsFor(const ServiceAccessConfig& config, const TargetProfile& target,
                             const Account& account) {
  std::vector<Visit> visits;
  for (const Service& service : target.services) {
    std::optional<ServiceExpectation> expected = ExpectationFor(config, service, account.profile);
    if (!Selected(config, service) || expected != config.check) continue;
    Visit visit;
    visit.service = &service;
    visit.expected = *expected;
    const CatalogueEntry* entry = config.Entry(KindOf(service));
    std::string markers = !service.markers.empty() ? service.markers : entry ? entry->markers : "";
    std::string error;
    if (!markers.empty()) visit.markers = Regex::Compile(markers, &error);
    visits.push_back(std::move(visit));
  }
  return visits;
}

// No service of the kinds the probe is about: the target does not say where they are.
bool NoneDeclared(const ServiceAccessConfig& config, const TargetProfile& target) {
  return std::none_of(target.services.begin(), target.services.end(),
                      [&](const Service& s) { return Selected(config, s); });
}

Check NotDeclared(const ServiceAccessConfig& config) {
  Check check;
  check.key = "service.access";
  check.state = CheckState::kError;
  std::string kinds;
  for (const std::string& k : config.kinds) kinds += (kinds.empty() ? "" : ", ") + k;
  check.message = kinds.empty() ? Msg("service.none_declared")
                                : Msg("service.not_declared", {{"kinds", kinds}});
  return check;
}

}  // namespace

void RunServiceAccessProbe(const ProbeConfig& base, const Variables& variables,
                           ProbeContext& context, ProbeDone done) {
  const auto& config = static_cast<const ServiceAccessConfig&>(base);
  if (!context.target) return done(SetupError(Msg("probe.no_target")));
  const TargetProfile& target = *context.target;
  // Services are reached through the ENT's CAS login: without it nothing can be visited.
  auto cas = variables.find("cas_url");
  std::string cas_url = cas != variables.end() ? cas->second : target.cas_url;
  if (cas_url.empty()) {
    return done(SetupError(Msg("variable.not_in_target", {{"name", "cas_url"}})));
  }
  if (NoneDeclared(config, target)) return done(SingleCheck(NotDeclared(config)));
  Message error;
  std::vector<const Account*> accounts = SelectAccounts(config.account, target, &error);
  if (!error.empty()) return done(SetupError(error));
  std::string regex_error;
  std::optional<Regex> refusal = Regex::Compile(config.refusal, &regex_error);
  std::vector<const Account*> visiting;
  for (const Account* account : accounts) {
    if (!VisitsFor(config, target, *account).empty()) visiting.push_back(account);
  }
  if (visiting.empty() || !refusal) {
    Check none;
    none.key = "service.access";
    none.state = CheckState::kNotApplicable;
    none.message = Msg("service.nothing_to_visit");
    return done(SingleCheck(std::move(none)));
  }
  AccountFlow flow = [&config, context, cas_url, refusal = *refusal](const Account& account,
                                                                     ProbeDone account_done) {
    auto run = std::make_shared<AccountRun>();
    run->config = &config;
    run->context = context;
    run->account = &account;
    run->cas_url = cas_url;
    run->refusal = refusal;
    run->visits = VisitsFor(config, *context.target, account);
    run->browser = BrowserSession::Create(context.transport, context.max_redirects);
    run->done = std::move(account_done);
    VisitAll(run);
  };
  FanOutAccounts(visiting, flow, std::move(done));
}

}  // namespace sdetcheck
