#pragma once
// The bundle's container: a POSIX ustar archive written and read by libarchive, read back
// strictly so that every byte of the file is accounted for: entry data are hashed by the
// manifest, headers carry their own checksum (libarchive rejects a damaged one), and the
// padding after each entry and the end-of-archive blocks must be zero bytes.

#include <string>
#include <vector>

namespace sdetcheck {

struct TarEntry {
  std::string name;   // relative path, '/' separated
  std::string bytes;  // the file's content
};

// Writes `entries` in order as regular files (mode 0644, the given modification time, no
// owner names). False with *error naming `file` on failure.
bool WriteTarArchive(const std::string& file, const std::vector<TarEntry>& entries, long mtime,
                     std::string* error);

// Reads every entry of `file`, at most `max_bytes` in all. False with *error saying what is
// wrong: not a ustar archive, a damaged header, an entry that is not a regular file, a name
// that is absolute or climbs (".."), a non-zero byte where the format requires zeros, more
// than `max_bytes`.
bool ReadTarArchive(const std::string& file, size_t max_bytes, std::vector<TarEntry>* entries,
                    std::string* error);

}  // namespace sdetcheck
