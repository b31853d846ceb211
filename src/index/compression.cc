#include "index/compression.h"

#include <zstd.h>

#include <cstdlib>

namespace provcheck::index {
namespace {
// Level 3 compresses news text to about a third at several hundred MB/s.
constexpr int kCompressionLevel = 3;
// A stored document never exceeds this once decompressed.
constexpr unsigned long long kMaxDocumentBytes = 1ULL << 31;
}  // namespace

std::string Compress(std::string_view bytes) {
  std::string out;
  out.resize(ZSTD_compressBound(bytes.size()));
  size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), kCompressionLevel);
  if (ZSTD_isError(n)) std::abort();  // only on a bug: the buffer is large enough
  out.resize(n);
  return out;
}

Result<std::string> Decompress(std::string_view compressed) {
  unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > kMaxDocumentBytes) {
    return Status::Corruption("stored document is not a valid zstd frame");
  }
  std::string out;
  out.resize(static_cast<size_t>(size));
  size_t n = ZSTD_decompress(out.data(), out.size(), compressed.data(), compressed.size());
  if (ZSTD_isError(n) || n != out.size()) {
    return Status::Corruption(std::string("stored document does not decompress: ") +
                              (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short"));
  }
  return out;
}

}  // namespace provcheck::index
