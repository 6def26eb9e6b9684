#include "bundle/tar_archive.h"

#include <fstream>
#include <memory>
#include <sstream>

#include <archive.h>
#include <archive_entry.h>

namespace sdetcheck {
namespace {

constexpr size_t kBlock = 512;

struct WriterDeleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct ReaderDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct EntryDeleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

std::string ArchiveError(archive* a) {
  const char* text = archive_error_string(a);
  return text ? text : "unknown libarchive error";
}

bool WriteEntry(archive* a, const TarEntry& entry, long mtime, std::string* error) {
  std::unique_ptr<archive_entry, EntryDeleter> e(archive_entry_new());
  archive_entry_set_pathname(e.get(), entry.name.c_str());
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(entry.bytes.size()));
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0644);
  archive_entry_set_mtime(e.get(), mtime, 0);
  if (archive_write_header(a, e.get()) != ARCHIVE_OK) {
    *error = entry.name + ": " + ArchiveError(a);
    return false;
  }
  if (!entry.bytes.empty() && archive_write_data(a, entry.bytes.data(), entry.bytes.size()) !=
                                  static_cast<la_ssize_t>(entry.bytes.size())) {
    *error = entry.name + ": " + ArchiveError(a);
    return false;
  }
  return true;
}

bool SafeName(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos) return false;
  std::istringstream parts(name);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part.empty() || part == "." || part == "..") return false;
  }
  return true;
}

bool AllZero(const std::string& bytes, size_t from, size_t to) {
  for (size_t i = from; i < to && i < bytes.size(); ++i) {
    if (bytes[i] != '\0') return false;
  }
  return true;
}

size_t RoundUp(size_t n) { return (n + kBlock - 1) / kBlock * kBlock; }

struct Located {
  TarEntry entry;
  size_t header = 0;  // offset of its ustar header
};

bool ReadEntries(archive* a, size_t max_bytes, std::vector<Located>* out, std::string* error) {
  archive_entry* e = nullptr;
  size_t total = 0;
  int status;
  while ((status = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
    Located located;
    located.entry.name = archive_entry_pathname(e) ? archive_entry_pathname(e) : "";
    located.header = static_cast<size_t>(archive_read_header_position(a));
    if (archive_format(a) != ARCHIVE_FORMAT_TAR_USTAR) {
      *error = "entry '" + located.entry.name + "' is not a plain ustar entry";
      return false;
    }
    if (archive_entry_filetype(e) != AE_IFREG || !SafeName(located.entry.name)) {
      *error = "entry '" + located.entry.name + "' is not a plain file with a relative name";
      return false;
    }
    la_int64_t size = archive_entry_size(e);
    total += static_cast<size_t>(size);
    if (size < 0 || total > max_bytes) {
      *error = "the archive holds more than " + std::to_string(max_bytes) + " bytes";
      return false;
    }
    located.entry.bytes.resize(static_cast<size_t>(size));
    if (size > 0 &&
        archive_read_data(a, located.entry.bytes.data(), located.entry.bytes.size()) != size) {
      *error = located.entry.name + ": " + ArchiveError(a);
      return false;
    }
    out->push_back(std::move(located));
  }
  if (status != ARCHIVE_EOF) {
    *error = "damaged archive: " + ArchiveError(a);
    return false;
  }
  return true;
}

// Every byte that is neither a header nor entry data must be zero: the padding of each
// entry's last block and the end-of-archive blocks.
bool OnlyZerosBetween(const std::string& raw, const std::vector<Located>& entries,
                      std::string* error) {
  size_t at = 0;
  for (const Located& e : entries) {
    if (e.header != at) {
      *error = "unexpected bytes before entry '" + e.entry.name + "'";
      return false;
    }
    size_t data = e.header + kBlock;
    size_t end = data + RoundUp(e.entry.bytes.size());
    if (!AllZero(raw, data + e.entry.bytes.size(), end)) {
      *error = "non-zero padding after entry '" + e.entry.name + "'";
      return false;
    }
    at = end;
  }
  // WriteTarArchive ends with exactly the two end blocks: nothing may follow them.
  if (raw.size() != at + 2 * kBlock || !AllZero(raw, at, raw.size())) {
    *error = "the end of the archive is not exactly the two zero blocks ustar requires";
    return false;
  }
  return true;
}

}  // namespace

bool WriteTarArchive(const std::string& file, const std::vector<TarEntry>& entries, long mtime,
                     std::string* error) {
  std::unique_ptr<archive, WriterDeleter> a(archive_write_new());
  archive_write_set_format_ustar(a.get());
  archive_write_add_filter_none(a.get());
  archive_write_set_bytes_in_last_block(a.get(), 1);  // no padding beyond the end blocks
  if (archive_write_open_filename(a.get(), file.c_str()) != ARCHIVE_OK) {
    *error = file + ": " + ArchiveError(a.get());
    return false;
  }
  for (const TarEntry& entry : entries) {
    if (!WriteEntry(a.get(), entry, mtime, error)) {
      *error = file + ": " + *error;
      return false;
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) {
    *error = file + ": " + ArchiveError(a.get());
    return false;
  }
  return true;
}

bool ReadTarArchive(const std::string& file, size_t max_bytes, std::vector<TarEntry>* entries,
                    std::string* error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *error = file + ": cannot read";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string raw = buffer.str();
  if (raw.size() > max_bytes + max_bytes / 8 + 64 * kBlock) {
    *error = file + ": larger than " + std::to_string(max_bytes) + " bytes";
    return false;
  }
  std::unique_ptr<archive, ReaderDeleter> a(archive_read_new());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_none(a.get());
  std::vector<Located> located;
  if (archive_read_open_memory(a.get(), raw.data(), raw.size()) != ARCHIVE_OK) {
    *error = file + ": not an archive: " + ArchiveError(a.get());
    return false;
  }
  if (!ReadEntries(a.get(), max_bytes, &located, error) || !OnlyZerosBetween(raw, located, error)) {
    *error = file + ": " + *error;
    return false;
  }
  for (Located& l : located) entries->push_back(std::move(l.entry));
  return true;
}

}  // namespace sdetcheck
