#include "index/compression.h"

// ZDICT_trainFromBuffer_fastCover: one training pass with chosen
// parameters, in Debian's libzstd since 1.3.6.
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <cstdlib>

namespace provcheck::index {
namespace {
// Level 3 with the dictionary below compresses 5 KB news articles to 0.42
// of their size at about 110 MB/s on one core of the project's machine;
// level 1 gives 0.49 at 160 MB/s, level 5 0.39 at 70 MB/s (bench/RESULTS.md,
// "Document text").
constexpr int kCompressionLevel = 3;
// A stored document never exceeds this once decompressed.
constexpr unsigned long long kMaxDocumentBytes = 1ULL << 31;
// 512 KB: against 110 KB, 0.42 of the text instead of 0.45 and no slower
// (the tables stay in cache across documents). Never more than a tenth of
// the samples, which zstd needs to learn from.
constexpr size_t kDictionaryBytes = 512 << 10;
constexpr size_t kMinDictionaryBytes = 4 << 10;
}  // namespace

Result<std::shared_ptr<const CompressionDictionary>> CompressionDictionary::Train(
    const std::vector<std::string>& samples) {
  std::string joined;
  std::vector<size_t> sizes;
  for (const std::string& s : samples) {
    joined += s;
    sizes.push_back(s.size());
  }
  std::string dict(std::max(kMinDictionaryBytes, std::min(kDictionaryBytes, joined.size() / 10)),
                   '\0');
  // One pass with fixed parameters (segment 200, d-mer 8: what the default
  // search settles on for news text) in place of ZDICT_trainFromBuffer's
  // search over several: 0.1 s instead of 1.7 s for 8 MB of samples, the
  // same ratio.
  ZDICT_fastCover_params_t params{};
  params.k = 200;
  params.d = 8;
  params.f = 20;
  params.accel = 1;
  params.zParams.compressionLevel = kCompressionLevel;
  size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), joined.data(),
                                             sizes.data(), static_cast<unsigned>(sizes.size()),
                                             params);
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
