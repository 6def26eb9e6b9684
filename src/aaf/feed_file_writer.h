#pragma once
// Writes the records of one AAF file type as chunked files (<stem>_0000.xml, _0001, ...):
// the ficAlimMENESR envelope, records buffered as UTF-8 and re-encoded a large buffer at a
// time, a new chunk after `chunk_records` records.

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "aaf/charset_encoder.h"
#include "aaf/generator_record.h"

namespace sdetcheck::aafgen {

class FeedFileWriter {
 public:
  // `stem` is the path without "_NNNN.xml", e.g. DIR/ENT2D_EXEMPLE_Complet_20260901_Eleve.
  // `charset` is the declared and written encoding (ISO-8859-15 or UTF-8).
  FeedFileWriter(std::string stem, const std::string& charset, uint64_t chunk_records);
  ~FeedFileWriter();
  FeedFileWriter(const FeedFileWriter&) = delete;
  FeedFileWriter& operator=(const FeedFileWriter&) = delete;

  void Write(const FeedRecord& record);
  // Ends the last chunk (writing an empty _0000 when no record came). False and *error set
  // when anything could not be written or encoded.
  bool Close(std::string* error);

  uint64_t records() const { return records_; }
  const std::vector<std::string>& files() const { return files_; }

 private:
  void OpenChunk();
  void CloseChunk();
  void Flush();
  void Fail(const std::string& what);

  std::string stem_, charset_;
  uint64_t chunk_records_;
  CharsetEncoder encoder_;
  std::FILE* file_ = nullptr;
  std::string utf8_, encoded_;
  uint64_t records_ = 0, in_chunk_ = 0;
  std::vector<std::string> files_;
  std::string error_;
};

}  // namespace sdetcheck::aafgen
