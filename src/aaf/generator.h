#pragma once
// `sdetcheck aaf generate`: a synthetic académie as AAF files, deterministic from a seed.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aaf/generator_options.h"
#include "finding/message.h"

namespace sdetcheck {

struct GeneratedFeed {
  std::vector<std::string> files;  // the XML files written, in writing order
  // Records written per set and type, e.g. records["Complet"]["Eleve"].
  std::map<std::string, std::map<std::string, uint64_t>> records;
};

// Everything GenerateFeed refuses, found without writing: CheckGeneratorOptions, then the
// fault counts against the population drawn.
std::optional<Message> CheckFeedRequest(const AafGeneratorOptions& options);

// Writes the full set (and the delta set when asked), ficAlimMENESR.dtd and faults.json into
// `out_dir` (created if needed; existing files of the same names are replaced). Nothing is
// written when the options are refused: the message says why.
std::optional<Message> GenerateFeed(const AafGeneratorOptions& options, const std::string& out_dir,
                                    GeneratedFeed* result);

}  // namespace sdetcheck
