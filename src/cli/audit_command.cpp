#include <algorithm>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "engine/audit.h"
#include "engine/progress.h"
#include "exec/thread_executor.h"
#include "grid/loader.h"
#include "judge/score.h"
#include "lint/cross_check.h"
#include "net/coalescing_transport.h"
#include "net/curl_transport.h"
#include "probe/loader.h"
#include "report/report.h"
#include "util/redactor.h"

namespace sdetcheck {
namespace {

std::string UtcNow(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::ostringstream out;
  out << std::put_time(&utc, format);
  return out.str();
}

std::string ScoreText(const Tally& tally) {
  std::optional<double> score = tally.Score();
  if (!score) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(0) << *score * 100 << "%";
  return out.str();
}

void PrintSummary(const Summary& summary, const std::vector<std::string>& written) {
  const ScopeSummary& o = summary.overall;
  std::cout << "verdict: " << VerdictName(o.verdict) << "  exigences: " << ScoreText(o.exigence)
            << " (" << o.exigence.fail << " fail, " << o.exigence.error << " error, "
            << o.exigence.not_tested
            << " not tested)  recommandations: " << ScoreText(o.recommandation) << "\n";
  for (const ScopeSummary& axis : summary.axes) {
    std::cout << "  " << std::left << std::setw(12) << axis.axis << " " << std::setw(13)
              << VerdictName(axis.verdict) << " exigences " << ScoreText(axis.exigence)
              << ", recommandations " << ScoreText(axis.recommandation) << "\n";
  }
  for (const std::string& file : written) std::cout << "report: " << file << "\n";
}

// Threads for parsing answers: the machine's cores, at least two so that one pathological
// answer never stops the others.
int AnalysisThreads() {
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 8);
}

int ExitCodeFor(Verdict verdict) {
  switch (verdict) {
    case Verdict::kConforme:
      return kExitConforme;
    case Verdict::kNonConforme:
      return kExitNonConforme;
    case Verdict::kIncomplet:
      return kExitIncomplet;
  }
  return kExitInternal;
}

// Every input file of an audit, loaded and checked against each other.
struct AuditFiles {
  GridSet grid;
  ProbeCatalog probes;
  TargetProfile target;
  Answers answers;
  Redactor redactor;  // knows the secrets once they are resolved
};

void CheckOnly(const std::vector<std::string>& only, const GridSet& grid,
               Diagnostics* diagnostics) {
  for (const std::string& wanted : only) {
    if (!grid.FindItem(wanted) && !grid.FindAxis(wanted)) {
      diagnostics->Error({"--only", 0, 0}, "'" + wanted + "' is neither an item id nor an axis");
    }
  }
}

// Loads and cross-checks the files; secrets are read only when every file is valid.
void LoadAuditFiles(const CliOptions& o, AuditFiles* files, Diagnostics* diagnostics) {
  files->grid = LoadGridSet(o.grids, diagnostics);
  files->probes = LoadProbes(o.probes, diagnostics);
  files->target = LoadTargetProfile(o.target, diagnostics);
  if (!o.answers.empty()) files->answers = LoadAnswers(o.answers, diagnostics);
  CrossCheckGridProbes(files->grid, files->probes, diagnostics);
  CrossCheckAnswers(files->grid, files->answers, diagnostics);
  CheckOnly(o.only, files->grid, diagnostics);
  if (diagnostics->empty()) ResolveSecrets(&files->target, &files->redactor, diagnostics);
}

// Writes the reports and prints the summary; returns the exit code the verdict gives.
int Report(const CliOptions& o, const AuditFiles& files, const std::vector<ItemResult>& results,
           const RunStats& stats) {
  std::vector<std::string> axis_order;
  for (const Axis& axis : files.grid.axes) axis_order.push_back(axis.id);
  Summary summary = Summarize(results, axis_order);
  ReportContext context{&files.grid,
                        &files.probes.files,
                        &files.target,
                        &files.answers,
                        &results,
                        &summary,
                        stats,
                        o.lang,
                        UtcNow("%Y-%m-%dT%H:%M:%SZ"),
                        o.ReportsDir()};
  std::vector<std::string> written;
  std::string error;
  if (!WriteReports(context, o.formats, o.out_dir, &written, &error)) {
    std::cerr << "sdetcheck: " << error << "\n";
    return kExitInternal;
  }
  PrintSummary(summary, written);
  return ExitCodeFor(summary.overall.verdict);
}

}  // namespace

int AuditCommand(CliOptions& o) {
  Diagnostics diagnostics;
  AuditFiles files;
  LoadAuditFiles(o, &files, &diagnostics);
  if (!diagnostics.empty()) {
    std::cerr << diagnostics.Format() << diagnostics.size()
              << " problem(s); nothing was sent to the ENT.\n";
    return kExitInvalidInput;
  }
  TransportOptions transport_options = o.transport;
  if (transport_options.ca_bundle.empty()) transport_options.ca_bundle = files.target.ca_bundle;
  CurlTransport curl(transport_options);
  CoalescingTransport transport(&curl);
  // Declared after the transport it wakes, so destroyed (threads joined) before it.
  ThreadExecutor executor(AnalysisThreads(), std::chrono::milliseconds(o.analysis_timeout_ms));
  curl.AttachExecutor(&executor);
  Progress progress(o.quiet ? Progress::Mode::kQuiet : Progress::Mode::kAuto);

  AuditInputs inputs{&files.grid, &files.probes, &files.target, &files.answers, o.only,
                     o.today.empty() ? UtcNow("%Y-%m-%d") : o.today,
                     static_cast<int>(transport_options.max_redirects),
                     // Within the executor's deadline, so that a hanging handshake ends
                     // as a timeout of its own.
                     std::min(transport_options.total_timeout_ms, o.analysis_timeout_ms - 100)};
  auto start = std::chrono::steady_clock::now();
  std::vector<ItemResult> results =
      RunAudit(inputs, &transport, files.redactor, &progress, &executor);
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return Report(o, files, results,
                {curl.started_transfers(), transport.coalesced(), elapsed.count()});
}

}  // namespace sdetcheck
