// The corpus feed (provcheck/corpus_feed.h) on a real index and real files.
#include "provcheck/corpus_feed.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace provcheck {
namespace {

using testing::TempDir;

std::string Story(int n) {
  return "Story " + std::to_string(n) +
         ": the council met on Tuesday to discuss the harbour wall, the ferry timetable and "
         "the new library, and agreed to publish its minutes within a week of each meeting.\n";
}

std::set<std::string> Ids(Index& index) {
  std::set<std::string> ids;
  auto listed = index.List();
  EXPECT_TRUE(listed.has_value());
  if (listed) {
    for (const IndexedDocument& d : *listed) ids.insert(d.meta.id);
  }
  return ids;
}

TEST(CorpusFeed, ListsArticlesOfFoldersWithIdsFromTheirPaths) {
  TempDir dir;
  std::filesystem::create_directories(dir.Join("corpus/wire"));
  dir.Write("corpus/a.txt", Story(1));
  dir.Write("corpus/wire/b.md", Story(2));
  dir.Write("corpus/photo.png", "not an article");
  size_t folders_skipped = 9;
  auto files = ListCorpusFiles({dir.Join("corpus")}, {}, {}, &folders_skipped);
  ASSERT_TRUE(files.has_value()) << files.status().ToString();
  std::set<std::string> ids;
  for (const CorpusFile& f : *files) ids.insert(f.default_id);
  EXPECT_EQ(ids, (std::set<std::string>{"a", "wire/b"}));
  EXPECT_EQ(folders_skipped, 0u);
}

TEST(CorpusFeed, AMissingPathIsNotFound) {
  TempDir dir;
  auto files = ListCorpusFiles({dir.Join("nothing")}, {}, {}, nullptr);
  ASSERT_FALSE(files.has_value());
  EXPECT_EQ(files.status().code(), StatusCode::kNotFound);
}

TEST(CorpusFeed, BadFilesAreSkippedAndReportedAndTheRestAdded) {
  TempDir dir;
  std::vector<CorpusFile> files;
  for (int i = 0; i < 5; ++i) {
    const std::string name = "s" + std::to_string(i) + ".txt";
    dir.Write(name, i == 2 ? std::string("bad bytes \xff\xfe here") : Story(i));
    files.push_back({dir.Join(name), "s" + std::to_string(i)});
  }
  auto index = Index::Open(dir.Join("idx"), Index::Mode::kCreate);
  ASSERT_TRUE(index.has_value());
  std::vector<std::string> skipped;
  FeedObserver observer;
  observer.skipped = [&](const Status& s) { skipped.push_back(s.ToString()); };
  FeedOptions options;
  options.batch_files = 2;  // several commits in one feed
  auto result = AddCorpusFiles(**index, files, options, observer);
  ASSERT_TRUE(result.has_value()) << result.status().ToString();
  EXPECT_EQ(result->summary.added, 4u);
  EXPECT_EQ(result->files, 4u);
  EXPECT_EQ(result->files_skipped, 1u);
  EXPECT_FALSE(result->clean());
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_NE(skipped[0].find("s2.txt"), std::string::npos) << skipped[0];
  EXPECT_EQ(Ids(**index), (std::set<std::string>{"s0", "s1", "s3", "s4"}));
}

TEST(CorpusFeed, AJsonLinesFeedInPartsGivesTheIdsItGivesWhole) {
  TempDir dir;
  std::string feed;
  for (int i = 0; i < 40; ++i) {
    // Every third record names no id: ids made up from the file count on
    // across parts.
    feed += i % 3 == 0 ? "{\"body\": \"" + Story(i).substr(0, 60) + "\"}\n"
                       : "{\"id\": \"r" + std::to_string(i) + "\", \"body\": \"" +
                             Story(i).substr(0, 60) + "\"}\n";
  }
  dir.Write("feed.jsonl", feed);
  const std::vector<CorpusFile> files = {{dir.Join("feed.jsonl"), "feed"}};
  std::set<std::string> whole, parts;
  for (bool in_parts : {false, true}) {
    auto index = Index::Open(dir.Join(in_parts ? "parts" : "whole"), Index::Mode::kCreate);
    ASSERT_TRUE(index.has_value());
    FeedOptions options;
    if (in_parts) options.jsonl_part_bytes = 200;  // a few records a part
    auto result = AddCorpusFiles(**index, files, options, {});
    ASSERT_TRUE(result.has_value()) << result.status().ToString();
    EXPECT_EQ(result->summary.added, 40u);
    (in_parts ? parts : whole) = Ids(**index);
  }
  EXPECT_EQ(whole.size(), 40u);
  EXPECT_EQ(parts, whole);
  EXPECT_TRUE(whole.count("feed#1"));
}

}  // namespace
}  // namespace provcheck
