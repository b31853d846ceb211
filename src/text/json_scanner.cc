#include "text/json_scanner.h"

#include "base/utf8.h"

namespace provcheck::text {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The value of four hex digits at s[i], or -1.
int32_t Hex4(std::string_view s, size_t i) {
  if (i + 4 > s.size()) return -1;
  int32_t value = 0;
  for (size_t k = i; k < i + 4; ++k) {
    const char h = s[k];
    const int digit = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}


// Decodes the escape at s[i] (a backslash) onto *out and returns its length
// (a surrogate pair is one escape of 12 bytes), or 0 with *expected set.
size_t DecodeEscape(std::string_view s, size_t i, std::string* out, const char** expected) {
  const char e = i + 1 < s.size() ? s[i + 1] : '\0';
  switch (e) {
    case '"':
    case '\\':
    case '/': out->push_back(e); return 2;
    case 'b': out->push_back('\b'); return 2;
    case 'f': out->push_back('\f'); return 2;
    case 'n': out->push_back('\n'); return 2;
    case 'r': out->push_back('\r'); return 2;
    case 't': out->push_back('\t'); return 2;
    case 'u': break;
    default: *expected = "a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"; return 0;
  }
  const int32_t unit = Hex4(s, i + 2);
  if (unit < 0) {
    *expected = "four hex digits after \\u";
    return 0;
  }
  if (unit >= 0xDC00 && unit <= 0xDFFF) {
    *expected = "a high surrogate escape before this low surrogate";
    return 0;
  }
  if (unit < 0xD800 || unit > 0xDBFF) {
    base::AppendUtf8(static_cast<uint32_t>(unit), out);
    return 6;
  }
  const int32_t low = s.substr(i + 6, 2) == "\\u" ? Hex4(s, i + 8) : -1;
  if (low < 0xDC00 || low > 0xDFFF) {
    *expected = "a low surrogate escape (\\uDC00-\\uDFFF) after this high surrogate";
    return 0;
  }
  base::AppendUtf8(0x10000 + ((static_cast<uint32_t>(unit) - 0xD800) << 10) +
                 (static_cast<uint32_t>(low) - 0xDC00),
             out);
  return 12;
}

class Scanner {
 public:
  explicit Scanner(std::string_view json) : s_(json) {}

  JsonScan Run() {
    Scan();
    return std::move(scan_);
  }

 private:
  enum class Expect { kValue, kFirstValue, kKey, kFirstKey, kAfterValue };

  void Scan();
  bool Step(Expect* expect);
  bool Key(Expect* expect);
  bool AfterValue(Expect* expect);
  bool Scalar();
  bool String(std::string* decoded);
  bool Number();
  bool Fail(size_t offset, std::string expected) {
    scan_.error = JsonSyntaxError{static_cast<uint32_t>(offset), std::move(expected)};
    return false;
  }
  void SkipSpace() {
    while (i_ < s_.size() && IsSpace(s_[i_])) ++i_;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::vector<char> open_;  // '{' and '[' still open
  bool done_ = false;
  JsonScan scan_;
};

void Scanner::Scan() {
  if (s_.substr(0, kBom.size()) == kBom) i_ = kBom.size();
  SkipSpace();
  scan_.root_offset = static_cast<uint32_t>(i_);
  scan_.root_is_object = i_ < s_.size() && s_[i_] == '{';
  Expect expect = Expect::kValue;
  while (!done_ && Step(&expect)) {
  }
}

bool Scanner::Step(Expect* expect) {
  SkipSpace();
  const bool at_end = i_ >= s_.size();
  switch (*expect) {
    case Expect::kFirstValue:
      if (!at_end && s_[i_] == ']') {
        open_.pop_back();
        ++i_;
        *expect = Expect::kAfterValue;
        return true;
      }
      [[fallthrough]];
    case Expect::kValue:
      if (at_end) return Fail(i_, "a value");
      if (open_.size() == 1 && open_[0] == '{') {
        scan_.members.back().value_offset = static_cast<uint32_t>(i_);
      }
      if (s_[i_] == '{' || s_[i_] == '[') {
        open_.push_back(s_[i_]);
        *expect = s_[i_] == '{' ? Expect::kFirstKey : Expect::kFirstValue;
        ++i_;
        return true;
      }
      *expect = Expect::kAfterValue;
      return Scalar();
    case Expect::kFirstKey:
      if (!at_end && s_[i_] == '}') {
        open_.pop_back();
        ++i_;
        *expect = Expect::kAfterValue;
        return true;
      }
      [[fallthrough]];
    case Expect::kKey: return Key(expect);
    case Expect::kAfterValue: return AfterValue(expect);
  }
  return false;
}

bool Scanner::Key(Expect* expect) {
  if (i_ >= s_.size() || s_[i_] != '"') {
    return Fail(i_, *expect == Expect::kFirstKey ? "a string key or '}'" : "a string key");
  }
  const bool root_member = open_.size() == 1 && open_[0] == '{';
  const size_t key_offset = i_;
  std::string key;
  if (!String(root_member ? &key : nullptr)) return false;
  SkipSpace();
  if (i_ >= s_.size() || s_[i_] != ':') return Fail(i_, "':' after the key");
  ++i_;
  if (root_member) scan_.members.push_back({std::move(key), static_cast<uint32_t>(key_offset), 0});
  *expect = Expect::kValue;
  return true;
}

bool Scanner::AfterValue(Expect* expect) {
  if (open_.empty()) {
    if (i_ < s_.size()) return Fail(i_, "the end of the input after the value");
    done_ = true;
    return true;
  }
  const bool object = open_.back() == '{';
  if (i_ < s_.size() && s_[i_] == ',') {
    ++i_;
    *expect = object ? Expect::kKey : Expect::kValue;
    return true;
  }
  if (i_ < s_.size() && s_[i_] == (object ? '}' : ']')) {
    open_.pop_back();
    ++i_;
    return true;
  }
  return Fail(i_, object ? "',' or '}'" : "',' or ']'");
}

bool Scanner::Scalar() {
  const char c = s_[i_];
  if (c == '"') return String(nullptr);
  if (c == '-' || IsDigit(c)) return Number();
  for (std::string_view word : {"true", "false", "null"}) {
    if (s_.substr(i_, word.size()) == word) {
      i_ += word.size();
      return true;
    }
  }
  return Fail(i_, "a value");
}

bool Scanner::String(std::string* decoded) {
  const size_t open = i_++;
  std::string scratch;
  std::string* out = decoded != nullptr ? decoded : &scratch;
  while (i_ < s_.size()) {
    const auto c = static_cast<unsigned char>(s_[i_]);
    if (c == '"') {
      ++i_;
      return true;
    }
    // A raw line break most likely means the string was never closed.
    if (c == '\n' || c == '\r') break;
    if (c < 0x20) return Fail(i_, "no raw control character in a string (escape it)");
    if (c != '\\') {
      if (decoded != nullptr) decoded->push_back(static_cast<char>(c));
      ++i_;
      continue;
    }
    const char* expected = nullptr;
    const size_t length = DecodeEscape(s_, i_, out, &expected);
    if (length == 0) return Fail(i_, expected);
    i_ += length;
    scratch.clear();
  }
  return Fail(open, "a closing '\"' for the string opened here");
}

bool Scanner::Number() {
  if (s_[i_] == '-') ++i_;
  if (i_ < s_.size() && s_[i_] == '0') {
    ++i_;
  } else if (i_ < s_.size() && IsDigit(s_[i_])) {
    while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
  } else {
    return Fail(i_, "a digit");
  }
  if (i_ < s_.size() && s_[i_] == '.') {
    ++i_;
    if (i_ >= s_.size() || !IsDigit(s_[i_])) return Fail(i_, "a digit after '.'");
    while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
  }
  if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
    ++i_;
    if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
    if (i_ >= s_.size() || !IsDigit(s_[i_])) return Fail(i_, "a digit in the exponent");
    while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
  }
  return true;
}

}  // namespace

JsonScan ScanJson(std::string_view json) { return Scanner(json).Run(); }

void DecodeJsonString(std::string_view json, uint32_t quote_offset, ExtractedText* out) {
  size_t run = quote_offset + 1;
  size_t i = run;
  std::string decoded;
  while (i < json.size() && json[i] != '"') {
    if (json[i] != '\\') {
      ++i;
      continue;
    }
    out->AppendVerbatim(json.substr(run, i - run), static_cast<uint32_t>(run));
    decoded.clear();
    const char* expected = nullptr;
    const size_t length = DecodeEscape(json, i, &decoded, &expected);
    if (length == 0) return;  // excluded by the precondition
    out->AppendReplacement(decoded, static_cast<uint32_t>(i), static_cast<uint32_t>(length));
    i += length;
    run = i;
  }
  out->AppendVerbatim(json.substr(run, i - run), static_cast<uint32_t>(run));
}

}  // namespace provcheck::text
