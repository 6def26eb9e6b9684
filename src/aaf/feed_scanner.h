#pragma once
// The fast reading of an AAF feed file: a scanner for the one regular layout real exports
// use (the ficAlimMENESR envelope, one element per expected place, double-quoted `name` and
// `operation` attributes, the five predefined entities, UTF-8 or ISO-8859-15). It accepts
// only what it is sure is well-formed XML with that layout; anything else (a comment inside
// the body, a CDATA section, another encoding, an entity, an error) makes it give up, and the
// file is read again by libxml2 (aaf/feed_xml_reader.h), which has the last word. The fuzz
// target fuzz/aaf_scanner_fuzz.cpp checks that both give the same records.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "aaf/feed_record.h"

namespace sdetcheck {

// Why the scanner gave up, and where; the records it delivered before must be discarded.
struct ScanGaveUp {
  std::string reason;
  uint32_t line = 0;
};

// nullopt: the whole document was scanned and every record delivered.
std::optional<ScanGaveUp> ScanFeed(std::string_view xml, const FeedRecordSink& records);

// Reads up to `room` bytes into `to`; 0 at the end of the input (or on a read error).
using FeedBytesSource = std::function<size_t(char* to, size_t room)>;
// The same, the document read piece by piece (8 MB at a time): memory stays flat whatever
// the file's size, and no page of the file is mapped.
std::optional<ScanGaveUp> ScanFeedPieces(const FeedBytesSource& read,
                                         const FeedRecordSink& records);

}  // namespace sdetcheck
