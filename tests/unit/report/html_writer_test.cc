#include "report/html_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/report/sample_report.h"

namespace provcheck::report {
namespace {

using testing::kSampleDraft;
using testing::SampleReport;

std::string Html(const Report& r, std::string_view text = kSampleDraft) {
  HtmlDraft d{&r, text};
  return ReportsToHtml(std::span<const HtmlDraft>(&d, 1), {});
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// `html` without tags, with the five entities decoded.
std::string PlainText(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    if (!in_tag) out.push_back(c);
    if (c == '>') in_tag = false;
  }
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + 1)) {
      out.replace(at, from.size(), to);
    }
  }
  return out;
}

// The text of every <mark> carrying finding `n` in the draft column, joined.
std::string MarkedText(const std::string& html, int n) {
  const size_t begin = html.find("<pre class=\"text\">");
  const size_t end = html.find("</pre>", begin);
  std::string out;
  for (size_t at = html.find("<mark ", begin); at < end; at = html.find("<mark ", at + 1)) {
    const size_t nums_at = html.find("data-f=\"", at) + 8;
    const size_t nums_end = html.find('"', nums_at);
    const std::string nums = " " + html.substr(nums_at, nums_end - nums_at) + " ";
    if (nums.find(" " + std::to_string(n) + " ") == std::string::npos) continue;
    const size_t body = html.find('>', nums_end) + 1;
    out += PlainText(html.substr(body, html.find("</mark>", body) - body));
  }
  return out;
}

TEST(Html, IsOneSelfContainedPage) {
  std::string html = Html(SampleReport());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_NE(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(Html, PutsVerdictAndSummaryAtTheTop) {
  std::string html = Html(SampleReport());
  const size_t verdict = html.find("<p class=\"verdict\" id=\"verdict\">FAIL</p>");
  ASSERT_NE(verdict, std::string::npos);
  EXPECT_LT(verdict, html.find("<pre class=\"text\">"));
  EXPECT_NE(html.find("2 reused passages from 1 source, 50% of 30 words; 1 credit finding"),
            std::string::npos);
}

TEST(Html, HighlightsAndNumbersEachPassageLinkedToItsSource) {
  Report r = SampleReport();
  std::string html = Html(r);
  for (int n = 1; n <= 3; ++n) {
    const std::string num = std::to_string(n);
    EXPECT_NE(html.find("id=\"d1-p" + num + "\" href=\"#d1-f" + num + "\""), std::string::npos)
        << n;
    EXPECT_NE(html.find("id=\"d1-f" + num + "\""), std::string::npos) << n;
    EXPECT_NE(html.find("href=\"#d1-p" + num + "\""), std::string::npos) << n;
    EXPECT_EQ(MarkedText(html, n), r.findings[n - 1].draft.text) << n;
  }
  EXPECT_NE(html.find("<cite>House prices &lt;in&gt; Port Ellery</cite>"), std::string::npos);
  EXPECT_NE(html.find("<time>2026-03-27</time>"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://northfieldchronicle.example/port-ellery?a=1&amp;b=2\""),
            std::string::npos);
}

TEST(Html, EmphasisesIdenticalWords) {
  std::string html = Html(SampleReport());
  EXPECT_NE(html.find("<mark class=\"p sev-error same\" data-f=\"1\">Port Ellery has overtaken "
                      "Windmere as the fastest</mark><mark class=\"p sev-error\" data-f=\"1\"> "
                      "rising </mark><mark class=\"p sev-error same\" data-f=\"1\">market</mark>"),
            std::string::npos);
  // The source side marks its identical words too.
  EXPECT_NE(
      html.find("<mark class=\"same\">Port Ellery has overtaken Windmere as the fastest</mark>"
                "-rising housing <mark class=\"same\">market</mark>"),
      std::string::npos);
}

TEST(Html, MarksCreditFindingsInPlace) {
  std::string html = Html(SampleReport());
  EXPECT_NE(
      html.find("<mark class=\"sev-warning credit\" data-f=\"3\">Copyright Example 2021</mark>"),
      std::string::npos);
}

TEST(Html, EscapesEverythingFromOutside) {
  Report r = SampleReport();
  r.draft_path = "<script>alert('x')</script>.md";
  std::string html = Html(r);
  EXPECT_EQ(html.find("<agents>"), std::string::npos);
  EXPECT_NE(html.find("said &lt;agents&gt; &amp; co."), std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;.md"), std::string::npos);
  // Only http(s) URLs become links.
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"src-link\">javascript:alert(1)</span>"), std::string::npos);
}

TEST(Html, ShowsInvisibleCharactersAndDropsBidiControls) {
  Report r = SampleReport();
  r.findings.clear();
  std::string html = Html(r, "a\u200Bb\u202Ec\x01");
  EXPECT_NE(html.find("a<span class=\"inv\" title=\"hidden character U+200B\">\u200B</span>b"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"inv\" title=\"hidden character U+202E\"></span>c\uFFFD"),
            std::string::npos);
}

TEST(Html, OverlappingPassagesAreBothMarked) {
  Report r = SampleReport();
  r.findings.resize(1);
  Finding second = r.findings[0];
  second.draft.start += 5;  // "Ellery has ..." to the end of the passage and beyond
  second.draft.end += 6;
  second.draft.text =
      std::string(kSampleDraft).substr(second.draft.start, second.draft.end - second.draft.start);
  second.matches.clear();
  second.source->id = "other";
  r.findings.push_back(second);
  std::string html = Html(r);
  EXPECT_EQ(MarkedText(html, 1), r.findings[0].draft.text);
  EXPECT_EQ(MarkedText(html, 2), r.findings[1].draft.text);
  EXPECT_NE(html.find("data-f=\"1 2\""), std::string::npos);
}

TEST(Html, WithoutDraftBytesShowsEachPassage) {
  Report r = SampleReport();
  std::string html = Html(r, "");
  EXPECT_EQ(Count(html, "class=\"num sev-"), 3u + 3u);  // draft badges and card badges
  EXPECT_NE(html.find("id=\"d1-p2\" href=\"#d1-f2\""), std::string::npos);
}

TEST(Html, SeveralDraftsGetTheirOwnSections) {
  Report a = SampleReport();
  Report b = SampleReport();
  b.draft_path = "b.md";
  b.pass = true;
  b.findings.clear();
  std::vector<HtmlDraft> drafts = {{&a, kSampleDraft}, {&b, "clean text"}};
  HtmlOptions options;
  options.errors = {"c.md: invalid UTF-8 at byte 3"};
  std::string html = ReportsToHtml(drafts, options);
  EXPECT_NE(html.find("<section class=\"draft\" id=\"d1\""), std::string::npos);
  EXPECT_NE(html.find("<section class=\"draft\" id=\"d2\""), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#d2\">b.md</a>"), std::string::npos);
  EXPECT_NE(html.find("<li>c.md: invalid UTF-8 at byte 3</li>"), std::string::npos);
  EXPECT_NE(html.find("2 drafts checked, 1 failing."), std::string::npos);
}

TEST(Html, ManyPassagesInALargeDraftAreEachMarked) {
  // 5,000 passages over a 1 MB draft: every one marked, in one pass.
  std::string text;
  Report r;
  r.draft_path = "big.md";
  for (int i = 0; i < 5000; ++i) {
    std::string para = "Paragraph " + std::to_string(i) + " has some words that were copied. ";
    text += std::string(150, 'x') + " ";
    Finding f;
    f.kind = FindingKind::kReuse;
    f.rule = "reuse.forbidden";
    f.draft.start = text.size();
    text += para;
    f.draft.end = text.size();
    f.draft.text = para;
    f.matches.push_back({f.draft.start, f.draft.end, 0, para.size()});
    SourceSpan s;
    s.id = "s" + std::to_string(i);
    s.text = para;
    s.end = para.size();
    f.source = s;
    r.findings.push_back(f);
    text += "\n";
  }
  std::string html = Html(r, text);
  EXPECT_EQ(Count(html, "<mark class=\"p sev-error same\""), 5000u);
  EXPECT_NE(html.find("id=\"d1-p5000\" href=\"#d1-f5000\""), std::string::npos);
}

}  // namespace
}  // namespace provcheck::report
