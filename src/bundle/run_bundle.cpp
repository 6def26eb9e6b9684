#include "bundle/run_bundle.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/evidence_json.h"
#include "report/json_model.h"
#include "util/sha256.h"

namespace sdetcheck {
namespace {

using nlohmann::json;

bool ReadBytes(const std::string& path, std::string* bytes, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read it into the bundle";
    return false;
  }
  std::ostringstream out;
  out << in.rdbuf();
  *bytes = out.str();
  return true;
}

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// Input files as the run read them: the same bytes, or an error.
bool AddInputs(const std::vector<InputFile>& inputs, const std::string& dir,
               std::vector<TarEntry>* files, std::string* error) {
  std::set<std::string> names;
  for (const InputFile& input : inputs) {
    std::string bytes;
    if (!ReadBytes(input.path, &bytes, error)) return false;
    if (!input.sha256.empty() && Sha256Hex(bytes) != input.sha256) {
      *error = input.path + ": changed since the audit read it";
      return false;
    }
    std::string name = BaseName(input.path);
    if (!names.insert(name).second) name = std::to_string(names.size()) + "-" + name;
    names.insert(name);
    files->push_back({dir + name, std::move(bytes)});
  }
  return true;
}

std::string ExchangesJsonLines(const std::vector<Evidence>& exchanges) {
  std::string lines;
  for (const Evidence& record : exchanges) {
    lines += SanitizeReportStrings(EvidenceJson(record))
                 .dump(-1, ' ', false, json::error_handler_t::replace);
    lines += "\n";
  }
  return lines;
}

std::string FactsJson(const RunFacts& facts) {
  json options = json::object();
  for (const auto& [name, value] : facts.options) options[name] = value;
  json doc = {{"tool", "sdetcheck"},
              {"version", facts.tool_version},
              {"started_at", facts.started_at},
              {"finished_at", facts.finished_at},
              {"options", options}};
  return SanitizeReportStrings(doc).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

bool AddFile(const std::string& path, const std::string& name, std::vector<TarEntry>* files,
             std::string* error) {
  std::string bytes;
  if (!ReadBytes(path, &bytes, error)) return false;
  files->push_back({name, std::move(bytes)});
  return true;
}

}  // namespace

bool CollectRunFiles(const RunRecord& record, std::vector<TarEntry>* files, std::string* error) {
  files->push_back({"run.json", FactsJson(record.facts)});
  for (const std::string& report : record.report_files) {
    if (!AddFile(report, "report/" + BaseName(report), files, error)) return false;
  }
  if (record.exchanges)
    files->push_back({"exchanges.jsonl", ExchangesJsonLines(*record.exchanges)});
  if (record.grid_files && !AddInputs(*record.grid_files, kBundleGridDir, files, error))
    return false;
  if (record.probe_files && !AddInputs(*record.probe_files, "inputs/probes/", files, error))
    return false;
  if (!AddFile(record.target_file, kBundleTarget, files, error)) return false;
  return record.answers_file.empty() || AddFile(record.answers_file, kBundleAnswers, files, error);
}

}  // namespace sdetcheck
