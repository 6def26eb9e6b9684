#include <algorithm>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "bundle/run_bundle.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "engine/audit.h"
#include "engine/exchange_log.h"
#include "engine/progress.h"
#include "exec/thread_executor.h"
#include "grid/loader.h"
#include "judge/score.h"
#include "lint/cross_check.h"
#include "net/coalescing_transport.h"
#include "net/curl_transport.h"
#include "probe/loader.h"
#include "report/report.h"
#include "util/clock.h"
#include "util/redactor.h"
#include "util/version.h"

namespace sdetcheck {
namespace {

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
           const RunStats& stats, std::vector<std::string>* written) {
  std::vector<std::string> axis_order;
  for (const Axis& axis : files.grid.axes) axis_order.push_back(axis.id);
  Summary summary = Summarize(results, axis_order);
  ReportContext context{
      &files.grid, &files.probes.files,   &files.target, &files.answers, &results, &summary, stats,
      o.lang,      UtcNow(kIsoTimestamp), o.ReportsDir()};
  std::string error;
  std::vector<std::string> formats = o.formats;
  if (!o.bundle.empty() && std::find(formats.begin(), formats.end(), "json") == formats.end())
    formats.push_back("json");  // the bundle's replayable record
  if (!WriteReports(context, formats, o.out_dir, written, &error)) {
    std::cerr << "sdetcheck: " << error << "\n";
    return kExitInternal;
  }
  PrintSummary(summary, *written);
  return ExitCodeFor(summary.overall.verdict);
}

// A bad signing key is found before the ENT is touched, not after the audit.
bool CheckSigningKey(const CliOptions& o, Diagnostics* diagnostics) {
  if (o.bundle.empty() || o.sign_key.empty()) return true;
  Signer signer;
  std::string error;
  if (ReadSigner({o.sign_key, o.sign_cert}, &signer, &error)) return true;
  diagnostics->Error({"--sign-key", 0, 0}, error);
  return false;
}

int WriteRunBundle(const CliOptions& o, const AuditFiles& files, const ExchangeLog& log,
                   const std::vector<std::string>& written, RunFacts facts) {
  RunRecord record{written,  &log.records(), &files.grid.files, &files.probes.files,
                   o.target, o.answers,      std::move(facts)};
  std::vector<TarEntry> entries;
  std::string error;
  BundleOptions options{{o.sign_key, o.sign_cert},
                        record.facts.tool_version,
                        record.facts.finished_at,
                        static_cast<long>(std::time(nullptr))};
  if (!CollectRunFiles(record, &entries, &error) ||
      !WriteBundle(o.bundle, entries, options, &error)) {
    std::cerr << "sdetcheck: bundle: " << error << "\n";
    return kExitInternal;
  }
  std::cout << "bundle: " << o.bundle << " (" << entries.size() << " files, "
            << (o.sign_key.empty() ? "not signed" : "signed") << ")\n";
  return kExitConforme;
}

std::vector<std::pair<std::string, std::string>> RunOptions(const CliOptions& o,
                                                            const std::string& today) {
  std::string only;
  for (const std::string& id : o.only) only += (only.empty() ? "" : ",") + id;
  return {{"target", o.target},
          {"answers", o.answers},
          {"only", only},
          {"today", today},
          {"lang", o.lang},
          {"rate", std::to_string(o.transport.rate_per_second)},
          {"concurrency", std::to_string(o.transport.per_host_concurrency)}};
}

}  // namespace

int AuditCommand(CliOptions& o) {
  Diagnostics diagnostics;
  AuditFiles files;
  LoadAuditFiles(o, &files, &diagnostics);
  CheckSigningKey(o, &diagnostics);
  if (!diagnostics.empty()) {
    std::cerr << diagnostics.Format() << diagnostics.size()
              << " problem(s); nothing was sent to the ENT.\n";
    return kExitInvalidInput;
  }
  TransportOptions transport_options = o.transport;
  if (transport_options.ca_bundle.empty()) transport_options.ca_bundle = files.target.ca_bundle;
  CurlTransport curl(transport_options);
  ExchangeLog log(&curl, files.redactor);
  CoalescingTransport transport(&log);
  // Declared after the transport it wakes, so destroyed (threads joined) before it.
  ThreadExecutor executor(AnalysisThreads(), std::chrono::milliseconds(o.analysis_timeout_ms));
  curl.AttachExecutor(&executor);
  Progress progress(o.quiet ? Progress::Mode::kQuiet : Progress::Mode::kAuto);

  std::string today = o.today.empty() ? UtcNow(kIsoDate) : o.today;
  std::string started_at = UtcNow(kIsoTimestamp);
  AuditInputs inputs{&files.grid, &files.probes, &files.target, &files.answers, o.only, today,
                     static_cast<int>(transport_options.max_redirects),
                     // Within the executor's deadline, so that a hanging handshake ends
                     // as a timeout of its own.
                     std::min(transport_options.total_timeout_ms, o.analysis_timeout_ms - 100)};
  auto start = std::chrono::steady_clock::now();
  std::vector<ItemResult> results =
      RunAudit(inputs, &transport, files.redactor, &progress, &executor);
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::vector<std::string> written;
  int verdict =
      Report(o, files, results, {curl.started_transfers(), transport.coalesced(), elapsed.count()},
             &written);
  if (o.bundle.empty() || verdict == kExitInternal) return verdict;
  RunFacts facts{kSdetcheckVersion, started_at, UtcNow(kIsoTimestamp), RunOptions(o, today)};
  int bundled = WriteRunBundle(o, files, log, written, std::move(facts));
  return bundled == kExitConforme ? verdict : bundled;
}

}  // namespace sdetcheck
