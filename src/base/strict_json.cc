#include "base/strict_json.h"

#include <cassert>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/utf8.h"

namespace provcheck::base {
namespace {

// Recursive descent over RFC 8259's grammar (section 2 to 7). Recursion is
// bounded by max_depth, which the caller keeps small.
class StrictJsonChecker {
 public:
  StrictJsonChecker(std::string_view name, std::string_view bytes, size_t max_depth)
      : name_(name), in_(bytes), max_depth_(max_depth) {}

  Status Check() {
    if (std::optional<size_t> bad = FindInvalidUtf8(in_)) {
      return ErrorAt(*bad, "invalid UTF-8");
    }
    if (in_.substr(0, 3) == "\xEF\xBB\xBF") {
      return ErrorAt(0, "expected a JSON value, found a byte order mark");
    }
    SkipWhitespace();
    PROVCHECK_RETURN_IF_ERROR(Value(0));
    SkipWhitespace();
    if (pos_ != in_.size()) {
      return ErrorAt(pos_, "expected end of input after the value, found " + Describe(pos_));
    }
    return Status::Ok();
  }

 private:
  struct PathSegment {
    std::string key;  // when !in_array
    size_t index = 0;
    bool in_array = false;
  };

  Status Value(size_t depth) {
    if (pos_ >= in_.size()) return ErrorAt(pos_, "expected a JSON value, found end of input");
    switch (in_[pos_]) {
      case '{': return Object(depth + 1);
      case '[': return Array(depth + 1);
      case '"': return String(nullptr);
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case 'n': return Literal("null");
      default:
        if (in_[pos_] == '-' || IsDigit(in_[pos_])) return Number();
        return ErrorAt(pos_, "expected a JSON value, found " + Describe(pos_));
    }
  }

  Status Object(size_t depth) {
    const size_t open = pos_;
    if (depth > max_depth_) {
      return ErrorAt(open, "nesting deeper than " + std::to_string(max_depth_) + " levels");
    }
    ++pos_;  // '{'
    SkipWhitespace();
    if (Peek('}')) {
      ++pos_;
      return Status::Ok();
    }
    std::unordered_set<std::string> keys;
    path_.push_back({});
    while (true) {
      SkipWhitespace();
      if (!Peek('"')) {
        return ErrorAt(pos_, (keys.empty() ? "expected a string key or '}', found "
                                           : "expected a string key after ',', found ") +
                                 Describe(pos_));
      }
      const size_t key_pos = pos_;
      std::string key;
      PROVCHECK_RETURN_IF_ERROR(String(&key));
      if (!keys.insert(key).second) {
        path_.pop_back();
        return ErrorAt(key_pos, "duplicate key " + Quote(key) + " in " + PathString());
      }
      path_.back().key = std::move(key);
      SkipWhitespace();
      if (!Peek(':')) return ErrorAt(pos_, "expected ':' after the key, found " + Describe(pos_));
      ++pos_;
      SkipWhitespace();
      PROVCHECK_RETURN_IF_ERROR(Value(depth));
      SkipWhitespace();
      if (Peek(',')) {
        ++pos_;
        continue;
      }
      if (Peek('}')) {
        ++pos_;
        path_.pop_back();
        return Status::Ok();
      }
      return ErrorAt(pos_, "expected ',' or '}' after an object member, found " + Describe(pos_));
    }
  }

  Status Array(size_t depth) {
    if (depth > max_depth_) {
      return ErrorAt(pos_, "nesting deeper than " + std::to_string(max_depth_) + " levels");
    }
    ++pos_;  // '['
    SkipWhitespace();
    if (Peek(']')) {
      ++pos_;
      return Status::Ok();
    }
    path_.push_back({.key = {}, .index = 0, .in_array = true});
    while (true) {
      SkipWhitespace();
      if (pos_ < in_.size() && in_[pos_] == ']') {
        return ErrorAt(pos_, "expected a value after ',', found ']'");
      }
      PROVCHECK_RETURN_IF_ERROR(Value(depth));
      SkipWhitespace();
      if (Peek(',')) {
        ++pos_;
        ++path_.back().index;
        continue;
      }
      if (Peek(']')) {
        ++pos_;
        path_.pop_back();
        return Status::Ok();
      }
      return ErrorAt(pos_, "expected ',' or ']' after an array element, found " + Describe(pos_));
    }
  }

  // A string at pos_ (which is '"'); its decoded value goes to `decoded`
  // when not null.
  Status String(std::string* decoded) {
    const size_t open = pos_;
    ++pos_;
    while (true) {
      if (pos_ >= in_.size()) return ErrorAt(open, "unterminated string");
      const auto c = static_cast<unsigned char>(in_[pos_]);
      if (c == '"') {
        ++pos_;
        return Status::Ok();
      }
      if (c < 0x20) {
        return ErrorAt(pos_, "control character " + Describe(pos_) +
                                 " in a string (it must be escaped)");
      }
      if (c != '\\') {
        if (decoded != nullptr) decoded->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      const size_t escape = pos_;
      ++pos_;
      if (pos_ >= in_.size()) return ErrorAt(open, "unterminated string");
      char e = in_[pos_++];
      char simple = 0;
      switch (e) {
        case '"': simple = '"'; break;
        case '\\': simple = '\\'; break;
        case '/': simple = '/'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'u': break;
        default:
          return ErrorAt(escape, "invalid escape in a string: expected one of \\\" \\\\ \\/ "
                                 "\\b \\f \\n \\r \\t \\uXXXX");
      }
      if (e != 'u') {
        if (decoded != nullptr) decoded->push_back(simple);
        continue;
      }
      uint32_t cp = 0;
      PROVCHECK_RETURN_IF_ERROR(Hex4(escape, &cp));
      if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return ErrorAt(escape, "lone low surrogate \\u escape in a string");
      }
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (in_.substr(pos_, 2) != "\\u") {
          return ErrorAt(escape, "high surrogate \\u escape not followed by a low surrogate");
        }
        const size_t low_escape = pos_;
        pos_ += 2;
        uint32_t low = 0;
        PROVCHECK_RETURN_IF_ERROR(Hex4(low_escape, &low));
        if (low < 0xDC00 || low > 0xDFFF) {
          return ErrorAt(escape, "high surrogate \\u escape not followed by a low surrogate");
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      }
      if (decoded != nullptr) base::AppendUtf8(cp, decoded);
    }
  }

  // Four hex digits at pos_ (after "\u").
  Status Hex4(size_t escape, uint32_t* cp) {
    *cp = 0;
    for (int k = 0; k < 4; ++k, ++pos_) {
      if (pos_ >= in_.size()) return ErrorAt(escape, "\\u escape needs four hex digits");
      const char h = in_[pos_];
      uint32_t v;
      if (h >= '0' && h <= '9') v = static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') v = static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v = static_cast<uint32_t>(h - 'A' + 10);
      else return ErrorAt(escape, "\\u escape needs four hex digits");
      *cp = *cp << 4 | v;
    }
    return Status::Ok();
  }

  Status Number() {
    const size_t start = pos_;
    if (Peek('-')) ++pos_;
    if (Peek('0')) {
      ++pos_;
      if (pos_ < in_.size() && IsDigit(in_[pos_])) {
        return ErrorAt(start, "number with a leading zero");
      }
    } else if (pos_ < in_.size() && IsDigit(in_[pos_])) {
      while (pos_ < in_.size() && IsDigit(in_[pos_])) ++pos_;
    } else {
      return ErrorAt(pos_, "expected a digit in a number, found " + Describe(pos_));
    }
    if (Peek('.')) {
      ++pos_;
      if (pos_ >= in_.size() || !IsDigit(in_[pos_])) {
        return ErrorAt(pos_, "expected a digit after '.' in a number, found " + Describe(pos_));
      }
      while (pos_ < in_.size() && IsDigit(in_[pos_])) ++pos_;
    }
    if (Peek('e') || Peek('E')) {
      ++pos_;
      if (Peek('+') || Peek('-')) ++pos_;
      if (pos_ >= in_.size() || !IsDigit(in_[pos_])) {
        return ErrorAt(pos_, "expected a digit in a number's exponent, found " + Describe(pos_));
      }
      while (pos_ < in_.size() && IsDigit(in_[pos_])) ++pos_;
    }
    return Status::Ok();
  }

  Status Literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) {
      return ErrorAt(pos_, "expected a JSON value, found " + Describe(pos_));
    }
    pos_ += word.size();
    return Status::Ok();
  }

  void SkipWhitespace() {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Peek(char c) const { return pos_ < in_.size() && in_[pos_] == c; }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }


  // What stands at `at`, for messages: end of input, 'c', or a byte in hex.
  std::string Describe(size_t at) const {
    if (at >= in_.size()) return "end of input";
    const auto c = static_cast<unsigned char>(in_[at]);
    if (c >= 0x21 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    if (c == ' ') return "a space";
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
  }

  // A key for a message: JSON-quoted, control characters escaped, cut at 64
  // bytes (on a UTF-8 boundary) so an attacker's key cannot flood a log.
  static std::string Quote(std::string_view key) {
    constexpr size_t kMaxShown = 64;
    bool cut = false;
    if (key.size() > kMaxShown) {
      size_t end = kMaxShown;
      while (end > 0 && (static_cast<unsigned char>(key[end]) & 0xC0) == 0x80) --end;
      key = key.substr(0, end);
      cut = true;
    }
    std::string out = "\"";
    for (char ch : key) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(ch);
      } else if (c < 0x20 || c == 0x7F) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      } else {
        out.push_back(ch);
      }
    }
    out += cut ? "...\"" : "\"";
    return out;
  }

  static bool IsPlainName(std::string_view key) {
    if (key.empty() || key.size() > 64) return false;
    for (char c : key) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  // The JSON path of the innermost object being read, such as
  // $.signatures[1]. The last segment is the object itself.
  std::string PathString() const {
    std::string out = "$";
    for (const PathSegment& s : path_) {
      if (s.in_array) {
        out += "[" + std::to_string(s.index) + "]";
      } else if (IsPlainName(s.key)) {
        out += "." + s.key;
      } else {
        out += "[" + Quote(s.key) + "]";
      }
    }
    return out;
  }

  Status ErrorAt(size_t at, const std::string& what) const {
    assert(at <= in_.size());
    size_t line = 1, column = 1;
    for (size_t k = 0; k < at; ++k) {
      const auto c = static_cast<unsigned char>(in_[k]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column;
      }
    }
    return Status::InvalidInput(std::string(name_) + ":" + std::to_string(line) + ":" +
                                std::to_string(column) + ": " + what);
  }

  std::string_view name_;
  std::string_view in_;
  size_t max_depth_;
  size_t pos_ = 0;
  // Keys and indexes from the root to the current value: the segment of an
  // object is the key being read, of an array the element's index.
  std::vector<PathSegment> path_;
};

}  // namespace

Status CheckStrictJson(std::string_view name, std::string_view bytes, size_t max_depth) {
  assert(max_depth >= 1);
  return StrictJsonChecker(name, bytes, max_depth).Check();
}

}  // namespace provcheck::base
