#pragma once
// The tender comparison written to files: compare.html and compare.md (mustache templates
// reports/html/compare.mustache, reports/md/compare.mustache), compare.csv (items x
// candidates) and compare-scores.csv (candidates x scores), in the chosen language.

#include <string>
#include <vector>

#include "runs/comparison.h"

namespace sdetcheck {

struct ComparisonOutput {
  std::string lang = "fr";
  std::string reports_dir;  // templates and message catalogs
  std::vector<std::string> formats = {"html", "md", "csv"};
  std::string out_dir;
  std::string group_by = "axis";  // axis | responsible | none
  char csv_separator = ';';
  std::string weighting_name;  // shown beside the weighted score; empty: no weighting
  std::string generated_at;    // ISO 8601 UTC
};

std::vector<std::string> ComparisonFormats();  // html, md, csv

// Writes the files of `output.formats` into output.out_dir (created). False with *error
// naming the file on the first failure; `written` lists the files.
bool WriteComparison(const Comparison& comparison, const ComparisonOutput& output,
                     std::vector<std::string>* written, std::string* error);

}  // namespace sdetcheck
