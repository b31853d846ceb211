#include "index/segment_writer.h"

#include <algorithm>
#include <bit>

#include "base/hex.h"

namespace provcheck::index {
namespace {
constexpr size_t kFlushWords = size_t{1} << 17;  // 1 MiB of entries per write
}  // namespace

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(base::FileSystem& fs,
                                                             std::string folder, std::string name,
                                                             uint64_t max_count, uint32_t min_doc,
                                                             uint32_t max_doc,
                                                             uint32_t hash_bits) {
  if (max_count >= (uint64_t{1} << 32)) {
    return Status::ResourceLimit("a postings segment holds fewer than 2^32 entries");
  }
  std::unique_ptr<SegmentWriter> w(new SegmentWriter());
  w->fs_ = &fs;
  w->folder_ = std::move(folder);
  w->name_ = std::move(name);
  SegmentFooter& f = w->footer_;
  if (hash_bits == 0 || hash_bits > kHashBits) {
    return Status::Internal("a postings segment holds hashes of 1 to 40 bits");
  }
  std::memcpy(f.magic, kSegmentMagic, sizeof f.magic);
  f.hash_bits = hash_bits;
  f.sample_buckets = kSampleBuckets;
  f.min_doc = min_doc;
  f.max_doc = max_doc;
  f.doc_bits = static_cast<uint32_t>(std::bit_width(max_doc - min_doc));
  // One or two entries per bucket: each bit of the bucket number is a bit
  // the entry need not hold, for about two bits of directory an entry.
  // More buckets when the entry would not fit one 64-bit read.
  uint32_t bucket_bits =
      max_count > 1 ? static_cast<uint32_t>(std::bit_width(max_count)) - 1 : 0;
  bucket_bits = std::max(bucket_bits, (hash_bits + f.doc_bits) > kMaxEntryBits
                                          ? hash_bits + f.doc_bits - kMaxEntryBits
                                          : 0u);
  f.bucket_bits = std::min({bucket_bits, kMaxBucketBits, hash_bits});
  w->entry_bits_ = LowBits(f) + f.doc_bits;
  w->unary_.assign(UnaryBytes(max_count, f.bucket_bits) / 8, 0);
  w->samples_.assign(SampleCount(f.bucket_bits), 0);
  PROVCHECK_ASSIGN_OR_RETURN(w->file_,
                             fs.NewWritableFile(w->folder_ + "/" + w->name_ + ".tmp", 0644));
  w->words_.reserve(kFlushWords + 2);
  return w;
}

void SegmentWriter::CloseBucketsBelow(uint64_t bucket) {
  // Bucket b (bucket_ < b <= bucket) starts right after the zeros closing
  // the buckets before it: there are no entries between.
  const uint64_t first_sample = (bucket_ + kSampleBuckets) / kSampleBuckets;
  for (uint64_t j = first_sample; j * kSampleBuckets <= bucket && j < samples_.size(); ++j) {
    samples_[j] = unary_bit_ + (j * kSampleBuckets - bucket_);
  }
  unary_bit_ += bucket - bucket_;
  bucket_ = bucket;
}

Status SegmentWriter::Add(uint64_t hash, uint32_t doc) {
  const uint32_t low_bits = LowBits(footer_);
  const uint64_t bucket = hash >> low_bits;
  if (bucket < bucket_ || bucket >= (uint64_t{1} << footer_.bucket_bits) ||
      unary_bit_ + (bucket - bucket_) >= (unary_.size() - 1) * 64) {
    return Status::Internal("postings segment entries out of order or beyond their count");
  }
  CloseBucketsBelow(bucket);
  unary_[unary_bit_ / 64] |= uint64_t{1} << (unary_bit_ % 64);
  ++unary_bit_;
  const uint64_t low = hash & ((uint64_t{1} << low_bits) - 1);
  const uint64_t entry = low | (static_cast<uint64_t>(doc - footer_.min_doc) << low_bits);
  if (entry_bits_ > 0) {
    const uint64_t offset = bit_ % 64;
    if (offset == 0) words_.push_back(0);
    words_.back() |= entry << offset;
    if (offset + entry_bits_ > 64) words_.push_back(entry >> (64 - offset));
    bit_ += entry_bits_;
  }
  ++footer_.count;
  if (words_.size() >= kFlushWords) return Flush(false);
  return Status::Ok();
}

Status SegmentWriter::Flush(bool all) {
  // The last word may be partly filled: keep it unless this is the end.
  size_t keep = (!all && bit_ % 64 != 0) ? 1 : 0;
  size_t n = words_.size() - keep;
  if (n == 0) return Status::Ok();
  std::string_view bytes(reinterpret_cast<const char*>(words_.data()), n * 8);
  sha_.Update(bytes);
  PROVCHECK_RETURN_IF_ERROR(file_->Append(bytes));
  bytes_ += bytes.size();
  words_.erase(words_.begin(), words_.begin() + static_cast<std::ptrdiff_t>(n));
  bit_ = keep ? bit_ % 64 : 0;
  return Status::Ok();
}

Result<SegmentInfo> SegmentWriter::Finish() {
  PROVCHECK_RETURN_IF_ERROR(Flush(true));
  const std::string padding(8, '\0');
  sha_.Update(padding);
  PROVCHECK_RETURN_IF_ERROR(file_->Append(padding));
  bytes_ += padding.size();
  footer_.entries_offset = 0;
  footer_.dir_offset = bytes_;
  CloseBucketsBelow(uint64_t{1} << footer_.bucket_bits);  // and the last one
  // Fewer entries than max_count: the unary sizes end where they end.
  unary_.resize(UnaryBytes(footer_.count, footer_.bucket_bits) / 8);
  footer_.samples_offset = footer_.dir_offset + unary_.size() * 8;
  std::string_view dir(reinterpret_cast<const char*>(unary_.data()), unary_.size() * 8);
  std::string_view samples(reinterpret_cast<const char*>(samples_.data()), samples_.size() * 8);
  std::string_view foot(reinterpret_cast<const char*>(&footer_), sizeof footer_);
  for (std::string_view part : {dir, samples, foot}) {
    sha_.Update(part);
    PROVCHECK_RETURN_IF_ERROR(file_->Append(part));
    bytes_ += part.size();
  }
  PROVCHECK_RETURN_IF_ERROR(file_->Sync());
  PROVCHECK_RETURN_IF_ERROR(file_->Close());
  const std::string path = folder_ + "/" + name_;
  PROVCHECK_RETURN_IF_ERROR(fs_->RenameFile(path + ".tmp", path));
  base::Sha256Digest digest = sha_.Finish();
  SegmentInfo info;
  info.name = name_;
  info.count = footer_.count;
  info.bytes = bytes_;
  info.min_doc = footer_.min_doc;
  info.max_doc = footer_.max_doc;
  info.sha256 = base::HexEncode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  return info;
}

}  // namespace provcheck::index
