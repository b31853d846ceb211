#include "rules/finding_builder.h"

#include <algorithm>

namespace provcheck::rules {

std::string Curly(std::string_view s) { return "\u201C" + std::string(s) + "\u201D"; }

DraftSpan FindingBuilder::Span(uint32_t start, uint32_t end) const {
  const auto size = static_cast<uint32_t>(original_.size());
  start = std::min(start, size);
  end = std::clamp(end, start, size);
  DraftSpan span;
  span.start = start;
  span.end = end;
  const text::LineIndex::Position a = lines_.At(start);
  const text::LineIndex::Position b = lines_.At(end > start ? end - 1 : start);
  span.line = a.line;
  span.column = a.column;
  span.end_line = b.line;
  span.end_column = b.column;
  span.text = std::string(original_.substr(start, end - start));
  return span;
}

std::string FindingBuilder::Message(std::string_view rule, const std::string& detail) const {
  const RuleSetting& setting = rules_.Setting(rule);
  return detail.empty() ? setting.message : setting.message + ": " + detail;
}

void FindingBuilder::AddCredit(std::string_view rule, uint32_t start, uint32_t end,
                               const std::string& detail, std::vector<Finding>* out) const {
  const RuleSetting& setting = rules_.Setting(rule);
  if (setting.off) return;
  Finding f;
  f.kind = FindingKind::kCredit;
  f.rule = std::string(rule);
  f.severity = setting.severity;
  f.message = Message(rule, detail);
  f.draft = Span(start, end);
  out->push_back(std::move(f));
}

}  // namespace provcheck::rules
