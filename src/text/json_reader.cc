#include "text/json_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/json_document.h"
#include "base/utf8.h"
#include "text/line_index.h"

namespace provcheck::text {
namespace {

// Articles: duplicate keys matter only among the fields read (the root
// object's); deeper values are checked but not kept, except a member's
// elements ("captions"). The depth cap is simdjson's own.
constexpr base::JsonOptions kArticleJson = {
    .max_depth = simdjson::DEFAULT_MAX_DEPTH,
    .keep_depth = 2,
    .duplicate_keys = base::JsonDuplicateKeys::kRefusedInRootObject,
    .skip_byte_order_mark = true,
};

// A member of the article object: its decoded key, its node in the outline
// and where its key and value begin.
struct JsonMember {
  std::string key;
  uint32_t node;
  uint32_t key_offset;
  uint32_t value_offset;
};

// Appends a JSON string's pieces to an ExtractedText, offsets in the file.
class ExtractedTextSink : public base::JsonStringSink {
 public:
  explicit ExtractedTextSink(ExtractedText* out) : out_(out) {}
  void Verbatim(std::string_view bytes, uint32_t offset) override {
    out_->AppendVerbatim(bytes, offset);
  }
  void Escape(std::string_view decoded, uint32_t offset, uint32_t length) override {
    out_->AppendReplacement(decoded, offset, length);
  }

 private:
  ExtractedText* out_;
};

// Appends the string whose opening quote is at json[quote], decoded, with
// offsets into `json`. REQUIRES: a strict JSON string starts there.
void DecodeJsonString(std::string_view json, uint32_t quote, ExtractedText* out) {
  ExtractedTextSink sink(out);
  base::JsonStringProblem problem;
  [[maybe_unused]] const std::optional<uint32_t> end =
      base::ReadJsonString(json, quote, &sink, &problem);
  assert(end.has_value());
}

// What an article object says.
struct ArticleFields {
  DocumentMeta meta;
  Format body_format = Format::kText;
  std::string body;          // decoded
  uint32_t body_offset = 0;  // the body string's opening quote
  // Structure fields ("byline", ...): name and the opening quote of each string.
  std::vector<std::pair<std::string, uint32_t>> parts;
};

// What is wrong with an article object, and where when there is a place.
struct Problem {
  std::optional<uint32_t> offset;
  std::string message;
};

// Formats an offset as a place in a message: "3:7" or "column 7".
using PlaceFn = std::function<std::string(uint32_t)>;

// The keys that may hold the body, in order of preference.
constexpr std::array<std::string_view, 3> kBodyKeys = {"body", "text", "content"};

std::string Quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

std::string* ScalarField(std::string_view key, DocumentMeta* meta) {
  if (key == "id") return &meta->id;
  if (key == "title") return &meta->title;
  if (key == "publisher") return &meta->publisher;
  if (key == "date") return &meta->date;
  if (key == "url") return &meta->url;
  if (key == "licence" || key == "license") return &meta->licence;
  return nullptr;
}

std::optional<Problem> ReadAuthors(const JsonMember& member, simdjson::dom::element value,
                                   DocumentMeta* meta) {
  const Problem wrong{member.value_offset,
                      "expected a string or an array of strings for " + Quoted(member.key)};
  std::string_view one;
  if (value.get_string().get(one) == simdjson::SUCCESS) {
    if (!one.empty()) meta->authors.emplace_back(one);
    return std::nullopt;
  }
  simdjson::dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) return wrong;
  for (simdjson::dom::element item : array) {
    if (item.get_string().get(one) != simdjson::SUCCESS) return wrong;
    meta->authors.emplace_back(one);
  }
  return std::nullopt;
}

std::optional<Problem> ReadFormat(const JsonMember& member, std::string_view value,
                                  Format* format) {
  if (value == "text" || value == "txt") {
    *format = Format::kText;
  } else if (value == "markdown" || value == "md") {
    *format = Format::kMarkdown;
  } else if (value == "html") {
    *format = Format::kHtml;
  } else {
    return Problem{member.value_offset,
                   "expected \"format\" to be \"text\", \"markdown\" or \"html\""};
  }
  return std::nullopt;
}

// Fields that carry a part of the article's structure as a string.
constexpr std::array<std::string_view, 6> kPartKeys = {
    "title", "standfirst", "byline", "additional_reporting", "copyright", "caption"};

// Records a structure field: a string, or for "captions" an array of
// strings (each a "caption").
std::optional<Problem> ReadPart(const base::JsonDocument& doc, const JsonMember& member,
                                simdjson::dom::element value, ArticleFields* fields) {
  if (value.is_null()) return std::nullopt;
  if (member.key == "captions") {
    const Problem wrong{member.value_offset, "expected an array of strings for \"captions\""};
    if (doc.node(member.node).kind != base::JsonKind::kArray) return wrong;
    for (uint32_t item : doc.Children(member.node)) {
      if (doc.node(item).kind != base::JsonKind::kString) return wrong;
      fields->parts.emplace_back("caption", doc.node(item).value);
    }
    return std::nullopt;
  }
  if (std::find(kPartKeys.begin(), kPartKeys.end(), member.key) == kPartKeys.end()) {
    return std::nullopt;
  }
  if (!value.is_string()) {
    return Problem{member.value_offset, "expected a string for " + Quoted(member.key)};
  }
  fields->parts.emplace_back(member.key, member.value_offset);
  return std::nullopt;
}

// A string that may be the body.
struct BodyCandidate {
  const JsonMember* member = nullptr;
  std::string_view text;
};

// Applies one member of the object; `bodies` collects the body candidates.
std::optional<Problem> ReadMember(const JsonMember& member, simdjson::dom::element value,
                                  ArticleFields* fields, std::array<BodyCandidate, 3>* bodies) {
  if (value.is_null()) return std::nullopt;  // exporters write null for "not given"
  const std::string_view key = member.key;
  if (key == "authors" || key == "author") return ReadAuthors(member, value, &fields->meta);
  const auto body = std::find(kBodyKeys.begin(), kBodyKeys.end(), key);
  std::string* scalar = ScalarField(key, &fields->meta);
  if (scalar == nullptr && key != "format" && body == kBodyKeys.end()) return std::nullopt;
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return Problem{member.value_offset, "expected a string for " + Quoted(key)};
  }
  if (key == "format") return ReadFormat(member, text, &fields->body_format);
  if (scalar != nullptr) {
    scalar->assign(text);
  } else {
    (*bodies)[body - kBodyKeys.begin()] = {&member, text};
  }
  return std::nullopt;
}

// Parses one article object. `parser` is reused across calls.
std::optional<Problem> ParseArticleObject(std::string_view json, simdjson::dom::parser* parser,
                                          const PlaceFn& place, ArticleFields* fields) {
  const simdjson::padded_string padded(json);
  simdjson::dom::element root;
  const simdjson::error_code parse_error = parser->parse(padded).get(root);
  // The strict reader runs either way: simdjson says whether, it says where.
  const base::JsonDocument doc = base::JsonDocument::Read(json, kArticleJson);
  if (!doc.ok()) return Problem{doc.error().offset, doc.error().Describe(place)};
  const base::JsonNode& top = doc.node(base::JsonDocument::kRoot);
  if (parse_error != simdjson::SUCCESS) {
    return Problem{top.value, std::string("expected valid JSON (") +
                                  simdjson::error_message(parse_error) + ")"};
  }
  simdjson::dom::object object;
  if (top.kind != base::JsonKind::kObject || root.get_object().get(object) != simdjson::SUCCESS) {
    return Problem{top.value, "expected a JSON object"};
  }
  std::vector<JsonMember> members;
  for (uint32_t child : doc.Children(base::JsonDocument::kRoot)) {
    members.push_back({doc.Key(child), child, doc.node(child).key, doc.node(child).value});
  }
  if (object.size() != members.size()) {
    return Problem{std::nullopt, "expected the JSON parser and the strict reader to agree (a bug)"};
  }
  std::array<BodyCandidate, 3> bodies = {};
  size_t k = 0;
  for (simdjson::dom::key_value_pair field : object) {
    const JsonMember& member = members[k++];
    std::optional<Problem> problem = ReadMember(member, field.value, fields, &bodies);
    if (!problem) problem = ReadPart(doc, member, field.value, fields);
    if (problem) return problem;
  }
  const auto chosen = std::find_if(bodies.begin(), bodies.end(),
                                   [](const BodyCandidate& b) { return b.member != nullptr; });
  if (chosen == bodies.end()) return Problem{std::nullopt, "expected a string field \"body\""};
  fields->body.assign(chosen->text);
  fields->body_offset = chosen->member->value_offset;
  return std::nullopt;
}

void FillMissing(DocumentMeta* meta, DocumentMeta from) {
  for (auto field : {&DocumentMeta::id, &DocumentMeta::title, &DocumentMeta::publisher,
                     &DocumentMeta::date, &DocumentMeta::url, &DocumentMeta::licence}) {
    if ((meta->*field).empty()) meta->*field = std::move(from.*field);
  }
  if (meta->authors.empty()) meta->authors = std::move(from.authors);
}

// Appends `bytes`, verbatim at decoded[start, start + size), mapped through
// `decoded`'s runs into the file.
void AppendThrough(std::string_view bytes, uint32_t start, const ExtractedText& decoded,
                   ExtractedText* out) {
  const std::vector<OffsetRun>& runs = decoded.runs();
  auto it = std::upper_bound(runs.begin(), runs.end(), start,
                             [](uint32_t o, const OffsetRun& r) { return o < r.text_start; });
  const uint32_t end = start + static_cast<uint32_t>(bytes.size());
  for (uint32_t pos = start; pos < end; ++it) {
    const OffsetRun& run = *(it - 1);
    const uint32_t piece_end = std::min(end, run.text_start + run.text_length);
    const std::string_view piece = bytes.substr(pos - start, piece_end - pos);
    if (run.text_length == run.original_length) {
      out->AppendVerbatim(piece, run.original_start + (pos - run.text_start));
    } else {
      out->AppendReplacement(piece, run.original_start, run.original_length);
    }
    pos = piece_end;
  }
}

// Maps `inner` (offsets into decoded.text()) through `decoded` (offsets
// into the file), so the result's offsets point into the file.
ExtractedText Compose(const ExtractedText& inner, const ExtractedText& decoded) {
  ExtractedText out;
  const std::string_view text = inner.text();
  for (const OffsetRun& run : inner.runs()) {
    const std::string_view bytes = text.substr(run.text_start, run.text_length);
    if (run.text_length == run.original_length) {
      AppendThrough(bytes, run.original_start, decoded, &out);
    } else if (run.original_length == 0) {
      out.AppendSeparator(bytes, decoded.OriginalStart(run.original_start));
    } else {
      const uint32_t start = decoded.OriginalStart(run.original_start);
      const uint32_t end = decoded.OriginalEnd(run.original_start + run.original_length);
      out.AppendReplacement(bytes, start, end - start);
    }
  }
  return out;
}

std::string Place(const LineIndex& lines, uint32_t offset) {
  const LineIndex::Position p = lines.At(offset);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

Result<Article> ReadJsonArticle(std::string_view name, std::string_view bytes) {
  const LineIndex lines(bytes);
  const PlaceFn place = [&lines](uint32_t offset) { return Place(lines, offset); };
  simdjson::dom::parser parser;
  ArticleFields fields;
  if (std::optional<Problem> problem = ParseArticleObject(bytes, &parser, place, &fields)) {
    const std::string where = problem->offset ? ":" + place(*problem->offset) : "";
    return Status::InvalidInput(std::string(name) + where + ": " + problem->message);
  }
  ExtractedText decoded;
  DecodeJsonString(bytes, fields.body_offset, &decoded);
  if (std::optional<size_t> nul = base::FindNul(decoded.text())) {
    return Status::InvalidInput(std::string(name) + ":" +
                                place(decoded.OriginalStart(static_cast<uint32_t>(*nul))) +
                                ": expected no NUL character (\\u0000) in the body");
  }
  Article article;
  article.meta = std::move(fields.meta);
  article.original = std::string(bytes);
  article.original_format = Format::kJson;
  for (const auto& [part, quote] : fields.parts) {
    ArticleField field{part, {}};
    DecodeJsonString(bytes, quote, &field.text);
    article.fields.push_back(std::move(field));
  }
  if (fields.body_format == Format::kText) {
    article.body = std::move(decoded);
    return article;
  }
  PROVCHECK_ASSIGN_OR_RETURN(
      std::vector<Article> inner,
      ReadArticles(std::string(name) + ": body", decoded.text(), fields.body_format));
  article.body = Compose(inner[0].body, decoded);
  article.body.SetBlocks(inner[0].body.blocks());
  FillMissing(&article.meta, std::move(inner[0].meta));
  return article;
}

namespace {

// Control characters other than tab, newline and carriage return become
// spaces, byte for byte, so a stray \u0000 in a feed is not a "binary file".
void BlankControlCharacters(std::string& body) {
  for (char& c : body) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7f) c = ' ';
  }
}

}  // namespace

Result<std::vector<Article>> ReadJsonLines(std::string_view name, std::string_view bytes,
                                           std::vector<Status>* record_errors, uint64_t first_line,
                                           uint64_t first_byte) {
  simdjson::dom::parser parser;
  std::vector<Article> articles;
  uint64_t line_number = first_line - 1;
  for (size_t p = 0; p < bytes.size();) {
    size_t nl = bytes.find('\n', p);
    if (nl == std::string_view::npos) nl = bytes.size();
    const std::string_view line = bytes.substr(p, nl - p);
    const uint64_t line_byte = first_byte + p;
    p = nl + 1;
    ++line_number;
    if (IsBlankLine(line)) continue;
    const std::string where = std::string(name) + ":" + std::to_string(line_number);
    // Bad bytes cost their own record only.
    std::optional<Status> bad_bytes;
    if (std::optional<size_t> at = base::FindInvalidUtf8(line)) {
      bad_bytes = Status::InvalidInput(where + ": invalid UTF-8 at byte " +
                                       std::to_string(line_byte + *at));
    } else if (std::optional<size_t> nul = base::FindNul(line)) {
      bad_bytes = Status::InvalidInput(where + ": NUL byte at byte " +
                                       std::to_string(line_byte + *nul) + ", expected text");
    }
    if (bad_bytes) {
      if (record_errors == nullptr) return *bad_bytes;
      record_errors->push_back(std::move(*bad_bytes));
      continue;
    }
    const LineIndex columns(line);
    const PlaceFn place = [&columns](uint32_t offset) {
      return "column " + std::to_string(columns.At(offset).column);
    };
    ArticleFields fields;
    if (std::optional<Problem> problem = ParseArticleObject(line, &parser, place, &fields)) {
      const std::string column = problem->offset ? place(*problem->offset) + ": " : "";
      Status bad = Status::InvalidInput(where + ": " + column + problem->message);
      if (record_errors == nullptr) return bad;
      record_errors->push_back(std::move(bad));
      continue;
    }
    BlankControlCharacters(fields.body);
    Result<std::vector<Article>> inner =
        ReadArticles(where + ": body", fields.body, fields.body_format);
    if (!inner) {
      if (record_errors == nullptr) return inner.status();
      record_errors->push_back(inner.status());
      continue;
    }
    Article article = std::move((*inner)[0]);
    FillMissing(&fields.meta, std::move(article.meta));
    article.meta = std::move(fields.meta);
    articles.push_back(std::move(article));
  }
  return articles;
}

}  // namespace provcheck::text
