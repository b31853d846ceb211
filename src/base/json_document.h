// JsonDocument: the one reader of JSON texts from outside that knows where
// things are. It checks a text against RFC 8259 strictly and keeps an
// outline of it: every value's kind and place (byte offsets of its key,
// its first byte and its end), from which come JSON paths ("$.sources[2]
// .policy") and LINE:COLUMN places for messages.
//
// Strict means: RFC 8259's grammar only (no comments, no trailing commas, no
// leading zeros, no NaN), valid UTF-8, no raw control characters or lone
// surrogates in strings, nothing after the value but whitespace, no byte
// order mark unless asked, nesting capped, and no key twice in one object
// (compared after decoding escapes, so "a" and "\u0061" are the same key).
// simdjson accepts duplicate keys and a lookup silently takes the first, so
// two readers of one signed envelope or rules file could see different
// values; DESIGN.md requires the refusal.
//
// The document holds no scalar values: callers that want them parse the
// accepted text with simdjson and use the outline for places and paths, or
// decode a string with DecodeString (which maps each piece to its bytes).
//
// Knows nothing of what the JSON means. Thread-safety: immutable after
// Read; const methods may be shared.
#ifndef PROVCHECK_SRC_BASE_JSON_DOCUMENT_H_
#define PROVCHECK_SRC_BASE_JSON_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_string.h"
#include "provcheck/status.h"

namespace provcheck::base {

enum class JsonKind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

// One value of the text. Offsets are byte offsets into the text.
struct JsonNode {
  static constexpr uint32_t kNoParent = std::numeric_limits<uint32_t>::max();

  JsonKind kind = JsonKind::kNull;
  uint32_t parent = kNoParent;  // the containing array or object
  uint32_t index = 0;           // place among the parent's members or elements, from 0
  uint32_t key = 0;             // a member's key (its opening quote); otherwise == value
  uint32_t value = 0;           // the value's first byte
  uint32_t end = 0;             // just past the value's last byte
  uint32_t next = 0;            // the node after this one's subtree (its next sibling, if any)
  uint32_t children = 0;        // members or elements, all of them even when not kept
};

// Which objects must not repeat a key.
enum class JsonDuplicateKeys : uint8_t {
  kRefusedAnywhere,      // every object (envelopes, rules files)
  kRefusedInRootObject,  // the root object only (an article's fields)
};

struct JsonOptions {
  // Arrays and objects nested deeper than this are refused ("[[]]" is 2).
  size_t max_depth = 64;
  // Values nested deeper than this are checked but not kept in the outline
  // (the root is at 0, its members at 1), bounding memory for readers that
  // look only near the top. 0 keeps the root alone.
  size_t keep_depth = std::numeric_limits<size_t>::max();
  JsonDuplicateKeys duplicate_keys = JsonDuplicateKeys::kRefusedAnywhere;
  // A leading UTF-8 byte order mark is skipped instead of refused.
  bool skip_byte_order_mark = false;
};

// Where a text stops being strict JSON, and why.
struct JsonError {
  uint32_t offset = 0;
  std::string what;  // "expected ',' or '}' after an object member, found '\"'"
  // For a duplicate key, the key it repeats.
  std::optional<uint32_t> first;

  // `what`, and for a duplicate key " (first at PLACE)", where `place`
  // writes an offset as the caller's messages do ("3:7", "column 7").
  std::string Describe(const std::function<std::string(uint32_t)>& place) const;
};

// A line and a column, both from 1. Lines end at '\n'; columns count code
// points (UTF-8 lead bytes), so "é" and a tab are one column each.
struct TextPlace {
  uint32_t line = 1;
  uint32_t column = 1;
};

// The place of json[offset] (an offset at the end: just after the last byte).
TextPlace PlaceAt(std::string_view json, uint32_t offset);

// JSON paths as messages write them: `parent` and ".key" for a plain key
// (letters, digits and '_', at most 64 bytes), otherwise "[\"key\"]" quoted
// by QuoteForMessage; "[2]" for an element.
std::string JsonPathKey(std::string_view parent, std::string_view key);
std::string JsonPathIndex(std::string_view parent, size_t index);

class JsonChildren;

class JsonDocument {
 public:
  // The root's index; nodes are numbered in document order.
  static constexpr uint32_t kRoot = 0;

  // Reads `json`, which must outlive the document, under `options`.
  // REQUIRES: options.max_depth >= 1.
  static JsonDocument Read(std::string_view json, const JsonOptions& options);

  bool ok() const { return !error_.has_value(); }
  // REQUIRES: !ok().
  const JsonError& error() const { return *error_; }
  // Ok, or kInvalidInput "NAME:LINE:COLUMN: what" with " (first at
  // LINE:COLUMN)" for a duplicate key, for example
  //   rules.json:3:4: duplicate key "required" in $.copyright (first at 2:4)
  Status ToStatus(std::string_view name) const;

  std::string_view json() const { return json_; }

  // The kept outline, in document order. Empty when !ok().
  size_t size() const { return nodes_.size(); }
  // REQUIRES: i < size().
  const JsonNode& node(uint32_t i) const { return nodes_[i]; }

  // The kept members or elements of node `i`, in order, as node indexes:
  //   for (uint32_t child : doc.Children(i)) ...
  // REQUIRES: i < size().
  JsonChildren Children(uint32_t i) const;

  // The decoded key of member `i` ("" for an element or the root).
  std::string Key(uint32_t i) const;
  // The decoded value of string `i`; DecodeString passes its pieces, with
  // their places, to `sink`. REQUIRES: node(i).kind == JsonKind::kString.
  std::string String(uint32_t i) const;
  void DecodeString(uint32_t i, JsonStringSink* sink) const;

  // The JSON path of node `i` ("$" for the root, "$.a[2]").
  std::string Path(uint32_t i) const;
  // The first kept node (in document order) whose path is `path`, or
  // nullopt. Two nodes share a path only when sibling keys share their
  // first 64 bytes (paths cut longer keys).
  std::optional<uint32_t> Find(std::string_view path) const;

  TextPlace PlaceOf(uint32_t offset) const { return PlaceAt(json_, offset); }

 private:
  friend class JsonWalker;
  JsonDocument() = default;

  std::string_view json_;
  std::vector<JsonNode> nodes_;
  std::optional<JsonError> error_;
};

// A range of sibling node indexes (see JsonDocument::Children).
class JsonChildren {
 public:
  class Iterator {
   public:
    Iterator(const JsonDocument* doc, uint32_t i) : doc_(doc), i_(i) {}
    uint32_t operator*() const { return i_; }
    Iterator& operator++() {
      i_ = doc_->node(i_).next;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return i_ != other.i_; }

   private:
    const JsonDocument* doc_;
    uint32_t i_;
  };

  JsonChildren(const JsonDocument* doc, uint32_t parent) : doc_(doc), parent_(parent) {}
  Iterator begin() const { return {doc_, parent_ + 1}; }
  Iterator end() const { return {doc_, doc_->node(parent_).next}; }

 private:
  const JsonDocument* doc_;
  uint32_t parent_;
};

inline JsonChildren JsonDocument::Children(uint32_t i) const { return {this, i}; }

// The strict check alone, for callers that only need a yes or no before
// simdjson parses bytes from outside (signed envelopes, statements, the CI
// config): Ok when `bytes` is one strict JSON value, duplicate keys refused
// in every object, no byte order mark, nested at most `max_depth` arrays or
// objects deep. Otherwise JsonDocument::ToStatus's message, for example
//   envelope.json:1:48: duplicate key "payload" in $ (first at 1:2)
//   rules.json:12:7: expected ',' or '}' after an object member, found '"'
// Memory is bounded by the depth, not by the size of the text.
// REQUIRES: max_depth >= 1.
Status CheckStrictJson(std::string_view name, std::string_view bytes, size_t max_depth);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_JSON_DOCUMENT_H_
