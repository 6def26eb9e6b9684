#include "aaf/feed_file_reading.h"

#include <cerrno>

#include <fcntl.h>
#include <unistd.h>

#include "aaf/feed_scanner.h"
#include "aaf/feed_xml_reader.h"

namespace sdetcheck {
namespace {

constexpr uint64_t kProgressEvery = 32ull << 20;  // bytes between progress calls

class InputFile {
 public:
  explicit InputFile(const std::string& path) : fd_(open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ >= 0) posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  ~InputFile() {
    if (fd_ >= 0) close(fd_);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  bool Ok() const { return fd_ >= 0; }
  // 0 at the end, and on an error (the scanner then gives up and libxml2 says why).
  size_t Read(char* to, size_t room) {
    ssize_t got = 0;
    do {
      got = read(fd_, to, room);
    } while (got < 0 && errno == EINTR);
    return got > 0 ? static_cast<size_t>(got) : 0;
  }

 private:
  int fd_;
};

}  // namespace

FeedFileReading ReadFeed(const std::string& path, const FeedRecordSink& records,
                         const FeedProblemSink& problems, const std::function<void()>& restart,
                         const std::function<void(uint64_t)>& progress) {
  FeedFileReading reading;
  {
    InputFile file(path);
    if (file.Ok()) {
      uint64_t done = 0, reported = 0;
      auto read = [&](char* to, size_t room) {
        size_t got = file.Read(to, room);
        done += got;
        if (progress && done - reported >= kProgressEvery) progress(reported = done);
        return got;
      };
      std::optional<ScanGaveUp> gave_up = ScanFeedPieces(read, records);
      if (progress) progress(done);
      if (!gave_up) return reading;
      reading.scanner_gave_up = gave_up->reason;
    } else {
      reading.scanner_gave_up = "cannot open the file";
    }
  }
  reading.scanned = false;
  if (restart) restart();
  reading.error = ReadFeedFile(path, records, problems);
  return reading;
}

}  // namespace sdetcheck
