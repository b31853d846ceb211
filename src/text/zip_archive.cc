#include "text/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <utility>

namespace provcheck::text {

struct ZipArchive::Handle {
  zip_t* zip = nullptr;
  ~Handle() {
    if (zip != nullptr) zip_discard(zip);  // read-only: nothing to write back
  }
};

namespace {

std::string Mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view name, std::string_view bytes,
                                                     const ZipLimits& limits) {
  const std::string who(name);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Status::ResourceLimit(who + ": cannot read the archive");
  }
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip == nullptr) {
    const std::string why = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return Status::InvalidInput(who + ": not a zip archive (" + why +
                                "); .docx and .odt files are zip archives");
  }
  zip_error_fini(&error);
  auto handle = std::make_unique<Handle>();
  handle->zip = zip;
  const zip_int64_t entries = zip_get_num_entries(zip, 0);
  if (entries < 0 || static_cast<uint64_t>(entries) > limits.max_entries) {
    return Status::ResourceLimit(who + ": " + std::to_string(entries) +
                                 " entries in the archive; at most " +
                                 std::to_string(limits.max_entries) + " are read");
  }
  return std::unique_ptr<ZipArchive>(new ZipArchive(who, std::move(handle), limits));
}

ZipArchive::ZipArchive(std::string name, std::unique_ptr<Handle> handle, const ZipLimits& limits)
    : name_(std::move(name)), handle_(std::move(handle)), limits_(limits) {}

ZipArchive::~ZipArchive() = default;

Result<std::optional<std::string>> ZipArchive::Read(std::string_view path) {
  const std::string entry(path);
  const std::string where = name_ + ": " + entry;
  const zip_int64_t index = zip_name_locate(handle_->zip, entry.c_str(), 0);
  if (index < 0) return std::optional<std::string>();
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(handle_->zip, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    return Status::InvalidInput(where + ": unreadable entry in the archive");
  }
  const uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
  // The claimed size is only a first test; the loop below counts real bytes.
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > limits_.max_entry_bytes) {
    return Status::ResourceLimit(where + ": " + Mib(stat.size) + " uncompressed; at most " +
                                 Mib(limits_.max_entry_bytes) + " are read from one entry");
  }
  zip_file_t* file = zip_fopen_index(handle_->zip, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    return Status::InvalidInput(where + ": cannot inflate (" +
                                std::string(zip_strerror(handle_->zip)) + ")");
  }
  std::string out;
  char buffer[64 * 1024];
  Status failed;
  for (;;) {
    const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
    if (n < 0) {
      failed = Status::InvalidInput(where + ": cannot inflate (" +
                                    std::string(zip_file_strerror(file)) + ")");
      break;
    }
    if (n == 0) break;
    out.append(buffer, static_cast<size_t>(n));
    if (out.size() > limits_.max_entry_bytes) {
      failed = Status::ResourceLimit(where + ": more than " + Mib(limits_.max_entry_bytes) +
                                     " uncompressed; at most that is read from one entry");
      break;
    }
    if (total_read_ + out.size() > limits_.max_total_bytes) {
      failed = Status::ResourceLimit(name_ + ": more than " + Mib(limits_.max_total_bytes) +
                                     " uncompressed in all; at most that is read");
      break;
    }
    if (out.size() > (uint64_t{1} << 20) &&
        out.size() / std::max<uint64_t>(compressed, 1) > limits_.max_ratio) {
      failed = Status::ResourceLimit(where + ": inflates more than " +
                                     std::to_string(limits_.max_ratio) +
                                     " times; refused as a zip bomb");
      break;
    }
  }
  zip_fclose(file);
  if (!failed.ok()) return failed;
  total_read_ += out.size();
  return std::optional<std::string>(std::move(out));
}

}  // namespace provcheck::text
