#include "provcheck/index.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/file_system.h"
#include "fingerprint/analysis.h"
#include "index/segment_reader.h"
#include "index/segment_writer.h"
#include "support/temp_dir.h"
#include "text/normalise.h"

namespace provcheck {
namespace {

using testing::TempDir;

const char kStory[] =
    "The harbour master confirmed on Tuesday that the eastern quay would stay closed until "
    "the inspection of its damaged pilings was complete, a process engineers expect to last "
    "at least three weeks.";
const char kOtherStory[] =
    "Volunteers at the museum spent the weekend cataloguing a donated collection of "
    "nineteenth century maps, several of which show the river before it was straightened.";

std::unique_ptr<Index> OpenIndex(const std::string& dir, Index::Mode mode = Index::Mode::kCreate) {
  auto index = Index::Open(dir, mode);
  EXPECT_TRUE(index.has_value()) << index.status().ToString();
  return index ? std::move(index).value() : nullptr;
}

void Add(Index& index, const std::string& id, const std::string& text,
         AddSummary* summary = nullptr) {
  AddSummary local;
  Status s = index.AddFile(id + ".txt", text, Format::kText, id, summary ? summary : &local);
  ASSERT_TRUE(s.ok()) << s.ToString();
}

std::vector<uint64_t> ShinglesOf(const std::string& text) {
  auto normaliser = text::Normaliser::Create();
  fingerprint::FingerprintSettings settings;
  return fingerprint::Analyse(**normaliser, text, settings).shingles;
}

TEST(Index, MissingIndexIsNotFound) {
  TempDir tmp;
  auto index = Index::Open(tmp.Join("nope"), Index::Mode::kReadOnly);
  ASSERT_FALSE(index.has_value());
  EXPECT_EQ(index.status().code(), StatusCode::kNotFound);
  EXPECT_NE(index.status().message().find("nope"), std::string::npos);
}

TEST(Index, RefusesFolderThatHoldsSomethingElse) {
  TempDir tmp;
  tmp.Write("notes.txt", "not an index");
  auto index = Index::Open(tmp.path(), Index::Mode::kCreate);
  ASSERT_FALSE(index.has_value());
  EXPECT_EQ(index.status().code(), StatusCode::kInvalidInput);
}

TEST(Index, RefusesDatabaseThatIsNotAnIndex) {
  TempDir tmp;
  tmp.Write("index.db", "this is not a database at all, just some bytes");
  auto index = Index::Open(tmp.path(), Index::Mode::kReadOnly);
  ASSERT_FALSE(index.has_value());
  EXPECT_EQ(index.status().code(), StatusCode::kCorruption);
}

// An index of kStory as "a", then its catalog changed behind its back by `sql`.
void IndexStoryThenAlter(const TempDir& tmp, const char* sql) {
  {
    auto index = OpenIndex(tmp.path());
    Add(*index, "a", kStory);
    ASSERT_TRUE(index->Commit().ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(tmp.Join("index.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(Index, RefusesIndexOfAnEarlierFormatSayingWhatToDo) {
  TempDir tmp;
  IndexStoryThenAlter(tmp, "UPDATE meta SET value = 'provcheck.index/2' WHERE key = 'format'");
  for (auto mode : {Index::Mode::kReadOnly, Index::Mode::kCreate}) {
    auto index = Index::Open(tmp.path(), mode);
    ASSERT_FALSE(index.has_value());
    EXPECT_EQ(index.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(index.status().message().find("provcheck.index/2"), std::string::npos);
    EXPECT_NE(index.status().message().find("index the corpus again"), std::string::npos)
        << index.status().ToString();
  }
}

TEST(Index, KeepsItsIdAcrossOpens) {
  TempDir tmp;
  std::string id;
  {
    auto index = OpenIndex(tmp.path());
    id = index->Stats()->id;
    EXPECT_EQ(id.size(), 32u);
  }
  auto again = OpenIndex(tmp.path(), Index::Mode::kReadOnly);
  EXPECT_EQ(again->Stats()->id, id);
}

TEST(Index, AddedDocumentIsFoundByLookup) {
  TempDir tmp;
  auto index = OpenIndex(tmp.path());
  Add(*index, "quay", kStory);
  ASSERT_TRUE(index->Commit().ok());
  std::vector<Posting> postings;
  ASSERT_TRUE(index->Lookup(ShinglesOf(kStory), 100, &postings).ok());
  EXPECT_FALSE(postings.empty());
  auto doc = index->Load(postings[0].document);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->info.meta.id, "quay");
  EXPECT_EQ(doc->original, kStory);
}

TEST(Index, ReaddingSameDocumentChangesNothing) {
  TempDir tmp;
  auto index = OpenIndex(tmp.path());
  Add(*index, "quay", kStory);
  ASSERT_TRUE(index->Commit().ok());
  IndexStats before = *index->Stats();
  AddSummary summary;
  Add(*index, "quay", kStory, &summary);
  ASSERT_TRUE(index->Commit().ok());
  EXPECT_EQ(summary.unchanged, 1u);
  EXPECT_EQ(summary.added, 0u);
  IndexStats after = *index->Stats();
  EXPECT_EQ(after.digest, before.digest);
  EXPECT_EQ(after.fingerprints, before.fingerprints);
}

TEST(Index, ReplacingDocumentChangesDigestAndPostings) {
  TempDir tmp;
  auto index = OpenIndex(tmp.path());
  Add(*index, "doc", kStory);
  ASSERT_TRUE(index->Commit().ok());
  std::string digest = index->Stats()->digest;
  AddSummary summary;
  Add(*index, "doc", kOtherStory, &summary);
  ASSERT_TRUE(index->Commit().ok());
  EXPECT_EQ(summary.replaced, 1u);
  EXPECT_NE(index->Stats()->digest, digest);
  EXPECT_EQ(index->Stats()->documents, 1u);
  std::vector<Posting> old_hits, new_hits;
  ASSERT_TRUE(index->Lookup(ShinglesOf(kStory), 100, &old_hits).ok());
  ASSERT_TRUE(index->Lookup(ShinglesOf(kOtherStory), 100, &new_hits).ok());
  EXPECT_TRUE(old_hits.empty());
  EXPECT_FALSE(new_hits.empty());
  EXPECT_TRUE(index->Verify().ok()) << index->Verify().ToString();
}

TEST(Index, RemoveDeletesDocumentAndPostings) {
  TempDir tmp;
  auto index = OpenIndex(tmp.path());
  Add(*index, "a", kStory);
  Add(*index, "b", kOtherStory);
  ASSERT_TRUE(index->Commit().ok());
  ASSERT_TRUE(index->Remove("a").ok());
  ASSERT_TRUE(index->Commit().ok());
  std::vector<Posting> hits;
  ASSERT_TRUE(index->Lookup(ShinglesOf(kStory), 100, &hits).ok());
  EXPECT_TRUE(hits.empty());
  EXPECT_EQ(index->Stats()->documents, 1u);
  EXPECT_EQ(index->Remove("a").code(), StatusCode::kNotFound);
  EXPECT_TRUE(index->Verify().ok());
}

TEST(Index, UncommittedChangesAreInvisibleToReaders) {
  TempDir tmp;
  auto writer = OpenIndex(tmp.path());
  Add(*writer, "a", kStory);
  ASSERT_TRUE(writer->Commit().ok());
  Add(*writer, "b", kOtherStory);  // staged, not committed
  auto reader = OpenIndex(tmp.path(), Index::Mode::kReadOnly);
  ASSERT_TRUE(reader->BeginSnapshot().ok());
  EXPECT_EQ(reader->List()->size(), 1u);
  reader->EndSnapshot();
}

TEST(Index, DroppedWriterLosesOnlyUncommittedBatch) {
  TempDir tmp;
  {
    auto writer = OpenIndex(tmp.path());
    Add(*writer, "a", kStory);
    ASSERT_TRUE(writer->Commit().ok());
    Add(*writer, "b", kOtherStory);
  }  // closed without Commit: SQLite rolls the batch back
  auto index = OpenIndex(tmp.path(), Index::Mode::kReadOnly);
  EXPECT_EQ(index->Stats()->documents, 1u);
  EXPECT_TRUE(index->Verify().ok());
}

TEST(Index, DigestDoesNotDependOnInsertionOrder) {
  TempDir one, two;
  auto a = OpenIndex(one.path());
  Add(*a, "x", kStory);
  Add(*a, "y", kOtherStory);
  ASSERT_TRUE(a->Commit().ok());
  auto b = OpenIndex(two.path());
  Add(*b, "y", kOtherStory);
  Add(*b, "x", kStory);
  ASSERT_TRUE(b->Commit().ok());
  EXPECT_EQ(a->Stats()->digest, b->Stats()->digest);
}

TEST(Index, VerifyDetectsTamperedContent) {
  TempDir tmp;
  IndexStoryThenAlter(tmp, "UPDATE documents SET sha256 = 'x'");
  auto index = OpenIndex(tmp.path(), Index::Mode::kReadOnly);
  Status s = index->Verify();
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find("\"a\""), std::string::npos) << s.ToString();
}

// The one segment file of a freshly built index.
std::string OnlySegment(const TempDir& tmp) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(tmp.Join("segments"))) {
    names.push_back(e.path().string());
  }
  EXPECT_EQ(names.size(), 1u);
  return names.empty() ? "" : names[0];
}

TEST(Index, VerifyDetectsADamagedSegment) {
  TempDir tmp;
  {
    auto index = OpenIndex(tmp.path());
    Add(*index, "a", kStory);
    ASSERT_TRUE(index->Commit().ok());
  }
  std::string path = OnlySegment(tmp);
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(0);
  f.put('\x5a');  // inside the first entry
  f.close();
  auto index = OpenIndex(tmp.path(), Index::Mode::kReadOnly);
  Status s = index->Verify();
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find("sha256"), std::string::npos) << s.ToString();
}

TEST(Index, VerifyDetectsMissingPostings) {
  // A well-formed segment, listed with its right checksum, that lacks one
  // posting of the document: only re-fingerprinting finds it.
  TempDir tmp;
  {
    auto index = OpenIndex(tmp.path());
    Add(*index, "a", kStory);
    ASSERT_TRUE(index->Commit().ok());
  }
  std::string path = OnlySegment(tmp);
  auto reader = index::SegmentReader::Open(path);
  ASSERT_TRUE(reader.has_value());
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (index::SegmentReader::Cursor c(**reader); c.Valid(); c.Next()) {
    entries.emplace_back(c.hash(), c.doc());
  }
  ASSERT_GT(entries.size(), 2u);
  entries.erase(entries.begin() + 1);
  auto writer = index::SegmentWriter::Create(base::FileSystem::Default(), tmp.Join("segments"),
                                             "0000009999.seg", entries.size(), 1, 1);
  ASSERT_TRUE(writer.has_value());
  for (const auto& [h, doc] : entries) ASSERT_TRUE((*writer)->Add(h, doc).ok());
  auto info = (*writer)->Finish();
  ASSERT_TRUE(info.has_value());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(tmp.Join("index.db").c_str(), &db), SQLITE_OK);
  std::string sql =
      "UPDATE segments SET name = '" + info->name + "', entries = " + std::to_string(info->count) +
      ", bytes = " + std::to_string(info->bytes) + ", sha256 = '" + info->sha256 + "'";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto index = OpenIndex(tmp.path(), Index::Mode::kReadOnly);
  Status s = index->Verify();
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find("postings differ"), std::string::npos) << s.ToString();
}

TEST(Index, BadFileStagesNothing) {
  TempDir tmp;
  auto index = OpenIndex(tmp.path());
  AddSummary summary;
  Status s = index->AddFile("bad.txt", "ok text then \xff\xfe", Format::kText, "bad", &summary);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("bad.txt"), std::string::npos);
  ASSERT_TRUE(index->Commit().ok());
  EXPECT_EQ(index->Stats()->documents, 0u);
}

// Issue 16: a creator removed another's index.db.creating-* file as a
// leftover, failing it with "disk I/O error" or "cannot create". Twenty
// creators of one new index now share it: each opens, all see one id.
TEST(Issue16, TwentyRacingCreatorsShareOneNewIndex) {
  for (int round = 0; round < 3; ++round) {
    TempDir tmp;
    const std::string dir = tmp.Join("idx");
    constexpr int kCreators = 20;
    std::vector<std::string> ids(kCreators), errors(kCreators);
    std::vector<std::thread> creators;
    for (int i = 0; i < kCreators; ++i) {
      creators.emplace_back([&, i] {
        auto index = Index::Open(dir, Index::Mode::kCreate);
        if (!index) {
          errors[i] = index.status().ToString();
          return;
        }
        auto stats = (*index)->Stats();
        if (stats)
          ids[i] = stats->id;
        else
          errors[i] = stats.status().ToString();
      });
    }
    for (std::thread& t : creators) t.join();
    for (int i = 0; i < kCreators; ++i) {
      EXPECT_EQ(errors[i], "") << "creator " << i << " of round " << round;
      EXPECT_EQ(ids[i], ids[0]) << "creator " << i << " of round " << round;
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      EXPECT_EQ(entry.path().filename().string().rfind("index.db.creating-", 0), std::string::npos)
          << entry.path();
    }
  }
}

// A creator killed mid-creation leaves index.db.creating-*: the next creator
// (holding the creation lock) removes it as a leftover and creates.
TEST(Issue16, CreationLeftoverIsRemovedByTheNextCreator) {
  TempDir tmp;
  ASSERT_TRUE(std::filesystem::create_directory(tmp.Join("idx")));
  tmp.Write("idx/index.db.creating-1-2", "half a database");
  auto index = OpenIndex(tmp.Join("idx"));
  ASSERT_NE(index, nullptr);
  EXPECT_FALSE(std::filesystem::exists(tmp.Join("idx/index.db.creating-1-2")));
}

}  // namespace
}  // namespace provcheck
