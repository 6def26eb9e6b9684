#include "probe/page_weight_kind.h"

#include <algorithm>
#include <set>

#include "net/url.h"
#include "probe/flow.h"
#include "probe/http_record.h"
#include "probe/signed_in_pages.h"
#include "probe/variables.h"
#include "target/profile.h"
#include "util/redactor.h"
#include "util/text.h"
#include "web/ecoindex.h"
#include "web/page_resources.h"
#include "yaml/reader.h"

namespace sdetcheck {
namespace {

// Subresources fetched per page, at most: a page asking for more is weighed on these and
// the rest counted as not weighed.
constexpr size_t kMaxWeighedResources = 150;

struct PageWeightConfig : ProbeConfig {
  std::string url = "${base_url}/";
  std::vector<std::string> pages;
  char max_grade = 'C';   // the worst grade that passes
  std::string signed_in;  // accounts whose service pages are weighed too ("" = none)
};

struct Run {
  const PageWeightConfig* config = nullptr;
  ProbeContext context;
  std::vector<std::string> urls;
  ProbeOutcome outcome;
  ProbeDone done;
};
using RunPtr = std::shared_ptr<Run>;

// What the HTML of a page asks for, and how many elements it has.
struct PageShape {
  std::string error;
  std::vector<std::string> resources;  // distinct absolute URLs, document order
  bool truncated = false;
  int dom_elements = 0;
};

PageShape ReadShape(const std::string& html, const std::string& url) {
  PageShape shape;
  PageResources found = FindPageResources(html, url);
  DomCount dom = CountDomElements(html);
  shape.error = !found.error.empty() ? found.error : dom.error;
  shape.truncated = found.truncated;
  shape.dom_elements = dom.elements;
  std::set<std::string> seen;
  for (const PageResource& r : found.resources) {
    if (seen.insert(r.url).second) shape.resources.push_back(r.url);
  }
  return shape;
}

std::vector<std::string> OwnHosts(const RunPtr& run, const std::string& page_url) {
  const TargetProfile* target = run->context.target;
  return OwnHostsOf({target ? target->base_url : "", target ? target->cas_url : "", page_url});
}

bool IsOwn(const std::string& url, const std::vector<std::string>& own) {
  std::optional<HostPort> hp = HostAndPort(url);
  return hp && std::find(own.begin(), own.end(), AsciiLower(hp->host)) != own.end();
}

Completion<FetchResult> Get(const RunPtr& run, const std::string& url) {
  auto start = [run, url](const std::function<void(FetchResult)>& done) {
    Request request;
    request.url = url;
    request.headers = {{"Accept", "*/*"}};
    run->context.transport->Submit(request, done);
  };
  return Completion<FetchResult>(start);
}

struct Weighed {
  int64_t bytes = 0;
  size_t failed = 0;  // no answer: not weighed
};

// One answer added to the total; the last one hands the total over.
struct Tally {
  Weighed total;
  size_t left = 0;
  std::function<void(Weighed)> done;

  void Add(const FetchResult& r) {
    if (r.ok || r.response.status > 0) {
      total.bytes += r.response.transferred_bytes;
    } else {
      ++total.failed;
    }
    if (--left == 0) done(total);
  }
};

void SubmitAll(const RunPtr& run, const std::vector<std::string>& urls, uint64_t session,
               const std::function<void(Weighed)>& done) {
  if (urls.empty()) return done(Weighed{});
  auto tally = std::make_shared<Tally>();
  tally->left = urls.size();
  tally->done = done;
  for (const std::string& url : urls) {
    Request request;
    request.url = url;
    request.headers = {{"Accept", "*/*"}};
    request.session = session;  // a signed-in page's resources come with the user's cookies
    request.coalesce = session == 0;
    run->context.transport->Submit(request, [tally](const FetchResult& r) { tally->Add(r); });
  }
}

// Fetches every URL at once (the transport keeps to the limits) and adds up what came.
Completion<Weighed> WeighAll(const RunPtr& run, std::vector<std::string> urls, uint64_t session) {
  auto start = [run, urls = std::move(urls), session](const std::function<void(Weighed)>& done) {
    SubmitAll(run, urls, session, done);
  };
  return Completion<Weighed>(start);
}

Check WeightCheck(const RunPtr& run, const std::string& url, size_t evidence) {
  Check check;
  check.key = "web.ecoindex";
  check.subject = run->context.redactor->Redact(url);
  check.evidence.push_back(evidence);
  return check;
}

// Whole kibibytes, rounded up: no decimal separator to translate.
std::string Kilobytes(int64_t bytes) { return std::to_string((bytes + 1023) / 1024); }

// The verdict on one page: its EcoIndex grade against the worst grade that passes.
Check Judge(const RunPtr& run, Check check, const PageShape& shape, int64_t bytes,
            size_t not_weighed) {
  size_t requests = 1 + shape.resources.size();
  EcoIndex eco = ComputeEcoIndex(shape.dom_elements, static_cast<double>(requests),
                                 static_cast<double>(bytes) / 1024.0);
  bool good = eco.grade <= run->config->max_grade;
  check.state = good ? CheckState::kPass : CheckState::kFail;
  std::vector<std::pair<std::string, std::string>> params = {
      {"grade", std::string(1, eco.grade)},
      {"score", std::to_string(eco.score)},
      {"max", std::string(1, run->config->max_grade)},
      {"kb", Kilobytes(bytes)},
      {"requests", std::to_string(requests)},
      {"elements", std::to_string(shape.dom_elements)},
      {"not_weighed", std::to_string(not_weighed)}};
  check.message = Msg(good ? "web.ecoindex.within" : "web.ecoindex.beyond", params);
  check.expected = std::string("EcoIndex ") + run->config->max_grade + " or better";
  check.observed = "EcoIndex " + std::to_string(eco.score) + " (" + eco.grade +
                   "): " + Kilobytes(bytes) + " KiB, " + std::to_string(requests) + " requests, " +
                   std::to_string(shape.dom_elements) + " elements, " +
                   std::to_string(not_weighed) + " resources not weighed";
  return check;
}

// A page fetched, to weigh: as anyone sees it (session 0) or as a signed-in account.
struct PageToWeigh {
  std::string url;
  FetchResult page;
  size_t evidence = 0;
  std::string subject;   // "" = the URL
  uint64_t session = 0;  // the browser whose cookies its resources are fetched with
};

std::vector<std::string> OwnResources(const RunPtr& run, const PageToWeigh& in,
                                      const PageShape& shape, size_t* not_weighed) {
  std::vector<std::string> own = OwnHosts(run, in.page.response.effective_url);
  std::vector<std::string> fetched;
  *not_weighed = shape.truncated ? 1 : 0;
  for (const std::string& r : shape.resources) {
    bool fetch = IsOwn(r, own) && fetched.size() < kMaxWeighedResources;
    if (fetch) fetched.push_back(r);
    *not_weighed += fetch ? 0 : 1;
  }
  return fetched;
}

Flow WeighOne(RunPtr run, PageToWeigh in, std::function<void(Check)> done) {
  const Response& response = in.page.response;
  Check check = WeightCheck(run, in.url, in.evidence);
  bool answered = in.page.ok && response.status >= 200 && response.status < 300;
  std::optional<PageShape> shape;
  if (answered) {
    shape = co_await Analysed<PageShape>(run->context.executor, ReadShape, response.body,
                                         response.effective_url);
  }
  std::string status = std::to_string(response.status);
  if (!in.page.ok) {
    check = TransportCheck("web.ecoindex", in.url, in.page, in.evidence, *run->context.redactor);
  } else if (!answered && !in.subject.empty()) {
    check.state = CheckState::kNotApplicable;  // access is the services matrix's business
    check.message = Msg("web.signed_in.not_served", {{"status", status}});
  } else if (!answered) {
    check.state = CheckState::kError;
    check.message = Msg("web.page.status", {{"status", status}});
  } else if (!shape || !shape->error.empty()) {
    check.state = CheckState::kError;
    check.message = Msg("analysis.unreadable");
    check.observed = shape ? shape->error : "";
  } else {
    size_t not_weighed = 0;
    std::vector<std::string> fetched = OwnResources(run, in, *shape, &not_weighed);
    Weighed weighed = co_await WeighAll(run, std::move(fetched), in.session);
    check = Judge(run, std::move(check), *shape, response.transferred_bytes + weighed.bytes,
                  not_weighed + weighed.failed);
  }
  if (!in.subject.empty()) check.subject = in.subject;
  done(std::move(check));
}

Completion<Check> Weigh(const RunPtr& run, PageToWeigh in) {
  auto start = [run, in = std::move(in)](const std::function<void(Check)>& done) {
    WeighOne(run, in, done);
  };
  return Completion<Check>(start);
}

// The service pages each signed_in account sees, weighed with its cookies.
Flow WeighSignedIn(RunPtr run) {
  const TargetProfile& target = *run->context.target;
  std::variant<std::vector<AccountLogins>, Check> plan = PlanSignedIn(
      run->config->signed_in, target, run->context.redactor->Redact(run->urls.front()));
  if (Check* unavailable = std::get_if<Check>(&plan)) {
    run->outcome.checks.push_back(std::move(*unavailable));
    co_return run->done(std::move(run->outcome));
  }
  for (const AccountLogins& logins : std::get<std::vector<AccountLogins>>(plan)) {
    SignedInPlan visit_plan{logins.account,  logins.services, target.cas_url,
                            "web.signed_in", run->context,    &run->outcome};
    SignedInSession session = co_await VisitSignedIn(visit_plan);
    for (SignedInVisit& visit : session.visits) {
      if (visit.problem) {
        run->outcome.checks.push_back(std::move(*visit.problem));
        continue;
      }
      PageToWeigh in{visit.url, std::move(visit.result), visit.evidence, visit.subject,
                     session.browser->id()};
      Check check = co_await Weigh(run, std::move(in));
      run->outcome.checks.push_back(std::move(check));
    }
  }
  run->done(std::move(run->outcome));
}

Flow WeighPublic(RunPtr run) {
  for (const std::string& url : run->urls) {
    FetchResult page = co_await Get(run, url);
    size_t evidence =
        run->outcome.AddEvidence(RecordExchange("GET", url, page, *run->context.redactor));
    PageToWeigh in{url, std::move(page), evidence, "", 0};
    Check check = co_await Weigh(run, std::move(in));
    run->outcome.checks.push_back(std::move(check));
  }
  if (!run->config->signed_in.empty()) {
    WeighSignedIn(run);
    co_return;
  }
  run->done(std::move(run->outcome));
}

}  // namespace

std::shared_ptr<const ProbeConfig> ParsePageWeightProbe(YamlReader& r, const YamlNode& node,
                                                        const std::string& what) {
  auto config = std::make_shared<PageWeightConfig>();
  config->url = r.String(node, "url", false, what).value_or(config->url);
  config->pages = r.StringList(node, "pages", {}, what);
  std::optional<std::string> grade =
      r.Enum(node, "max_grade", {"A", "B", "C", "D", "E", "F", "G"}, false, what);
  if (grade) config->max_grade = grade->front();
  config->signed_in = r.String(node, "signed_in", false, what).value_or("");
  return config;
}

std::vector<std::string> PageWeightProbeVariables(const ProbeConfig& base) {
  const auto& config = static_cast<const PageWeightConfig&>(base);
  std::vector<std::string> names = ReferencedVariables(config.url);
  for (const std::string& page : config.pages) {
    for (std::string& name : ReferencedVariables(page)) names.push_back(name);
  }
  return names;
}

void RunPageWeightProbe(const ProbeConfig& base, const Variables& variables, ProbeContext& context,
                        ProbeDone done) {
  const auto& config = static_cast<const PageWeightConfig&>(base);
  Message error;
  auto run = std::make_shared<Run>();
  std::vector<std::string> urls = {config.url};
  urls.insert(urls.end(), config.pages.begin(), config.pages.end());
  for (const std::string& url : urls) {
    std::optional<std::string> expanded = ExpandVariables(url, variables, &error);
    if (!expanded) return done(SetupError(error));
    run->urls.push_back(*expanded);
  }
  run->config = &config;
  run->context = context;
  run->done = std::move(done);
  WeighPublic(run);
}

}  // namespace sdetcheck
