#include "base/json_document.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <unordered_map>
#include <utility>

#include "base/utf8.h"

namespace provcheck::base {

namespace {

// Offsets are uint32_t; a text must leave room for its end offset.
constexpr size_t kMaxJsonBytes = std::numeric_limits<uint32_t>::max() - 1;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsPlainName(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_')) {
      return false;
    }
  }
  return true;
}

std::string DecodeAt(std::string_view json, uint32_t quote) {
  std::string out;
  JsonStringAppender appender(&out);
  JsonStringProblem problem;
  [[maybe_unused]] const std::optional<uint32_t> end =
      ReadJsonString(json, quote, &appender, &problem);
  assert(end.has_value());  // the walker read it before
  return out;
}

// The path of nodes[i], for the document and for the walker's messages
// (which need it while the outline is still growing).
std::string PathOf(std::string_view json, const std::vector<JsonNode>& nodes, uint32_t i) {
  std::vector<uint32_t> chain;
  for (uint32_t n = i; nodes[n].parent != JsonNode::kNoParent; n = nodes[n].parent) {
    chain.push_back(n);
  }
  std::string out = "$";
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const JsonNode& n = nodes[*it];
    if (nodes[n.parent].kind == JsonKind::kObject) {
      out = JsonPathKey(out, DecodeAt(json, n.key));
    } else {
      out = JsonPathIndex(out, n.index);
    }
  }
  return out;
}

}  // namespace

// Reads a text once, left to right, with an explicit stack of open arrays
// and objects (so depth costs memory, never the call stack), following
// RFC 8259 sections 2 to 7.
class JsonWalker {
 public:
  JsonWalker(std::string_view json, const JsonOptions& options, JsonDocument* doc)
      : in_(json), options_(options), doc_(doc), nodes_(doc->nodes_) {}

  void Run() {
    if (in_.size() > kMaxJsonBytes) {
      Fail(0, "expected a JSON text under 4 GiB");
      return;
    }
    if (std::optional<size_t> bad = FindInvalidUtf8(in_)) {
      Fail(static_cast<uint32_t>(*bad), "invalid UTF-8");
      return;
    }
    if (in_.substr(0, 3) == "\xEF\xBB\xBF") {
      if (!options_.skip_byte_order_mark) {
        Fail(0, "expected a JSON value, found a byte order mark");
        return;
      }
      pos_ = 3;
    }
    SkipWhitespace();
    if (!Value(JsonNode::kNoParent, pos_)) return;
    while (open_ > 0) {
      if (!Step()) return;
    }
    SkipWhitespace();
    if (pos_ != in_.size()) {
      Fail(pos_, "expected end of input after the value, found " + Describe(pos_));
    }
  }

 private:
  struct Frame {
    uint32_t node = 0;
    bool object = false;
    bool check_keys = false;
    std::unordered_map<std::string, uint32_t> keys;  // decoded key -> its opening quote
  };

  // One step inside the innermost open array or object.
  bool Step() {
    const size_t f = open_ - 1;
    const bool object = frames_[f].object;
    SkipWhitespace();
    if (nodes_[frames_[f].node].children == 0) {
      if (Peek(object ? '}' : ']')) return Close();
      return object ? Member(f, false) : Element(f, false);
    }
    if (Peek(',')) {
      ++pos_;
      SkipWhitespace();
      return object ? Member(f, true) : Element(f, true);
    }
    if (Peek(object ? '}' : ']')) return Close();
    return Fail(pos_, std::string(object ? "expected ',' or '}' after an object member, found "
                                         : "expected ',' or ']' after an array element, found ") +
                          Describe(pos_));
  }

  bool Member(size_t f, bool after_comma) {
    if (!Peek('"')) {
      return Fail(pos_, std::string(after_comma ? "expected a string key after ',', found "
                                                : "expected a string key or '}', found ") +
                            Describe(pos_));
    }
    const uint32_t key_at = pos_;
    Frame& frame = frames_[f];
    std::string key;
    JsonStringAppender appender(&key);
    if (!String(frame.check_keys ? &appender : nullptr)) return false;
    if (frame.check_keys) {
      const auto [it, inserted] = frame.keys.emplace(std::move(key), key_at);
      if (!inserted) {
        return Fail(key_at,
                    "duplicate key " + QuoteForMessage(it->first) + " in " +
                        PathOf(in_, nodes_, frame.node),
                    it->second);
      }
    }
    SkipWhitespace();
    if (!Peek(':')) return Fail(pos_, "expected ':' after the key, found " + Describe(pos_));
    ++pos_;
    SkipWhitespace();
    return Value(frame.node, key_at);
  }

  bool Element(size_t f, bool after_comma) {
    if (after_comma && Peek(']')) return Fail(pos_, "expected a value after ',', found ']'");
    return Value(frames_[f].node, pos_);
  }

  // The value at pos_, the member of `parent` whose key is at `key` (an
  // element's or the root's `key` is its own offset).
  bool Value(uint32_t parent, uint32_t key) {
    if (pos_ >= in_.size()) return Fail(pos_, "expected a JSON value, found end of input");
    JsonNode node;
    node.parent = parent;
    node.key = key;
    node.value = pos_;
    if (parent != JsonNode::kNoParent) node.index = nodes_[parent].children++;
    const auto i = static_cast<uint32_t>(nodes_.size());
    const size_t depth = open_;
    const char c = in_[pos_];
    if (c == '{' || c == '[') {
      if (depth + 1 > options_.max_depth) {
        return Fail(pos_, "nesting deeper than " + std::to_string(options_.max_depth) + " levels");
      }
      node.kind = c == '{' ? JsonKind::kObject : JsonKind::kArray;
      nodes_.push_back(node);
      if (open_ == frames_.size()) frames_.emplace_back();
      Frame& frame = frames_[open_++];
      frame.node = i;
      frame.object = c == '{';
      frame.check_keys =
          frame.object &&
          (options_.duplicate_keys == JsonDuplicateKeys::kRefusedAnywhere || depth == 0);
      frame.keys.clear();
      ++pos_;
      return true;
    }
    bool read = false;
    if (c == '"') {
      node.kind = JsonKind::kString;
      read = String(nullptr);
    } else if (c == 't' || c == 'f') {
      node.kind = JsonKind::kBool;
      read = Literal(c == 't' ? "true" : "false");
    } else if (c == 'n') {
      node.kind = JsonKind::kNull;
      read = Literal("null");
    } else if (c == '-' || IsDigit(c)) {
      node.kind = JsonKind::kNumber;
      read = Number();
    } else {
      return Fail(pos_, "expected a JSON value, found " + Describe(pos_));
    }
    if (!read) return false;
    node.end = pos_;
    node.next = i + 1;
    if (depth <= options_.keep_depth) nodes_.push_back(node);
    return true;
  }

  // Closes the innermost array or object, at pos_.
  bool Close() {
    const uint32_t i = frames_[--open_].node;  // open_ is now its depth
    ++pos_;
    nodes_[i].end = pos_;
    if (open_ > options_.keep_depth) {
      nodes_.resize(i);
    } else {
      nodes_[i].next = static_cast<uint32_t>(nodes_.size());
    }
    return true;
  }

  bool String(JsonStringSink* sink) {
    JsonStringProblem problem;
    const std::optional<uint32_t> end = ReadJsonString(in_, pos_, sink, &problem);
    if (!end) return Fail(problem.offset, std::move(problem.what));
    pos_ = *end;
    return true;
  }

  bool Number() {
    const uint32_t start = pos_;
    if (Peek('-')) ++pos_;
    if (Peek('0')) {
      ++pos_;
      if (pos_ < in_.size() && IsDigit(in_[pos_])) return Fail(start, "number with a leading zero");
    } else if (pos_ < in_.size() && IsDigit(in_[pos_])) {
      SkipDigits();
    } else {
      return Fail(pos_, "expected a digit in a number, found " + Describe(pos_));
    }
    if (Peek('.')) {
      ++pos_;
      if (pos_ >= in_.size() || !IsDigit(in_[pos_])) {
        return Fail(pos_, "expected a digit after '.' in a number, found " + Describe(pos_));
      }
      SkipDigits();
    }
    if (Peek('e') || Peek('E')) {
      ++pos_;
      if (Peek('+') || Peek('-')) ++pos_;
      if (pos_ >= in_.size() || !IsDigit(in_[pos_])) {
        return Fail(pos_, "expected a digit in a number's exponent, found " + Describe(pos_));
      }
      SkipDigits();
    }
    return true;
  }

  bool Literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) {
      return Fail(pos_, "expected a JSON value, found " + Describe(pos_));
    }
    pos_ += static_cast<uint32_t>(word.size());
    return true;
  }

  void SkipDigits() {
    while (pos_ < in_.size() && IsDigit(in_[pos_])) ++pos_;
  }

  void SkipWhitespace() {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Peek(char c) const { return pos_ < in_.size() && in_[pos_] == c; }

  // What stands at `at`, for messages: end of input, 'c', or a byte in hex.
  std::string Describe(uint32_t at) const {
    if (at >= in_.size()) return "end of input";
    const auto c = static_cast<unsigned char>(in_[at]);
    if (c >= 0x21 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    if (c == ' ') return "a space";
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
  }

  bool Fail(uint32_t at, std::string what, std::optional<uint32_t> first = std::nullopt) {
    assert(at <= in_.size());
    doc_->error_ = JsonError{at, std::move(what), first};
    nodes_.clear();
    return false;
  }

  std::string_view in_;
  const JsonOptions& options_;
  JsonDocument* doc_;
  std::vector<JsonNode>& nodes_;  // the document's outline, growing
  uint32_t pos_ = 0;
  // frames_[0, open_) are the open arrays and objects, outermost first; the
  // rest are kept for their hash tables' memory.
  std::vector<Frame> frames_;
  size_t open_ = 0;
};

std::string JsonError::Describe(const std::function<std::string(uint32_t)>& place) const {
  if (!first) return what;
  return what + " (first at " + place(*first) + ")";
}

TextPlace PlaceAt(std::string_view json, uint32_t offset) {
  TextPlace p;
  const size_t end = std::min<size_t>(offset, json.size());
  for (size_t k = 0; k < end; ++k) {
    const auto c = static_cast<unsigned char>(json[k]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

std::string JsonPathKey(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (IsPlainName(key)) return out + "." + std::string(key);
  return out + "[" + QuoteForMessage(key) + "]";
}

std::string JsonPathIndex(std::string_view parent, size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

JsonDocument JsonDocument::Read(std::string_view json, const JsonOptions& options) {
  assert(options.max_depth >= 1);
  JsonDocument doc;
  doc.json_ = json;
  JsonWalker(json, options, &doc).Run();
  return doc;
}

Status JsonDocument::ToStatus(std::string_view name) const {
  if (ok()) return Status::Ok();
  const auto place = [this](uint32_t offset) {
    const TextPlace p = PlaceOf(offset);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  };
  return Status::InvalidInput(std::string(name) + ":" + place(error_->offset) + ": " +
                              error_->Describe(place));
}

std::string JsonDocument::Key(uint32_t i) const {
  const JsonNode& n = nodes_[i];
  if (n.parent == JsonNode::kNoParent || nodes_[n.parent].kind != JsonKind::kObject) return "";
  return DecodeAt(json_, n.key);
}

std::string JsonDocument::String(uint32_t i) const {
  assert(nodes_[i].kind == JsonKind::kString);
  return DecodeAt(json_, nodes_[i].value);
}

void JsonDocument::DecodeString(uint32_t i, JsonStringSink* sink) const {
  assert(nodes_[i].kind == JsonKind::kString);
  JsonStringProblem problem;
  [[maybe_unused]] const std::optional<uint32_t> end =
      ReadJsonString(json_, nodes_[i].value, sink, &problem);
  assert(end.has_value());
}

std::string JsonDocument::Path(uint32_t i) const { return PathOf(json_, nodes_, i); }

std::optional<uint32_t> JsonDocument::Find(std::string_view path) const {
  if (nodes_.empty() || path.substr(0, 1) != "$") return std::nullopt;
  // Depth first, children in order. Paths cut long keys, so siblings may
  // share a segment and a dead end must be left for the next candidate;
  // each node is still tried at most once.
  struct Candidate {
    uint32_t node;
    size_t rest;  // where the rest of `path` begins
  };
  std::vector<Candidate> todo = {{kRoot, 1}};
  std::vector<Candidate> matches;
  while (!todo.empty()) {
    const Candidate c = todo.back();
    todo.pop_back();
    if (c.rest == path.size()) return c.node;
    const std::string_view rest = path.substr(c.rest);
    matches.clear();
    for (uint32_t child : Children(c.node)) {
      const std::string segment = nodes_[c.node].kind == JsonKind::kObject
                                      ? JsonPathKey("", Key(child))
                                      : JsonPathIndex("", nodes_[child].index);
      // The segment must end where the next one begins (".a" is not ".ab").
      if (rest.substr(0, segment.size()) == segment &&
          (rest.size() == segment.size() || rest[segment.size()] == '.' ||
           rest[segment.size()] == '[')) {
        matches.push_back({child, c.rest + segment.size()});
      }
    }
    todo.insert(todo.end(), matches.rbegin(), matches.rend());
  }
  return std::nullopt;
}

Status CheckStrictJson(std::string_view name, std::string_view bytes, size_t max_depth) {
  // keep_depth 0: the outline keeps the root alone.
  return JsonDocument::Read(bytes, {.max_depth = max_depth, .keep_depth = 0}).ToStatus(name);
}

}  // namespace provcheck::base
