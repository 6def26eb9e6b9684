#include "aaf/feed_validation_output.h"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "aaf/feed_rules.h"
#include "util/csv.h"

namespace sdetcheck {
namespace {

constexpr char kSeparator = ';';  // French spreadsheets

const char* SeverityName(const FeedRule* rule) {
  return rule && rule->severity == RuleSeverity::kWarning ? "warning" : "error";
}

}  // namespace

bool FeedHasErrors(const FeedValidation& validation) {
  for (const auto& [rule, count] : validation.counts) {
    const FeedRule* known = FindFeedRule(rule);
    if (count > 0 && (!known || known->severity == RuleSeverity::kError)) return true;
  }
  return false;
}

std::string FeedValidationText(const FeedValidation& v, double seconds) {
  std::ostringstream out;
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f MB/s",
                seconds > 0 ? static_cast<double>(v.bytes) / 1e6 / seconds : 0.0);
  out << v.files.size() << " files, " << v.records << " records, " << v.bytes / 1000000 << " MB in "
      << seconds << " s (" << rate << "); " << v.files_read_by_libxml2
      << " read by libxml2 (outside the regular layout)\n\n";
  if (v.counts.empty()) out << "No finding.\n";
  for (const auto& [rule, count] : v.counts) {
    const FeedRule* known = FindFeedRule(rule);
    out << "  " << rule << "  " << SeverityName(known) << "  " << count << "  "
        << (known ? known->summary : "") << "\n";
  }
  if (!v.by_type.empty()) out << "\nPer file type:\n";
  for (const auto& [type, rules] : v.by_type) {
    out << "  " << (type.empty() ? "(unknown)" : type) << ":";
    for (const auto& [rule, count] : rules) out << " " << rule << "=" << count;
    out << "\n";
  }
  if (!v.findings.empty()) out << "\nFindings (file:line record attribute value):\n";
  for (const FeedFinding& f : v.findings) {
    out << "  " << f.rule << "  " << f.file << ":" << f.line << "  " << f.record << "  "
        << f.attribute << "  " << f.value << "\n";
  }
  return out.str();
}

std::string FeedValidationJson(const FeedValidation& v) {
  nlohmann::json out;
  out["files"] = v.files;
  out["records"] = v.records;
  out["bytes"] = v.bytes;
  out["files_read_by_libxml2"] = v.files_read_by_libxml2;
  out["counts"] = v.counts;
  out["by_type"] = v.by_type;
  out["findings"] = nlohmann::json::array();
  for (const FeedFinding& f : v.findings) {
    out["findings"].push_back({{"rule", f.rule},
                               {"severity", SeverityName(FindFeedRule(f.rule))},
                               {"file", f.file},
                               {"type", f.type},
                               {"line", f.line},
                               {"record", f.record},
                               {"attribute", f.attribute},
                               {"value", f.value}});
  }
  // Values come from the files: invalid UTF-8 is replaced, never fatal.
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string FeedValidationCsv(const FeedValidation& v) {
  std::string out = "rule;severity;file;type;line;record;attribute;value\n";
  for (const FeedFinding& f : v.findings) {
    out += CsvField(f.rule, kSeparator) + ";" + SeverityName(FindFeedRule(f.rule)) + ";" +
           CsvField(f.file, kSeparator) + ";" + CsvField(f.type, kSeparator) + ";" +
           std::to_string(f.line) + ";" + CsvField(f.record, kSeparator) + ";" +
           CsvField(f.attribute, kSeparator) + ";" + CsvField(f.value, kSeparator) + "\n";
  }
  return out;
}

}  // namespace sdetcheck
