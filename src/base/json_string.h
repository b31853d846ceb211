// JSON string literals, both ways.
//
// Writing, as RFC 8785 writes them: quotes, minimal escapes (\" \\ \b \f \n
// \r \t, other control characters as \u00XX), every other byte as it is.
// Shared by the report writer and the DSSE envelope writer.
//
// Reading, as RFC 8259 section 7 defines them, with offsets: the one string
// decoder behind base::JsonDocument, which validates every string of a JSON
// text with it, and behind readers that map decoded text back to the file.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_BASE_JSON_STRING_H_
#define PROVCHECK_SRC_BASE_JSON_STRING_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace provcheck::base {

// Appends `s` as a JSON string. REQUIRES: `s` is valid UTF-8.
void AppendJsonString(std::string& out, std::string_view s);

// `s` as a JSON-quoted string for a one-line message: '"' and '\' escaped,
// control characters and DEL as \u00XX, cut after `max_bytes` bytes (on a
// UTF-8 boundary, marked "...") so that outside text cannot flood a log.
std::string QuoteForMessage(std::string_view s, size_t max_bytes = 64);

// Receives the pieces of a string literal as it is decoded, in order.
class JsonStringSink {
 public:
  virtual ~JsonStringSink() = default;
  // Bytes that stand for themselves, at json[offset, offset + bytes.size()).
  virtual void Verbatim(std::string_view bytes, uint32_t offset) = 0;
  // `decoded` (UTF-8) for the escape at json[offset, offset + length): one
  // of \" \\ \/ \b \f \n \r \t \uXXXX, or a surrogate pair as one escape.
  virtual void Escape(std::string_view decoded, uint32_t offset, uint32_t length) = 0;
};

// A sink that appends the decoded string to `out`.
class JsonStringAppender : public JsonStringSink {
 public:
  explicit JsonStringAppender(std::string* out) : out_(out) {}
  void Verbatim(std::string_view bytes, uint32_t) override { out_->append(bytes); }
  void Escape(std::string_view decoded, uint32_t, uint32_t) override { out_->append(decoded); }

 private:
  std::string* out_;
};

// What is wrong with a string literal, and where (a byte offset).
struct JsonStringProblem {
  uint32_t offset = 0;
  std::string what;
};

// Reads the string literal whose opening quote is json[quote], passing its
// decoded pieces to `sink` when not null. Returns the offset just past the
// closing quote. Otherwise nullopt, with *problem set to the first of:
//   at the opening quote, a string not closed before a line break or the
//     end ("unterminated string: expected a closing '"' ...");
//   a raw control character (it must be escaped);
//   at the backslash, an invalid escape, a \u without four hex digits, a
//     lone low surrogate, a high surrogate not followed by a low one.
// Bytes at or above 0x80 pass as they are: UTF-8 is the caller's check.
// REQUIRES: quote < json.size(), json[quote] == '"', json.size() < 4 GiB.
std::optional<uint32_t> ReadJsonString(std::string_view json, uint32_t quote, JsonStringSink* sink,
                                       JsonStringProblem* problem);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_JSON_STRING_H_
