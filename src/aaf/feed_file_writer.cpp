#include "aaf/feed_file_writer.h"

#include <cerrno>
#include <cstring>

namespace sdetcheck::aafgen {
namespace {

constexpr size_t kFlushBytes = size_t{4} << 20;

std::string ChunkSuffix(size_t index) {
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "_%04zu.xml", index);
  return suffix;
}

}  // namespace

FeedFileWriter::FeedFileWriter(std::string stem, const std::string& charset, uint64_t chunk_records)
    : stem_(std::move(stem)), charset_(charset), chunk_records_(chunk_records), encoder_(charset) {
  if (!encoder_.ok()) Fail("iconv cannot encode " + charset);
  utf8_.reserve(kFlushBytes + (size_t{64} << 10));
}

FeedFileWriter::~FeedFileWriter() {
  if (file_) std::fclose(file_);
}

void FeedFileWriter::Fail(const std::string& what) {
  if (error_.empty()) error_ = what;
}

void FeedFileWriter::OpenChunk() {
  files_.push_back(stem_ + ChunkSuffix(files_.size()));
  file_ = std::fopen(files_.back().c_str(), "wb");
  if (!file_) Fail(files_.back() + ": " + std::strerror(errno));
  utf8_ += "<?xml version=\"1.0\" encoding=\"" + charset_ + "\"?>\n";
  utf8_ += "<!DOCTYPE ficAlimMENESR SYSTEM \"ficAlimMENESR.dtd\">\n<ficAlimMENESR>\n";
  in_chunk_ = 0;
}

void FeedFileWriter::Flush() {
  encoded_.clear();
  if (!encoder_.Encode(utf8_, &encoded_)) Fail(files_.back() + ": cannot encode in " + charset_);
  if (file_ && std::fwrite(encoded_.data(), 1, encoded_.size(), file_) != encoded_.size())
    Fail(files_.back() + ": " + std::strerror(errno));
  utf8_.clear();
}

void FeedFileWriter::CloseChunk() {
  utf8_ += "</ficAlimMENESR>\n";
  Flush();
  if (file_ && std::fclose(file_) != 0) Fail(files_.back() + ": " + std::strerror(errno));
  file_ = nullptr;
}

void FeedFileWriter::Write(const FeedRecord& record) {
  if (files_.empty() || in_chunk_ == chunk_records_) {
    if (!files_.empty()) CloseChunk();
    OpenChunk();
  }
  record.AppendXml(&utf8_);
  ++records_;
  ++in_chunk_;
  if (utf8_.size() >= kFlushBytes) Flush();
}

bool FeedFileWriter::Close(std::string* error) {
  if (files_.empty()) OpenChunk();
  if (file_ || !error_.empty()) CloseChunk();
  *error = error_;
  return error_.empty();
}

}  // namespace sdetcheck::aafgen
