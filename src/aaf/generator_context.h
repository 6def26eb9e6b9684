#pragma once
// Internal to the generator: what the writers of the full and delta sets share.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aaf/feed_file_writer.h"
#include "aaf/generator.h"
#include "aaf/generator_faults.h"
#include "aaf/generator_records.h"
#include "aaf/generator_specs.h"

namespace sdetcheck::aafgen {

struct GeneratorContext {
  const AafGeneratorOptions& options;
  const Population& population;
  const FaultPlan& faults;
  SpecMaker specs;
  RecordBuilder builder;
  FaultContext fault_context;
  std::string out_dir;
  std::atomic<uint64_t> records_written{0};

  // DIR/ENT2D_<ACADEMY>_<set>_<date>_<type>, the chunk number and .xml to be added.
  std::string Stem(std::string_view set, std::string_view type) const;
  FeedFileWriter Writer(std::string_view set, std::string_view type) const;
};

// Closes `writer` and records its files and count in *result; false with *error set on failure.
bool FinishFile(FeedFileWriter* writer, std::string_view set, std::string_view type,
                GeneratedFeed* result, std::string* error);

// GenerateFeed and CheckFeedRequest (generator.h).
std::optional<Message> CheckRequest(const AafGeneratorOptions& options);
std::optional<Message> WriteFeed(const AafGeneratorOptions& options, const std::string& out_dir,
                                 GeneratedFeed* result);

// The delta set: pupils added (with new relatives), moved to another class, deleted, and the
// delta.* faults.
bool WriteDeltaSet(GeneratorContext* context, GeneratedFeed* result, std::string* error);

}  // namespace sdetcheck::aafgen
