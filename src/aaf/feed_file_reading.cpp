#include "aaf/feed_file_reading.h"

#include <algorithm>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aaf/feed_scanner.h"
#include "aaf/feed_xml_reader.h"

namespace sdetcheck {
namespace {

constexpr uint64_t kReleaseEvery = 32ull << 20;  // bytes scanned between page releases

class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      size_ = static_cast<size_t>(st.st_size);
      void* data = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (data != MAP_FAILED) {
        data_ = static_cast<const char*>(data);
        madvise(data, size_, MADV_SEQUENTIAL);
      }
    }
    close(fd);
  }
  ~MappedFile() {
    if (data_) munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  bool Ok() const { return data_ != nullptr; }
  std::string_view Text() const { return {data_, size_}; }
  // Gives back the pages before `offset`: they are read and will not be again.
  void Release(size_t offset) {
    size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    size_t end = offset / page * page;
    if (end > released_)
      madvise(const_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = std::max(released_, end);
  }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;
};

}  // namespace

FeedFileReading ReadFeed(const std::string& path, const FeedRecordSink& records,
                         const FeedProblemSink& problems, const std::function<void()>& restart,
                         const std::function<void(uint64_t)>& progress) {
  FeedFileReading reading;
  {
    MappedFile file(path);
    if (file.Ok()) {
      uint64_t next_release = kReleaseEvery;
      auto scanned = [&](size_t offset) {
        if (offset < next_release) return;
        next_release = offset + kReleaseEvery;
        file.Release(offset > kReleaseEvery ? offset - kReleaseEvery : 0);
        if (progress) progress(offset);
      };
      std::optional<ScanGaveUp> gave_up = ScanFeed(file.Text(), records, scanned);
      if (!gave_up) return reading;
      reading.scanner_gave_up = gave_up->reason;
    } else {
      reading.scanner_gave_up = "not a regular file that can be mapped";
    }
  }
  reading.scanned = false;
  if (restart) restart();
  reading.error = ReadFeedFile(path, records, problems);
  return reading;
}

}  // namespace sdetcheck
