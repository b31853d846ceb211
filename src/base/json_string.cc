#include "base/json_string.h"

#include <cstring>

#include "base/utf8.h"

namespace provcheck::base {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kUpperHexDigits[] = "0123456789ABCDEF";

// The value of the four hex digits at json[at], or nullopt.
std::optional<uint32_t> Hex4(std::string_view json, size_t at) {
  if (at + 4 > json.size()) return std::nullopt;
  uint32_t value = 0;
  for (size_t k = at; k < at + 4; ++k) {
    const char h = json[k];
    uint32_t digit;
    if (h >= '0' && h <= '9') {
      digit = static_cast<uint32_t>(h - '0');
    } else if (h >= 'a' && h <= 'f') {
      digit = static_cast<uint32_t>(h - 'a' + 10);
    } else if (h >= 'A' && h <= 'F') {
      digit = static_cast<uint32_t>(h - 'A' + 10);
    } else {
      return std::nullopt;
    }
    value = value << 4 | digit;
  }
  return value;
}

// Decodes the escape at json[at] (a backslash) into *decoded and returns its
// length in bytes, or 0 with *problem set.
uint32_t DecodeEscape(std::string_view json, uint32_t at, std::string* decoded,
                      JsonStringProblem* problem) {
  const char e = at + 1 < json.size() ? json[at + 1] : '\0';
  // The one-character escapes (RFC 8259 section 7) and what they stand for.
  static constexpr std::string_view kEscaped = "\"\\/bfnrt";
  static constexpr std::string_view kMeaning = "\"\\/\b\f\n\r\t";
  const size_t simple_at = kEscaped.find(e);
  const char simple = simple_at == std::string_view::npos ? '\0' : kMeaning[simple_at];
  if (simple == 0 && e != 'u') {
    *problem = {at,
                "invalid escape in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n "
                "\\r \\t \\uXXXX"};
    return 0;
  }
  if (simple != 0) {
    decoded->push_back(simple);
    return 2;
  }
  const std::optional<uint32_t> unit = Hex4(json, at + 2);
  if (!unit) {
    *problem = {at, "\\u escape needs four hex digits"};
    return 0;
  }
  if (*unit >= 0xDC00 && *unit <= 0xDFFF) {
    *problem = {at, "lone low surrogate \\u escape in a string"};
    return 0;
  }
  if (*unit < 0xD800 || *unit > 0xDBFF) {
    AppendUtf8(*unit, decoded);
    return 6;
  }
  constexpr std::string_view kHighAlone =
      "expected a low surrogate escape (\\uDC00-\\uDFFF) after this high surrogate";
  if (json.substr(at + 6, 2) != "\\u") {
    *problem = {at, std::string(kHighAlone)};
    return 0;
  }
  const std::optional<uint32_t> low = Hex4(json, at + 8);
  if (!low) {
    *problem = {at + 6, "\\u escape needs four hex digits"};
    return 0;
  }
  if (*low < 0xDC00 || *low > 0xDFFF) {
    *problem = {at, std::string(kHighAlone)};
    return 0;
  }
  AppendUtf8(0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00), decoded);
  return 12;
}

// The first offset from `i` holding '"', '\\' or a control character (or
// the end). Article bodies are long runs of plain bytes, so eight are tested
// at a time (the "haszero"/"hasless" tests of Anderson's Bit Twiddling Hacks).
uint32_t SkipPlainBytes(std::string_view json, uint32_t i) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const auto has_less = [](uint64_t x, uint64_t n) { return ((x - kOnes * n) & ~x & kHigh) != 0; };
  while (i + 8 <= json.size()) {
    uint64_t chunk;
    std::memcpy(&chunk, json.data() + i, 8);
    if (has_less(chunk, 0x20) || has_less(chunk ^ (kOnes * '"'), 1) ||
        has_less(chunk ^ (kOnes * '\\'), 1)) {
      break;
    }
    i += 8;
  }
  while (i < json.size()) {
    const auto c = static_cast<unsigned char>(json[i]);
    if (c == '"' || c == '\\' || c < 0x20) break;
    ++i;
  }
  return i;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHexDigits[c >> 4]);
          out.push_back(kHexDigits[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

std::string QuoteForMessage(std::string_view s, size_t max_bytes) {
  bool cut = false;
  if (s.size() > max_bytes) {
    size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    s = s.substr(0, end);
    cut = true;
  }
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\u00";
      out.push_back(kHexDigits[c >> 4]);
      out.push_back(kHexDigits[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  out += cut ? "...\"" : "\"";
  return out;
}

std::optional<uint32_t> ReadJsonString(std::string_view json, uint32_t quote, JsonStringSink* sink,
                                       JsonStringProblem* problem) {
  constexpr std::string_view kUnterminated =
      "unterminated string: expected a closing '\"' for the string opened here";
  uint32_t run = quote + 1;  // the start of the verbatim bytes not yet passed on
  std::string decoded;
  for (uint32_t i = run; i < json.size();) {
    i = SkipPlainBytes(json, i);
    if (i >= json.size()) break;
    const auto c = static_cast<unsigned char>(json[i]);
    if (sink != nullptr && i > run) sink->Verbatim(json.substr(run, i - run), run);
    if (c == '"') return i + 1;
    // A raw line break most likely means the string was never closed.
    if (c == '\n' || c == '\r') {
      *problem = {quote, std::string(kUnterminated) +
                             ", before the line break (write a line break in a string as \\n)"};
      return std::nullopt;
    }
    if (c < 0x20) {
      *problem = {i, std::string("control character byte 0x") + kUpperHexDigits[c >> 4] +
                         kUpperHexDigits[c & 15] + " in a string (it must be escaped)"};
      return std::nullopt;
    }
    if (i + 1 >= json.size()) break;
    decoded.clear();
    const uint32_t length = DecodeEscape(json, i, &decoded, problem);
    if (length == 0) return std::nullopt;
    if (sink != nullptr) sink->Escape(decoded, i, length);
    i += length;
    run = i;
  }
  *problem = {quote, std::string(kUnterminated)};
  return std::nullopt;
}

}  // namespace provcheck::base
