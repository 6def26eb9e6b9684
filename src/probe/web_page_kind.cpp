#include "probe/web_page_kind.h"

#include <algorithm>
#include <ctime>

#include "html/document.h"
#include "net/url.h"
#include "probe/flow.h"
#include "probe/http_record.h"
#include "probe/signed_in_pages.h"
#include "probe/variables.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "util/text.h"
#include "web/accessibility_statement.h"
#include "web/hosts_named.h"
#include "web/page_resources.h"
#include "web/rgaa_subset.h"
#include "web/security_txt.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

enum class Aspect {
  kA11yStatement,
  kA11yPlan,
  kThirdPartiesNamed,
  kMixedContent,
  kSri,
  kRgaa,
  kSecurityTxt,
  kCookies
};

const std::vector<std::pair<const char*, Aspect>>& Aspects() {
  static const std::vector<std::pair<const char*, Aspect>> kAspects = {
      {"a11y_statement", Aspect::kA11yStatement},
      {"a11y_plan", Aspect::kA11yPlan},
      {"third_parties_named", Aspect::kThirdPartiesNamed},
      {"mixed_content", Aspect::kMixedContent},
      {"third_party_sri", Aspect::kSri},
      {"rgaa_subset", Aspect::kRgaa},
      {"security_txt", Aspect::kSecurityTxt},
      {"cookies", Aspect::kCookies},
  };
  return kAspects;
}

// Where accessibility statements usually live, tried when no link names one.
const std::vector<std::string> kStatementPaths = {"/accessibilite",
                                                  "/accessibilite.html",
                                                  "/declaration-accessibilite",
                                                  "/declaration-d-accessibilite",
                                                  "/accessibilite/",
                                                  "/accessibility"};

struct WebPageConfig : ProbeConfig {
  Aspect aspect = Aspect::kA11yStatement;
  std::string url = "${base_url}/";
  std::vector<std::string> pages;  // more pages read with url (third parties, mixed, SRI, RGAA)
  std::string privacy;             // the personal-data page (third_parties_named)
  // Accounts whose service pages are read too, after a CAS login ("" = public pages only).
  std::string signed_in;
};

struct Run {
  const WebPageConfig* config = nullptr;
  ProbeContext context;
  std::string url;
  std::vector<std::string> pages;
  std::string privacy;
  ProbeOutcome outcome;
  ProbeDone done;
};
using RunPtr = std::shared_ptr<Run>;

struct Page {
  std::string url;
  FetchResult result;
  size_t evidence = 0;
};

// What a check is about: a page, and the exchange that fetched it.
struct Where {
  std::string url;
  size_t evidence = 0;
};

Check NewCheck(const RunPtr& run, const std::string& key, const Where& where, CheckState state,
               Message message, const std::string& observed) {
  Check check;
  check.key = key;
  check.subject = run->context.redactor->Redact(where.url);
  check.state = state;
  check.message = std::move(message);
  check.observed = run->context.redactor->RedactShort(observed, 400);
  check.evidence.push_back(where.evidence);
  return check;
}

void Add(const RunPtr& run, Check check) { run->outcome.checks.push_back(std::move(check)); }

bool Answered(const Page& page) {
  return page.result.ok && page.result.response.status >= 200 && page.result.response.status < 300;
}

// The page, or an error check saying why it could not be read; false in that case.
bool Readable(const RunPtr& run, const Page& page, const std::string& key) {
  if (!page.result.ok) {
    Add(run, TransportCheck(key, page.url, page.result, page.evidence, *run->context.redactor));
    return false;
  }
  if (!Answered(page)) {
    Add(run,
        NewCheck(run, key, Where{page.url, page.evidence}, CheckState::kError,
                 Msg("web.page.status", {{"status", std::to_string(page.result.response.status)}}),
                 "HTTP " + std::to_string(page.result.response.status)));
    return false;
  }
  return true;
}

CalendarDate Today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// Fetches `url` (GET, as a browser asks for a page) and records the exchange.
Completion<Page> Fetch(const RunPtr& run, const std::string& url) {
  auto start = [run, url](const std::function<void(Page)>& done) {
    Request request;
    request.url = url;
    request.headers = {{"Accept", "text/html,text/plain;q=0.9,*/*;q=0.5"}};
    run->context.transport->Submit(request, [run, url, done](const FetchResult& r) {
      Page page{url, r,
                run->outcome.AddEvidence(RecordExchange("GET", url, r, *run->context.redactor))};
      done(std::move(page));
    });
  };
  return Completion<Page>(start);
}

// ------------------------------------------------------------ accessibility statement

std::string StatementLink(const std::string& html, const std::string& page_url) {
  std::vector<HtmlElement> links;
  std::string error;
  if (!FindHtmlElements(html, "a", &links, &error)) return "";
  for (const HtmlElement& a : links) {
    const std::string* href = a.Attribute("href");
    if (!href || href->empty()) continue;
    std::string text = AsciiLower(a.text + " " + *href);
    if (text.find("accessibilit") != std::string::npos) return ResolveUrl(page_url, *href);
  }
  return "";
}

// One check per aspect of the statement: passes unless the analyser found its problem.
void JudgeStatement(const RunPtr& run, const Page& page, const AccessibilityStatement& s) {
  static const std::vector<std::pair<const char*, std::vector<const char*>>> kAspects = {
      {"level", {"level_missing"}},
      {"rate", {"rate_missing"}},
      {"consistency", {"level_inconsistent"}},
      {"rgaa_version", {"rgaa_version_missing"}},
      {"audit_date", {"audit_date_missing", "audit_too_old"}},
      {"contact", {"contact_missing"}},
      {"remedies", {"remedies_missing"}},
  };
  std::string seen =
      std::string("« ") + ComplianceLevelName(s.declared_level) + " »; " +
      (s.compliance_rate ? std::to_string(*s.compliance_rate).substr(0, 5) + " %" : "?") +
      "; RGAA " + (s.rgaa_version.empty() ? "?" : s.rgaa_version);
  for (const auto& [aspect, codes] : kAspects) {
    const Message* problem = nullptr;
    for (const Message& m : s.problems) {
      if (std::find_if(codes.begin(), codes.end(), [&](const char* c) { return m.code == c; }) !=
          codes.end())
        problem = &m;
    }
    std::string key = std::string("a11y.statement.") + aspect;
    if (!problem) {
      Add(run, NewCheck(run, key, Where{page.url, page.evidence}, CheckState::kPass,
                        Msg("a11y.statement.ok", {{"aspect", aspect}}), seen));
      continue;
    }
    Message message = *problem;
    message.code = "a11y.statement." + message.code;
    Add(run, NewCheck(run, key, Where{page.url, page.evidence}, CheckState::kFail, message, seen));
  }
}

Flow CheckPlan(RunPtr run, Page statement, AccessibilityStatement s) {
  if (s.multi_year_plan_url.empty()) {
    Add(run, NewCheck(run, "a11y.plan", Where{statement.url, statement.evidence}, CheckState::kFail,
                      Msg("a11y.statement.plan_missing"), ""));
    co_return run->done(std::move(run->outcome));
  }
  Page plan = co_await Fetch(run, s.multi_year_plan_url);
  if (Readable(run, plan, "a11y.plan")) {
    int year = Today().year;
    bool covers = MultiYearPlanCoversYear(plan.result.response.body, year);
    Add(run, NewCheck(run, "a11y.plan", Where{plan.url, plan.evidence},
                      covers ? CheckState::kPass : CheckState::kFail,
                      Msg(covers ? "a11y.plan.covers" : "a11y.plan.outdated",
                          {{"year", std::to_string(year)}}),
                      ""));
  }
  run->done(std::move(run->outcome));
}

AccessibilityStatement AnalyseStatement(const std::string& html, const std::string& url,
                                        CalendarDate today) {
  return AnalyseAccessibilityStatement(html, url, today);
}

Flow CheckStatement(RunPtr run) {
  Page home = co_await Fetch(run, run->url);
  if (!Readable(run, home, "a11y.statement")) co_return run->done(std::move(run->outcome));
  std::optional<std::string> link =
      co_await Analysed<std::string>(run->context.executor, StatementLink,
                                     home.result.response.body, home.result.response.effective_url);
  std::vector<std::string> candidates;
  if (link && !link->empty()) candidates.push_back(*link);
  for (const std::string& path : kStatementPaths) candidates.push_back(OriginOf(run->url) + path);
  std::optional<Page> statement;
  for (const std::string& candidate : candidates) {
    Page page = co_await Fetch(run, candidate);
    if (Answered(page) && page.result.response.ContentType().find("html") != std::string::npos) {
      statement = std::move(page);
      break;
    }
  }
  if (!statement) {
    Add(run,
        NewCheck(run, "a11y.statement", Where{run->url, home.evidence}, CheckState::kNotApplicable,
                 Msg("a11y.statement.not_found"), Join(candidates)));
    co_return run->done(std::move(run->outcome));
  }
  CalendarDate today = Today();
  std::optional<AccessibilityStatement> s = co_await Analysed<AccessibilityStatement>(
      run->context.executor, AnalyseStatement, statement->result.response.body, statement->url,
      today);
  if (!s || !s->error.empty()) {
    Add(run, NewCheck(run, "a11y.statement", Where{statement->url, statement->evidence},
                      CheckState::kError, Msg("analysis.unreadable"), s ? s->error : ""));
    co_return run->done(std::move(run->outcome));
  }
  if (run->config->aspect == Aspect::kA11yPlan) {
    CheckPlan(run, *statement, *s);
    co_return;
  }
  JudgeStatement(run, *statement, *s);
  run->done(std::move(run->outcome));
}

// ------------------------------------------------------------ what the pages load

struct PageLoads {
  std::string error;
  std::vector<PageResource> resources;
  std::vector<std::string> inline_hosts;
  RgaaSubset rgaa;
};

PageLoads ReadLoads(const std::string& html, const std::string& url, bool rgaa) {
  PageLoads loads;
  PageResources found = FindPageResources(html, url);
  loads.error = found.error;
  loads.resources = std::move(found.resources);
  InlineScriptHosts inline_hosts = ScriptHostsFromInline(html);
  loads.inline_hosts = std::move(inline_hosts.hosts);
  if (rgaa) loads.rgaa = CheckRgaaSubset(html);
  return loads;
}

std::vector<std::string> OwnHosts(const RunPtr& run) {
  const TargetProfile* target = run->context.target;
  return OwnHostsOf({target ? target->base_url : "", target ? target->cas_url : "", run->url});
}

// Third-party hosts a page loads anything from (scripts, frames, images: trackers are often
// pixels), and those its inline scripts name.
std::vector<std::string> ThirdPartyHosts(const PageLoads& loads,
                                         const std::vector<std::string>& own) {
  std::vector<std::string> hosts;
  auto add = [&](const std::string& original) {
    std::string host = AsciiLower(original);
    bool first_party = std::any_of(own.begin(), own.end(), [&](const std::string& o) {
      return host == o || (host.size() > o.size() && host.compare(host.size() - o.size() - 1,
                                                                  std::string::npos, "." + o) == 0);
    });
    if (!host.empty() && !first_party && !Contains(hosts, host)) hosts.push_back(host);
  };
  for (const PageResource& r : loads.resources) {
    if (std::optional<HostPort> hp = HostAndPort(r.url)) add(hp->host);
  }
  for (const std::string& h : loads.inline_hosts) add(h);
  return hosts;
}

void JudgePageLoads(const RunPtr& run, const Page& page, const PageLoads& loads,
                    const std::vector<std::string>& own) {
  Aspect aspect = run->config->aspect;
  if (aspect == Aspect::kMixedContent) {
    std::vector<std::string> mixed;
    for (const PageResource& r : MixedContent(loads.resources, page.url))
      mixed.push_back(r.tag + " " + r.url);
    Add(run, NewCheck(run, "web.mixed_content", Where{page.url, page.evidence},
                      mixed.empty() ? CheckState::kPass : CheckState::kFail,
                      Msg(mixed.empty() ? "web.mixed_content.none" : "web.mixed_content.found",
                          {{"count", std::to_string(mixed.size())}}),
                      Join(mixed)));
  } else if (aspect == Aspect::kSri) {
    std::vector<ThirdPartyScript> scripts = ThirdPartyScripts(loads.resources, own);
    std::vector<std::string> bare;
    for (const ThirdPartyScript& s : scripts) {
      if (!s.has_integrity) bare.push_back(s.url);
    }
    CheckState state = scripts.empty() ? CheckState::kNotApplicable
                       : bare.empty()  ? CheckState::kPass
                                       : CheckState::kFail;
    Add(run, NewCheck(run, "web.sri", Where{page.url, page.evidence}, state,
                      Msg(scripts.empty() ? "web.sri.no_third_party"
                          : bare.empty()  ? "web.sri.all"
                                          : "web.sri.missing",
                          {{"count", std::to_string(bare.size())}}),
                      Join(bare)));
  } else if (aspect == Aspect::kRgaa) {
    for (const RgaaRuleResult& rule : loads.rgaa.rules) {
      Add(run, NewCheck(run, rule.rule, Where{page.url, page.evidence},
                        rule.failures == 0 ? CheckState::kPass : CheckState::kFail,
                        Msg(rule.failures == 0 ? "web.rgaa.ok" : "web.rgaa.failures",
                            {{"rule", rule.rule},
                             {"criterion", rule.criterion},
                             {"count", std::to_string(rule.failures)}}),
                        Join(rule.examples)));
    }
  }
}

// Reads one fetched page: its third-party hosts join `third_parties`, and the aspect's checks
// are added, with `subject` (when not empty) naming the account that saw the page.
Flow ReadOnePage(RunPtr run, Page page, std::string subject,
                 std::shared_ptr<std::vector<std::string>> third_parties,
                 std::function<void()> next) {
  // A service refusing the account is the services matrix's finding (service_access), not a
  // page this aspect could read.
  if (!subject.empty() && page.result.ok && !Answered(page)) {
    std::string status = std::to_string(page.result.response.status);
    Check skipped =
        NewCheck(run, "web.page", Where{page.url, page.evidence}, CheckState::kNotApplicable,
                 Msg("web.signed_in.not_served", {{"status", status}}), "HTTP " + status);
    skipped.subject = subject;
    Add(run, std::move(skipped));
    co_return next();
  }
  if (!Readable(run, page, "web.page")) co_return next();
  bool rgaa = run->config->aspect == Aspect::kRgaa;
  std::optional<PageLoads> loads =
      co_await Analysed<PageLoads>(run->context.executor, ReadLoads, page.result.response.body,
                                   page.result.response.effective_url, rgaa);
  size_t first = run->outcome.checks.size();
  if (!loads || !loads->error.empty()) {
    Add(run, NewCheck(run, "web.page", Where{page.url, page.evidence}, CheckState::kError,
                      Msg("analysis.unreadable"), loads ? loads->error : ""));
  } else {
    std::vector<std::string> own = OwnHosts(run);
    for (const std::string& h : ThirdPartyHosts(*loads, own)) {
      if (!Contains(*third_parties, h)) third_parties->push_back(h);
    }
    JudgePageLoads(run, page, *loads, own);
  }
  for (size_t i = first; i < run->outcome.checks.size() && !subject.empty(); ++i) {
    run->outcome.checks[i].subject = subject;
  }
  next();
}

Completion<bool> Read(const RunPtr& run, const Page& page, const std::string& subject,
                      const std::shared_ptr<std::vector<std::string>>& third_parties) {
  auto start = [run, page, subject, third_parties](const std::function<void(bool)>& done) {
    ReadOnePage(run, page, subject, third_parties, [done] { done(true); });
  };
  return Completion<bool>(start);
}

// A cookie scripts must read to send it back (an anti-CSRF token) is not HttpOnly by design.
bool ScriptReadable(const std::string& name) {
  std::string lower = AsciiLower(name);
  return lower.find("csrf") != std::string::npos || lower.find("xsrf") != std::string::npos;
}

// The cookies the portal, the CAS server and the services left in the account's browser:
// every one Secure, every one HttpOnly but anti-CSRF tokens. Names and attributes only.
void JudgeCookies(const RunPtr& run, const Account& account, const SignedInSession& session) {
  std::vector<CookieInfo> cookies = session.browser->Cookies();
  std::vector<std::string> seen, lacking;
  for (const CookieInfo& c : cookies) {
    std::string flags = std::string(c.secure ? " Secure" : "") + (c.http_only ? " HttpOnly" : "");
    seen.push_back(c.name + " (" + c.domain + c.path + ")" + flags);
    // One mention per name and flag, whatever the number of paths the cookie is set for.
    std::vector<std::string> missing;
    if (!c.secure) missing.push_back(c.name + " (Secure)");
    if (!c.http_only && !ScriptReadable(c.name)) missing.push_back(c.name + " (HttpOnly)");
    for (const std::string& m : missing) {
      if (!Contains(lacking, m)) lacking.push_back(m);
    }
  }
  CheckState state = cookies.empty()   ? CheckState::kNotApplicable
                     : lacking.empty() ? CheckState::kPass
                                       : CheckState::kFail;
  Check check =
      NewCheck(run, "web.cookies", Where{run->url, 0}, state,
               Msg(cookies.empty()   ? "web.cookies.none"
                   : lacking.empty() ? "web.cookies.flagged"
                                     : "web.cookies.lacking",
                   {{"count", std::to_string(cookies.size())}, {"lacking", Join(lacking)}}),
               Join(seen));
  check.subject = account.id;
  Add(run, std::move(check));
}

// The service pages of the signed_in accounts, read like the public ones.
Flow ReadSignedIn(RunPtr run, std::shared_ptr<std::vector<std::string>> third_parties,
                  std::function<void()> next) {
  const TargetProfile& target = *run->context.target;
  std::variant<std::vector<AccountLogins>, Check> plan =
      PlanSignedIn(run->config->signed_in, target, run->context.redactor->Redact(run->url));
  if (Check* unavailable = std::get_if<Check>(&plan)) {
    Add(run, std::move(*unavailable));
    co_return next();
  }
  for (const AccountLogins& logins : std::get<std::vector<AccountLogins>>(plan)) {
    SignedInPlan visit_plan{logins.account,  logins.services, target.cas_url,
                            "web.signed_in", run->context,    &run->outcome};
    SignedInSession session = co_await VisitSignedIn(visit_plan);
    bool cookies = run->config->aspect == Aspect::kCookies;
    if (cookies) JudgeCookies(run, *logins.account, session);
    for (SignedInVisit& visit : session.visits) {
      if (visit.problem) {
        Add(run, *visit.problem);
        continue;
      }
      if (cookies) continue;
      Page page{visit.url, std::move(visit.result), visit.evidence};
      co_await Read(run, page, visit.subject, third_parties);
    }
  }
  next();
}

Completion<bool> SignedIn(const RunPtr& run,
                          const std::shared_ptr<std::vector<std::string>>& third_parties) {
  auto start = [run, third_parties](const std::function<void(bool)>& done) {
    ReadSignedIn(run, third_parties, [done] { done(true); });
  };
  return Completion<bool>(start);
}

Flow JudgeThirdPartiesNamed(RunPtr run, std::vector<std::string> third_parties) {
  if (third_parties.empty()) {
    Add(run, NewCheck(run, "web.third_parties", Where{run->url, 0}, CheckState::kNotApplicable,
                      Msg("web.third_parties.none"), ""));
    co_return run->done(std::move(run->outcome));
  }
  Page privacy = co_await Fetch(run, run->privacy);
  if (Readable(run, privacy, "web.third_parties")) {
    std::string text, error;
    HtmlVisibleText(privacy.result.response.body, &text, &error);
    std::vector<std::string> missing = HostsNotNamed(third_parties, text);
    Add(run,
        NewCheck(run, "web.third_parties", Where{privacy.url, privacy.evidence},
                 missing.empty() ? CheckState::kPass : CheckState::kFail,
                 Msg(missing.empty() ? "web.third_parties.named" : "web.third_parties.not_named",
                     {{"hosts", Join(missing.empty() ? third_parties : missing)}}),
                 Join(third_parties)));
  }
  run->done(std::move(run->outcome));
}

Flow CheckPages(RunPtr run) {
  auto third_parties = std::make_shared<std::vector<std::string>>();
  std::vector<std::string> urls = {run->url};
  for (const std::string& p : run->pages) urls.push_back(p);
  const std::string anyone;  // public pages name no account
  for (size_t i = 0; i < urls.size() && run->config->aspect != Aspect::kCookies; ++i) {
    Page page = co_await Fetch(run, urls[i]);
    co_await Read(run, page, anyone, third_parties);
  }
  if (!run->config->signed_in.empty()) co_await SignedIn(run, third_parties);
  if (run->config->aspect == Aspect::kThirdPartiesNamed) {
    JudgeThirdPartiesNamed(run, *third_parties);
    co_return;
  }
  run->done(std::move(run->outcome));
}

// ------------------------------------------------------------ security.txt

Flow CheckSecurityTxt(RunPtr run) {
  Page page = co_await Fetch(run, run->url);
  if (!Readable(run, page, "web.security_txt")) co_return run->done(std::move(run->outcome));
  std::optional<SecurityTxt> txt = co_await Analysed<SecurityTxt>(
      run->context.executor, ParseSecurityTxt, page.result.response.body, std::time(nullptr));
  if (!txt) {
    Add(run, AnalysisTimedOut("web.security_txt", page.url).checks.front());
    co_return run->done(std::move(run->outcome));
  }
  std::vector<std::string> codes;
  std::string type = page.result.response.ContentType();
  if (type != "text/plain") {
    Add(run, NewCheck(run, "web.security_txt.media_type", Where{page.url, page.evidence},
                      CheckState::kFail, Msg("web.security_txt.not_text_plain", {{"type", type}}),
                      type));
    codes.push_back("media_type");
  }
  for (const Message& m : txt->problems) {
    if (m.code == "invalid_line") continue;  // shown, not judged
    Message message = m;
    message.code = "web.security_txt." + m.code;
    CheckState state = m.code == "expires_too_far" ? CheckState::kPass : CheckState::kFail;
    Add(run, NewCheck(run, "web.security_txt." + m.code, Where{page.url, page.evidence}, state,
                      message, ""));
    codes.push_back(m.code);
  }
  if (codes.empty()) {
    Add(run, NewCheck(run, "web.security_txt", Where{page.url, page.evidence}, CheckState::kPass,
                      Msg("web.security_txt.valid", {{"contacts", Join(txt->contacts)}}), ""));
  }
  run->done(std::move(run->outcome));
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParseWebPageProbe(YamlReader& r, const YamlNode& node,
                                                     const std::string& what) {
  auto config = std::make_shared<WebPageConfig>();
  std::vector<std::string> names;
  for (const auto& [name, aspect] : Aspects()) names.emplace_back(name);
  std::optional<std::string> check = r.Enum(node, "check", names, true, what);
  config->url = r.String(node, "url", false, what).value_or(config->url);
  config->pages = r.StringList(node, "pages", {}, what);
  config->privacy = r.String(node, "privacy", false, what).value_or("");
  config->signed_in = r.String(node, "signed_in", false, what).value_or("");
  if (!check) return nullptr;
  for (const auto& [name, aspect] : Aspects()) {
    if (*check == name) config->aspect = aspect;
  }
  bool reads_pages = config->aspect == Aspect::kThirdPartiesNamed ||
                     config->aspect == Aspect::kMixedContent || config->aspect == Aspect::kSri ||
                     config->aspect == Aspect::kRgaa || config->aspect == Aspect::kCookies;
  if (!config->signed_in.empty() && !reads_pages) {
    r.Error(node, what + ": signed_in applies to third_parties_named, mixed_content, " +
                      "third_party_sri, rgaa_subset and cookies only");
    return nullptr;
  }
  if (config->aspect == Aspect::kCookies && config->signed_in.empty()) {
    r.Error(node, what + ": check cookies needs 'signed_in' (the accounts whose browser is read)");
    return nullptr;
  }
  if (config->aspect == Aspect::kThirdPartiesNamed && config->privacy.empty()) {
    r.Error(node, what + ": check third_parties_named needs 'privacy' (the personal-data page)");
    return nullptr;
  }
  return config;
}

std::vector<std::string> WebPageProbeVariables(const ProbeConfig& base) {
  const auto& config = static_cast<const WebPageConfig&>(base);
  std::vector<std::string> names;
  std::vector<std::string> texts = config.pages;
  texts.push_back(config.url);
  texts.push_back(config.privacy);
  for (const std::string& text : texts) {
    for (std::string& name : ReferencedVariables(text)) names.push_back(name);
  }
  return names;
}

void RunWebPageProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                     ProbeDone done) {
  const auto& config = static_cast<const WebPageConfig&>(base);
  Message error;
  auto run = std::make_shared<Run>();
  std::optional<std::string> url = ExpandVariables(config.url, variables, &error);
  std::optional<std::string> privacy = ExpandVariables(config.privacy, variables, &error);
  for (const std::string& page : config.pages) {
    std::optional<std::string> expanded = ExpandVariables(page, variables, &error);
    if (expanded) run->pages.push_back(*expanded);
  }
  if (!url || !privacy || !error.empty()) return done(SetupError(error));
  run->config = &config;
  run->context = context;
  run->url = *url;
  run->privacy = *privacy;
  run->done = std::move(done);
  switch (config.aspect) {
    case Aspect::kA11yStatement:
    case Aspect::kA11yPlan:
      CheckStatement(run);
      break;
    case Aspect::kSecurityTxt:
      CheckSecurityTxt(run);
      break;
    default:
      CheckPages(run);
  }
}

}  // namespace sdetcheck
