#pragma once

#include <string>
#include <vector>

#include "aaf/generator_options.h"
#include "net/transport_options.h"

namespace sdetcheck {

// Everything the command line can set, with defaults. Paths left empty are filled from
// the data directory (grids/, probes/, reports/ of the sdetcheck installation).
struct CliOptions {
  std::string data_dir;
  std::string grids;
  std::vector<std::string> probes;
  std::string lang = "fr";
  bool quiet = false;

  // audit
  std::string target;
  std::string answers;
  std::string out_dir = "out";
  std::vector<std::string> formats = {"html", "json", "md", "junit"};
  std::vector<std::string> only;
  std::string today;
  TransportOptions transport;
  long analysis_timeout_ms = 10000;  // parsing one answer, CPU bound
  std::string bundle;                // --bundle FILE: the run's opposable evidence
  std::string sign_key;              // PEM private key signing the bundle
  std::string sign_cert;             // its certificate: a CMS signature

  // render
  std::string saved_report;

  // diff
  std::string diff_old;
  std::string diff_new;
  std::string diff_format = "text";
  bool diff_verbose = false;
  bool diff_strict = false;

  // bundle verify, replay
  std::string bundle_file;
  std::string trust_key;
  std::string trust_cert;
  std::string trust_ca;
  bool allow_unsigned = false;
  std::string replay_grids;  // a new grid set to judge the recorded run with

  // fleet, merge
  std::string inventory;
  std::string shard;  // "I/N", 0-based
  std::vector<std::string> merge_dirs;

  // compare
  std::vector<std::string> compare_runs;
  std::vector<std::string> compare_formats = {"html", "md", "csv"};
  std::string compare_out = "out/compare";
  std::string compare_group_by = "axis";
  std::string compare_weights;
  bool compare_any_grid = false;

  // lint
  std::vector<std::string> lint_paths;

  // grid
  std::string item_id;
  std::string export_format = "csv";
  std::string csv_separator = ";";
  std::string output_file;

  // aaf validate
  std::vector<std::string> aaf_inputs;
  std::string aaf_previous;
  std::string aaf_format = "text";
  int aaf_threads = 2;
  size_t aaf_kept = 1000;

  // aaf generate
  AafGeneratorOptions aaf_generate;
  std::string aaf_out_dir;
  std::vector<std::string> aaf_inject;  // RULE=COUNT
  bool aaf_force = false;
  // tls scan
  std::string tls_url;
  std::string tls_server_name;
  bool tls_json = false;
  // aaf ldif (inputs in aaf_inputs, output in output_file)
  std::string ldif_suffix;
  std::string ldif_join_prefix = "AAF$";

  std::string ReportsDir() const { return data_dir + "/reports"; }
};

}  // namespace sdetcheck
