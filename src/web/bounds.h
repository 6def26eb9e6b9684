#pragma once
// How much of a hostile page the web analysers look at. The HTML helpers (html/limits.h)
// already refuse pages beyond their limits; these bound what the analysers scan and return.

#include <cstddef>

namespace sdetcheck {

// Text scanned for phrases, dates and URLs: a statement or a privacy page is far shorter.
constexpr size_t kMaxWebTextBytes = size_t{2} << 20;
// Entries of any list an analyser returns (resources, hosts, contacts).
constexpr size_t kMaxWebListEntries = 200;

}  // namespace sdetcheck
