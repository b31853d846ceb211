#include "text/extracted_text.h"

#include <gtest/gtest.h>

#include "text/block_writer.h"

namespace provcheck::text {
namespace {

TEST(ExtractedText, AdjacentVerbatimPiecesMergeIntoOneRun) {
  ExtractedText t;
  t.AppendVerbatim("Hello ", 10);
  t.AppendVerbatim("world", 16);
  ASSERT_EQ(t.runs().size(), 1u);
  EXPECT_EQ(t.text(), "Hello world");
  EXPECT_EQ(t.OriginalStart(6), 16u);
  EXPECT_EQ(t.OriginalEnd(11), 21u);
}

TEST(ExtractedText, VerbatimPiecesWithAGapStayApart) {
  ExtractedText t;
  t.AppendVerbatim("Gu", 2);  // "**Gu**y": the "**" between is gone
  t.AppendVerbatim("y", 8);
  ASSERT_EQ(t.runs().size(), 2u);
  EXPECT_EQ(t.OriginalStart(0), 2u);
  EXPECT_EQ(t.OriginalEnd(3), 9u);
}

TEST(ExtractedText, ReplacementMapsToItsWholeOriginalRange) {
  ExtractedText t;
  t.AppendVerbatim("Fish ", 0);
  t.AppendReplacement("&", 5, 5);  // "&amp;"
  t.AppendVerbatim(" chips", 10);
  const uint32_t amp = 5;
  EXPECT_EQ(t.OriginalStart(amp), 5u);
  EXPECT_EQ(t.OriginalEnd(amp + 1), 10u);
  EXPECT_EQ(t.OriginalStart(amp + 2), 11u);
}

TEST(ExtractedText, SeparatorMapsToOnePosition) {
  ExtractedText t;
  t.AppendVerbatim("One", 0);
  t.AppendSeparator("\n\n", 3);
  t.AppendVerbatim("Two", 9);
  EXPECT_EQ(t.text(), "One\n\nTwo");
  EXPECT_EQ(t.OriginalStart(3), 3u);
  EXPECT_EQ(t.OriginalEnd(5), 3u);
  EXPECT_EQ(t.OriginalStart(5), 9u);
}

TEST(BlockWriter, DropsWhitespaceAtBlockEdges) {
  ExtractedText t;
  BlockWriter w(&t);
  w.Verbatim("  Hello world \n", 0);
  EXPECT_EQ(w.EndBlock(), "Hello world");
  EXPECT_EQ(t.text(), "Hello world");
  EXPECT_EQ(t.OriginalStart(0), 2u);
}

TEST(BlockWriter, JoinsBlocksWithOneSeparator) {
  ExtractedText t;
  BlockWriter w(&t);
  w.Verbatim("One", 0);
  w.EndBlock();
  w.EndBlock();
  w.Verbatim("   ", 10);  // a block of spaces has no text
  w.EndBlock();
  w.Verbatim("Two", 20);
  w.EndBlock();
  EXPECT_EQ(t.text(), "One\n\nTwo");
  EXPECT_EQ(t.OriginalStart(5), 20u);
}

TEST(BlockWriter, KeepsLineBreakInsideBlockButNotAtItsEdge) {
  ExtractedText t;
  BlockWriter w(&t);
  w.LineBreak(0);
  w.Verbatim("a", 4);
  w.LineBreak(5);
  w.Verbatim("b", 9);
  w.LineBreak(10);
  w.EndBlock();
  EXPECT_EQ(t.text(), "a\nb");
}

}  // namespace
}  // namespace provcheck::text
