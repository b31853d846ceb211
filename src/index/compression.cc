#include "index/compression.h"

#include <zdict.h>
#include <zstd.h>

#include <cstdlib>

namespace provcheck::index {
namespace {
// Level 3 compresses news text to about a half (a dictionary: 0.45) at
// several hundred MB/s.
constexpr int kCompressionLevel = 3;
// A stored document never exceeds this once decompressed.
constexpr unsigned long long kMaxDocumentBytes = 1ULL << 31;
constexpr size_t kDictionaryBytes = 110 << 10;
}  // namespace

Result<std::shared_ptr<const CompressionDictionary>> CompressionDictionary::Train(
    const std::vector<std::string>& samples) {
  std::string joined;
  std::vector<size_t> sizes;
  for (const std::string& s : samples) {
    joined += s;
    sizes.push_back(s.size());
  }
  std::string dict(kDictionaryBytes, '\0');
  size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(), sizes.data(),
                                   static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) {
    return Status::InvalidInput(std::string("cannot train a compression dictionary: ") +
                                ZDICT_getErrorName(n));
  }
  dict.resize(n);
  return FromBytes(std::move(dict));
}

Result<std::shared_ptr<const CompressionDictionary>> CompressionDictionary::FromBytes(
    std::string bytes) {
  if (ZDICT_getDictID(bytes.data(), bytes.size()) == 0) {
    return Status::Corruption("stored compression dictionary is not a zstd dictionary");
  }
  std::shared_ptr<CompressionDictionary> d(new CompressionDictionary());
  d->bytes_ = std::move(bytes);
  d->ddict_ = ZSTD_createDDict(d->bytes_.data(), d->bytes_.size());
  if (d->ddict_ == nullptr) {
    return Status::Corruption("stored compression dictionary does not load");
  }
  return std::shared_ptr<const CompressionDictionary>(std::move(d));
}

const ZSTD_CDict_s* CompressionDictionary::cdict() const {
  std::call_once(cdict_once_, [this] {
    cdict_ = ZSTD_createCDict(bytes_.data(), bytes_.size(), kCompressionLevel);
    if (cdict_ == nullptr) std::abort();  // out of memory: the bytes loaded as a DDict
  });
  return cdict_;
}

CompressionDictionary::~CompressionDictionary() {
  ZSTD_freeCDict(cdict_);
  ZSTD_freeDDict(ddict_);
}

std::string Compress(std::string_view bytes, const CompressionDictionary* dict) {
  // One context per thread: compression runs on the index's workers.
  thread_local std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx(ZSTD_createCCtx(),
                                                                       ZSTD_freeCCtx);
  std::string out;
  out.resize(ZSTD_compressBound(bytes.size()));
  size_t n = dict == nullptr ? ZSTD_compressCCtx(cctx.get(), out.data(), out.size(), bytes.data(),
                                                 bytes.size(), kCompressionLevel)
                             : ZSTD_compress_usingCDict(cctx.get(), out.data(), out.size(),
                                                        bytes.data(), bytes.size(), dict->cdict());
  if (ZSTD_isError(n)) std::abort();  // only on a bug: the buffer is large enough
  out.resize(n);
  return out;
}

Result<std::string> Decompress(std::string_view compressed, const CompressionDictionary* dict) {
  unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > kMaxDocumentBytes) {
    return Status::Corruption("stored document is not a valid zstd frame");
  }
  thread_local std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> dctx(ZSTD_createDCtx(),
                                                                       ZSTD_freeDCtx);
  std::string out;
  out.resize(static_cast<size_t>(size));
  size_t n = dict == nullptr
                 ? ZSTD_decompressDCtx(dctx.get(), out.data(), out.size(), compressed.data(),
                                       compressed.size())
                 : ZSTD_decompress_usingDDict(dctx.get(), out.data(), out.size(), compressed.data(),
                                              compressed.size(), dict->ddict());
  if (ZSTD_isError(n) || n != out.size()) {
    return Status::Corruption(std::string("stored document does not decompress: ") +
                              (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short"));
  }
  return out;
}

}  // namespace provcheck::index
