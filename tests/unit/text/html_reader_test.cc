#include "text/html_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "text/reader.h"
#include "unit/text/reader_test_util.h"

namespace provcheck::text {
namespace {

using testing::Fixture;
using testing::OriginalOf;
using testing::ReadOneArticle;

Article Read(std::string_view html) { return ReadOneArticle("test.html", html, Format::kHtml); }

std::string Text(std::string_view html) { return Read(html).body.text(); }

TEST(HtmlReader, TagsAndAttributesGiveNoWords) {
  const Article a = Read(
      "<p class=\"lead\" data-x=\"hidden words\">Leaders <a href=\"/x\" "
      "title=\"a title\">met</a> today</p>");
  EXPECT_EQ(a.body.text(), "Leaders met today");
  EXPECT_EQ(OriginalOf(a, "met"), "met");
}

TEST(HtmlReader, InlineElementsInsideAWordAddNoSpace) {
  const Article a = Read("<p><b>Gu</b>y</p>");
  EXPECT_EQ(a.body.text(), "Guy");
  EXPECT_EQ(OriginalOf(a, "Guy"), "Gu</b>y");
}

TEST(HtmlReader, EntitiesAreDecodedAndMapToTheirBytes) {
  const Article a = Read("<p>Fish &amp; chips, &ldquo;quoted&rdquo;, it&#8217;s, it&#x2019;s</p>");
  EXPECT_EQ(a.body.text(), "Fish & chips, \u201Cquoted\u201D, it\u2019s, it\u2019s");
  EXPECT_EQ(OriginalOf(a, "&"), "&amp;");
  EXPECT_EQ(OriginalOf(a, "\u201Cquoted"), "&ldquo;quoted");
  EXPECT_EQ(OriginalOf(a, "it\u2019s,"), "it&#8217;s,");
  EXPECT_EQ(OriginalOf(a, "it\u2019s"), "it&#8217;s");
  EXPECT_EQ(a.original.substr(a.body.OriginalStart(a.body.text().rfind("\u2019")), 8), "&#x2019;");
}

TEST(HtmlReader, LegacyEntityWithoutSemicolonStillReadsRight) {
  // gumbo decodes "&copy 2022"; the reader then maps the node as a whole.
  const Article a = Read("<p>Photo &copy 2022 Agency</p>");
  EXPECT_EQ(a.body.text(), "Photo \u00A9 2022 Agency");
  EXPECT_EQ(OriginalOf(a, "Agency"), "Photo &copy 2022 Agency");
}

TEST(HtmlReader, ScriptStyleAndHeadAreSkipped) {
  EXPECT_EQ(Text("<html><head><title>Head title</title><style>p { color: red }</style>"
                 "<script>var hidden = 1;</script></head><body><p>Seen</p>"
                 "<script>document.write('no')</script><noscript>Enable JS</noscript>"
                 "<template><p>later</p></template><!-- a comment --></body></html>"),
            "Seen");
}

TEST(HtmlReader, ImagesAndTheirAltTextGiveNothing) {
  EXPECT_EQ(Text("<p>Before <img src=\"a.jpg\" alt=\"Alt words\"> after</p>"), "Before  after");
}

TEST(HtmlReader, BlockElementsBreakParagraphs) {
  EXPECT_EQ(Text("<h1>Head</h1><p>One</p><div>Two<div>Three</div></div><ul><li>Four</li>"
                 "<li>Five</li></ul><figure><figcaption>Six</figcaption></figure>"
                 "<table><tr><td>Seven</td><td>Eight</td></tr></table>"),
            "Head\n\nOne\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix\n\nSeven\n\nEight");
}

TEST(HtmlReader, BrIsALineBreak) {
  EXPECT_EQ(Text("<p>Line one<br>Line two<br/></p>"), "Line one\nLine two");
}

TEST(HtmlReader, OriginalNewlinesInsideAParagraphAreKept) {
  EXPECT_EQ(Text("<p>an exam-\nple of\r\nwrapped text</p>"), "an exam-\nple of\r\nwrapped text");
}

TEST(HtmlReader, ProvcheckMetaTagsFillMetadata) {
  const Article a = Read(Fixture("article.html"));
  EXPECT_EQ(a.meta.id, "example-2022-03-01-talks");
  EXPECT_EQ(a.meta.publisher, "Example Media");
  EXPECT_EQ(a.meta.authors, (std::vector<std::string>{"Jane Doe", "John Smith"}));
  EXPECT_EQ(a.meta.date, "2022-03-01");
  EXPECT_EQ(a.meta.licence, "all-rights-reserved");
  EXPECT_EQ(a.meta.url, "https://example.com/news/talks");            // <link rel="canonical">
  EXPECT_EQ(a.meta.title, "Talks resume as leaders meet in Geneva");  // the first <h1>
}

TEST(HtmlReader, StandardMetaTagsFillMetadata) {
  const Article a = Read(
      "<head><meta name=\"Author\" content=\"Jane Doe\"><meta name=\"author\" content=\"Sam Lee\">"
      "<meta property=\"og:title\" content=\"OG &amp; title\">"
      "<link rel=\"alternate canonical\" href=\"https://x.org/a\"></head><h1>H1</h1>");
  EXPECT_EQ(a.meta.authors, (std::vector<std::string>{"Jane Doe", "Sam Lee"}));
  EXPECT_EQ(a.meta.title, "OG & title");
  EXPECT_EQ(a.meta.url, "https://x.org/a");
}

TEST(HtmlReader, ProvcheckMetaTagsWinOverStandardOnes) {
  const Article a = Read(
      "<meta name=\"author\" content=\"Web Desk\"><meta property=\"og:title\" content=\"OG\">"
      "<meta name=\"provcheck:title\" content=\"Ours\">"
      "<meta name=\"provcheck:authors\" content=\" A One ,B Two,, \">");
  EXPECT_EQ(a.meta.title, "Ours");
  EXPECT_EQ(a.meta.authors, (std::vector<std::string>{"A One", "B Two"}));
}

TEST(HtmlReader, TitleFallsBackToFirstH1ThenTitleElement) {
  EXPECT_EQ(Read("<title>Page</title><h2>Sub</h2><h1>The <em>main</em>\n head</h1><h1>Second</h1>")
                .meta.title,
            "The main head");
  EXPECT_EQ(Read("<title> Page  title </title><p>Body</p>").meta.title, "Page title");
}

TEST(HtmlReader, TypicalArticleReadsExactly) {
  const Article a = Read(Fixture("article.html"));
  EXPECT_EQ(a.body.text(), Fixture("article.expected.txt"));
}

TEST(HtmlReader, TypicalArticleWordsPointAtTheirOriginalBytes) {
  const Article a = Read(Fixture("article.html"));
  EXPECT_EQ(OriginalOf(a, "Guy Verhofstadt"), "Guy</strong> Verhofstadt");
  EXPECT_EQ(OriginalOf(a, "end the conflict"), "end the conflict");
  EXPECT_EQ(OriginalOf(a, "\u201Ccould last weeks\u201D"), "&ldquo;could last weeks&rdquo;");
  EXPECT_EQ(OriginalOf(a, "\u00A9 Agency"), "&copy; Agency");
  EXPECT_EQ(OriginalOf(a, "$40bn"), "$40bn");
}

TEST(HtmlReader, DeepNestingIsRefusedQuicklyWithoutCrashing) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  const auto start = std::chrono::steady_clock::now();
  Result<std::vector<Article>> read = ReadArticles("deep.html", html, Format::kHtml);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), StatusCode::kResourceLimit);
  EXPECT_EQ(read.error().message(), "deep.html: HTML elements nested deeper than 10000");
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(HtmlReader, NestingWithinTheLimitIsWalkedWithoutRecursion) {
  std::string html;
  for (size_t i = 0; i < kMaxHtmlNesting; ++i) html += "<span>";
  html += "deep";
  EXPECT_EQ(Text(html), "deep");
}

TEST(HtmlReader, ManyUnclosedParagraphsAreNotDeep) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<p>x<li>y";
  const Article a = Read(html);
  EXPECT_EQ(a.body.text().substr(0, 10), "x\n\ny\n\nx\n\ny");
}

TEST(HtmlReader, MarksHeadingsAndCaptions) {
  const Article a = Read(
      "<body><h1>Title</h1><figure><img src=a.jpg><figcaption><p>Cap</p>"
      "</figcaption></figure><p>Body</p><ul><li>Item</li></ul></body>");
  std::vector<std::pair<BlockKind, std::string>> got;
  for (const TextBlock& b : a.body.blocks()) {
    got.emplace_back(b.kind, a.body.text().substr(b.begin, b.end - b.begin));
  }
  EXPECT_EQ(got, (std::vector<std::pair<BlockKind, std::string>>{{BlockKind::kHeading, "Title"},
                                                                 {BlockKind::kCaption, "Cap"},
                                                                 {BlockKind::kParagraph, "Body"},
                                                                 {BlockKind::kListItem, "Item"}}));
}

}  // namespace
}  // namespace provcheck::text
