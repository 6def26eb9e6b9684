#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/cli_messages.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "engine/audit.h"
#include "engine/progress.h"
#include "exec/thread_executor.h"
#include "fleet/inventory.h"
#include "grid/loader.h"
#include "judge/score.h"
#include "lint/cross_check.h"
#include "net/coalescing_transport.h"
#include "net/curl_transport.h"
#include "probe/loader.h"
#include "report/report.h"
#include "runs/fleet_summary.h"
#include "util/clock.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

// One instance of the fleet: its files, then its audit on the shared transport.
struct Member {
  FleetInstance instance;
  TargetProfile target;
  Answers answers;
  Redactor redactor;
  std::unique_ptr<CoalescingTransport> transport;
  std::unique_ptr<AuditSession> session;
};

struct FleetFiles {
  GridSet grid;
  ProbeCatalog probes;
  Answers shared_answers;
  std::vector<std::unique_ptr<Member>> members;
};

bool ParseShard(const std::string& text, int* index, int* count) {
  *index = 0;
  *count = 1;
  if (text.empty()) return true;
  size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    *index = std::stoi(text.substr(0, slash));
    *count = std::stoi(text.substr(slash + 1));
  } catch (const std::exception&) {
    return false;
  }
  return *count >= 1 && *index >= 0 && *index < *count;
}

void LoadMembers(const std::vector<FleetInstance>& shard, FleetFiles* f, Diagnostics* d) {
  for (const FleetInstance& instance : shard) {
    auto m = std::make_unique<Member>();
    m->instance = instance;
    m->target = LoadTargetProfile(instance.target, d);
    if (!instance.name.empty()) m->target.name = instance.name;
    m->answers = instance.answers.empty() ? f->shared_answers : LoadAnswers(instance.answers, d);
    CrossCheckAnswers(f->grid, m->answers, d);
    f->members.push_back(std::move(m));
  }
  if (!d->empty()) return;
  for (auto& m : f->members) ResolveSecrets(&m->target, &m->redactor, d);
}

bool LoadFleetFiles(const CliOptions& o, FleetFiles* f) {
  Diagnostics d;
  int index = 0, count = 1;
  if (!ParseShard(o.shard, &index, &count))
    d.Error({"--shard", 0, 0}, "'" + o.shard + "': expected I/N with 0 <= I < N, e.g. 0/4");
  Inventory inventory = LoadInventory(o.inventory, &d);
  f->grid = LoadGridSet(o.grids, &d);
  f->probes = LoadProbes(o.probes, &d);
  CrossCheckGridProbes(f->grid, f->probes, &d);
  if (!o.answers.empty()) f->shared_answers = LoadAnswers(o.answers, &d);
  if (d.empty()) LoadMembers(ShardOf(inventory, index, count), f, &d);
  if (d.empty()) return true;
  std::cerr << d.Format() << d.size() << " problem(s); nothing was sent.\n";
  return false;
}

// Every instance's probes on one transport: the politeness limits hold for the fleet as a
// whole (global rate) and per host (concurrency), whatever the number of instances.
void RunFleet(const CliOptions& o, FleetFiles* f) {
  TransportOptions options = o.transport;
  if (options.ca_bundle.empty() && !f->members.empty())
    options.ca_bundle = f->members.front()->target.ca_bundle;
  CurlTransport curl(options);
  ThreadExecutor executor(std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 8),
                          std::chrono::milliseconds(o.analysis_timeout_ms));
  curl.AttachExecutor(&executor);
  Progress progress(o.quiet ? Progress::Mode::kQuiet : Progress::Mode::kAuto);
  std::string today = o.today.empty() ? UtcNow(kIsoDate) : o.today;
  int total = 0;
  for (auto& m : f->members) {
    m->transport = std::make_unique<CoalescingTransport>(&curl);
    m->session = std::make_unique<AuditSession>();
    m->session->inputs = {&f->grid,
                          &f->probes,
                          &m->target,
                          &m->answers,
                          o.only,
                          today,
                          static_cast<int>(options.max_redirects),
                          std::min(options.total_timeout_ms, o.analysis_timeout_ms - 100)};
    m->session->context = ProbeContext{m->transport.get(), &m->redactor, &m->target,
                                       static_cast<int>(options.max_redirects), &executor};
    m->session->context.handshake_timeout_ms = m->session->inputs.handshake_timeout_ms;
    total += static_cast<int>(ProbedItems(m->session->inputs).size());
  }
  progress.Start(total);
  for (auto& m : f->members) StartAudit(m->session.get(), &progress, m->instance.id);
  curl.Run();
  progress.Finish();
}

bool WriteMemberReports(const CliOptions& o, const FleetFiles& f, const Member& m, double seconds) {
  std::vector<ItemResult> results = JudgeOutcomes(m.session->inputs, m.session->outcomes);
  std::vector<std::string> axes;
  for (const Axis& axis : f.grid.axes) axes.push_back(axis.id);
  Summary summary = Summarize(results, axes);
  ReportContext context{&f.grid,
                        &f.probes.files,
                        &m.target,
                        &m.answers,
                        &results,
                        &summary,
                        {m.transport->sent(), m.transport->coalesced(), seconds},
                        o.lang,
                        UtcNow(kIsoTimestamp),
                        o.ReportsDir()};
  std::vector<std::string> formats = o.formats;
  if (std::find(formats.begin(), formats.end(), "json") == formats.end()) formats.push_back("json");
  std::vector<std::string> written;
  std::string error;
  if (WriteReports(context, formats, (fs::path(o.out_dir) / m.instance.id).string(), &written,
                   &error))
    return true;
  std::cerr << "sdetcheck fleet: " << error << "\n";
  return false;
}

// Instance directories (a subdirectory holding report.json) of `dirs`, by id.
bool FindInstances(const std::vector<std::string>& dirs, const CliMessages& m,
                   std::map<std::string, std::string>* found) {
  for (const std::string& dir : dirs) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!entry.is_directory() || !fs::exists(entry.path() / "report.json")) continue;
      std::string id = entry.path().filename().string();
      auto [it, inserted] = found->emplace(id, entry.path().string());
      if (!inserted) {
        std::cerr << m.Text(Msg(
                         "fleet.merge_duplicate",
                         {{"id", id}, {"first", it->second}, {"second", entry.path().string()}}))
                  << "\n";
        return false;
      }
    }
  }
  return true;
}

// fleet.json, fleet.csv and the summary on stdout, from the instances' reports under out_dir.
int WriteFleetSummary(const CliOptions& o, const std::map<std::string, std::string>& instances) {
  std::vector<std::unique_ptr<SavedRun>> runs;
  std::vector<FleetRun> fleet;
  for (const auto& [id, dir] : instances) {
    auto run = std::make_unique<SavedRun>();
    std::string error;
    if (!LoadSavedRun(dir, run.get(), &error)) {
      std::cerr << "sdetcheck: " << error << "\n";
      return kExitInvalidInput;
    }
    fleet.push_back({id, run.get()});
    runs.push_back(std::move(run));
  }
  FleetSummary summary = SummarizeFleet(fleet);
  CliMessages m(o);
  Wording wording{[&](const Message& msg) { return m.Text(msg); },
                  [&](const std::string& key) { return m.Label(key); }};
  char separator = o.csv_separator.empty() ? ';' : o.csv_separator[0];
  std::ofstream(fs::path(o.out_dir) / "fleet.json", std::ios::binary) << FleetJson(summary);
  std::ofstream(fs::path(o.out_dir) / "fleet.csv", std::ios::binary)
      << FleetCsv(summary, separator, wording);
  std::cout << FleetText(summary, wording);
  if (summary.non_conforme > 0) return kExitNonConforme;
  return summary.incomplet > 0 ? kExitIncomplet : kExitConforme;
}

}  // namespace

int FleetCommand(CliOptions& o) {
  FleetFiles files;
  if (!LoadFleetFiles(o, &files)) return kExitInvalidInput;
  auto start = std::chrono::steady_clock::now();
  RunFleet(o, &files);
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::map<std::string, std::string> instances;
  for (const auto& m : files.members) {
    if (!WriteMemberReports(o, files, *m, elapsed.count())) return kExitInternal;
    instances[m->instance.id] = (fs::path(o.out_dir) / m->instance.id).string();
  }
  return WriteFleetSummary(o, instances);
}

int MergeCommand(CliOptions& o) {
  CliMessages m(o);
  std::map<std::string, std::string> found;
  if (!FindInstances(o.merge_dirs, m, &found)) return kExitInvalidInput;
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  std::map<std::string, std::string> merged;
  for (const auto& [id, dir] : found) {
    fs::path target = fs::path(o.out_dir) / id;
    if (fs::weakly_canonical(dir, ec) != fs::weakly_canonical(target, ec))
      fs::copy(dir, target, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    if (ec) {
      std::cerr << "sdetcheck merge: " << target.string() << ": " << ec.message() << "\n";
      return kExitInternal;
    }
    merged[id] = target.string();
  }
  return WriteFleetSummary(o, merged);
}

}  // namespace sdetcheck
