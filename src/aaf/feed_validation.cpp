#include "aaf/feed_validation.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "aaf/feed_file_check.h"
#include "aaf/feed_file_name.h"
#include "aaf/feed_file_reading.h"

namespace sdetcheck {
namespace {

namespace fs = std::filesystem;

struct FeedFile {
  FeedFile(std::string file_path, std::string file_name)
      : path(std::move(file_path)), name(std::move(file_name)) {}
  std::string path, name;
  std::optional<FeedFileName> parsed;
  uint64_t size = 0;
  std::string Type() const { return parsed ? parsed->type : ""; }
};

std::vector<FeedFile> FindFiles(const std::vector<std::string>& inputs,
                                std::vector<std::string>* errors) {
  std::vector<FeedFile> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(input, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".xml")
          found.push_back(entry.path());
      }
      std::sort(found.begin(), found.end());
      for (const fs::path& p : found) files.emplace_back(p.string(), p.filename().string());
    } else if (fs::is_regular_file(input, ec)) {
      files.emplace_back(input, fs::path(input).filename().string());
    } else {
      errors->push_back(input + ": no such file or directory");
    }
  }
  for (FeedFile& f : files) {
    f.parsed = ParseFeedFileName(f.name);
    std::error_code unknown_size;
    f.size = fs::file_size(f.path, unknown_size);
    if (unknown_size) f.size = 0;
  }
  return files;
}

class Validator {
 public:
  Validator(const FeedValidationOptions& options, FeedValidation* out)
      : options_(options), out_(out) {}

  void Run() {
    std::vector<FeedFile> files = FindFiles(options_.inputs, &out_->errors);
    if (files.empty() && out_->errors.empty()) out_->errors.push_back("no .xml file in the input");
    if (!out_->errors.empty()) return;
    for (const FeedFile& f : files) {
      out_->files.push_back(f.path);
      total_ += f.size;
      if (!f.parsed) Add(Finding("file.name", f, 0));
    }
    Chunks(files);
    std::vector<const FeedFile*> structures = OfType(files, {"EtabEducNat"}, true);
    std::vector<const FeedFile*> relatives = OfType(files, {"PersRelEleve"}, true);
    std::vector<const FeedFile*> others = OfType(files, {"EtabEducNat", "PersRelEleve"}, false);
    // References resolve against full sets: those given, or the one a delta follows (a delta
    // alone names structures and relatives it does not carry).
    if (!options_.previous.empty()) LoadPrevious();
    tables_.structures_known = !options_.previous.empty() || AnyFull(structures);
    tables_.relatives_known = !options_.previous.empty() || AnyFull(relatives);
    Phase(structures);
    Phase(relatives);
    relatives_named_.assign(tables_.relatives.size(), 0);
    Phase(others);
    Orphans();
    Duplicates();
    if (!options_.previous.empty()) Delta();
  }

 private:
  static FeedFinding Finding(const char* rule, const FeedFile& f, uint32_t line) {
    return FeedFinding{rule, f.name, f.Type(), line, "", "", ""};
  }
  void Add(FeedFinding finding) {
    out_->by_type[finding.type][finding.rule]++;
    out_->counts[finding.rule]++;
    Keep(std::move(finding));
  }
  void Keep(FeedFinding finding) {
    if (kept_[finding.rule]++ < options_.kept_per_rule)
      out_->findings.push_back(std::move(finding));
  }

  static std::vector<const FeedFile*> OfType(const std::vector<FeedFile>& files,
                                             const std::set<std::string>& types, bool in) {
    std::vector<const FeedFile*> picked;
    for (const FeedFile& f : files) {
      if (types.count(f.Type()) == (in ? 1u : 0u)) picked.push_back(&f);
    }
    return picked;
  }

  static bool AnyFull(const std::vector<const FeedFile*>& files) {
    return std::any_of(files.begin(), files.end(),
                       [](const FeedFile* f) { return !f->parsed || !f->parsed->delta; });
  }
  void LoadPrevious();
  void Chunks(const std::vector<FeedFile>& files);
  void Phase(const std::vector<const FeedFile*>& files);
  std::unique_ptr<FileCheck> CheckFile(const FeedFile& f);
  void Merge(const FeedFile& f, FileCheck& check);
  void AddToTables(FileCheck& check);
  void Orphans();
  void Duplicates();
  void DuplicateIds(const std::string& type, std::vector<std::pair<uint32_t, IdAt>>& ids);
  void Delta();
  FeedFinding At(const char* rule, const std::string& type, uint32_t file, const IdAt& at,
                 std::string value = "") const {
    return FeedFinding{rule, file_names_[file], type, at.line, at.id, "", std::move(value)};
  }

  const FeedValidationOptions& options_;
  FeedValidation* out_;
  FeedTables tables_;
  std::vector<char> relatives_named_;
  std::map<std::string, size_t> kept_;  // findings kept per rule
  bool pupils_read_ = false;            // full pupil files were read: relatives can be orphans
  bool silent_ = false;                 // reading the previous full set: its tables only
  std::map<std::string, std::vector<std::pair<uint32_t, IdAt>>> ids_;  // type -> (file, id)
  std::vector<std::pair<uint32_t, IdAt>> uais_;
  std::vector<std::string> file_names_;  // of the files merged, by index
  std::vector<std::tuple<uint64_t, uint32_t, IdAt>> person_keys_;
  std::atomic<uint64_t> done_{0};
  uint64_t total_ = 0;
};

// A gap in the _0000.._NNNN sequence of one set's type.
void Validator::Chunks(const std::vector<FeedFile>& files) {
  std::map<std::string, std::set<int>> chunks;
  std::map<std::string, const FeedFile*> any;
  for (const FeedFile& f : files) {
    if (!f.parsed) continue;
    std::string set = f.parsed->prefix + (f.parsed->delta ? "_Delta_" : "_Complet_") +
                      f.parsed->date + "_" + f.parsed->type;
    chunks[set].insert(f.parsed->chunk);
    any[set] = &f;
  }
  for (const auto& [set, numbers] : chunks) {
    int expected = 0;
    for (int n : numbers) {
      for (; expected < n; ++expected) {
        FeedFinding gap = Finding("file.chunks", *any[set], 0);
        gap.value = set + "_" + std::to_string(expected);
        Add(gap);
      }
      expected = n + 1;
    }
  }
}

std::unique_ptr<FileCheck> Validator::CheckFile(const FeedFile& f) {
  auto check = std::make_unique<FileCheck>();
  check->file = f.name;
  check->type = f.Type();
  check->full = !f.parsed || !f.parsed->delta;
  bool first_degree = f.parsed && f.parsed->prefix.find("ENT1D") != std::string::npos;
  check->spec = FindFileType(check->type, first_degree);
  check->tables = &tables_;
  check->kept_per_rule = options_.kept_per_rule;
  check->relatives_named.assign(check->type == "Eleve" ? tables_.relatives.size() : 0, 0);
  uint64_t reported = 0;
  FeedFileReading reading = ReadFeed(
      f.path, [&check](const FeedRecord& r) { check->Check(r); },
      [&check](const FeedProblem& p) { check->Problem(p); }, [&check] { check->Reset(); },
      [&](uint64_t offset) {
        uint64_t now = done_ += offset - reported;
        reported = offset;
        if (options_.progress) options_.progress(now, total_);
      });
  done_ += f.size - reported;
  if (reading.error) {
    check->Emit("file.unreadable", reading.error->line, {}, {}, reading.error->message);
  }
  if (!reading.scanned) check->counts["(libxml2)"] = 1;
  return check;
}

// Files of one phase, `threads` at a time. Each file's facts are merged in file order as soon
// as the files before it are merged, by the thread that finished it, while the other reads on;
// except structures, which their own files may reference: merged once all are read.
void Validator::Phase(const std::vector<const FeedFile*>& files) {
  bool at_end = !files.empty() && files.front()->Type() == "EtabEducNat";
  std::vector<std::unique_ptr<FileCheck>> checks(files.size());
  std::atomic<size_t> next{0};
  std::mutex merging;
  size_t merged = 0;  // files before this one are merged; guarded by `merging`
  auto worker = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      std::unique_ptr<FileCheck> check = CheckFile(*files[i]);
      std::lock_guard<std::mutex> lock(merging);
      checks[i] = std::move(check);
      for (; !at_end && merged < files.size() && checks[merged]; ++merged) {
        Merge(*files[merged], *checks[merged]);
        checks[merged].reset();
      }
    }
  };
  std::vector<std::thread> threads;
  int count = std::max(1, std::min<int>(options_.threads, static_cast<int>(files.size())));
  for (int t = 1; t < count; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  for (; merged < files.size(); ++merged) Merge(*files[merged], *checks[merged]);
}

// The structures and relatives of the full set a delta follows, into the tables, silently.
void Validator::LoadPrevious() {
  std::vector<FeedFile> previous = FindFiles({options_.previous}, &out_->errors);
  silent_ = true;
  Phase(OfType(previous, {"EtabEducNat"}, true));
  Phase(OfType(previous, {"PersRelEleve"}, true));
  silent_ = false;
}

// What later files resolve references against: the structures and relatives read.
void Validator::AddToTables(FileCheck& check) {
  for (auto& [id, facts] : check.structures) tables_.structures.emplace(id, std::move(facts));
  if (check.type != "PersRelEleve") return;
  for (const IdAt& at : check.ids) {
    tables_.relatives.emplace(at.id, static_cast<uint32_t>(tables_.relatives.size()));
  }
}

void Validator::Merge(const FeedFile& f, FileCheck& check) {
  AddToTables(check);
  if (silent_) return;
  out_->records += check.records;
  out_->bytes += f.size;
  if (check.counts.erase("(libxml2)")) out_->files_read_by_libxml2++;
  if (check.type == "Eleve" && check.full) pupils_read_ = true;
  for (const auto& [rule, count] : check.counts) {
    out_->counts[rule] += count;
    out_->by_type[check.type][rule] += count;
  }
  for (FeedFinding& finding : check.findings) Keep(std::move(finding));
  for (size_t i = 0; i < check.relatives_named.size() && i < relatives_named_.size(); ++i) {
    if (check.relatives_named[i]) relatives_named_[i] = 1;
  }
  // Facts keep the file as an index: a million ids must not carry a million file names.
  auto file = static_cast<uint32_t>(file_names_.size());
  file_names_.push_back(f.name);
  std::vector<std::pair<uint32_t, IdAt>>& ids = ids_[check.type];
  for (IdAt& at : check.ids) ids.emplace_back(file, std::move(at));
  for (IdAt& at : check.uais) uais_.emplace_back(file, std::move(at));
  for (auto& [hash, at] : check.person_keys) person_keys_.emplace_back(hash, file, std::move(at));
}

// Relatives no pupil names, once pupils were read.
void Validator::Orphans() {
  if (!pupils_read_) return;
  std::vector<char> reported(relatives_named_.size(), 0);
  for (const auto& [file, at] : ids_["PersRelEleve"]) {
    auto found = tables_.relatives.find(at.id);
    if (found == tables_.relatives.end() || at.operation != FeedOperation::kAdd) continue;
    uint32_t index = found->second;
    if (relatives_named_[index] || reported[index]) continue;
    reported[index] = 1;
    Add(At("ref.orphan_relative", "PersRelEleve", file, at));
  }
}

void Validator::DuplicateIds(const std::string& type, std::vector<std::pair<uint32_t, IdAt>>& ids) {
  std::vector<size_t> order;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].second.operation == FeedOperation::kAdd) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&ids](size_t a, size_t b) { return ids[a].second.id < ids[b].second.id; });
  for (size_t k = 1; k < order.size(); ++k) {
    const auto& [file, at] = ids[order[k]];
    if (at.id == ids[order[k - 1]].second.id) Add(At("duplicate.id", type, file, at));
  }
}

void Validator::Duplicates() {
  for (auto& [type, ids] : ids_) DuplicateIds(type, ids);
  std::stable_sort(uais_.begin(), uais_.end(),
                   [](const auto& a, const auto& b) { return a.second.id < b.second.id; });
  for (size_t k = 1; k < uais_.size(); ++k) {
    if (uais_[k].second.id == uais_[k - 1].second.id) {
      Add(At("duplicate.uai", "EtabEducNat", uais_[k].first, uais_[k].second, uais_[k].second.id));
    }
  }
  std::stable_sort(person_keys_.begin(), person_keys_.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  for (size_t k = 1; k < person_keys_.size(); ++k) {
    const auto& [hash, file, at] = person_keys_[k];
    const auto& [previous_hash, previous_file, previous_at] = person_keys_[k - 1];
    if (hash == previous_hash && at.id != previous_at.id) {
      Add(At("duplicate.person", "Eleve", file, at, previous_at.id));
    }
  }
}

// A delta against the full set it follows: adds of known ids, changes of unknown ones.
void Validator::Delta() {
  std::map<std::string, std::set<std::string>> known;  // type -> ids
  for (const FeedFile& f : FindFiles({options_.previous}, &out_->errors)) {
    std::set<std::string>& ids = known[f.Type()];
    ReadFeed(
        f.path, [&ids](const FeedRecord& r) { ids.insert(std::string(r.id)); },
        [](const FeedProblem&) {}, [&ids] { ids.clear(); });
  }
  for (auto& [type, ids] : ids_) {
    std::set<std::string>& before = known[type];
    for (const auto& [file, at] : ids) {
      bool exists = before.count(at.id) > 0;
      if (at.operation == FeedOperation::kAdd) {
        if (exists) Add(At("delta.add_existing", type, file, at));
        before.insert(at.id);
      } else if (!exists) {
        Add(At(at.operation == FeedOperation::kModify ? "delta.modify_unknown"
                                                      : "delta.delete_unknown",
               type, file, at));
      }
    }
  }
}

}  // namespace

uint64_t FeedValidation::Count(const std::string& rule) const {
  auto found = counts.find(rule);
  return found == counts.end() ? 0 : found->second;
}

FeedValidation ValidateFeed(const FeedValidationOptions& options) {
  FeedValidation out;
  Validator(options, &out).Run();
  return out;
}

std::vector<std::string> FeedFilesOf(const std::vector<std::string>& inputs,
                                     std::vector<std::string>* errors) {
  std::vector<std::string> paths;
  for (const FeedFile& file : FindFiles(inputs, errors)) paths.push_back(file.path);
  return paths;
}

}  // namespace sdetcheck
