// libFuzzer target, differential: whatever the AAF layout scanner accepts, libxml2's reader
// must read without error or problem, giving the very same records (lines included). The
// scanner may give up on anything: libxml2 then has the last word.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "aaf/feed_scanner.h"
#include "aaf/feed_xml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sdetcheck;
  const std::string xml(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> scanned, read;
  std::optional<ScanGaveUp> gave_up =
      ScanFeed(xml, [&](const FeedRecord& r) { scanned.push_back(DescribeRecord(r)); });
  bool problems = false;
  std::optional<FeedReadError> error = ReadFeedMemory(
      xml, "fuzz.xml", [&](const FeedRecord& r) { read.push_back(DescribeRecord(r)); },
      [&](const FeedProblem&) { problems = true; });
  if (gave_up) return 0;
  if (error || problems || scanned != read) __builtin_trap();
  return 0;
}
