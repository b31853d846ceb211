#include "text/block_writer.h"

#include <algorithm>
#include <cctype>

namespace provcheck::text {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

void BlockWriter::Verbatim(std::string_view bytes, uint32_t original_start) {
  if (bytes.empty()) return;
  pieces_.push_back({static_cast<uint32_t>(buffer_.size()), static_cast<uint32_t>(bytes.size()),
                     original_start, static_cast<uint32_t>(bytes.size()), true});
  buffer_.append(bytes);
}

void BlockWriter::Replacement(std::string_view bytes, uint32_t original_start,
                              uint32_t original_length) {
  if (bytes.empty()) return;
  pieces_.push_back({static_cast<uint32_t>(buffer_.size()), static_cast<uint32_t>(bytes.size()),
                     original_start, original_length, false});
  buffer_.append(bytes);
}

void BlockWriter::LineBreak(uint32_t original_position) {
  pieces_.push_back({static_cast<uint32_t>(buffer_.size()), 1, original_position, 0, false});
  buffer_.push_back('\n');
}

std::string_view BlockWriter::EndBlock() {
  uint32_t begin = 0;
  uint32_t end = static_cast<uint32_t>(buffer_.size());
  while (begin < end && IsSpace(buffer_[begin])) ++begin;
  while (end > begin && IsSpace(buffer_[end - 1])) --end;
  last_block_.assign(buffer_, begin, end - begin);
  if (begin < end) Flush(begin, end);
  buffer_.clear();
  pieces_.clear();
  return last_block_;
}

// Writes buffer_[begin, end) to out_, after a separator when text precedes.
void BlockWriter::Flush(uint32_t begin, uint32_t end) {
  if (!out_->text().empty()) out_->AppendSeparator("\n\n", original_end_);
  const auto block_begin = static_cast<uint32_t>(out_->text().size());
  for (const Piece& p : pieces_) {
    const uint32_t from = std::max(begin, p.start);
    const uint32_t to = std::min(end, p.start + p.length);
    if (from >= to) continue;
    const std::string_view bytes = std::string_view(buffer_).substr(from, to - from);
    if (p.verbatim) {
      out_->AppendVerbatim(bytes, p.original_start + (from - p.start));
      original_end_ = p.original_start + (to - p.start);
    } else if (p.original_length == 0) {
      out_->AppendSeparator(bytes, p.original_start);
      original_end_ = p.original_start;
    } else {
      out_->AppendReplacement(bytes, p.original_start, p.original_length);
      original_end_ = p.original_start + p.original_length;
    }
  }
  out_->AddBlock(block_begin, static_cast<uint32_t>(out_->text().size()), kind_);
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace provcheck::text
