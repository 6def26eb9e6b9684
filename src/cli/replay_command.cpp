#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "bundle/bundle.h"
#include "bundle/run_bundle.h"
#include "cli/cli_messages.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "engine/replay.h"
#include "grid/loader.h"
#include "judge/score.h"
#include "lint/cross_check.h"
#include "report/report.h"
#include "runs/diff_output.h"
#include "util/clock.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

// The bundle's files under a fresh directory, so that loaders read them as files.
bool Extract(const BundleVerification& bundle, const std::string& dir, std::string* error) {
  for (const TarEntry& file : bundle.files) {
    fs::path path = fs::path(dir) / file.name;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out << file.bytes;
    if (!out) {
      *error = path.string() + ": cannot write";
      return false;
    }
  }
  return true;
}

// The --only of the recorded run (run.json), so that the same items are judged again.
std::vector<std::string> RecordedOnly(const BundleVerification& bundle) {
  std::vector<std::string> only;
  const TarEntry* facts = FindBundleFile(bundle, "run.json");
  if (!facts) return only;
  nlohmann::json doc = nlohmann::json::parse(facts->bytes, nullptr, false);
  if (!doc.is_object() || !doc.contains("options") || !doc["options"].is_object()) return only;
  std::string list = doc["options"].value("only", "");
  std::istringstream parts(list);
  std::string part;
  while (std::getline(parts, part, ',')) {
    if (!part.empty()) only.push_back(part);
  }
  return only;
}

struct ReplayFiles {
  GridSet grid;
  TargetProfile target;
  Answers answers;
  std::map<std::string, RecordedItem> recorded;
};

bool LoadReplayFiles(const CliOptions& o, const std::string& dir, const BundleVerification& b,
                     ReplayFiles* f) {
  Diagnostics d;
  f->grid = LoadGridSet(o.replay_grids.empty() ? dir + "/" + kBundleGridDir : o.replay_grids, &d);
  f->target = LoadTargetProfile(dir + "/" + kBundleTarget, &d, /*check_paths=*/false);
  std::string answers = !o.answers.empty()                  ? o.answers
                        : FindBundleFile(b, kBundleAnswers) ? dir + "/" + kBundleAnswers
                                                            : "";
  if (!answers.empty()) f->answers = LoadAnswers(answers, &d);
  CrossCheckAnswers(f->grid, f->answers, &d);
  if (!d.empty()) {
    std::cerr << d.Format();
    return false;
  }
  const TarEntry* report = FindBundleFile(b, kBundleReport);
  std::string error = std::string(kBundleReport) + ": not in the bundle";
  if (!report || !ReadRecordedRun(report->bytes, kBundleReport, &f->recorded, &error)) {
    std::cerr << "sdetcheck replay: " << error << "\n";
    return false;
  }
  return true;
}

// What the new rules change: the recorded report against the one just written.
void PrintChanges(const CliOptions& o, const std::string& recorded_file,
                  const std::string& replayed_file) {
  SavedRun before, after;
  std::string error;
  if (!LoadSavedRun(recorded_file, &before, &error) ||
      !LoadSavedRun(replayed_file, &after, &error)) {
    std::cerr << "sdetcheck replay: " << error << "\n";
    return;
  }
  RunDiff diff = DiffRuns(before, after);
  CliMessages m(o);
  bool same = diff.old_verdict == diff.new_verdict &&
              std::all_of(diff.items.begin(), diff.items.end(),
                          [](const ItemChange& c) { return c.old_state == c.new_state; });
  if (same) {
    std::cout << m.Text(Msg("replay.same")) << "\n";
    return;
  }
  Wording wording{[&](const Message& msg) { return m.Text(msg); },
                  [&](const std::string& key) { return m.Label(key); }};
  std::cout << m.Text(Msg("replay.changes")) << "\n"
            << DiffText(diff, {&before, &after}, false, wording);
}

// Judges the recorded outcomes, writes the reports and says what changed; the exit code of
// the new verdict, or of the failure.
int JudgeAndReport(const CliOptions& o, const std::string& dir, const BundleVerification& bundle,
                   const ReplayFiles& files) {
  AuditInputs inputs{&files.grid,          nullptr,
                     &files.target,        &files.answers,
                     RecordedOnly(bundle), o.today.empty() ? UtcNow(kIsoDate) : o.today};
  std::vector<ItemResult> results = JudgeRecorded(inputs, files.recorded);
  std::vector<std::string> axes;
  for (const Axis& axis : files.grid.axes) axes.push_back(axis.id);
  Summary summary = Summarize(results, axes);
  std::vector<InputFile> no_probes;
  ReportContext context{
      &files.grid, &no_probes, &files.target, &files.answers,        &results,
      &summary,    {},         o.lang,        UtcNow(kIsoTimestamp), o.ReportsDir()};
  std::vector<std::string> formats = o.formats;
  if (std::find(formats.begin(), formats.end(), "json") == formats.end()) formats.push_back("json");
  std::vector<std::string> written;
  std::string error;
  if (!WriteReports(context, formats, o.out_dir, &written, &error)) {
    std::cerr << "sdetcheck replay: " << error << "\n";
    return kExitInternal;
  }
  for (const std::string& file : written) std::cout << "report: " << file << "\n";
  PrintChanges(o, dir + "/" + kBundleReport, o.out_dir + "/report.json");
  return ExitCodeFor(summary.overall.verdict);
}

}  // namespace

int ReplayCommand(CliOptions& o) {
  BundleVerification bundle;
  bool verified = VerifyBundle(o.bundle_file, {o.trust_key, o.trust_cert, o.trust_ca}, &bundle);
  bool unsigned_ok = o.allow_unsigned && bundle.intact && bundle.manifest.signature == "none";
  if (!verified && !unsigned_ok) {
    std::cerr << "sdetcheck replay: " << o.bundle_file << ": " << bundle.error << "\n";
    return kExitNonConforme;
  }
  std::string dir =
      (fs::temp_directory_path() / ("sdetcheck-replay-" + std::to_string(::getpid()))).string();
  std::string error;
  ReplayFiles files;
  int code = kExitInvalidInput;
  if (!Extract(bundle, dir, &error)) {
    std::cerr << "sdetcheck replay: " << error << "\n";
    code = kExitInternal;
  } else if (LoadReplayFiles(o, dir, bundle, &files)) {
    code = JudgeAndReport(o, dir, bundle, files);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return code;
}

}  // namespace sdetcheck
