// The index over segment files: merging, removal, and what faults and power
// cuts while writing segments leave behind (nothing lost, nothing half).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>
#include <set>

#include "fingerprint/analysis.h"
#include "index/sqlite_index.h"
#include "support/temp_dir.h"
#include "text/normalise.h"
#include "base/sha256.h"
#include "index/document_preparer.h"
#include "index/segment_reader.h"
#include "text/stemmer.h"
#include "unit/base/fault_injection_file_system.h"
#include "unit/index/segment_v1.h"

namespace provcheck {
namespace {

using testing::TempDir;

std::string Story(int n) {
  // 120 words drawn from 26^3 made-up ones: no two stories share a shingle.
  std::mt19937 rng(static_cast<uint32_t>(n) + 1);
  std::string s;
  for (int i = 0; i < 120; ++i) {
    for (int c = 0; c < 3; ++c) s.push_back(static_cast<char>('a' + rng() % 26));
    s += i % 12 == 11 ? ". " : " ";
  }
  return s;
}

std::vector<uint64_t> ShinglesOf(const std::string& text) {
  auto normaliser = text::Normaliser::Create();
  return fingerprint::Analyse(**normaliser, text, fingerprint::FingerprintSettings{}).shingles;
}

std::unique_ptr<Index> Open(const TempDir& tmp,
                            base::FileSystem* fs = &base::FileSystem::Default()) {
  auto index = index::SqliteIndex::OpenDir(tmp.path(), Index::Mode::kCreate, fs);
  EXPECT_TRUE(index.has_value()) << index.status().ToString();
  return index ? std::move(index).value() : nullptr;
}

Status AddStory(Index& index, int n) {
  AddSummary summary;
  std::string id = "s" + std::to_string(n);
  return index.AddFile(id + ".txt", Story(n), Format::kText, id, &summary);
}

// The ids of the documents holding `n`'s shingles.
std::set<std::string> Holders(Index& index, int n) {
  std::vector<Posting> postings;
  EXPECT_TRUE(index.Lookup(ShinglesOf(Story(n)), 1000, &postings).ok());
  std::set<std::string> ids;
  for (const Posting& p : postings) {
    auto doc = index.Load(p.document);
    EXPECT_TRUE(doc.has_value());
    if (doc) ids.insert(doc->info.meta.id);
  }
  return ids;
}

size_t SegmentFiles(const TempDir& tmp) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.Join("segments"))) {
    n += e.path().extension() == ".seg";
  }
  return n;
}

TEST(SegmentIndex, ManyBatchesMergeIntoFewSegments) {
  TempDir tmp;
  auto index = Open(tmp);
  for (int n = 0; n < 64; ++n) {
    ASSERT_TRUE(AddStory(*index, n).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  EXPECT_LE(SegmentFiles(tmp), 8u);  // O(log n), not 64
  for (int n = 0; n < 64; n += 9)
    EXPECT_EQ(Holders(*index, n), std::set<std::string>{"s" + std::to_string(n)});
  EXPECT_TRUE(index->Verify().ok());
}

// An index that 0.3 wrote (its segment version 1, 40-bit hashes) keeps
// working: its postings are found and verified, new batches are written as
// version 2, and merges leave the old segment out (its hashes do not merge
// in order with 32-bit ones).
TEST(SegmentIndex, AVersion1SegmentIsReadVerifiedAndNeverMergedWithNewOnes) {
  TempDir tmp;
  {
    auto index = Open(tmp);
    ASSERT_TRUE(AddStory(*index, 0).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  // Rewrite the batch's segment as 0.3 would have: its kept 40-bit hashes.
  auto normaliser = text::Normaliser::Create();
  auto stemmer = text::WordStemmer::Create();
  ASSERT_TRUE(normaliser.has_value() && stemmer.has_value());
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (uint64_t h : index::KeptHashes(**normaliser, **stemmer, Story(0),
                                      index::FingerprintSettingsOf(IndexSettings{}), nullptr)) {
    entries.emplace_back(h, 1);
  }
  const std::string bytes = index::legacy::Version1SegmentBytes(entries, 1, 1);
  const std::string name = "0000000001.seg";
  ASSERT_TRUE(base::FileSystem::Default()
                  .WriteFileAtomically(tmp.Join("segments/" + name), bytes, 0644)
                  .ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(tmp.Join("index.db").c_str(), &db), SQLITE_OK);
  const std::string sql = "UPDATE segments SET entries = " + std::to_string(entries.size()) +
                          ", bytes = " + std::to_string(bytes.size()) + ", sha256 = '" +
                          base::Sha256Hex(bytes) + "' WHERE name = '" + name + "'";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto index = Open(tmp);
  EXPECT_EQ(Holders(*index, 0), std::set<std::string>{"s0"});
  EXPECT_TRUE(index->Verify().ok()) << index->Verify().ToString();
  for (int n = 1; n <= 12; ++n) {
    ASSERT_TRUE(AddStory(*index, n).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  auto old = index::SegmentReader::Open(tmp.Join("segments/" + name));
  ASSERT_TRUE(old.has_value()) << "the version 1 segment was merged away";
  EXPECT_EQ((*old)->hash_bits(), 40u);
  EXPECT_LE(SegmentFiles(tmp), 6u);  // the new ones did merge
  for (int n = 0; n <= 12; ++n) {
    EXPECT_EQ(Holders(*index, n), std::set<std::string>{"s" + std::to_string(n)}) << n;
  }
  EXPECT_TRUE(index->Verify().ok()) << index->Verify().ToString();
}

TEST(SegmentIndex, RemovedAndReplacedDocumentsAreNeverFound) {
  TempDir tmp;
  auto index = Open(tmp);
  for (int n = 0; n < 3; ++n) ASSERT_TRUE(AddStory(*index, n).ok());
  ASSERT_TRUE(index->Commit().ok());
  ASSERT_TRUE(index->Remove("s0").ok());
  AddSummary summary;
  ASSERT_TRUE(index->AddFile("s1.txt", Story(7), Format::kText, "s1", &summary).ok());
  EXPECT_EQ(summary.replaced, 1u);
  ASSERT_TRUE(index->Commit().ok());
  EXPECT_TRUE(Holders(*index, 0).empty());
  EXPECT_TRUE(Holders(*index, 1).empty());  // s1's old text
  EXPECT_EQ(Holders(*index, 7), std::set<std::string>{"s1"});
  EXPECT_TRUE(index->Verify().ok());
  // Merges drop the removed postings and keep the answers.
  for (int n = 10; n < 20; ++n) {
    ASSERT_TRUE(AddStory(*index, n).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  EXPECT_TRUE(Holders(*index, 0).empty());
  EXPECT_EQ(Holders(*index, 2), std::set<std::string>{"s2"});
  EXPECT_TRUE(index->Verify().ok());
}

struct State {
  std::string digest;
  uint64_t documents;
};

State StateOf(const TempDir& tmp) {
  auto index = Open(tmp);
  EXPECT_TRUE(index->Verify().ok()) << index->Verify().ToString();
  auto stats = index->Stats();
  return {stats->digest, stats->documents};
}

TEST(SegmentIndex, AFaultAtEveryWriteLeavesTheIndexAsItWas) {
  for (uint64_t fail = 0;; ++fail) {
    TempDir tmp;
    {
      auto index = Open(tmp);
      ASSERT_TRUE(AddStory(*index, 1).ok());
      ASSERT_TRUE(index->Commit().ok());
    }
    const State before = StateOf(tmp);
    testing::FaultInjectionFileSystem fs;
    fs.FailOperation(fail);
    Status s;
    {
      auto index = Open(tmp, &fs);
      s = AddStory(*index, 2);
      if (s.ok()) s = index->Commit();
    }
    if (fail >= fs.operation_count()) {
      ASSERT_TRUE(s.ok()) << s.ToString();
      EXPECT_GT(fail, 2u);  // there were writes to fail
      EXPECT_EQ(StateOf(tmp).documents, 2u);
      break;  // every operation has been failed once
    }
    if (s.ok()) {
      // The fault hit housekeeping after the commit (a merge): the batch is
      // in, and the index is whole.
      EXPECT_EQ(StateOf(tmp).documents, 2u) << "fault at operation " << fail;
      continue;
    }
    EXPECT_NE(s.message().find("injected fault"), std::string::npos) << s.ToString();
    const State after = StateOf(tmp);
    EXPECT_EQ(after.digest, before.digest) << "fault at operation " << fail;
    EXPECT_EQ(after.documents, 1u);
    // A second try completes, and no file of the failed one is left.
    auto index = Open(tmp);
    ASSERT_TRUE(AddStory(*index, 2).ok());
    ASSERT_TRUE(index->Commit().ok());
    EXPECT_TRUE(index->Verify().ok());
    EXPECT_EQ(Holders(*index, 2), std::set<std::string>{"s2"});
    for (const auto& e : std::filesystem::directory_iterator(tmp.Join("segments"))) {
      EXPECT_EQ(e.path().extension(), ".seg") << e.path();
    }
  }
}

TEST(SegmentIndex, APowerCutAfterEachWriteLosesNoCommittedBatch) {
  for (uint64_t cut = 0;; ++cut) {
    TempDir tmp;
    testing::FaultInjectionFileSystem fs;
    fs.FailOperationsFrom(cut);  // the machine stops before operation `cut`
    Status s;
    {
      auto index = Open(tmp, &fs);
      for (int n = 0; n < 3 && s.ok(); ++n) {
        s = AddStory(*index, n);
        if (s.ok()) s = index->Commit();
      }
    }
    ASSERT_TRUE(fs.SimulatePowerLoss().ok());
    // Whatever was committed is whole and verifies; nothing else is there.
    const State after = StateOf(tmp);
    auto index = Open(tmp);
    for (int n = 0; n < static_cast<int>(after.documents); ++n) {
      EXPECT_EQ(Holders(*index, n), std::set<std::string>{"s" + std::to_string(n)})
          << "cut " << cut;
    }
    if (s.ok()) {
      EXPECT_EQ(after.documents, 3u);
      break;
    }
  }
}

}  // namespace
}  // namespace provcheck

namespace provcheck {
namespace {

int64_t CountRows(const TempDir& tmp, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(tmp.Join("index.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
  int64_t n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

TEST(SegmentIndex, DocumentsAfterTheFirstThousandUseATrainedDictionary) {
  TempDir tmp;
  {
    auto index = Open(tmp);
    for (int n = 0; n < 1200; ++n) ASSERT_TRUE(AddStory(*index, n).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  EXPECT_EQ(CountRows(tmp, "SELECT count(*) FROM dictionaries"), 1);
  EXPECT_GT(CountRows(tmp, "SELECT count(*) FROM documents WHERE dict = 1"), 100);
  auto index = Open(tmp);
  ASSERT_TRUE(AddStory(*index, 5000).ok());  // a later batch uses the same one
  ASSERT_TRUE(index->Commit().ok());
  EXPECT_EQ(CountRows(tmp, "SELECT dict FROM documents WHERE id = 's5000'"), 1);
  for (int n : {0, 999, 1100, 1199, 5000}) {
    EXPECT_EQ(Holders(*index, n), std::set<std::string>{"s" + std::to_string(n)});
  }
  EXPECT_TRUE(index->Verify().ok());
}

TEST(SegmentIndex, ADictionaryMadeInAFailedBatchIsNeverUsed) {
  TempDir tmp;
  testing::FaultInjectionFileSystem fs;
  fs.FailOperationsFrom(0);  // the batch's segment cannot be written
  {
    auto index = Open(tmp, &fs);
    for (int n = 0; n < 1200; ++n) ASSERT_TRUE(AddStory(*index, n).ok());
    EXPECT_FALSE(index->Commit().ok());
    fs.ClearFaults();
    ASSERT_TRUE(AddStory(*index, 7).ok());
    ASSERT_TRUE(index->Commit().ok());
  }
  EXPECT_EQ(CountRows(tmp, "SELECT count(*) FROM dictionaries"), 0);
  EXPECT_EQ(CountRows(tmp, "SELECT count(*) FROM documents WHERE dict != 0"), 0);
  auto index = Open(tmp);
  EXPECT_EQ(Holders(*index, 7), std::set<std::string>{"s7"});
  EXPECT_TRUE(index->Verify().ok());
}

}  // namespace
}  // namespace provcheck
