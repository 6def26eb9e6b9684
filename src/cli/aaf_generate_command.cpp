#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "aaf/generator.h"
#include "cli/cli_messages.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "report/messages.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

bool IsGeneratedFile(const fs::path& path) {
  std::string name = path.filename().string();
  bool feed =
      (name.rfind("ENT1D_", 0) == 0 || name.rfind("ENT2D_", 0) == 0) && path.extension() == ".xml";
  return feed || name == "faults.json" || name == "ficAlimMENESR.dtd";
}

// An empty or new directory; with --force, the files an earlier run wrote there removed.
std::optional<Message> PrepareOutDir(const CliOptions& o) {
  std::error_code ec;
  if (!fs::exists(o.aaf_out_dir, ec) || fs::is_empty(o.aaf_out_dir, ec)) return std::nullopt;
  if (!o.aaf_force) return Msg("aaf.generate.not_empty", {{"dir", o.aaf_out_dir}});
  for (const fs::directory_entry& entry : fs::directory_iterator(o.aaf_out_dir, ec)) {
    if (entry.is_regular_file() && IsGeneratedFile(entry.path())) fs::remove(entry.path(), ec);
  }
  return std::nullopt;
}

std::optional<Message> ReadOptions(CliOptions& o) {
  o.aaf_generate.inject.clear();
  for (const std::string& text : o.aaf_inject) {
    if (auto problem = ParseInjection(text, &o.aaf_generate)) return problem;
  }
  o.aaf_generate.dtd_file =
      (fs::path(o.data_dir) / "reference-ent" / "aaf" / "ficAlimMENESR.dtd").string();
  if (auto problem = CheckFeedRequest(o.aaf_generate)) return problem;
  return PrepareOutDir(o);
}

}  // namespace

int AafGenerateCommand(CliOptions& o) {
  CliMessages messages(o);
  if (auto problem = ReadOptions(o)) {
    std::cerr << "sdetcheck: " << messages.Text(*problem) << "\n";
    return kExitInvalidInput;
  }
  if (!o.quiet && isatty(STDERR_FILENO) != 0) {
    o.aaf_generate.progress = [&messages](uint64_t done, uint64_t total) {
      std::string text =
          messages.Text(Msg("aaf.generate.progress",
                            {{"done", std::to_string(done)}, {"total", std::to_string(total)}}));
      std::fprintf(stderr, "\r\033[K%s", text.c_str());
      std::fflush(stderr);
    };
  }
  auto start = std::chrono::steady_clock::now();
  GeneratedFeed feed;
  std::optional<Message> problem = GenerateFeed(o.aaf_generate, o.aaf_out_dir, &feed);
  if (o.aaf_generate.progress) std::fprintf(stderr, "\r\033[K");
  if (problem) {
    std::cerr << "sdetcheck: " << messages.Text(*problem) << "\n";
    return problem->code == "aaf.generate.write_failed" ? kExitInternal : kExitInvalidInput;
  }
  uint64_t records = 0;
  for (const auto& [set, types] : feed.records) {
    for (const auto& [type, count] : types) records += count;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1f", seconds);
  if (!o.quiet) {
    std::cerr << messages.Text(
                     Msg("aaf.generate.done", {{"files", std::to_string(feed.files.size())},
                                               {"records", std::to_string(records)},
                                               {"dir", o.aaf_out_dir},
                                               {"seconds", elapsed}}))
              << "\n";
  }
  return kExitConforme;
}

}  // namespace sdetcheck
