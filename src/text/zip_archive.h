// ZipArchive: reads named entries of a zip held in memory (a .docx or .odt),
// with the limits that keep a hostile archive from costing unbounded time or
// memory ("zip bombs").
//
// Owns: opening the archive (libzip) and reading entries under the limits.
// Knows nothing of what the entries hold.
//
// Thread-safety: one ZipArchive per thread.
#ifndef PROVCHECK_SRC_TEXT_ZIP_ARCHIVE_H_
#define PROVCHECK_SRC_TEXT_ZIP_ARCHIVE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "provcheck/result.h"

namespace provcheck::text {

struct ZipLimits {
  uint64_t max_entries = 10000;                  // entries in the archive
  uint64_t max_entry_bytes = uint64_t{64} << 20;  // one entry, uncompressed
  uint64_t max_total_bytes = uint64_t{192} << 20;  // all entries read, uncompressed
  // Uncompressed over compressed size, for entries past 1 MiB: text XML
  // compresses 5-30 times; a bomb thousands of times.
  uint64_t max_ratio = 200;
};

class ZipArchive {
 public:
  // Opens `bytes` (kept by reference: it must outlive the archive), the file
  // `name` (for messages). Fails with kInvalidInput naming `name` when it is
  // not a zip archive, kResourceLimit when it has too many entries.
  static Result<std::unique_ptr<ZipArchive>> Open(std::string_view name, std::string_view bytes,
                                                  const ZipLimits& limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // The uncompressed bytes of entry `path`, or nullopt when there is none.
  // Fails with kResourceLimit naming the file and entry when it passes a
  // limit (checked on the bytes actually inflated, not on the sizes the
  // archive claims), kInvalidInput when it does not inflate.
  Result<std::optional<std::string>> Read(std::string_view path);

 private:
  struct Handle;
  ZipArchive(std::string name, std::unique_ptr<Handle> handle, const ZipLimits& limits);

  std::string name_;
  std::unique_ptr<Handle> handle_;
  ZipLimits limits_;
  uint64_t total_read_ = 0;
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_ZIP_ARCHIVE_H_
