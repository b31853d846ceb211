#include "text/normalise.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "text/normalise_ascii.h"
#include "text/normalise_icu.h"

namespace provcheck::text {
namespace {

using internal::IcuWordTokeniser;
using Words = std::vector<std::string>;
// (start, end, normalised word): everything a token says, comparable.
using TokenView = std::tuple<uint32_t, uint32_t, std::string>;

Normaliser& SharedNormaliser() {
  static Normaliser* normaliser = [] {
    auto created = Normaliser::Create();
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    return std::move(created).value().release();
  }();
  return *normaliser;
}

IcuWordTokeniser& SharedIcu() {
  static IcuWordTokeniser* icu = [] {
    auto created = IcuWordTokeniser::Create();
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    return std::move(created).value().release();
  }();
  return *icu;
}

Words WordsOf(const TokenList& list) {
  Words words;
  for (size_t i = 0; i < list.size(); ++i) words.emplace_back(list.Word(i));
  return words;
}

Words Tokenise(std::string_view text) { return WordsOf(SharedNormaliser().Tokenise(text)); }

std::string Norm(std::string_view word) { return SharedNormaliser().NormaliseWord(word); }

std::vector<TokenView> ViewsOf(const TokenList& list) {
  std::vector<TokenView> views;
  for (size_t i = 0; i < list.size(); ++i) {
    views.emplace_back(list.tokens[i].start, list.tokens[i].end, std::string(list.Word(i)));
  }
  return views;
}

std::vector<TokenView> ViaIcu(std::string_view text) {
  TokenList list;
  SharedIcu().Tokenise(text, 0, text.size(), &list);
  return ViewsOf(list);
}

std::vector<TokenView> ViaAsciiFastPath(std::string_view text) {
  TokenList list;
  internal::TokeniseAscii(text, 0, text.size(), &list);
  return ViewsOf(list);
}

// The original bytes each token covers.
Words Spans(std::string_view text) {
  const TokenList list = SharedNormaliser().Tokenise(text);
  Words spans;
  for (const Token& token : list.tokens) {
    spans.emplace_back(text.substr(token.start, token.end - token.start));
  }
  return spans;
}

TEST(Normalise, CreateSucceeds) { EXPECT_TRUE(Normaliser::Create().has_value()); }

TEST(Normalise, EmptyTextGivesNoTokens) {
  EXPECT_TRUE(Tokenise("").empty());
  EXPECT_TRUE(Tokenise(" \n\n\t -- !? ").empty());
}

TEST(Normalise, SplitsAsciiProseIntoLowercaseWords) {
  EXPECT_EQ(Tokenise("The Quick, brown fox -- JUMPED!"),
            (Words{"the", "quick", "brown", "fox", "jumped"}));
}

TEST(Normalise, FoldsCaseChanges) {
  EXPECT_EQ(Tokenise("COPYRIGHT Copyright cOpYrIgHt"),
            (Words{"copyright", "copyright", "copyright"}));
  EXPECT_EQ(Norm("ΣΟΦΙΑ"), Norm("σοφια"));
  EXPECT_EQ(Norm("STRASSE"), Norm("Straße"));
}

TEST(Normalise, DropsZeroWidthSpaceInsideWord) {
  EXPECT_EQ(Tokenise("co\u200Bpy this"), (Words{"copy", "this"}));
}

TEST(Normalise, DropsZeroWidthJoinerAndNonJoinerInsideWord) {
  EXPECT_EQ(Tokenise("co\u200Dpy co\u200Cpy"), (Words{"copy", "copy"}));
}

TEST(Normalise, DropsWordJoinerInsideWord) { EXPECT_EQ(Tokenise("co\u2060py"), (Words{"copy"})); }

TEST(Normalise, DropsSoftHyphenInsideWord) { EXPECT_EQ(Tokenise("co\u00ADpy"), (Words{"copy"})); }

TEST(Normalise, DropsByteOrderMarks) {
  EXPECT_EQ(Tokenise("\uFEFFcopy co\uFEFFpy"), (Words{"copy", "copy"}));
}

TEST(Normalise, DropsVariationSelectors) {
  EXPECT_EQ(Tokenise("co\uFE0Fpy co\uFE00py co\U000E0100py"), (Words{"copy", "copy", "copy"}));
}

TEST(Normalise, DropsTagCharacters) {
  EXPECT_EQ(Tokenise("co\U000E0041\U000E007Fpy"), (Words{"copy"}));
}

TEST(Normalise, DropsZeroWidthFillersAndInvisibleOperators) {
  for (const char* filler : {"\u115F", "\u1160", "\u2061", "\u2062", "\u2063", "\u2064"}) {
    const std::string text = std::string("co") + filler + "py";
    EXPECT_EQ(Tokenise(text), (Words{"copy"})) << text;
  }
}

TEST(Normalise, BlankFillersSeparateWordsLikeASpace) {
  // Braille blank and the Hangul fillers render as a space; evaders put them
  // where a space belongs.
  for (const char* filler : {"\u2800", "\u3164", "\uFFA0"}) {
    const std::string text = std::string("regional") + filler + "government";
    EXPECT_EQ(Tokenise(text), (Words{"regional", "government"})) << text;
  }
}

TEST(Normalise, TokenRangeCoversInvisibleCharactersInsideWord) {
  const std::string text = "say co\u200Bp\u00ADy\uFE0F now";
  EXPECT_EQ(Spans(text), (Words{"say", "co\u200Bp\u00ADy", "now"}));
}

TEST(Normalise, TokenRangeLeavesOutInvisibleCharactersAroundWord) {
  EXPECT_EQ(Spans("\uFEFF\u200Bcopy\u200B\u2800 it"), (Words{"copy", "it"}));
}

TEST(Normalise, FoldsCyrillicLookalikes) {
  // С, о, р, у and а, е, і, с are Cyrillic.
  EXPECT_EQ(Tokenise("Сору rеаd sіс"), (Words{"copy", "read", "sic"}));
}

TEST(Normalise, FoldsGreekLookalikes) {
  // ο (omicron), ρ (rho) and ν (nu) are Greek.
  EXPECT_EQ(Tokenise("cορy ονer"), (Words{"copy", "over"}));
}

TEST(Normalise, LeavesAsciiOutOfConfusableFolding) {
  // The UTS #39 skeleton maps "m" to "rn" and "0" to "o"; ASCII never gets it.
  EXPECT_EQ(Tokenise("modern m0dern"), (Words{"modern", "m0dern"}));
  EXPECT_NE(Norm("rn"), Norm("m"));
}

TEST(Normalise, FoldsFullWidthForms) {
  EXPECT_EQ(Tokenise("ＣＯＰＹ\u3000ｔｈｉｓ １２３"), (Words{"copy", "this", "123"}));
}

TEST(Normalise, FoldsLigatures) { EXPECT_EQ(Tokenise("ﬁle ﬂow"), (Words{"file", "flow"})); }

TEST(Normalise, UnifiesCurlyAndStraightApostrophes) {
  for (const char* word : {"don't", "don’t", "don‘t", "donʼt", "don′t", "don＇t", "DON’T"}) {
    EXPECT_EQ(Tokenise(word), (Words{"dont"})) << word;
  }
}

TEST(Normalise, IgnoresCurlyAndStraightQuotes) {
  const Words expected = {"he", "said", "copy", "it"};
  EXPECT_EQ(Tokenise("He said \"copy it\""), expected);
  EXPECT_EQ(Tokenise("He said “copy it”"), expected);
  EXPECT_EQ(Tokenise("He said ‘copy it’"), expected);
  EXPECT_EQ(Tokenise("He said «copy it»"), expected);
  EXPECT_EQ(Tokenise("He said 'copy it'"), expected);
}

TEST(Normalise, IgnoresDashesBetweenWords) {
  const Words expected = {"well", "known"};
  for (const char* text : {"well-known", "well‐known", "well‑known", "well–known", "well—known",
                           "well − known", "well -- known"}) {
    EXPECT_EQ(Tokenise(text), expected) << text;
  }
}

TEST(Normalise, StripsDiacritics) {
  EXPECT_EQ(Tokenise("café Zoë naïve Łukasz Ørsted"),
            (Words{"cafe", "zoe", "naive", "lukasz", "orsted"}));
}

TEST(Normalise, StripsDecomposedDiacritics) {
  EXPECT_EQ(Tokenise("cafe\u0301 Zoe\u0308"), (Words{"cafe", "zoe"}));
}

TEST(Normalise, JoinsWordHyphenatedAcrossLineBreak) {
  const std::string text = "an exam-\nple here";
  const TokenList list = SharedNormaliser().Tokenise(text);
  ASSERT_EQ(WordsOf(list), (Words{"an", "example", "here"}));
  EXPECT_EQ(text.substr(list.tokens[1].start, list.tokens[1].end - list.tokens[1].start),
            "exam-\nple");
}

TEST(Normalise, JoinsHyphenationWithBlanksCarriageReturnOrUnicodeHyphen) {
  for (const char* text :
       {"exam- \n  ple", "exam-\r\nple", "exam\u2010\nple", "exam\u2011\nple", "exam\u00AD\nple"}) {
    EXPECT_EQ(Tokenise(text), (Words{"example"})) << text;
  }
}

TEST(Normalise, JoinsHyphenatedNonAsciiWord) {
  EXPECT_EQ(Tokenise("Ca\u0301fé-\nteria"), (Words{"cafeteria"}));
}

TEST(Normalise, KeepsHyphenatedCompoundOnOneLineApart) {
  EXPECT_EQ(Tokenise("a well-known case"), (Words{"a", "well", "known", "case"}));
}

TEST(Normalise, DoesNotJoinHyphenationAcrossParagraphBreak) {
  EXPECT_EQ(Tokenise("exam-\n\nple"), (Words{"exam", "ple"}));
  EXPECT_EQ(Tokenise("exam-\n \nple"), (Words{"exam", "ple"}));
}

TEST(Normalise, DoesNotJoinHyphenationBeforeCapitalOrDigit) {
  EXPECT_EQ(Tokenise("Anglo-\nSaxon"), (Words{"anglo", "saxon"}));
  EXPECT_EQ(Tokenise("page-\n12"), (Words{"page", "12"}));
  EXPECT_EQ(Tokenise("12-\nfold"), (Words{"12", "fold"}));
}

TEST(Normalise, ParagraphBreakMidSentenceGivesSameTokensAsSpace) {
  EXPECT_EQ(Tokenise("the talks, which began\n\nin March, ended"),
            Tokenise("the talks, which began in March, ended"));
  EXPECT_EQ(Tokenise("the talks began\r\n\r\nin March"), Tokenise("the talks began in March"));
}

TEST(Normalise, SegmentsChineseIntoSeveralWords) {
  const Words words = Tokenise("我们是中国人。");
  EXPECT_GE(words.size(), 2u);
  EXPECT_EQ(Spans("我们是中国人。"), words) << "ideographs have no case or fold";
}

TEST(Normalise, SegmentsJapaneseIntoSeveralWords) {
  EXPECT_GE(Tokenise("日本語のテキストです").size(), 3u);
}

TEST(Normalise, SegmentsThaiIntoSeveralWords) {
  const Words spans = Spans("ภาษาไทยง่ายนิดเดียว");
  EXPECT_GE(spans.size(), 3u);
  std::string joined;
  for (const std::string& span : spans) joined += span;
  EXPECT_EQ(joined, "ภาษาไทยง่ายนิดเดียว");
}

TEST(Normalise, TokenOffsetsPointAtOriginalBytes) {
  const std::string text = "Ünïcode «text», 3.5 ＡＢＣ and U.S. snake_case\n我们";
  EXPECT_EQ(Spans(text),
            (Words{"Ünïcode", "text", "3.5", "ＡＢＣ", "and", "U.S", "snake_case", "我", "们"}));
  EXPECT_EQ(Tokenise(text),
            (Words{"unicode", "text", "3.5", "abc", "and", "u.s", "snake_case", "我", "们"}));
}

// Han and kana runs give one token per character (so shingles are character
// n-grams), Han in Simplified script; Hangul keeps its words.
TEST(Normalise, HanAndKanaAreReadCharacterByCharacter) {
  EXPECT_EQ(Spans("渔民协会，周一宣布"), (Words{"渔", "民", "协", "会", "周", "一", "宣", "布"}));
  EXPECT_EQ(Spans("ひらがなとカタカナ"),
            (Words{"ひ", "ら", "が", "な", "と", "カ", "タ", "カ", "ナ"}));
  EXPECT_EQ(Spans("한국어 문장"), (Words{"한국어", "문장"}));
}

TEST(Normalise, TraditionalHanFoldsToSimplified) {
  EXPECT_EQ(Tokenise("漁民協會"), Tokenise("渔民协会"));
  EXPECT_EQ(Tokenise("這一季節的收入"), Tokenise("这一季节的收入"));
  // The original bytes are still the Traditional ones.
  EXPECT_EQ(Spans("漁民"), (Words{"漁", "民"}));
}

// A compatibility ideograph folds to a Traditional character, which must
// then simplify; normalising the result again must give it back (the
// normalise fuzz target found U+F980 giving U+5442).
TEST(Normalise, HanThatFoldsToTraditionalIsSimplifiedToo) {
  EXPECT_EQ(Tokenise("\uF980"), Tokenise("吕"));
  EXPECT_EQ(Tokenise("\uF907"), Tokenise("龟"));
  Normaliser& normaliser = SharedNormaliser();
  for (const char* text : {"\uF980", "\uF907", "漁民協會", "ＡＢＣ 呂門"}) {
    for (const std::string& word : Tokenise(text)) {
      EXPECT_EQ(normaliser.NormaliseWord(word), word) << text;
    }
  }
}

TEST(Normalise, TokensAreOrderedNonOverlappingAndNonEmpty) {
  const std::string text = "Zoë’s co\u200Bpy—of 1,000 ＡＢＣ-\nde at x@y.com; 我们是中国人 ok_";
  const TokenList list = SharedNormaliser().Tokenise(text);
  uint32_t previous_end = 0;
  uint32_t norm_end = 0;
  for (const Token& token : list.tokens) {
    EXPECT_LE(previous_end, token.start);
    EXPECT_LT(token.start, token.end);
    EXPECT_LE(token.end, text.size());
    EXPECT_GT(token.norm_length, 0u);
    EXPECT_EQ(token.norm_start, norm_end);
    previous_end = token.end;
    norm_end = token.norm_start + token.norm_length;
  }
  EXPECT_EQ(norm_end, list.norm.size());
}

TEST(Normalise, FollowsIcuOnAsciiWordPunctuation) {
  // What ICU's root word rules give: "." and "'" join letters; "." "," ";"
  // and "'" join digits; "_" and "@" are word characters; ":" and "-" break.
  EXPECT_EQ(Tokenise("U.S. e.g. don't 3.5 1,000 1;2 A1 snake_case x@y.com a:b a-b _ __"),
            (Words{"u.s", "e.g", "dont", "3.5", "1,000", "1;2", "a1", "snake_case", "x@y.com", "a",
                   "b", "a", "b", "__"}));
}

TEST(Normalise, AsciiFastPathMatchesIcuOnWordPunctuation) {
  for (const char* text :
       {"U.S.", "e.g.", "don't", "3.5",  "1,000",      "A1",       "snake_case", "a:b",     "1:2",
        "a;b",  "1;2",  "1'2",   "_",    "__",         "___",      "_a",         "a_",      "1_",
        "_1",   "a.1",  "1.a",   "a..b", "a.b.c",      "1,000.50", "a\"b",       "x@y.com", "@",
        "a@",   "1a.b", "a1.5",  "a'.b", "'a'",        "a_'b",     "1_,2",       "a.@b",    "a'b'c",
        "1..2", ".5",   "5.",    "a,1",  "C++ and C#", "$40bn",    "#hashtag",   "it's-a"}) {
    EXPECT_EQ(ViaAsciiFastPath(text), ViaIcu(text)) << text;
  }
}

std::string RandomAscii(std::mt19937& rng, std::string_view alphabet, size_t max_length) {
  std::uniform_int_distribution<size_t> length(0, max_length);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string text(length(rng), ' ');
  for (char& c : text) c = alphabet[pick(rng)];
  return text;
}

TEST(Normalise, AsciiFastPathMatchesIcuOnRandomAscii) {
  std::string every_ascii;
  for (int c = 0; c < 128; ++c) every_ascii.push_back(static_cast<char>(c));
  // Weighted towards the characters whose joining rules differ.
  const std::string joiners = "aZ9_@.'.,;: -aab12'.";
  std::mt19937 rng(29);
  for (int i = 0; i < 20000; ++i) {
    const std::string text = RandomAscii(rng, i % 2 == 0 ? every_ascii : joiners, 24);
    ASSERT_EQ(ViaAsciiFastPath(text), ViaIcu(text)) << "text: \"" << text << "\"";
  }
}

TEST(Normalise, TokeniseMatchesIcuPathOnAsciiProse) {
  const std::string text =
      "Copyright Example Media Limited 2022. All rights reserved.\n\n"
      "The U.S. envoy said on Tuesday: \"We won't pay $40bn (about 1,000.5 units) e.g. for "
      "snake_case_names or user@example.com\" -- and left at 10:30am; the talks [ended](#).\n";
  EXPECT_EQ(ViewsOf(SharedNormaliser().Tokenise(text)), ViaIcu(text));
}

TEST(Normalise, TokeniseMatchesWholeTextIcuOnMixedText) {
  const std::vector<std::string> pieces = {"a", "Z",      "9", "_", ".",  "'",  ",",      " ", "\n",
                                           "é", "\u200B", "ж", "’", "中", "ー", "\u0301", "“", "@"};
  std::mt19937 rng(72);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (int n = 0; n < 16; ++n) text += pieces[pick(rng)];
    ASSERT_EQ(ViewsOf(SharedNormaliser().Tokenise(text)), ViaIcu(text))
        << "text: \"" << text << "\"";
  }
}

TEST(Normalise, NormaliseWordMatchesTokenise) {
  for (const char* word : {"Copy", "Zoë’s", "ＡＢＣ", "co\u200Bpy", "Сору", "ﬁle", "3.5", "我", "們"}) {
    EXPECT_EQ(Norm(word), Tokenise(word).at(0)) << word;
  }
}

TEST(Normalise, NormaliseWordIsIdempotent) {
  for (const char* word : {"copy", "Don’t",  "Zoë",   "Łukasz", "ＡＢＣ", "ﬁ",      "Сору",
                           "cορy", "straße", "ǅemal", "ς",      "ŀ",      "한국어", "我们",
                           "が",   "ภาษา",   "हिन्दी", "ﷺ",      "Ⅷ",      "µ",      "x@y.com"}) {
    const std::string once = Norm(word);
    EXPECT_EQ(Norm(once), once) << word;
  }
}

TEST(Normalise, NormaliseWordIsIdempotentOnRandomCodePoints) {
  const std::vector<std::pair<char32_t, char32_t>> blocks = {
      {0x41, 0x7A},     {0xC0, 0x24F},    {0x370, 0x3FF},   {0x400, 0x4FF},   {0x590, 0x6FF},
      {0x900, 0x97F},   {0xE00, 0xE7F},   {0x1100, 0x11FF}, {0x1E00, 0x1FFF}, {0x2100, 0x218F},
      {0x3040, 0x30FF}, {0x4E00, 0x4FFF}, {0xAC00, 0xAD00}, {0xFB00, 0xFDFF}, {0xFF00, 0xFFEF}};
  std::mt19937 rng(39);
  for (int i = 0; i < 3000; ++i) {
    icu::UnicodeString word;
    for (int n = 0; n < 6; ++n) {
      const auto& block = blocks[rng() % blocks.size()];
      word.append(static_cast<UChar32>(block.first + rng() % (block.second - block.first + 1)));
    }
    std::string utf8;
    word.toUTF8String(utf8);
    const std::string once = Norm(utf8);
    ASSERT_EQ(Norm(once), once) << utf8;
  }
}

TEST(Normalise, EvasionLadenSentenceMatchesCleanSentence) {
  const std::string clean =
      "Copyright Example Media Limited 2022. The café's naïve example, “don't” copy this "
      "well-known text.";
  const std::string evasive =
      "\uFEFFCOPY\u200BRIGHT Ｅｘａｍｐｌｅ Mеd\u115Fia\u2800\n\nLim\u00ADited 2022. "  // Cyrillic
                                                                                        // е
      "The cafe\u0301’s naive exam-\nple, \"don’t\" со\u200Dpy\uFE0F this "  // Cyrillic с, о
      "well—known tеxt.";                                                    // Cyrillic е
  EXPECT_EQ(Tokenise(evasive), Tokenise(clean));
}

}  // namespace
}  // namespace provcheck::text
