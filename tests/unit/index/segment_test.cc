// Segment files: what the writer packs the reader finds, in every shape of
// bucket and document width, and nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <random>
#include <set>

#include "base/file_system.h"
#include "index/segment_reader.h"
#include "index/segment_writer.h"
#include "unit/index/segment_v1.h"
#include "support/temp_dir.h"

namespace provcheck::index {
namespace {

using Entries = std::vector<std::pair<uint64_t, uint32_t>>;

// Entries with hashes of `hash_bits` bits, as a segment stores them.
Entries RandomEntries(size_t n, uint32_t min_doc, uint32_t max_doc, uint64_t seed,
                      uint32_t hash_bits = kSegmentHashBits) {
  std::mt19937_64 rng(seed);
  std::set<std::pair<uint64_t, uint32_t>> set;
  while (set.size() < n) {
    uint64_t h = rng() & ((uint64_t{1} << hash_bits) - 1);
    uint32_t doc = min_doc + static_cast<uint32_t>(rng() % (uint64_t{max_doc} - min_doc + 1));
    set.insert({h, doc});
    if (rng() % 5 == 0) set.insert({h, min_doc});  // a hash in two documents
  }
  return {set.begin(), set.end()};
}

std::unique_ptr<SegmentReader> Write(const testing::TempDir& tmp, const Entries& entries,
                                     uint32_t min_doc, uint32_t max_doc,
                                     uint32_t hash_bits = kSegmentHashBits) {
  auto w = SegmentWriter::Create(base::FileSystem::Default(), tmp.path(), "s.seg", entries.size(),
                                 min_doc, max_doc, hash_bits);
  EXPECT_TRUE(w.has_value());
  for (const auto& [h, d] : entries) EXPECT_TRUE((*w)->Add(h, d).ok());
  auto info = (*w)->Finish();
  EXPECT_TRUE(info.has_value()) << info.status().ToString();
  EXPECT_EQ(info->count, entries.size());
  auto r = SegmentReader::Open(tmp.Join("s.seg"));
  EXPECT_TRUE(r.has_value()) << r.status().ToString();
  EXPECT_TRUE((*r)->CheckDirectory().ok());
  EXPECT_EQ(base::FileSystem::Default().Kind(tmp.Join("s.seg.tmp")), base::PathKind::kMissing);
  return std::move(r).value();
}

// A version 1 file (40-bit hashes, a u32 per bucket), as 0.3 wrote it.
std::unique_ptr<SegmentReader> WriteVersion1(const testing::TempDir& tmp, const Entries& entries,
                                             uint32_t min_doc, uint32_t max_doc) {
  const std::string bytes = legacy::Version1SegmentBytes(entries, min_doc, max_doc);
  EXPECT_TRUE(base::FileSystem::Default().WriteFileAtomically(tmp.Join("v1.seg"), bytes, 0644).ok());
  auto r = SegmentReader::Open(tmp.Join("v1.seg"));
  EXPECT_TRUE(r.has_value()) << r.status().ToString();
  if (!r) return nullptr;
  EXPECT_TRUE((*r)->CheckDirectory().ok());
  return std::move(r).value();
}

// Every entry is walked in order and found by its kept (40-bit) hash, and
// absent hashes find nothing.
void ExpectHolds(const SegmentReader& r, const Entries& entries, uint32_t hash_bits) {
  EXPECT_EQ(r.hash_bits(), hash_bits);
  const uint32_t widen = kHashBits - hash_bits;
  Entries walked;
  for (SegmentReader::Cursor c(r); c.Valid(); c.Next()) walked.emplace_back(c.hash(), c.doc());
  EXPECT_EQ(walked, entries);
  for (size_t i = 0; i < entries.size(); i += std::max<size_t>(1, entries.size() / 500)) {
    std::vector<uint32_t> docs;
    r.ForEachDoc(entries[i].first << widen, [&](uint32_t d) { docs.push_back(d); });
    EXPECT_NE(std::find(docs.begin(), docs.end(), entries[i].second), docs.end());
    for (uint32_t d : docs) {
      EXPECT_TRUE(
          std::binary_search(entries.begin(), entries.end(), std::make_pair(entries[i].first, d)));
    }
  }
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    uint64_t h = rng() & ((uint64_t{1} << hash_bits) - 1);
    auto it = std::lower_bound(entries.begin(), entries.end(), std::make_pair(h, uint32_t{0}));
    if (it != entries.end() && it->first == h) continue;
    r.ForEachDoc(h << widen,
                 [&](uint32_t d) { ADD_FAILURE() << "found doc " << d << " for an absent hash"; });
  }
}

struct Shape {
  size_t n;
  uint32_t min_doc, max_doc;
};

class SegmentShapes : public ::testing::TestWithParam<Shape> {};

TEST_P(SegmentShapes, EveryEntryIsFoundAndWalkedInOrder) {
  const Shape shape = GetParam();
  for (uint32_t hash_bits : {kSegmentHashBits, kHashBits}) {
    SCOPED_TRACE(hash_bits);
    testing::TempDir tmp;
    Entries entries =
        RandomEntries(shape.n, shape.min_doc, shape.max_doc, shape.n + shape.max_doc, hash_bits);
    auto r = Write(tmp, entries, shape.min_doc, shape.max_doc, hash_bits);
    ExpectHolds(*r, entries, hash_bits);
  }
}

TEST_P(SegmentShapes, Version1FilesAreStillRead) {
  const Shape shape = GetParam();
  testing::TempDir tmp;
  Entries entries = RandomEntries(shape.n, shape.min_doc, shape.max_doc, shape.n, kHashBits);
  auto r = WriteVersion1(tmp, entries, shape.min_doc, shape.max_doc);
  ASSERT_NE(r, nullptr);
  ExpectHolds(*r, entries, kHashBits);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, SegmentShapes,
    ::testing::Values(Shape{1, 1, 1}, Shape{7, 5, 5}, Shape{1000, 1, 40}, Shape{20000, 100, 5000},
                      Shape{3000, 0, UINT32_MAX},  // widest documents: more buckets
                      Shape{50000, 1, 1u << 20}));

// Version 2 costs about two bits of directory an entry, not a u32 for
// every eight.
TEST(Segment, DirectoryTakesAboutTwoBitsAnEntry) {
  testing::TempDir tmp;
  const Entries entries = RandomEntries(100000, 1, 20000, 3);
  auto r = Write(tmp, entries, 1, 20000);
  const double bits = 8.0 * static_cast<double>(r->bytes().size()) / entries.size();
  const double entry_bits = LowBits(r->footer()) + r->footer().doc_bits;
  EXPECT_LE(bits - entry_bits, 2.5) << bits << " bits an entry";
  EXPECT_EQ(r->footer().bucket_bits, 16u);  // 65,536 buckets for 100,000 entries
}

TEST(Segment, FewerEntriesThanAnnouncedStillAddUp) {
  testing::TempDir tmp;
  const Entries entries = RandomEntries(300, 1, 9, 5);
  auto w = SegmentWriter::Create(base::FileSystem::Default(), tmp.path(), "s.seg", 5000, 1, 9);
  ASSERT_TRUE(w.has_value());
  for (const auto& [h, d] : entries) ASSERT_TRUE((*w)->Add(h, d).ok());
  ASSERT_TRUE((*w)->Finish().has_value());
  auto r = SegmentReader::Open(tmp.Join("s.seg"));
  ASSERT_TRUE(r.has_value()) << r.status().ToString();
  EXPECT_TRUE((*r)->CheckDirectory().ok());
  ExpectHolds(**r, entries, kSegmentHashBits);
}

TEST(Segment, DamagedDirectoryIsFoundByCheck) {
  testing::TempDir tmp;
  Write(tmp, RandomEntries(1000, 1, 9, 1), 1, 9);
  std::string bytes = *base::FileSystem::Default().ReadFile(tmp.Join("s.seg"), 1 << 20);
  SegmentFooter f;
  std::memcpy(&f, bytes.data() + bytes.size() - sizeof f, sizeof f);
  for (uint64_t at : {f.dir_offset, f.dir_offset + 40, f.samples_offset + 8}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);  // one bit: an entry or a bucket more or less
    ASSERT_TRUE(
        base::FileSystem::Default().WriteFileAtomically(tmp.Join("bad.seg"), bad, 0644).ok());
    auto r = SegmentReader::Open(tmp.Join("bad.seg"));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ((*r)->CheckDirectory().code(), StatusCode::kCorruption) << at;
    // Lookups stay in bounds whatever the damage.
    for (uint64_t h = 0; h < 4000; ++h) (*r)->ForEachDoc(h << 28, [](uint32_t) {});
    for (SegmentReader::Cursor c(**r); c.Valid(); c.Next()) {
    }
  }
}

TEST(Segment, EmptySegmentOpensAndFindsNothing) {
  testing::TempDir tmp;
  auto r = Write(tmp, {}, 0, 0);
  EXPECT_EQ(r->count(), 0u);
  r->ForEachDoc(12345, [](uint32_t) { ADD_FAILURE(); });
  EXPECT_FALSE(SegmentReader::Cursor(*r).Valid());
}

TEST(Segment, DamagedFilesAreRefusedByName) {
  testing::TempDir tmp;
  Write(tmp, RandomEntries(100, 1, 9, 1), 1, 9);
  std::string bytes = *base::FileSystem::Default().ReadFile(tmp.Join("s.seg"), 1 << 20);
  auto write = [&](const std::string& b) {
    ASSERT_TRUE(base::FileSystem::Default().WriteFileAtomically(tmp.Join("bad.seg"), b, 0644).ok());
  };
  write(bytes.substr(0, 10));
  auto r = SegmentReader::Open(tmp.Join("bad.seg"));
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("bad.seg"), std::string::npos);
  write(bytes.substr(1));  // sizes no longer add up
  EXPECT_EQ(SegmentReader::Open(tmp.Join("bad.seg")).status().code(), StatusCode::kCorruption);
  std::string magic = bytes;
  magic[magic.size() - 64] = 'X';
  write(magic);
  EXPECT_EQ(SegmentReader::Open(tmp.Join("bad.seg")).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(SegmentReader::Open(tmp.Join("none.seg")).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace provcheck::index
