#include "scan/finding_maker.h"

#include <algorithm>
#include <utility>

namespace provcheck::scan {
namespace {

// A passage at least this share inside quotation marks counts as quoted.
constexpr double kQuotedShare = 0.8;

}  // namespace

const FindingMaker::NameMentions& FindingMaker::MentionsOf(const std::string& publisher) {
  auto [it, fresh] = mentions_.try_emplace(publisher);
  if (!fresh) return it->second;
  NameMentions& m = it->second;
  text::TokenList name = normaliser_->Tokenise(publisher);
  size_t first = 0;
  if (name.size() > 1 && name.Word(0) == "the") first = 1;
  const size_t n = name.size() - first;
  if (n == 0) return m;
  m.words = static_cast<uint32_t>(n);
  const text::TokenList& t = draft_.analysed.tokens;
  for (size_t i = 0; i + n <= t.size(); ++i) {
    bool same = true;
    for (size_t j = 0; j < n && same; ++j) same = t.Word(i + j) == name.Word(first + j);
    if (same) m.at.push_back(static_cast<uint32_t>(i));
  }
  return m;
}

bool FindingMaker::Credited(const std::string& publisher, uint32_t begin, uint32_t end) {
  const NameMentions& m = MentionsOf(publisher);
  if (m.at.empty()) return false;
  // A mention outside [begin, end) ends at or before begin (the first
  // mention does, if any does) or starts at or after end (the last does).
  return m.at.front() + m.words <= begin || m.at.back() >= end;
}

void FindingMaker::MarkQuotes(const align::Passage& p, Finding* f) const {
  const auto& dt = draft_.analysed.tokens.tokens;
  const std::vector<align::ByteSpan>& quotes = draft_.quotes;
  auto quoted = [&](uint32_t i) {
    auto it = std::upper_bound(quotes.begin(), quotes.end(), dt[i].start,
                               [](uint32_t at, const align::ByteSpan& s) { return at < s.begin; });
    return it != quotes.begin() && dt[i].start < std::prev(it)->end;
  };
  const text::ExtractedText& body = draft_.article.body;
  for (uint32_t i = p.draft_begin; i < p.draft_end;) {
    if (!quoted(i)) {
      ++i;
      continue;
    }
    uint32_t end = i;
    while (end < p.draft_end && quoted(end)) ++end;
    f->quoted_words += end - i;
    f->quotes.push_back({body.OriginalStart(dt[i].start), body.OriginalEnd(dt[end - 1].end)});
    i = end;
  }
}

Finding FindingMaker::Make(const ScanSource& source, const align::Passage& p) {
  const auto& dt = draft_.analysed.tokens.tokens;
  const auto& st = source.analysed.tokens.tokens;
  const text::ExtractedText& dbody = draft_.article.body;
  const text::ExtractedText& sbody = source.article.body;
  Finding f;
  f.kind = FindingKind::kReuse;
  const uint32_t dstart = dbody.OriginalStart(dt[p.draft_begin].start);
  const uint32_t dend = dbody.OriginalEnd(dt[p.draft_end - 1].end);
  f.draft.start = dstart;
  f.draft.end = dend;
  const text::LineIndex::Position a = lines_.At(dstart);
  const text::LineIndex::Position b = lines_.At(dend > dstart ? dend - 1 : dstart);
  f.draft.line = a.line;
  f.draft.column = a.column;
  f.draft.end_line = b.line;
  f.draft.end_column = b.column;
  f.draft.text = draft_.article.original.substr(dstart, dend - dstart);

  SourceSpan s;
  const DocumentMeta& meta = source.stored.info.meta;
  s.id = meta.id;
  s.title = meta.title;
  s.publisher = meta.publisher;
  s.authors = meta.authors;
  s.date = meta.date;
  s.url = meta.url;
  s.licence = meta.licence;
  s.start = sbody.OriginalStart(st[p.source_begin].start);
  s.end = sbody.OriginalEnd(st[p.source_end - 1].end);
  s.text = source.article.original.substr(s.start, s.end - s.start);
  f.source = std::move(s);

  for (const align::MatchBlock& m : p.blocks) {
    f.matches.push_back({dbody.OriginalStart(dt[m.draft_begin].start),
                         dbody.OriginalEnd(dt[m.draft_end - 1].end),
                         sbody.OriginalStart(st[m.source_begin].start),
                         sbody.OriginalEnd(st[m.source_end - 1].end)});
  }
  f.words = p.draft_words();
  f.similarity = p.similarity;
  MarkQuotes(p, &f);
  f.quoted = align::QuotedShare(draft_.quotes, dt[p.draft_begin].start, dt[p.draft_end - 1].end) >=
                 kQuotedShare ||
             (f.quoted_words > 0 && f.words - f.quoted_words < min_words_);
  f.credited = Credited(meta.publisher, p.draft_begin, p.draft_end);
  return f;
}

}  // namespace provcheck::scan
