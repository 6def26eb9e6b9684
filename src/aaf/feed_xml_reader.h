#pragma once
// The reference reading of an AAF feed file: libxml2's streaming reader, which knows every
// XML rule, converts the declared encoding to UTF-8, never loads the DTD, resolves no
// entity and reads nothing from the network. Slower than the layout scanner
// (aaf/feed_scanner.h), which hands it every file outside the regular layout.

#include <optional>
#include <string>
#include <string_view>

#include "aaf/feed_record.h"

namespace sdetcheck {

// Reads the file at `path` (or `xml` in memory, named `name`), one record at a time. nullopt
// when the whole file was read; otherwise the error that stopped it (records before it were
// delivered).
std::optional<FeedReadError> ReadFeedFile(const std::string& path, const FeedRecordSink& records,
                                          const FeedProblemSink& problems);
std::optional<FeedReadError> ReadFeedMemory(std::string_view xml, const std::string& name,
                                            const FeedRecordSink& records,
                                            const FeedProblemSink& problems);

}  // namespace sdetcheck
