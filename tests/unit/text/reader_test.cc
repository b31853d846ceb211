#include "text/reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "support/growth.h"
#include "text/line_index.h"

namespace provcheck::text {
namespace {

TEST(Reader, PlainTextIsTheFileVerbatim) {
  const std::string bytes = "Line one\r\nLine two\n";
  Result<std::vector<Article>> read = ReadArticles("a.txt", bytes, Format::kText);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  ASSERT_EQ(read->size(), 1u);
  const Article& a = (*read)[0];
  EXPECT_EQ(a.original, bytes);
  EXPECT_EQ(a.original_format, Format::kText);
  EXPECT_EQ(a.body.text(), bytes);
  ASSERT_EQ(a.body.runs().size(), 1u);
  EXPECT_EQ(a.body.OriginalStart(10), 10u);
}

TEST(Reader, InvalidUtf8IsRefusedWithItsByteOffset) {
  for (Format format : {Format::kText, Format::kMarkdown, Format::kHtml, Format::kJson}) {
    Result<std::vector<Article>> read = ReadArticles("draft.md",
                                                     "abc\xff"
                                                     "def",
                                                     format);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(read.error().message(), "draft.md: invalid UTF-8 at byte 3");
  }
}

TEST(Reader, NulByteMeansBinaryFile) {
  Result<std::vector<Article>> read =
      ReadArticles("photo.txt", std::string_view("ab\0cd", 5), Format::kText);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(read.error().message(), "photo.txt: binary file (NUL byte at byte 2)");
}

TEST(Reader, EmptyTextIsAnArticleWithNoWords) {
  Result<std::vector<Article>> read = ReadArticles("empty.md", "", Format::kMarkdown);
  ASSERT_TRUE(read.has_value());
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].body.text(), "");
}

TEST(Format, FormatFromPathKnowsEachExtension) {
  EXPECT_EQ(*FormatFromPath("a.txt"), Format::kText);
  EXPECT_EQ(*FormatFromPath("a.md"), Format::kMarkdown);
  EXPECT_EQ(*FormatFromPath("a.markdown"), Format::kMarkdown);
  EXPECT_EQ(*FormatFromPath("dir/a.html"), Format::kHtml);
  EXPECT_EQ(*FormatFromPath("a.htm"), Format::kHtml);
  EXPECT_EQ(*FormatFromPath("a.json"), Format::kJson);
  EXPECT_EQ(*FormatFromPath("corpus/wire.jsonl"), Format::kJsonLines);
  EXPECT_EQ(*FormatFromPath("Story.DOCX"), Format::kDocx);
  EXPECT_EQ(*FormatFromPath("story.odt"), Format::kOdt);
}

TEST(Format, FormatFromPathIgnoresCase) {
  EXPECT_EQ(*FormatFromPath("DRAFT.MD"), Format::kMarkdown);
  EXPECT_EQ(*FormatFromPath("Page.Html"), Format::kHtml);
}

TEST(Format, FormatFromPathRefusesUnknownExtension) {
  for (const char* path : {"report.pdf", "README", "dir.md/notes", ".md"}) {
    Result<Format> format = FormatFromPath(path);
    ASSERT_FALSE(format.has_value()) << path;
    EXPECT_EQ(format.error().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(format.error().message().rfind(std::string(path) + ": unknown extension", 0), 0u)
        << format.error().message();
  }
}

TEST(Format, ParseFormatNameAcceptsPrintedNamesAndShortForms) {
  for (Format f :
       {Format::kText, Format::kMarkdown, Format::kHtml, Format::kJson, Format::kJsonLines,
        Format::kDocx, Format::kOdt}) {
    EXPECT_EQ(*ParseFormatName(FormatName(f)), f);
  }
  EXPECT_EQ(*ParseFormatName("md"), Format::kMarkdown);
  EXPECT_EQ(*ParseFormatName("txt"), Format::kText);
}

TEST(Format, ParseFormatNameRefusesOthersNamingTheAcceptedOnes) {
  Result<Format> format = ParseFormatName("pdf");
  ASSERT_FALSE(format.has_value());
  EXPECT_EQ(format.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(format.error().message().find("text, markdown, html, json, jsonl"), std::string::npos);
}

TEST(LineIndex, CountsLinesAndColumnsFromOne) {
  const LineIndex index("ab\ncd\n\nef");
  EXPECT_EQ(index.At(0).line, 1u);
  EXPECT_EQ(index.At(0).column, 1u);
  EXPECT_EQ(index.At(1).column, 2u);
  EXPECT_EQ(index.At(2).line, 1u);  // the "\n" ends line 1
  EXPECT_EQ(index.At(3).line, 2u);
  EXPECT_EQ(index.At(3).column, 1u);
  EXPECT_EQ(index.At(6).line, 3u);
  EXPECT_EQ(index.At(8).line, 4u);
  EXPECT_EQ(index.At(8).column, 2u);
}

TEST(LineIndex, ColumnCountsCodePointsNotBytes) {
  const LineIndex index("x\n\xC3\xA9t\xC3\xA9 \xE2\x80\x9Cq");  // "été “q"
  EXPECT_EQ(index.At(4).column, 2u);                            // "t" after "é"
  EXPECT_EQ(index.At(8).column, 5u);                            // the opening quote
  EXPECT_EQ(index.At(11).column, 6u);                           // "q" after a 3-byte quote
}

TEST(LineIndex, OffsetPastTheEndIsTheEnd) {
  const LineIndex index("ab\ncd");
  EXPECT_EQ(index.At(5).line, 2u);
  EXPECT_EQ(index.At(5).column, 3u);
  EXPECT_EQ(index.At(99).column, 3u);
}

// Issue 16: one bad byte in record 2 of 3 refused the whole JSON Lines file
// (and in a large feed, its whole 64 MB part). Now it costs record 2 only,
// named by line and by byte offset in the file.
TEST(Issue16, BadByteInOneJsonLinesRecordCostsOnlyThatRecord) {
  const std::string good1 = "{\"id\": \"a\", \"body\": \"one\"}\n";
  const std::string good3 = "{\"id\": \"c\", \"body\": \"three\"}\n";
  using namespace std::string_literals;
  for (const std::string& bad :
       {"{\"id\": \"b\", \"body\": \"t\xffo\"}\n"s, "{\"id\": \"b\", \"body\": \"t\0o\"}\n"s,
        "{\"id\": \"b\"\0, \"body\": \"two\"}\n"s}) {
    std::vector<Status> errors;
    const std::string bytes = good1 + bad + good3;
    Result<std::vector<Article>> read =
        ReadArticles("feed.jsonl", bytes, Format::kJsonLines, &errors);
    ASSERT_TRUE(read.has_value()) << read.error().ToString();
    ASSERT_EQ(read->size(), 2u);
    EXPECT_EQ((*read)[0].meta.id, "a");
    EXPECT_EQ((*read)[1].meta.id, "c");
    ASSERT_EQ(errors.size(), 1u);
    const size_t at = good1.size() + bad.find_first_of(std::string("\xff\0", 2));
    const std::string what = bad.find('\0') != std::string::npos ? "NUL byte" : "invalid UTF-8";
    EXPECT_EQ(errors[0].message(), "feed.jsonl:2: " + what + " at byte " + std::to_string(at) +
                                       (what == "NUL byte" ? ", expected text" : ""));
    // Without a place for record errors the first bad record refuses the file.
    Result<std::vector<Article>> strict = ReadArticles("feed.jsonl", bytes, Format::kJsonLines);
    ASSERT_FALSE(strict.has_value());
    EXPECT_EQ(strict.error().message(), errors[0].message());
  }
}

TEST(Issue16, BadByteInAPartOfALargeFeedIsPlacedInTheFile) {
  std::vector<Status> errors;
  FilePart part;
  part.first_line = 1001;
  part.first_byte = 64 << 20;
  part.whole = false;
  Result<std::vector<Article>> read =
      ReadArticles("big.jsonl", "{\"body\": \"one\"}\n{\"body\": \"t\xffo\"}\n{\"body\": \"x\"}\n",
                   Format::kJsonLines, &errors, part);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->size(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message(),
            "big.jsonl:1002: invalid UTF-8 at byte " + std::to_string((64 << 20) + 16 + 11));
}

TEST(Issue16, JsonLinesFileThatIsNotJsonAtAllIsStillBinary) {
  std::vector<Status> errors;
  Result<std::vector<Article>> read = ReadArticles(
      "feed.jsonl", std::string_view("\x1f\x8b\x08\0\0\0\n{}\n", 10), Format::kJsonLines, &errors);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().message(), "feed.jsonl: binary file (NUL byte at byte 3)");
}

// Issue 16: --text reads a stray NUL as a space; offsets are the file's.
TEST(Issue16, NulAsSpaceReadsStrayNulsWithOffsetsUnchanged) {
  const std::string bytes = std::string("Two stray") + '\0' + "NUL bytes" + '\0' + " here.";
  ReadOptions text;
  text.nul_as_space = true;
  for (Format format : {Format::kText, Format::kMarkdown, Format::kHtml}) {
    EXPECT_FALSE(ReadArticles("a", bytes, format).has_value());  // binary stays the default
    Result<std::vector<Article>> read = ReadArticles("a", bytes, format, nullptr, {}, text);
    ASSERT_TRUE(read.has_value()) << read.error().ToString();
    const Article& a = (*read)[0];
    EXPECT_EQ(a.original, "Two stray NUL bytes  here.");
    EXPECT_EQ(a.body.text().find("NUL"), 10u);
    EXPECT_EQ(a.body.OriginalStart(static_cast<uint32_t>(a.body.text().find("NUL"))), 10u);
  }
  // Invalid UTF-8 is still refused, at its own offset.
  Result<std::vector<Article>> bad =
      ReadArticles("a", std::string("a\0b\xff", 4), Format::kText, nullptr, {}, text);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message(), "a: invalid UTF-8 at byte 3");
}

// The column of byte `offset`, counted the slow, obvious way.
LineIndex::Position NaivePosition(std::string_view text, uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  LineIndex::Position p{1, 1};
  for (uint32_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

TEST(Issue16, LineIndexAgreesWithCountingFromTheStart) {
  // Lines shorter and longer than a block, multi-byte characters across
  // block edges, an empty text, a text of exactly one block.
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += std::string(static_cast<size_t>(i * 37 % 700), 'a') + "\xC3\xA9\xE2\x80\x9C";
    if (i % 3 == 0) text += "\n";
    if (i % 7 == 0) text += "\n\n";
  }
  for (const std::string& t : {text, std::string(), std::string(LineIndex::kBlockBytes, 'x'),
                               std::string("\n"), std::string(LineIndex::kBlockBytes, '\n')}) {
    const LineIndex index(t);
    for (uint32_t offset = 0; offset <= t.size() + 2; ++offset) {
      const LineIndex::Position want = NaivePosition(t, offset), got = index.At(offset);
      ASSERT_EQ(got.line, want.line) << "offset " << offset << " of " << t.size();
      ASSERT_EQ(got.column, want.column) << "offset " << offset << " of " << t.size();
    }
  }
}

// Issue 16: At() counted columns from the start of the line, so a one-line
// draft cost a pass over the line per finding (a 10 MB line of copied text
// did not finish in 120 s). Positions at the end of a 2 MiB line now cost
// what they cost on a 64 KiB one (32 times as much before).
TEST(Issue16, LineIndexPositionCostDoesNotGrowWithTheLine) {
  auto positions = [](size_t bytes) {
    const std::string line(bytes, 'w');
    const LineIndex index(line);
    const auto start = std::chrono::steady_clock::now();
    uint64_t columns = 0;
    for (uint32_t i = 1; i <= 2000; ++i)
      columns += index.At(static_cast<uint32_t>(bytes) - i).column;
    const double seconds = testing::SecondsSince(start);
    EXPECT_EQ(index.At(static_cast<uint32_t>(bytes) - 1).column, bytes);
    EXPECT_GT(columns, 0u);
    return seconds;
  };
  EXPECT_LT(testing::GrowthRatio(positions, 64u << 10, 2u << 20), 4.0);
}

}  // namespace
}  // namespace provcheck::text
