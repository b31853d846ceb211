#include "text/front_matter.h"

#include <string>
#include <vector>

#include "base/utf8.h"
#include "text/line_index.h"

namespace provcheck::text {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

bool IsKeyChar(char c) {
  switch (c) {
    case ':':
    case ' ':
    case '\t':
    case '#':
    case '"':
    case '\'':
    case '[':
    case ']':
    case '{':
    case '}':
    case ',':
      return false;
    default:
      return true;
  }
}

bool IsScalarKey(std::string_view key) {
  return key == "id" || key == "title" || key == "publisher" || key == "date" || key == "url" ||
         key == "licence" || key == "license";
}

bool IsListKey(std::string_view key) { return key == "authors" || key == "author"; }

// What follows a key's colon.
struct Value {
  uint32_t offset = 0;  // where the value starts
  bool empty = false;   // nothing but a comment: a block list may follow
  bool is_list = false;
  std::string scalar;
  std::vector<std::string> items;
};

// One line: [begin, end) without its line break and trailing blanks.
struct Line {
  uint32_t begin;
  uint32_t end;
  uint32_t next;    // start of the following line
  bool terminated;  // ends in "\n"
};

class FrontMatterParser {
 public:
  FrontMatterParser(std::string_view name, std::string_view bytes)
      : name_(name), bytes_(bytes), lines_(bytes) {}

  Result<FrontMatter> Parse();

 private:
  Line LineAt(uint32_t p) const;
  Status Error(uint32_t offset, std::string_view expected) const;
  Status ParseLine(const Line& line);
  Status ParseKeyLine(uint32_t p, uint32_t end, bool nested);
  Status ParseListItem(uint32_t p, uint32_t end);
  Result<Value> ParseValue(uint32_t p, uint32_t end);
  Result<std::string> ParseQuoted(uint32_t* p, uint32_t end);
  Result<std::string> ParseEscape(uint32_t* p, uint32_t end);
  Result<std::vector<std::string>> ParseFlowList(uint32_t* p, uint32_t end);
  std::string ParsePlain(uint32_t p, uint32_t end) const;
  Status ExpectLineEnd(uint32_t p, uint32_t end) const;
  Status Apply(const std::string& key, Value value);

  std::string_view name_;
  std::string_view bytes_;
  LineIndex lines_;
  FrontMatter result_;
  std::string block_key_;  // the key whose indented lines may follow
  bool in_block_ = false;
};

Line FrontMatterParser::LineAt(uint32_t p) const {
  size_t nl = bytes_.find('\n', p);
  const bool terminated = nl != std::string_view::npos;
  if (!terminated) nl = bytes_.size();
  uint32_t end = static_cast<uint32_t>(nl);
  while (end > p && (IsBlank(bytes_[end - 1]) || bytes_[end - 1] == '\r')) --end;
  return {p, end, static_cast<uint32_t>(terminated ? nl + 1 : nl), terminated};
}

Status FrontMatterParser::Error(uint32_t offset, std::string_view expected) const {
  const LineIndex::Position pos = lines_.At(offset);
  return Status::InvalidInput(std::string(name_) + ":" + std::to_string(pos.line) + ":" +
                              std::to_string(pos.column) + ": expected " + std::string(expected));
}

Result<FrontMatter> FrontMatterParser::Parse() {
  const uint32_t start = bytes_.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  const Line open = LineAt(start);
  if (!open.terminated || bytes_.substr(open.begin, open.end - open.begin) != "---") {
    return FrontMatter{};
  }
  for (uint32_t p = open.next; p < bytes_.size();) {
    const Line line = LineAt(p);
    const std::string_view text = bytes_.substr(line.begin, line.end - line.begin);
    if (text == "---" || text == "...") {
      result_.end = line.next;
      return std::move(result_);
    }
    PROVCHECK_RETURN_IF_ERROR(ParseLine(line));
    p = line.next;
  }
  return Error(open.begin, "a closing \"---\" line to end the front matter opened here");
}

Status FrontMatterParser::ParseLine(const Line& line) {
  uint32_t p = line.begin;
  while (p < line.end && IsBlank(bytes_[p])) ++p;
  if (p == line.end || bytes_[p] == '#') return Status::Ok();
  const bool dash = bytes_[p] == '-' && (p + 1 == line.end || IsBlank(bytes_[p + 1]));
  if (dash) {
    if (!in_block_) return Error(p, "'key: value' (a '- item' needs a key line above it)");
    return ParseListItem(p + 1, line.end);
  }
  if (p == line.begin) return ParseKeyLine(p, line.end, /*nested=*/false);
  if (!in_block_) return Error(p, "'key: value' at the start of the line");
  if (IsScalarKey(block_key_) || IsListKey(block_key_)) {
    return Error(p, "'- item' lines under \"" + block_key_ + "\"");
  }
  // A nested mapping under a key we ignore: check its syntax only.
  return ParseKeyLine(p, line.end, /*nested=*/true);
}

Status FrontMatterParser::ParseKeyLine(uint32_t p, uint32_t end, bool nested) {
  uint32_t k = p;
  while (k < end && IsKeyChar(bytes_[k])) ++k;
  if (k == p) return Error(p, "a key");
  std::string key(bytes_.substr(p, k - p));
  if (k == end || bytes_[k] != ':') return Error(k, "':' after the key \"" + key + "\"");
  PROVCHECK_ASSIGN_OR_RETURN(Value value, ParseValue(k + 1, end));
  if (nested) return Status::Ok();
  in_block_ = value.empty;
  block_key_ = key;
  return Apply(key, std::move(value));
}

Status FrontMatterParser::ParseListItem(uint32_t p, uint32_t end) {
  while (p < end && IsBlank(bytes_[p])) ++p;
  if (p == end || bytes_[p] == '#') return Error(p, "a list item after '-'");
  Value value;
  value.offset = p;
  if (bytes_[p] == '"' || bytes_[p] == '\'') {
    PROVCHECK_ASSIGN_OR_RETURN(value.scalar, ParseQuoted(&p, end));
    PROVCHECK_RETURN_IF_ERROR(ExpectLineEnd(p, end));
  } else {
    value.scalar = ParsePlain(p, end);
  }
  if (IsScalarKey(block_key_))
    return Error(value.offset, "a single value for \"" + block_key_ + "\"");
  if (IsListKey(block_key_)) result_.meta.authors.push_back(std::move(value.scalar));
  return Status::Ok();
}

Result<Value> FrontMatterParser::ParseValue(uint32_t p, uint32_t end) {
  while (p < end && IsBlank(bytes_[p])) ++p;
  Value value;
  value.offset = p;
  if (p == end || bytes_[p] == '#') {
    value.empty = true;
    return value;
  }
  const char c = bytes_[p];
  if (c == '"' || c == '\'') {
    PROVCHECK_ASSIGN_OR_RETURN(value.scalar, ParseQuoted(&p, end));
    PROVCHECK_RETURN_IF_ERROR(ExpectLineEnd(p, end));
  } else if (c == '[') {
    value.is_list = true;
    PROVCHECK_ASSIGN_OR_RETURN(value.items, ParseFlowList(&p, end));
    PROVCHECK_RETURN_IF_ERROR(ExpectLineEnd(p, end));
  } else if (c == '|' || c == '>') {
    return Error(p, "a single-line value (block scalars '|' and '>' are not supported)");
  } else {
    value.scalar = ParsePlain(p, end);
    if (value.scalar == "~" || value.scalar == "null") value.scalar.clear();
  }
  return value;
}

// A plain scalar runs to the end of the line or to a " #" comment.
std::string FrontMatterParser::ParsePlain(uint32_t p, uint32_t end) const {
  uint32_t stop = p;
  while (stop < end && !(bytes_[stop] == '#' && stop > p && IsBlank(bytes_[stop - 1]))) ++stop;
  while (stop > p && IsBlank(bytes_[stop - 1])) --stop;
  return std::string(bytes_.substr(p, stop - p));
}

Result<std::string> FrontMatterParser::ParseQuoted(uint32_t* p, uint32_t end) {
  const uint32_t open = *p;
  const char quote = bytes_[open];
  std::string out;
  uint32_t i = open + 1;
  while (i < end) {
    const char c = bytes_[i];
    if (c == quote) {
      // In single quotes, '' stands for one quote.
      if (quote == '\'' && i + 1 < end && bytes_[i + 1] == '\'') {
        out.push_back('\'');
        i += 2;
        continue;
      }
      *p = i + 1;
      return out;
    }
    if (c == '\\' && quote == '"') {
      PROVCHECK_ASSIGN_OR_RETURN(std::string decoded, ParseEscape(&i, end));
      out += decoded;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return Error(open, std::string("a closing ") + quote + " for the string opened here");
}

// Decodes the YAML escape at *p (a backslash) and moves *p past it.
Result<std::string> FrontMatterParser::ParseEscape(uint32_t* p, uint32_t end) {
  const uint32_t at = *p;
  if (at + 1 >= end) return Error(at, "an escaped character after '\\'");
  const char e = bytes_[at + 1];
  *p = at + 2;
  switch (e) {
    case 'n':
      return std::string("\n");
    case 't':
      return std::string("\t");
    case 'r':
      return std::string("\r");
    case '"':
    case '\\':
    case '/':
    case ' ':
      return std::string(1, e);
    case 'u':
      break;
    default:
      return Error(at, "a valid escape (\\\" \\\\ \\/ \\n \\t \\r \\uXXXX)");
  }
  uint32_t cp = 0;
  for (uint32_t i = at + 2; i < at + 6; ++i) {
    const char h = i < end ? bytes_[i] : '\0';
    const int digit = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
    if (digit < 0) return Error(at, "four hex digits after \\u");
    cp = cp * 16 + static_cast<uint32_t>(digit);
  }
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return Error(at, "a \\u escape for a character (not NUL or a surrogate)");
  }
  *p = at + 6;
  std::string out;
  base::AppendUtf8(cp, &out);
  return out;
}

Result<std::vector<std::string>> FrontMatterParser::ParseFlowList(uint32_t* p, uint32_t end) {
  const uint32_t open = *p;
  std::vector<std::string> items;
  uint32_t i = open + 1;
  while (true) {
    while (i < end && IsBlank(bytes_[i])) ++i;
    if (i == end) break;
    if (bytes_[i] == ']') {
      *p = i + 1;
      return items;
    }
    if (bytes_[i] == '"' || bytes_[i] == '\'') {
      PROVCHECK_ASSIGN_OR_RETURN(std::string item, ParseQuoted(&i, end));
      items.push_back(std::move(item));
    } else {
      uint32_t stop = i;
      while (stop < end && bytes_[stop] != ',' && bytes_[stop] != ']') ++stop;
      uint32_t trimmed = stop;
      while (trimmed > i && IsBlank(bytes_[trimmed - 1])) --trimmed;
      if (trimmed == i) return Error(i, "a list item");
      items.emplace_back(bytes_.substr(i, trimmed - i));
      i = stop;
    }
    while (i < end && IsBlank(bytes_[i])) ++i;
    if (i == end) break;
    if (bytes_[i] == ',') {
      ++i;
    } else if (bytes_[i] != ']') {
      return Error(i, "',' or ']' in the list");
    }
  }
  return Error(open, "a closing ']' for the list opened here");
}

Status FrontMatterParser::ExpectLineEnd(uint32_t p, uint32_t end) const {
  while (p < end && IsBlank(bytes_[p])) ++p;
  if (p < end && bytes_[p] != '#') return Error(p, "the end of the line after the value");
  return Status::Ok();
}

Status FrontMatterParser::Apply(const std::string& key, Value value) {
  DocumentMeta& meta = result_.meta;
  if (IsListKey(key)) {
    if (value.is_list) {
      for (std::string& item : value.items) meta.authors.push_back(std::move(item));
    } else if (!value.scalar.empty()) {
      meta.authors.push_back(std::move(value.scalar));
    }
    return Status::Ok();
  }
  if (!IsScalarKey(key)) return Status::Ok();
  if (value.is_list) return Error(value.offset, "a single value for \"" + key + "\"");
  std::string* field = key == "id"          ? &meta.id
                       : key == "title"     ? &meta.title
                       : key == "publisher" ? &meta.publisher
                       : key == "date"      ? &meta.date
                       : key == "url"       ? &meta.url
                                            : &meta.licence;
  *field = std::move(value.scalar);
  return Status::Ok();
}

}  // namespace

Result<FrontMatter> ParseFrontMatter(std::string_view name, std::string_view bytes) {
  return FrontMatterParser(name, bytes).Parse();
}

}  // namespace provcheck::text
