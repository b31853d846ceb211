#include "text/markdown_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "text/reader.h"
#include "unit/text/reader_test_util.h"

namespace provcheck::text {
namespace {

using testing::Fixture;
using testing::OriginalOf;
using testing::ReadOneArticle;

Article Read(std::string_view markdown) {
  return ReadOneArticle("test.md", markdown, Format::kMarkdown);
}

std::string Text(std::string_view markdown) { return Read(markdown).body.text(); }

std::string Error(std::string_view markdown) {
  Result<std::vector<Article>> read = ReadArticles("test.md", markdown, Format::kMarkdown);
  EXPECT_FALSE(read.has_value());
  if (read.has_value()) return "<no error>";
  EXPECT_EQ(read.error().code(), StatusCode::kInvalidInput);
  return read.error().message();
}

TEST(MarkdownReader, BoldWordReadsAsPlainWord) {
  const Article a = Read("**Guy** spoke");
  EXPECT_EQ(a.body.text(), "Guy spoke");
  EXPECT_EQ(OriginalOf(a, "Guy"), "Guy");
  EXPECT_EQ(a.body.OriginalStart(0), 2u);
}

TEST(MarkdownReader, MarkupInsideAWordAddsNoSpace) {
  const Article a = Read("**Gu**y and *ex*ample");
  EXPECT_EQ(a.body.text(), "Guy and example");
  EXPECT_EQ(OriginalOf(a, "Guy"), "Gu**y");
}

TEST(MarkdownReader, EmphasisWithUnderscoresAndTripleMarkers) {
  EXPECT_EQ(Text("_one_ __two__ ***three*** ___four___ *__five__*"), "one two three four five");
}

TEST(MarkdownReader, UnderscoreInsideAWordIsNotEmphasis) {
  EXPECT_EQ(Text("call snake_case_name or __init__ now"), "call snake_case_name or init now");
}

TEST(MarkdownReader, UnmatchedMarkersStayText) {
  EXPECT_EQ(Text("5 * 3 = 15 and a*b, **open"), "5 * 3 = 15 and a*b, **open");
}

TEST(MarkdownReader, LinkReadsAsItsText) {
  const Article a = Read("They want to [end the conflict](#) soon.");
  EXPECT_EQ(a.body.text(), "They want to end the conflict soon.");
  EXPECT_EQ(OriginalOf(a, "end the conflict"), "end the conflict");
  EXPECT_EQ(OriginalOf(a, "soon"), "soon");
}

TEST(MarkdownReader, LinkTargetAndTitleAreSkipped) {
  EXPECT_EQ(Text("[a **b**](https://x.org/a_(b) \"Title words\") c"), "a b c");
  EXPECT_EQ(Text("[a](<url with spaces>) b"), "a b");
}

TEST(MarkdownReader, ReferenceLinksReadAsTheirTextAndDefinitionsGiveNothing) {
  EXPECT_EQ(Text("See [the report][rep], [Rep][] and [rep].\n\n[rep]: https://x.org \"T\"\n"),
            "See the report, Rep and rep.");
}

TEST(MarkdownReader, UndefinedReferenceStaysText) {
  EXPECT_EQ(Text("[not a link][nowhere]"), "[not a link][nowhere]");
}

TEST(MarkdownReader, ImageGivesNothing) {
  EXPECT_EQ(Text("Before ![alt words **here**](img.jpg \"title\") after"), "Before  after");
  EXPECT_EQ(Text("![Only an image](x.png)\n\nText"), "Text");
}

TEST(MarkdownReader, AutolinkIsSkipped) {
  EXPECT_EQ(Text("See <https://example.com/a> or <news@example.com> now"), "See  or  now");
}

TEST(MarkdownReader, InlineCodeReadsAsItsText) {
  EXPECT_EQ(Text("Run `make test` or `` a`b `` now"), "Run make test or a`b now");
}

TEST(MarkdownReader, BackslashEscapeMapsToItsTwoBytes) {
  const Article a = Read("It cost an estimated \\$40bn \\*really\\*.");
  EXPECT_EQ(a.body.text(), "It cost an estimated $40bn *really*.");
  EXPECT_EQ(OriginalOf(a, "$40bn"), "\\$40bn");
}

TEST(MarkdownReader, EntitiesAreDecodedAndMapToTheirBytes) {
  const Article a = Read("Fish &amp; chips, &ldquo;quoted&rdquo;, it&#8217;s, it&#x2019;s");
  EXPECT_EQ(a.body.text(), "Fish & chips, \u201Cquoted\u201D, it\u2019s, it\u2019s");
  EXPECT_EQ(OriginalOf(a, "&"), "&amp;");
  EXPECT_EQ(OriginalOf(a, "\u201Cquoted\u201D"), "&ldquo;quoted&rdquo;");
  EXPECT_EQ(OriginalOf(a, "it\u2019s"), "it&#8217;s");
}

TEST(MarkdownReader, UnknownOrUnterminatedEntityStaysText) {
  EXPECT_EQ(Text("&bogus; &amp &notit; AT&T"), "&bogus; &amp &notit; AT&T");
}

TEST(MarkdownReader, InlineHtmlTagsAreSkipped) {
  const Article a = Read("a <span class=\"x y\">b</span> c<br>d <!-- note --> e");
  EXPECT_EQ(a.body.text(), "a b c\nd  e");
}

TEST(MarkdownReader, HtmlBlockTagsBreakParagraphs) {
  EXPECT_EQ(Text("<p>One</p><p>Two</p>\n<figure><img src=\"a.jpg\" alt=\"x\">"
                 "<figcaption>Photo © Agency</figcaption></figure>"),
            "One\n\nTwo\n\nPhoto © Agency");
}

TEST(MarkdownReader, ScriptAndStyleInMarkdownAreSkipped) {
  EXPECT_EQ(Text("a <script>var x = \"<b>no</b>\";</script> b <style>p{}</style> c"), "a  b  c");
}

TEST(MarkdownReader, HtmlCommentOrScriptWithBlankLinesIsSkippedWhole) {
  EXPECT_EQ(Text("Before\n\n<!-- editor note\n\nnot for print -->\n\nAfter"), "Before\n\nAfter");
  EXPECT_EQ(Text("Before\n<script>\nvar a = 1;\n\nvar b = 2;\n</script>\nAfter"),
            "Before\n\nAfter");
}

TEST(MarkdownReader, HeadingsAreBlocks) {
  EXPECT_EQ(Text("# One\nText\n## Two ##\nMore\n###### Six #\n#hashtag"),
            "One\n\nText\n\nTwo\n\nMore\n\nSix\n\n#hashtag");
}

TEST(MarkdownReader, SetextHeadingsAreBlocks) {
  const Article a = Read("Big title\n=========\nBody\n\nSmall\n---\nEnd");
  EXPECT_EQ(a.body.text(), "Big title\n\nBody\n\nSmall\n\nEnd");
  EXPECT_EQ(a.meta.title, "Big title");
}

TEST(MarkdownReader, ParagraphKeepsItsOriginalLineBreaks) {
  EXPECT_EQ(Text("an exam-\nple of\r\nwrapped text"), "an exam-\nple of\r\nwrapped text");
}

TEST(MarkdownReader, BlankLineEndsAParagraph) {
  EXPECT_EQ(Text("the two sides were\n\n\n  close to a deal"),
            "the two sides were\n\nclose to a deal");
}

TEST(MarkdownReader, ListMarkersAreRemoved) {
  EXPECT_EQ(Text("- one\n* two\n  continued\n+ three\n1. four\n2) five"),
            "one\n\ntwo\ncontinued\n\nthree\n\nfour\n\nfive");
}

TEST(MarkdownReader, NumberStartingALineInsideAParagraphIsText) {
  EXPECT_EQ(Text("It was\n2022. A good year"), "It was\n2022. A good year");
}

TEST(MarkdownReader, BlockQuoteMarkersAreRemoved) {
  const Article a = Read("> quoted\n> text here\n>\n> > nested");
  EXPECT_EQ(a.body.text(), "quoted\ntext here\n\nnested");
  EXPECT_EQ(OriginalOf(a, "text here"), "text here");
  EXPECT_EQ(OriginalOf(a, "quoted\ntext"), "quoted\n> text");
}

TEST(MarkdownReader, ThematicBreaksGiveNothing) {
  EXPECT_EQ(Text("a\n\n---\n\nb\n\n* * *\n\nc\n___"), "a\n\nb\n\nc");
}

TEST(MarkdownReader, FencedCodeKeepsItsText) {
  EXPECT_EQ(Text("Before\n```python\nprint(\"*not emphasis*\")\n```\nAfter"),
            "Before\n\nprint(\"*not emphasis*\")\n\nAfter");
}

TEST(MarkdownReader, ByteOrderMarkIsSkipped) {
  const Article a = Read("\xEF\xBB\xBF# Title\n\nText");
  EXPECT_EQ(a.body.text(), "Title\n\nText");
  EXPECT_EQ(a.meta.title, "Title");
}

TEST(MarkdownReader, TitleFallsBackToFirstHeading) {
  EXPECT_EQ(Read("Intro\n\n## The **first** heading\n\n# Second").meta.title, "The first heading");
  EXPECT_EQ(Read("---\ntitle: Given\n---\n# Heading").meta.title, "Given");
  EXPECT_EQ(Read("No heading").meta.title, "");
}

TEST(MarkdownReader, FrontMatterFillsMetadataAndGivesNoWords) {
  const Article a = Read(Fixture("article.md"));
  EXPECT_EQ(a.meta.id, "example-2022-03-01-talks");
  EXPECT_EQ(a.meta.title, "Talks resume as leaders meet in Geneva");
  EXPECT_EQ(a.meta.publisher, "Example Media");
  EXPECT_EQ(a.meta.authors, (std::vector<std::string>{"Jane Doe", "Smith, John"}));
  EXPECT_EQ(a.meta.date, "2022-03-01");
  EXPECT_EQ(a.meta.url, "https://example.com/news/talks");
  EXPECT_EQ(a.meta.licence, "all-rights-reserved");
  EXPECT_EQ(a.body.text().find("example-2022"), std::string::npos);
  EXPECT_EQ(a.body.text().rfind("Talks resume", 0), 0u);
}

TEST(MarkdownReader, FrontMatterReadsBlockListsQuotesAndSpellings) {
  const Article a = Read(
      "---\n"
      "# a comment\n"
      "author: 'O''Brien'\n"
      "authors:\n"
      "  - \"Jane \\\"JD\\\" Doe\"\n"
      "  - Sam Lee   # trailing comment\n"
      "license: CC-BY-4.0\n"
      "image:\n"
      "  src: a.jpg\n"
      "tags: [a, b]\n"
      "...\n"
      "Body");
  EXPECT_EQ(a.meta.authors, (std::vector<std::string>{"O'Brien", "Jane \"JD\" Doe", "Sam Lee"}));
  EXPECT_EQ(a.meta.licence, "CC-BY-4.0");
  EXPECT_EQ(a.body.text(), "Body");
}

TEST(MarkdownReader, FrontMatterLineWithoutColonIsAnError) {
  EXPECT_EQ(Error("---\ntitle: ok\npublisher Example\n---\n"),
            "test.md:3:10: expected ':' after the key \"publisher\"");
}

TEST(MarkdownReader, FrontMatterUnterminatedQuoteIsAnError) {
  EXPECT_EQ(Error("---\ntitle: \"Talks resume\n---\n"),
            "test.md:2:8: expected a closing \" for the string opened here");
}

TEST(MarkdownReader, FrontMatterUnterminatedListIsAnError) {
  EXPECT_EQ(Error("---\nauthors: [Jane Doe, \"Smith, John\"\n---\n"),
            "test.md:2:10: expected a closing ']' for the list opened here");
}

TEST(MarkdownReader, FrontMatterWithoutClosingLineIsAnError) {
  EXPECT_EQ(Error("---\ntitle: Talks\n\n# Heading\n"),
            "test.md:1:1: expected a closing \"---\" line to end the front matter opened here");
}

TEST(MarkdownReader, FrontMatterListItemNeedsAKey) {
  EXPECT_EQ(Error("---\ntitle: Talks\n  - stray\n---\n"),
            "test.md:3:3: expected 'key: value' (a '- item' needs a key line above it)");
}

TEST(MarkdownReader, FrontMatterListForAScalarKeyIsAnError) {
  EXPECT_EQ(Error("---\ntitle: [a, b]\n---\n"),
            "test.md:2:8: expected a single value for \"title\"");
}

TEST(MarkdownReader, TypicalArticleReadsExactly) {
  const Article a = Read(Fixture("article.md"));
  EXPECT_EQ(a.body.text(), Fixture("article.expected.txt"));
}

TEST(MarkdownReader, TypicalArticleWordsPointAtTheirOriginalBytes) {
  const Article a = Read(Fixture("article.md"));
  EXPECT_EQ(OriginalOf(a, "Guy"), "Guy");
  EXPECT_EQ(OriginalOf(a, "Guy Verhofstadt"), "Guy** Verhofstadt");
  EXPECT_EQ(OriginalOf(a, "end the conflict before"), "end the conflict](#) before");
  EXPECT_EQ(OriginalOf(a, "$40bn"), "\\$40bn");
  EXPECT_EQ(OriginalOf(a, "John Smith"), "John Smith");
  EXPECT_EQ(OriginalOf(a, "\u201Ccould last weeks\u201D"), "\u201Ccould last weeks\u201D");
  EXPECT_EQ(OriginalOf(a, "ceasefire & a"), "ceasefire &amp; a");
  EXPECT_EQ(OriginalOf(a, "Tuesday. \u00A9 Agency"), "Tuesday.* \u00A9 Agency");
  EXPECT_EQ(OriginalOf(a, "were\n\nclose"), "were\n\nclose");
}

// The kind of each block, as "kind:text".
std::vector<std::string> Kinds(const Article& a) {
  std::vector<std::string> out;
  for (const TextBlock& b : a.body.blocks()) {
    const char* kind = b.kind == BlockKind::kHeading   ? "heading"
                       : b.kind == BlockKind::kCaption ? "caption"
                       : b.kind == BlockKind::kCode    ? "code"
                                                       : "paragraph";
    out.push_back(std::string(kind) + ":" + a.body.text().substr(b.begin, b.end - b.begin));
  }
  return out;
}

TEST(MarkdownReader, MarksHeadingsCaptionsAndCodeBlocks) {
  const Article a = Read(
      "# Title\n\n![alt](a.jpg)\n*The caption. \u00A9 Agency*\n\nBody\ntext.\n\n"
      "![alone](b.jpg)\n\n_Second caption_\n\n```\ncode\n```\n\nSub\n---\n");
  EXPECT_EQ(Kinds(a),
            (std::vector<std::string>{"heading:Title", "caption:The caption. \u00A9 Agency",
                                      "paragraph:Body\ntext.", "caption:Second caption",
                                      "code:code", "heading:Sub"}));
}

}  // namespace
}  // namespace provcheck::text
