#include "rules/article_structure.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/json_field_reader.h"
#include "rules_test_util.h"

namespace provcheck::rules {
namespace {

using testing::ReadDraft;

// "kind: text" for each part, in order.
std::vector<std::string> Parts(const testing::Draft& draft) {
  const RuleSet rules = DefaultRuleSet();
  const ArticleStructure structure(draft.article, rules);
  std::vector<std::string> out;
  for (const Part& p : structure.parts())
    out.push_back(std::string(PartKindName(p.kind)) + ": " + p.flat);
  return out;
}

constexpr char kMarkdown[] =
    "---\ntitle: T\n---\n"
    "# Ferry cut\n\n"
    "The winter timetable halves the crossings.\n\n"
    "![The ferry](ferry.jpg)\n*The ferry at dawn. \u00A9 Lumen Pictures*\n\n"
    "By **Ann Other** in Port Ellery\n\n"
    "By lunchtime the queue had reached the harbour gates.\n\n"
    "## A subheading\n\n"
    "Additional reporting by Bo Lee\n\n"
    "Copyright Bayside Weekly 2026. All rights reserved.\n";

TEST(ArticleStructure, FindsEveryPartOfAMarkdownDraft) {
  EXPECT_EQ(Parts(ReadDraft(kMarkdown)),
            (std::vector<std::string>{
                "headline: Ferry cut",
                "standfirst: The winter timetable halves the crossings.",
                "caption: The ferry at dawn. \u00A9 Lumen Pictures",
                "byline: By Ann Other in Port Ellery",
                "body: By lunchtime the queue had reached the harbour gates.",
                "body: A subheading",
                "reporting: Additional reporting by Bo Lee",
                "copyright: Copyright Bayside Weekly 2026. All rights reserved.",
            }));
}

TEST(ArticleStructure, AnEmphasisedLineAfterALoneImageIsItsCaption) {
  EXPECT_EQ(
      Parts(ReadDraft("# H\n\n![x](a.jpg)\n\n*Caption here*\n\n*Not a caption*\n")),
      (std::vector<std::string>{"headline: H", "caption: Caption here", "body: Not a caption"}));
}

// Issue 15: the caption shapes newsrooms use.
std::vector<std::string> PartsWith(const testing::Draft& draft, const RuleSet& rules) {
  const ArticleStructure structure(draft.article, rules);
  std::vector<std::string> out;
  for (const Part& p : structure.parts())
    out.push_back(std::string(PartKindName(p.kind)) + ": " + p.flat);
  return out;
}

TEST(Issue15, AParagraphAfterALoneImageIsItsCaption) {
  const char md[] = "# H\n\n![x](a.jpg)\n\nLanterns on the quay at dusk\n\nBody text follows.\n";
  EXPECT_EQ(Parts(ReadDraft(md)),
            (std::vector<std::string>{"headline: H", "caption: Lanterns on the quay at dusk",
                                      "body: Body text follows."}));
  RuleSet off = DefaultRuleSet();
  off.captions.after_image = false;
  EXPECT_EQ(PartsWith(ReadDraft(md), off)[1], "body: Lanterns on the quay at dusk");
  RuleSet short_captions = DefaultRuleSet();
  short_captions.captions.max_words = 3;
  EXPECT_EQ(PartsWith(ReadDraft(md), short_captions)[1], "body: Lanterns on the quay at dusk");
}

TEST(Issue15, AParagraphEndingInACreditIsACaption) {
  EXPECT_EQ(Parts(ReadDraft("# H\n\nThe heron passes the station. \u00A9 Wirepix\n\n"
                            "Body text with a \u00A9 mark inside a longer sentence is not one.\n")),
            (std::vector<std::string>{
                "headline: H", "caption: The heron passes the station. \u00A9 Wirepix",
                "body: Body text with a \u00A9 mark inside a longer sentence is not one."}));
}

TEST(Issue15, AParagraphInsideAnHtmlFigureIsACaption) {
  const char html[] =
      "<html><body><h1>H</h1><figure><img src=\"a.jpg\"><p>Stalls on Friday</p></figure>"
      "<p>Body text.</p></body></html>";
  EXPECT_EQ(
      Parts(ReadDraft(html, Format::kHtml)),
      (std::vector<std::string>{"headline: H", "caption: Stalls on Friday", "body: Body text."}));
}

TEST(Issue15, TheRulesFileSaysWhatElseIsACaption) {
  RuleSet rules = DefaultRuleSet();
  ASSERT_TRUE(CompilePattern("^Pictured:", "$.captions.detect", &rules.captions.detect).ok());
  EXPECT_EQ(PartsWith(ReadDraft("# H\n\nPictured: the heron\n\nBody text.\n"), rules),
            (std::vector<std::string>{"headline: H", "caption: Pictured: the heron",
                                      "body: Body text."}));
}

TEST(ArticleStructure, FindsEveryPartOfAnHtmlDraft) {
  const char html[] =
      "<html><head><title>t</title></head><body><article>\n"
      "<h1>Ferry cut</h1>\n<p class=\"standfirst\">Fewer crossings.</p>\n"
      "<figure><img src=\"a.jpg\" alt=\"x\"><figcaption><p>The ferry. \u00A9 Lumen Pictures</p>"
      "</figcaption></figure>\n"
      "<p>By <strong>Ann Other</strong></p>\n<p>Body text here.</p>\n"
      "<p>Copyright Bayside Weekly 2026.</p></article></body></html>\n";
  EXPECT_EQ(Parts(ReadDraft(html, Format::kHtml)),
            (std::vector<std::string>{"headline: Ferry cut", "standfirst: Fewer crossings.",
                                      "caption: The ferry. \u00A9 Lumen Pictures",
                                      "byline: By Ann Other", "body: Body text here.",
                                      "copyright: Copyright Bayside Weekly 2026."}));
}

TEST(ArticleStructure, TakesPartsFromJsonFields) {
  const char json[] =
      "{\"title\": \"Ferry cut\", \"byline\": \"By Ann Other\",\n"
      " \"captions\": [\"One. \\u00A9 A\", \"Two\"], \"copyright\": \"Copyright X 2026.\",\n"
      " \"body\": \"By the way, this is body text.\\n\\nAdditional reporting by Bo Lee\"}";
  const testing::Draft draft = ReadDraft(json, Format::kJson);
  EXPECT_EQ(Parts(draft), (std::vector<std::string>{"headline: Ferry cut", "byline: By Ann Other",
                                                    "caption: One. \u00A9 A", "caption: Two",
                                                    "copyright: Copyright X 2026.",
                                                    "body: By the way, this is body text.",
                                                    "reporting: Additional reporting by Bo Lee"}));
  // Field parts point into the file, through the string's escapes.
  const ArticleStructure structure(draft.article, DefaultRuleSet());
  const Part* second = structure.FindAll(PartKind::kCaption)[1];
  EXPECT_EQ(draft.article.original.substr(second->OriginalStart(0), 3), "Two");
  const Part* first = structure.FindAll(PartKind::kCaption)[0];
  EXPECT_EQ(draft.article.original.substr(first->OriginalStart(5),
                                          first->OriginalEnd(6) - first->OriginalStart(5)),
            "\\u00A9");
}

TEST(ArticleStructure, FindsPartsOfPlainText) {
  const char text[] =
      "Ferry cut\n\nFewer crossings this winter.\n\nThe ferry at dawn. \u00A9 Lumen Pictures\n\n"
      "By Ann Other in Port Ellery\n\nThe timetable changes on Monday.\nIt halves them.\n\n"
      "Copyright Bayside Weekly 2026. All rights reserved.\n";
  EXPECT_EQ(
      Parts(ReadDraft(text, Format::kText)),
      (std::vector<std::string>{"headline: Ferry cut", "standfirst: Fewer crossings this winter.",
                                "caption: The ferry at dawn. \u00A9 Lumen Pictures",
                                "byline: By Ann Other in Port Ellery",
                                "body: The timetable changes on Monday. It halves them.",
                                "copyright: Copyright Bayside Weekly 2026. All rights "
                                "reserved."}));
}

TEST(ArticleStructure, MissingLinesBelongBeforeTheBodyAndAfterTheEnd) {
  const testing::Draft draft = ReadDraft("# H\n\nStandfirst.\n\nBy A\n\nBody one.\n\nBody two.\n");
  const ArticleStructure structure(draft.article, DefaultRuleSet());
  EXPECT_EQ(draft.article.original.substr(structure.BylineSlot(), 9), "Body one.");
  EXPECT_EQ(structure.EndSlot(), draft.article.original.size());
  const testing::Draft no_byline = ReadDraft("# H\n\nStandfirst.\n\nBody one.\n");
  const ArticleStructure s2(no_byline.article, DefaultRuleSet());
  // Without a byline nothing is a standfirst: the byline belongs before the
  // first paragraph after the headline.
  EXPECT_EQ(no_byline.article.original.substr(s2.BylineSlot(), 11), "Standfirst.");
}

}  // namespace
}  // namespace provcheck::rules
