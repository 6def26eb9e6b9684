#pragma once
// Renders an audit into report files: JSON (canonical, schema in docs/report.schema.json),
// single-file HTML and Markdown (mustache templates in reports/), JUnit XML, SARIF.

#include <string>
#include <vector>

#include "answers/answers.h"
#include "grid/grid_set.h"
#include "judge/result.h"
#include "judge/score.h"
#include "target/profile.h"

namespace sdetcheck {

struct RunStats {
  int requests_sent = 0;
  int requests_coalesced = 0;
  double duration_seconds = 0;
};

struct ReportContext {
  const GridSet* grid = nullptr;
  const std::vector<InputFile>* probe_files = nullptr;  // hashed in the report
  const TargetProfile* target = nullptr;
  const Answers* answers = nullptr;  // may be null
  const std::vector<ItemResult>* results = nullptr;
  const Summary* summary = nullptr;
  RunStats stats;
  std::string lang = "fr";
  std::string generated_at;  // ISO 8601 UTC
  std::string reports_dir;   // templates and message catalogs
};

// Format names in the order they are documented: json, html, md, junit, sarif.
std::vector<std::string> ReportFormats();

// Writes report.<ext> for each format into `out_dir` (created if needed). Returns false and
// sets *error (naming the format and file) on the first failure; `written` lists the files.
bool WriteReports(const ReportContext& context, const std::vector<std::string>& formats,
                  const std::string& out_dir, std::vector<std::string>* written,
                  std::string* error);

// Renders a report.json written by `sdetcheck audit` again, into `formats`, in the report's
// language. A report of another schema version (version 1 held free-text results) or an
// incomplete one is refused with a message naming the file and what is wrong.
bool RenderSavedReport(const std::string& report_file, const std::string& reports_dir,
                       const std::vector<std::string>& formats, const std::string& out_dir,
                       std::vector<std::string>* written, std::string* error);

}  // namespace sdetcheck
