#include "aaf/generator.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "aaf/generator_context.h"

namespace sdetcheck::aafgen {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kFull = "Complet";

void WriteOne(GeneratorContext* c, FeedFileWriter* writer, const FeedRecord& record) {
  writer->Write(record);
  c->records_written.fetch_add(1, std::memory_order_relaxed);
}

bool WriteStructures(GeneratorContext* c, GeneratedFeed* result, std::string* error) {
  FeedFileWriter writer = c->Writer(kFull, "EtabEducNat");
  FeedRecord record;
  for (uint32_t e = 0; e < c->population.establishments.size(); ++e) {
    c->builder.Structure(e, &record);
    if (const FaultKind* fault = c->faults.At(FaultPool::kStructure, e))
      ApplyFault(*fault, c->fault_context, &record);
    WriteOne(c, &writer, record);
  }
  return FinishFile(&writer, kFull, "EtabEducNat", result, error);
}

// Every pupil, then the duplicates of duplicate.person at the end.
bool WritePupils(GeneratorContext* c, GeneratedFeed* result, std::string* error) {
  FeedFileWriter writer = c->Writer(kFull, "Eleve");
  FeedRecord record;
  for (uint64_t p = 0; p < c->population.pupils(); ++p) {
    c->builder.Pupil(c->specs.Pupil(p), &record);
    if (const FaultKind* fault = c->faults.At(FaultPool::kPupil, p))
      ApplyFault(*fault, c->fault_context, &record);
    WriteOne(c, &writer, record);
  }
  std::vector<uint64_t> originals = c->faults.Targets("duplicate.person");
  for (uint64_t k = 0; k < originals.size(); ++k) {
    c->builder.Pupil(c->specs.DuplicateOf(originals[k], k), &record);
    WriteOne(c, &writer, record);
  }
  return FinishFile(&writer, kFull, "Eleve", result, error);
}

// Family -> ids of the pupils duplicate.person adds to it, for the relatives' reverse links.
std::unordered_map<uint32_t, std::vector<std::string>> DuplicatesByFamily(
    const GeneratorContext& c) {
  std::unordered_map<uint32_t, std::vector<std::string>> duplicates;
  std::vector<uint64_t> originals = c.faults.Targets("duplicate.person");
  for (uint64_t k = 0; k < originals.size(); ++k) {
    duplicates[c.population.pupil_family[originals[k]]].push_back(
        c.specs.DuplicateOf(originals[k], k).id);
  }
  return duplicates;
}

// Every relative, then the records of duplicate.id again, then the orphans.
bool WriteRelatives(GeneratorContext* c, GeneratedFeed* result, std::string* error) {
  FeedFileWriter writer = c->Writer(kFull, "PersRelEleve");
  FeedRecord record;
  auto duplicates = DuplicatesByFamily(*c);
  auto relative = [&](uint64_t r) {
    RelativeSpec spec = c->specs.Relative(r);
    auto extra = duplicates.find(c->population.RelativeFamily(r));
    if (extra != duplicates.end())
      spec.children.insert(spec.children.end(), extra->second.begin(), extra->second.end());
    c->builder.Relative(spec, &record);
    WriteOne(c, &writer, record);
  };
  for (uint64_t r = 0; r < c->population.relatives(); ++r) relative(r);
  for (uint64_t r : c->faults.Targets("duplicate.id")) relative(r);
  for (uint64_t k = 0; k < c->faults.Count("ref.orphan_relative"); ++k) {
    c->builder.Relative(c->specs.OrphanRelative(k), &record);
    WriteOne(c, &writer, record);
  }
  return FinishFile(&writer, kFull, "PersRelEleve", result, error);
}

bool WriteStaff(GeneratorContext* c, GeneratedFeed* result, std::string* error) {
  FeedFileWriter writer = c->Writer(kFull, "PersEducNat");
  FeedRecord record;
  for (uint64_t s = 0; s < c->population.staff; ++s) {
    c->builder.Staff(c->specs.Staff(s), &record);
    if (const FaultKind* fault = c->faults.At(FaultPool::kTeacher, s))
      ApplyFault(*fault, c->fault_context, &record);
    WriteOne(c, &writer, record);
  }
  return FinishFile(&writer, kFull, "PersEducNat", result, error);
}

void Merge(const GeneratedFeed& part, GeneratedFeed* result) {
  result->files.insert(result->files.end(), part.files.begin(), part.files.end());
  for (const auto& [set, types] : part.records) {
    for (const auto& [type, count] : types) result->records[set][type] += count;
  }
}

bool WriteRelativesAndStaff(GeneratorContext* c, GeneratedFeed* result, std::string* error) {
  return WriteRelatives(c, result, error) && WriteStaff(c, result, error);
}

void ReportProgress(const GeneratorContext& c, const std::atomic<int>& running) {
  const Population& p = c.population;
  uint64_t total = p.establishments.size() + p.pupils() + p.relatives() + p.staff;
  while (running.load() > 0) {
    c.options.progress(c.records_written.load(std::memory_order_relaxed), total);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// Structures first (few), then pupils on one thread and relatives and staff on another: both
// cores, the same bytes as in sequence. Files in importers' order.
bool WriteFullSet(GeneratorContext* c, GeneratedFeed* result, std::string* error) {
  if (!WriteStructures(c, result, error)) return false;
  GeneratedFeed pupils, others;
  std::string pupils_error, others_error;
  bool pupils_ok = false, others_ok = false;
  std::atomic<int> running{2};
  std::thread pupil_thread([&] {
    pupils_ok = WritePupils(c, &pupils, &pupils_error);
    --running;
  });
  std::thread other_thread([&] {
    others_ok = WriteRelativesAndStaff(c, &others, &others_error);
    --running;
  });
  if (c->options.progress) ReportProgress(*c, running);
  pupil_thread.join();
  other_thread.join();
  *error = !others_ok ? others_error : pupils_error;
  Merge(pupils, result);
  Merge(others, result);
  return pupils_ok && others_ok;
}

nlohmann::json FaultsJson(const AafGeneratorOptions& options, const GeneratedFeed& feed) {
  nlohmann::json injected = nlohmann::json::object();
  for (const auto& [rule, count] : options.inject) {
    if (count > 0) injected[rule] = count;
  }
  nlohmann::json files = nlohmann::json::array();
  for (const std::string& file : feed.files) files.push_back(fs::path(file).filename().string());
  return {{"seed", options.seed},         {"persons", options.persons},
          {"degree", options.degree},     {"delta", options.delta},
          {"encoding", options.encoding}, {"injected", injected},
          {"records", feed.records},      {"files", files}};
}

bool WriteSideFiles(const AafGeneratorOptions& options, const std::string& out_dir,
                    const GeneratedFeed& feed, std::string* error) {
  std::error_code ec;
  if (!options.dtd_file.empty()) {
    fs::copy_file(options.dtd_file, fs::path(out_dir) / "ficAlimMENESR.dtd",
                  fs::copy_options::overwrite_existing, ec);
    if (ec) {
      *error = options.dtd_file + ": " + ec.message();
      return false;
    }
  }
  std::ofstream out(fs::path(out_dir) / "faults.json", std::ios::binary);
  out << FaultsJson(options, feed).dump(2) << "\n";
  if (!out) *error = out_dir + "/faults.json: cannot write";
  return static_cast<bool>(out);
}

}  // namespace

std::string GeneratorContext::Stem(std::string_view set, std::string_view type) const {
  std::string name = (options.degree == 1 ? "ENT1D_" : "ENT2D_") + options.academy + "_" +
                     std::string(set) + "_" + options.date + "_" + std::string(type);
  return (fs::path(out_dir) / name).string();
}

FeedFileWriter GeneratorContext::Writer(std::string_view set, std::string_view type) const {
  return FeedFileWriter(Stem(set, type), options.Charset(), options.chunk_records);
}

bool FinishFile(FeedFileWriter* writer, std::string_view set, std::string_view type,
                GeneratedFeed* result, std::string* error) {
  if (!writer->Close(error)) return false;
  result->files.insert(result->files.end(), writer->files().begin(), writer->files().end());
  result->records[std::string(set)][std::string(type)] = writer->records();
  return true;
}

std::optional<Message> CheckRequest(const AafGeneratorOptions& options) {
  if (auto problem = CheckGeneratorOptions(options)) return problem;
  FaultPlan faults;
  return FaultPlan::Make(options, BuildPopulation(options), &faults);
}

std::optional<Message> WriteFeed(const AafGeneratorOptions& options, const std::string& out_dir,
                                 GeneratedFeed* result) {
  if (auto problem = CheckGeneratorOptions(options)) return problem;
  Population population = BuildPopulation(options);
  FaultPlan faults;
  if (auto problem = FaultPlan::Make(options, population, &faults)) return problem;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Msg("aaf.generate.write_failed", {{"error", out_dir + ": " + ec.message()}});
  GeneratorContext context{options,
                           population,
                           faults,
                           SpecMaker(population, options.seed, options.academy),
                           RecordBuilder(population, options.academy),
                           FaultContext{options.degree, population.school_year},
                           out_dir};
  std::string error;
  bool ok = WriteFullSet(&context, result, &error) &&
            (!options.delta || WriteDeltaSet(&context, result, &error)) &&
            WriteSideFiles(options, out_dir, *result, &error);
  if (!ok) return Msg("aaf.generate.write_failed", {{"error", error}});
  return std::nullopt;
}

}  // namespace sdetcheck::aafgen

namespace sdetcheck {

std::optional<Message> CheckFeedRequest(const AafGeneratorOptions& options) {
  return aafgen::CheckRequest(options);
}

std::optional<Message> GenerateFeed(const AafGeneratorOptions& options, const std::string& out_dir,
                                    GeneratedFeed* result) {
  return aafgen::WriteFeed(options, out_dir, result);
}

}  // namespace sdetcheck
