#pragma once
// Reads one feed file from disk: the layout scanner over the file read 8 MB at a time (memory
// stays flat whatever the size), and libxml2 from the start again when the scanner gives up.

#include <functional>
#include <optional>
#include <string>

#include "aaf/feed_record.h"

namespace sdetcheck {

struct FeedFileReading {
  std::optional<FeedReadError> error;  // the file could not be read to its end
  bool scanned = true;                 // false: read by libxml2
  std::string scanner_gave_up;         // why, when it did
};

// `restart` is called before libxml2 reads the file again: whatever the records so far
// built must be dropped. `progress` receives bytes read so far, now and then.
FeedFileReading ReadFeed(const std::string& path, const FeedRecordSink& records,
                         const FeedProblemSink& problems, const std::function<void()>& restart,
                         const std::function<void(uint64_t)>& progress = nullptr);

}  // namespace sdetcheck
