// LinePartReader: parts of whole lines, in order, numbered as in the file.
#include "index/line_parts.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace provcheck::index {
namespace {

std::vector<std::pair<std::string, text::FilePart>> ReadAll(const std::string& path,
                                                            size_t part_bytes,
                                                            size_t max_line = 1 << 20) {
  auto reader = LinePartReader::Open(path, part_bytes, max_line);
  EXPECT_TRUE(reader.has_value());
  std::vector<std::pair<std::string, text::FilePart>> parts;
  std::string bytes;
  text::FilePart part;
  while (true) {
    auto more = (*reader)->Next(&bytes, &part);
    EXPECT_TRUE(more.has_value()) << more.status().ToString();
    if (!more || !*more) break;
    parts.push_back({bytes, part});
  }
  return parts;
}

std::string Write(const testing::TempDir& tmp, const std::string& text) {
  std::string path = tmp.Join("feed.jsonl");
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(LineParts, PartsAreWholeLinesThatRebuildTheFile) {
  testing::TempDir tmp;
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += "{\"id\": \"r" + std::to_string(i) + "\", \"body\": \"x\"}\n";
  text += "last line without newline";
  const std::string path = Write(tmp, text);
  auto parts = ReadAll(path, 4096);
  ASSERT_GT(parts.size(), 10u);
  std::string joined;
  uint64_t line = 1;
  for (const auto& [bytes, part] : parts) {
    EXPECT_EQ(part.first_byte, joined.size());
    EXPECT_EQ(part.first_line, line);
    EXPECT_FALSE(part.whole);
    EXPECT_LE(bytes.size(), 4096u);
    if (&bytes != &parts.back().first) {
      EXPECT_EQ(bytes.back(), '\n');
    }
    joined += bytes;
    line += static_cast<uint64_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  }
  EXPECT_EQ(joined, text);
}

TEST(LineParts, ALineLongerThanAPartIsAPartOfItsOwn) {
  testing::TempDir tmp;
  const std::string long_line(10000, 'y');
  const std::string path = Write(tmp, "a\n" + long_line + "\nb\n");
  auto parts = ReadAll(path, 1000);
  std::string joined;
  for (const auto& p : parts) joined += p.first;
  EXPECT_EQ(joined, "a\n" + long_line + "\nb\n");
  bool whole_long_line = false;
  for (const auto& p : parts)
    whole_long_line |= p.first.find(long_line + "\n") != std::string::npos;
  EXPECT_TRUE(whole_long_line);
}

TEST(LineParts, ALineBeyondTheLimitIsRefusedWithItsLineNumber) {
  testing::TempDir tmp;
  const std::string path = Write(tmp, "a\nb\n" + std::string(50000, 'z') + "\n");
  auto reader = LinePartReader::Open(path, 1000, 20000);
  std::string bytes;
  text::FilePart part;
  Result<bool> more = true;
  while (more && *more) more = (*reader)->Next(&bytes, &part);
  ASSERT_FALSE(more.has_value());
  EXPECT_EQ(more.status().code(), StatusCode::kResourceLimit);
  EXPECT_NE(more.status().message().find("feed.jsonl:3"), std::string::npos)
      << more.status().ToString();
}

TEST(LineParts, AnEmptyFileHasNoParts) {
  testing::TempDir tmp;
  EXPECT_TRUE(ReadAll(Write(tmp, ""), 100).empty());
}

}  // namespace
}  // namespace provcheck::index
