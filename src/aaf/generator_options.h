#pragma once
// What `sdetcheck aaf generate` is asked for, the fault kinds it can inject, and the check
// of a request before anything is written.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "finding/message.h"

namespace sdetcheck {

struct AafGeneratorOptions {
  uint64_t persons = 10000;
  uint64_t establishments = 0;  // 0: persons / 700, at least 1
  uint64_t seed = 1;
  int degree = 2;                          // 1: AAF1D layout (écoles), 2: AAF 2nd degree
  bool delta = false;                      // also write a Delta set against the full one
  std::map<std::string, uint64_t> inject;  // fault rule id -> how many
  std::string encoding = "iso-8859-15";    // or "utf-8"
  uint64_t chunk_records = 50000;
  std::string academy = "EXEMPLE";
  std::string date = "20260901";  // YYYYMMDD, in the file names; the school year starts there
  std::string dtd_file;           // copied next to the files when not empty
  // Called now and then with records written so far and the total expected.
  std::function<void(uint64_t done, uint64_t total)> progress;

  uint64_t EstablishmentCount() const;
  std::string Charset() const;  // as declared in the XML prolog: ISO-8859-15 or UTF-8
};

// Which records a fault kind mutates: its pool must hold enough distinct records.
enum class FaultPool { kStructure, kPupil, kRelative, kTeacher, kNone };

struct FaultKind {
  std::string_view rule;  // the validator's rule id, e.g. "value.uai"
  FaultPool pool;
  bool delta_only;  // only in the delta files (needs --delta)
};

std::span<const FaultKind> FaultKinds();
const FaultKind* FindFaultKind(std::string_view rule);

// Parses "RULE=COUNT" into options->inject; a message when malformed or unknown.
std::optional<Message> ParseInjection(const std::string& text, AafGeneratorOptions* options);

// Everything checkable before writing: sizes, date, academy, encoding, fault kinds and
// counts against the population (see Population for pool sizes).
std::optional<Message> CheckGeneratorOptions(const AafGeneratorOptions& options);

}  // namespace sdetcheck
