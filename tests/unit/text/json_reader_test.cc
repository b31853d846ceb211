#include "text/json_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "text/reader.h"
#include "unit/text/reader_test_util.h"

namespace provcheck::text {
namespace {

using testing::Fixture;
using testing::OriginalOf;
using testing::ReadAllArticles;

std::vector<Article> ReadAll(std::string_view bytes, Format format) {
  return ReadAllArticles("test.json", bytes, format);
}

Article Read(std::string_view json) {
  std::vector<Article> all = ReadAll(json, Format::kJson);
  return all.size() == 1 ? std::move(all[0]) : Article{};
}

std::string Error(std::string_view bytes, Format format = Format::kJson) {
  const char* name = format == Format::kJson ? "test.json" : "test.jsonl";
  Result<std::vector<Article>> read = ReadArticles(name, bytes, format);
  EXPECT_FALSE(read.has_value());
  if (read.has_value()) return "<no error>";
  EXPECT_EQ(read.error().code(), StatusCode::kInvalidInput);
  return read.error().message();
}

TEST(JsonReader, TextBodyOffsetsPointIntoTheFile) {
  const Article a = Read(R"({"title": "T", "body": "Caf\u00e9 \"quoted\" line\nnext \\ end"})");
  EXPECT_EQ(a.body.text(), "Caf\u00e9 \"quoted\" line\nnext \\ end");
  EXPECT_EQ(a.original_format, Format::kJson);
  EXPECT_EQ(OriginalOf(a, "Caf\u00e9"), "Caf\\u00e9");
  EXPECT_EQ(OriginalOf(a, "\"quoted\""), "\\\"quoted\\\"");
  EXPECT_EQ(OriginalOf(a, "line\nnext"), "line\\nnext");
  EXPECT_EQ(OriginalOf(a, "end"), "end");
}

TEST(JsonReader, SurrogatePairDecodesToOneCharacter) {
  const Article a = Read(R"({"body": "smile \ud83d\ude00 now"})");
  EXPECT_EQ(a.body.text(), "smile \U0001F600 now");
  EXPECT_EQ(OriginalOf(a, "\U0001F600"), "\\ud83d\\ude00");
}

TEST(JsonReader, FieldsFillMetadata) {
  const Article a = Read(Fixture("article.json"));
  EXPECT_EQ(a.meta.id, "example-2022-03-01-talks");
  EXPECT_EQ(a.meta.title, "Talks resume as leaders meet in Geneva");
  EXPECT_EQ(a.meta.publisher, "Example Media");
  EXPECT_EQ(a.meta.authors, (std::vector<std::string>{"Jane Doe", "John Smith"}));
  EXPECT_EQ(a.meta.date, "2022-03-01");
  EXPECT_EQ(a.meta.url, "https://example.com/news/talks");
  EXPECT_EQ(a.meta.licence, "all-rights-reserved");
}

TEST(JsonReader, AcceptsAuthorStringLicenseSpellingAndBodyAliases) {
  Article a = Read(R"({"author": "Sam Lee", "license": "CC-BY", "text": "From text",
                       "date": null})");
  EXPECT_EQ(a.meta.authors, (std::vector<std::string>{"Sam Lee"}));
  EXPECT_EQ(a.meta.licence, "CC-BY");
  EXPECT_EQ(a.body.text(), "From text");
  EXPECT_EQ(Read(R"({"content": "From content"})").body.text(), "From content");
  EXPECT_EQ(Read(R"({"content": "c", "body": "b", "text": "t"})").body.text(), "b");
}

TEST(JsonReader, UnknownKeysAreIgnored) {
  EXPECT_EQ(Read(R"({"tags": ["a", {"b": [1, 2.5e3, true]}], "body": "x"})").body.text(), "x");
}

TEST(JsonReader, MarkdownBodyOffsetsComposeThroughEscapesAndMarkup) {
  const Article a = Read(Fixture("article.json"));
  EXPECT_EQ(a.body.text(), Fixture("article.expected.txt"));
  EXPECT_EQ(a.original, Fixture("article.json"));
  EXPECT_EQ(OriginalOf(a, "Guy"), "Guy");
  EXPECT_EQ(OriginalOf(a, "Guy Verhofstadt"), "Guy** Verhofstadt");
  EXPECT_EQ(OriginalOf(a, "$40bn"), "\\\\$40bn");  // "\$" inside a JSON string
  EXPECT_EQ(OriginalOf(a, "\u201Ccould"), "\\u201ccould");
  EXPECT_EQ(OriginalOf(a, "ceasefire & a"), "ceasefire &amp; a");
  EXPECT_EQ(OriginalOf(a, "were\n\nclose"), "were\\n\\nclose");
}

TEST(JsonReader, HtmlBodyIsReadAsHtml) {
  const Article a =
      Read(R"({"format": "html", "body": "<p>One &amp; <b>two</b></p><p>Three</p>"})");
  EXPECT_EQ(a.body.text(), "One & two\n\nThree");
  EXPECT_EQ(OriginalOf(a, "&"), "&amp;");
  EXPECT_EQ(OriginalOf(a, "two"), "two");
}

TEST(JsonReader, BodyTitleFillsOnlyWhatTheFieldsLeaveOut) {
  EXPECT_EQ(Read(R"({"format": "markdown", "body": "# From heading\n\nText"})").meta.title,
            "From heading");
  EXPECT_EQ(Read(R"({"title": "Field", "format": "markdown", "body": "# Heading"})").meta.title,
            "Field");
}

TEST(JsonReader, MissingBodyIsAnError) {
  EXPECT_EQ(Error(R"({"title": "No body"})"), "test.json: expected a string field \"body\"");
}

TEST(JsonReader, BadJsonReportsLineAndColumn) {
  EXPECT_EQ(Error("{\n  \"title\": \"a\"\n  \"body\": \"b\"\n}"),
            "test.json:3:3: expected ',' or '}' after an object member, found '\"'");
  EXPECT_EQ(Error("{\"body\": \"caf\u00e9\", }"),
            "test.json:1:18: expected a string key after ',', found '}'");
  EXPECT_EQ(Error("{\"body\": tru}"), "test.json:1:10: expected a JSON value, found 't'");
  EXPECT_EQ(Error("{\"body\": \"x\"} extra"),
            "test.json:1:15: expected end of input after the value, found 'e'");
  EXPECT_EQ(Error(""), "test.json:1:1: expected a JSON value, found end of input");
}

TEST(JsonReader, UnterminatedStringPointsAtItsOpeningQuote) {
  EXPECT_EQ(Error("{\n\"body\": \"never closed}\n"),
            "test.json:2:9: unterminated string: expected a closing '\"' for the string opened "
            "here, before the line break (write a line break in a string as \\n)");
  EXPECT_EQ(Error("{\"body\": \"never closed"),
            "test.json:1:10: unterminated string: expected a closing '\"' for the string opened "
            "here");
}

TEST(JsonReader, BadEscapesAreErrors) {
  EXPECT_EQ(Error(R"({"body": "a\qb"})"),
            "test.json:1:12: invalid escape in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n "
            "\\r \\t \\uXXXX");
  EXPECT_EQ(Error("{\"body\": \"a\tb\"}"),
            "test.json:1:12: control character byte 0x09 in a string (it must be escaped)");
  EXPECT_EQ(Error(R"({"body": "\ud83d alone"})"),
            "test.json:1:11: expected a low surrogate escape (\\uDC00-\\uDFFF) after this high "
            "surrogate");
}

TEST(JsonReader, DuplicateKeyIsRefused) {
  EXPECT_EQ(Error("{\n  \"title\": \"a\",\n  \"body\": \"b\",\n  \"title\": \"c\"\n}"),
            "test.json:4:3: duplicate key \"title\" in $ (first at 2:3)");
}

TEST(JsonReader, FieldOfTheWrongTypeIsAnError) {
  EXPECT_EQ(Error(R"({"title": 5, "body": "b"})"),
            "test.json:1:11: expected a string for \"title\"");
  EXPECT_EQ(Error(R"({"authors": [1], "body": "b"})"),
            "test.json:1:13: expected a string or an array of strings for \"authors\"");
  EXPECT_EQ(Error(R"({"format": "pdf", "body": "b"})"),
            "test.json:1:12: expected \"format\" to be \"text\", \"markdown\" or \"html\"");
}

TEST(JsonReader, RootMustBeAnObject) {
  EXPECT_EQ(Error("  [1, 2]"), "test.json:1:3: expected a JSON object");
}

TEST(JsonReader, NulEscapeInTheBodyIsRefused) {
  EXPECT_EQ(Error(R"({"body": "a\u0000b"})"),
            "test.json:1:12: expected no NUL character (\\u0000) in the body");
}

TEST(JsonReader, BadFrontMatterInAMarkdownBodyNamesTheBody) {
  EXPECT_EQ(Error(R"({"format": "markdown", "body": "---\ntitle oops\n---\n"})"),
            "test.json: body:2:6: expected ':' after the key \"title\"");
}

TEST(JsonLinesReader, ReadsOneArticlePerNonBlankLine) {
  const std::vector<Article> all = ReadAll(Fixture("articles.jsonl"), Format::kJsonLines);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].meta.id, "wire-1");
  EXPECT_EQ(all[0].meta.authors, (std::vector<std::string>{"Sam Lee"}));
  EXPECT_EQ(all[0].original_format, Format::kText);
  EXPECT_EQ(all[0].original, "Markets rose on Tuesday.\nTraders cheered \u201Cstrongly\u201D.");
  EXPECT_EQ(all[0].body.text(), all[0].original);
  EXPECT_EQ(all[1].original_format, Format::kMarkdown);
  EXPECT_EQ(all[1].original, "# Heading from body\n\nShares in **Acme** rose \\$5.");
  EXPECT_EQ(all[1].body.text(), "Heading from body\n\nShares in Acme rose $5.");
  EXPECT_EQ(all[1].meta.title, "Heading from body");
  EXPECT_EQ(all[2].original_format, Format::kHtml);
  EXPECT_EQ(all[2].body.text(), "Prices fell & stayed low.");
  EXPECT_EQ(all[2].meta.licence, "CC-BY-4.0");
}

TEST(JsonLinesReader, OriginalReadAgainGivesTheSameBody) {
  for (const Article& a : ReadAll(Fixture("articles.jsonl"), Format::kJsonLines)) {
    Result<std::vector<Article>> again = ReadArticles("again", a.original, a.original_format);
    ASSERT_TRUE(again.has_value()) << again.error().ToString();
    EXPECT_EQ((*again)[0].body.text(), a.body.text());
    ASSERT_EQ((*again)[0].body.runs().size(), a.body.runs().size());
    for (size_t i = 0; i < a.body.runs().size(); ++i) {
      EXPECT_EQ((*again)[0].body.runs()[i].original_start, a.body.runs()[i].original_start);
    }
  }
}

TEST(JsonLinesReader, OffsetsAreRelativeToTheDecodedBody) {
  const std::vector<Article> all = ReadAll(Fixture("articles.jsonl"), Format::kJsonLines);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(OriginalOf(all[1], "Acme rose"), "Acme** rose");
  EXPECT_EQ(OriginalOf(all[1], "$5"), "\\$5");
  EXPECT_EQ(OriginalOf(all[2], "&"), "&amp;");
}

TEST(JsonLinesReader, BadLineRefusesTheWholeFileNamingTheLine) {
  const std::string bytes = "{\"body\": \"ok\"}\n\n{\"body\": \"ok\" \"title\": \"x\"}\n";
  EXPECT_EQ(Error(bytes, Format::kJsonLines),
            "test.jsonl:3: column 15: expected ',' or '}' after an object member, found '\"'");
  EXPECT_EQ(Error("{\"body\": \"ok\"}\n{\"title\": \"x\"}\n", Format::kJsonLines),
            "test.jsonl:2: expected a string field \"body\"");
  EXPECT_EQ(Error("{\"body\": \"a\", \"body\": \"b\"}", Format::kJsonLines),
            "test.jsonl:1: column 15: duplicate key \"body\" in $ (first at column 2)");
}

TEST(JsonLinesReader, ControlCharacterInABodyReadsAsASpace) {
  auto articles = ReadAll("{\"body\": \"ab\\u0000cd\"}", Format::kJsonLines);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].original, "ab cd");
  EXPECT_EQ(articles[0].body.text(), "ab cd");
}

TEST(JsonLinesReader, BadRecordIsSkippedWhenErrorsAreCollected) {
  std::vector<Status> errors;
  auto articles = ReadArticles("feed.jsonl", "{\"body\": \"one\"}\n{oops}\n{\"body\": \"three\"}\n",
                               Format::kJsonLines, &errors);
  ASSERT_TRUE(articles.has_value());
  ASSERT_EQ(articles->size(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message().rfind("feed.jsonl:2: ", 0), 0u) << errors[0].message();
}

TEST(JsonLinesReader, EmptyFileHasNoArticles) {
  EXPECT_TRUE(ReadAll("\n  \n", Format::kJsonLines).empty());
}

TEST(JsonReader, KeepsStructureFieldsMappedIntoTheFile) {
  const Article a = Read(R"({"title": "T", "byline": "By A\u00e9", "captions": ["C1", "C\"2"],)"
                         R"( "copyright": null, "format": "markdown", "body": "# Head\n\nText"})");
  std::vector<std::string> got;
  for (const ArticleField& f : a.fields) {
    const uint32_t start = f.text.OriginalStart(0);
    const uint32_t end = f.text.OriginalEnd(static_cast<uint32_t>(f.text.text().size()));
    got.push_back(f.name + "=" + f.text.text() + "@" + a.original.substr(start, end - start));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"title=T@T", "byline=By A\u00e9@By A\\u00e9",
                                           "caption=C1@C1", "caption=C\"2@C\\\"2"}));
  // A Markdown body keeps its block kinds.
  ASSERT_EQ(a.body.blocks().size(), 2u);
  EXPECT_EQ(a.body.blocks()[0].kind, BlockKind::kHeading);
}

TEST(JsonReader, RefusesStructureFieldsOfTheWrongType) {
  EXPECT_EQ(Error(R"({"byline": 5, "body": "x"})"),
            "test.json:1:12: expected a string for \"byline\"");
  EXPECT_EQ(Error(R"({"captions": ["a", 1], "body": "x"})"),
            "test.json:1:14: expected an array of strings for \"captions\"");
}

}  // namespace
}  // namespace provcheck::text
