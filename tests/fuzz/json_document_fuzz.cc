// Fuzzes provcheck::base::JsonDocument, the one strict JSON reader: the gate
// in front of simdjson for rules files, envelopes, statements and the CI
// config, and the outline behind every JSON message's place and path.
//
// Invariants:
//   - deterministic; CheckStrictJson and a full Read agree; a failure is
//     kInvalidInput with one line "fuzz.json:LINE:COLUMN: ..." naming the
//     place of error().offset, which lies in the input (a duplicate key's
//     first one lies before it);
//   - a deeper limit never refuses what a shallower one accepts, and
//     refusing duplicates in the root object only never refuses what
//     refusing them anywhere accepts;
//   - accepted input is valid UTF-8 with no control bytes but JSON
//     whitespace (so no NUL);
//   - the outline: nodes in document order, their places in bounds and
//     increasing, each inside its parent and after its previous sibling,
//     first and last bytes matching the kind, child counts and indexes
//     matching the children; Find(Path(i)) finds a node of that path;
//     keep_depth keeps exactly the shallower nodes, unchanged;
//   - a decoded string's pieces cover its bytes between the quotes, in order;
//   - simdjson parses what the reader accepts (except for its own number
//     and depth limits) into the same tree: kinds, sizes, keys in order and
//     decoded strings;
//   - composition: an accepted value stays accepted inside an array one level
//     deeper, is refused with a byte appended, and is refused as the value of
//     a key that the same object repeats (duplicate key).
#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/json_document.h"
#include "base/utf8.h"
#include "fuzz_check.h"

namespace {

using provcheck::base::JsonDocument;
using provcheck::base::JsonKind;
using provcheck::base::JsonNode;

constexpr char kName[] = "fuzz.json";
constexpr size_t kShallow = 8;
constexpr size_t kDeep = 64;

// Checks that the pieces of a string cover json(quote, end - 1) in order.
class CoverageSink : public provcheck::base::JsonStringSink {
 public:
  CoverageSink(std::string_view json, uint32_t quote) : json_(json), next_(quote + 1) {}
  void Verbatim(std::string_view bytes, uint32_t offset) override {
    FUZZ_CHECK(offset == next_ && !bytes.empty());
    FUZZ_CHECK(json_.substr(offset, bytes.size()) == bytes);
    next_ = offset + static_cast<uint32_t>(bytes.size());
  }
  void Escape(std::string_view decoded, uint32_t offset, uint32_t length) override {
    FUZZ_CHECK(offset == next_ && json_[offset] == '\\');
    FUZZ_CHECK(length == 2 || length == 6 || length == 12);
    FUZZ_CHECK(!decoded.empty() && decoded.size() <= 4);
    next_ = offset + length;
  }
  uint32_t next() const { return next_; }

 private:
  std::string_view json_;
  uint32_t next_;
};

// Paths and Find cost a walk from the root each; they are checked on at most
// this many nodes, spread over the outline.
constexpr uint32_t kPathChecks = 256;

void CheckNode(const JsonDocument& doc, uint32_t i) {
  const std::string_view json = doc.json();
  const JsonNode& n = doc.node(i);
  FUZZ_CHECK(n.key <= n.value && n.value < n.end && n.end <= json.size());
  FUZZ_CHECK(n.next > i && n.next <= doc.size());
  if (i == JsonDocument::kRoot) {
    FUZZ_CHECK(n.parent == JsonNode::kNoParent && n.key == n.value);
  } else {
    FUZZ_CHECK(n.parent < i);
    FUZZ_CHECK(n.value > doc.node(i - 1).value);  // document order
    const JsonNode& p = doc.node(n.parent);
    FUZZ_CHECK(p.value < n.key && n.end < p.end);
    FUZZ_CHECK(n.index < p.children);
    if (p.kind == JsonKind::kObject) {
      FUZZ_CHECK(json[n.key] == '"' && n.key < n.value);
    } else {
      FUZZ_CHECK(n.key == n.value);
    }
  }
  const char first = json[n.value];
  const char last = json[n.end - 1];
  switch (n.kind) {
    case JsonKind::kObject:
      FUZZ_CHECK(first == '{' && last == '}');
      break;
    case JsonKind::kArray:
      FUZZ_CHECK(first == '[' && last == ']');
      break;
    case JsonKind::kString:
      FUZZ_CHECK(first == '"' && last == '"');
      break;
    case JsonKind::kNumber:
      FUZZ_CHECK((first == '-' || (first >= '0' && first <= '9')) && last >= '0' && last <= '9');
      break;
    case JsonKind::kBool:
      FUZZ_CHECK(first == 't' || first == 'f');
      break;
    case JsonKind::kNull:
      FUZZ_CHECK(json.substr(n.value, 4) == "null");
      break;
  }
  uint32_t count = 0;
  uint32_t previous_end = n.value;
  for (uint32_t child : doc.Children(i)) {
    FUZZ_CHECK(doc.node(child).parent == i && doc.node(child).index == count++);
    FUZZ_CHECK(doc.node(child).key > previous_end);
    previous_end = doc.node(child).end;
  }
  FUZZ_CHECK(count == n.children);  // the whole outline is kept here
  const uint32_t step = std::max<uint32_t>(1, static_cast<uint32_t>(doc.size()) / kPathChecks);
  if (i % step == 0) {
    const std::string path = doc.Path(i);
    const std::optional<uint32_t> found = doc.Find(path);
    FUZZ_CHECK(found.has_value() && doc.Path(*found) == path);
  }
  if (n.kind == JsonKind::kString) {
    CoverageSink sink(json, n.value);
    doc.DecodeString(i, &sink);
    FUZZ_CHECK(sink.next() == n.end - 1);
  }
}

// Compares simdjson's tree with the outline, from node `i`; returns the
// node after its subtree.
uint32_t SameTree(const JsonDocument& doc, uint32_t i, simdjson::dom::element e) {
  const JsonNode& n = doc.node(i);
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      FUZZ_CHECK(n.kind == JsonKind::kObject);
      simdjson::dom::object object = e.get_object().value_unsafe();
      FUZZ_CHECK(object.size() == n.children);
      uint32_t child = i + 1;
      for (simdjson::dom::key_value_pair field : object) {
        FUZZ_CHECK(doc.Key(child) == field.key);
        child = SameTree(doc, child, field.value);
      }
      FUZZ_CHECK(child == n.next);
      return child;
    }
    case simdjson::dom::element_type::ARRAY: {
      FUZZ_CHECK(n.kind == JsonKind::kArray);
      simdjson::dom::array array = e.get_array().value_unsafe();
      FUZZ_CHECK(array.size() == n.children);
      uint32_t child = i + 1;
      for (simdjson::dom::element item : array) child = SameTree(doc, child, item);
      FUZZ_CHECK(child == n.next);
      return child;
    }
    case simdjson::dom::element_type::STRING:
      FUZZ_CHECK(n.kind == JsonKind::kString);
      FUZZ_CHECK(doc.String(i) == e.get_string().value_unsafe());
      return i + 1;
    case simdjson::dom::element_type::BOOL:
      FUZZ_CHECK(n.kind == JsonKind::kBool);
      return i + 1;
    case simdjson::dom::element_type::NULL_VALUE:
      FUZZ_CHECK(n.kind == JsonKind::kNull);
      return i + 1;
    default:
      FUZZ_CHECK(n.kind == JsonKind::kNumber);
      return i + 1;
  }
}

// True when `message` starts "fuzz.json:LINE:COLUMN: " for the place of `offset`.
bool WellPlaced(const std::string& message, std::string_view input, uint32_t offset) {
  const provcheck::base::TextPlace p = provcheck::base::PlaceAt(input, offset);
  const std::string prefix =
      std::string(kName) + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": ";
  return message.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > provcheck::fuzz::kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  using provcheck::base::CheckStrictJson;
  const JsonDocument doc = JsonDocument::Read(input, {.max_depth = kDeep});
  const provcheck::Status deep = doc.ToStatus(kName);
  const provcheck::Status again = CheckStrictJson(kName, input, kDeep);
  FUZZ_CHECK(deep.ok() == again.ok() && deep.message() == again.message());
  const provcheck::Status shallow = CheckStrictJson(kName, input, kShallow);
  if (shallow.ok()) FUZZ_CHECK(deep.ok());
  const JsonDocument root_only = JsonDocument::Read(
      input, {.max_depth = kDeep,
              .duplicate_keys = provcheck::base::JsonDuplicateKeys::kRefusedInRootObject});
  if (deep.ok()) FUZZ_CHECK(root_only.ok());

  if (!deep.ok()) {
    FUZZ_CHECK(deep.code() == provcheck::StatusCode::kInvalidInput);
    FUZZ_CHECK(doc.size() == 0);
    FUZZ_CHECK(doc.error().offset <= input.size());
    if (doc.error().first) FUZZ_CHECK(*doc.error().first < doc.error().offset);
    FUZZ_CHECK(WellPlaced(deep.message(), input, doc.error().offset));
    FUZZ_CHECK(deep.message().find('\n') == std::string::npos);
    return 0;
  }

  FUZZ_CHECK(!provcheck::base::FindInvalidUtf8(input).has_value());
  for (char c : input) {
    const auto b = static_cast<unsigned char>(c);
    FUZZ_CHECK(b >= 0x20 || c == ' ' || c == '\t' || c == '\n' || c == '\r');
  }
  FUZZ_CHECK(doc.size() >= 1);
  for (uint32_t i = 0; i < doc.size(); ++i) CheckNode(doc, i);

  // keep_depth 1 keeps the root and its children, exactly as the full read.
  const JsonDocument top = JsonDocument::Read(input, {.max_depth = kDeep, .keep_depth = 1});
  FUZZ_CHECK(top.ok());
  uint32_t kept = 0;
  for (uint32_t i = 0; i < doc.size(); ++i) {
    const JsonNode& n = doc.node(i);
    if (i != JsonDocument::kRoot && n.parent != JsonDocument::kRoot) continue;
    FUZZ_CHECK(kept < top.size());
    const JsonNode& t = top.node(kept++);
    FUZZ_CHECK(t.kind == n.kind && t.key == n.key && t.value == n.value && t.end == n.end &&
               t.children == n.children && t.index == n.index);
  }
  FUZZ_CHECK(kept == top.size());

  const std::string value(input);
  FUZZ_CHECK(CheckStrictJson(kName, "[" + value + "]", kDeep + 1).ok());
  FUZZ_CHECK(!CheckStrictJson(kName, value + "x", kDeep).ok());
  const provcheck::Status dup =
      CheckStrictJson(kName, "{\"k\":" + value + ",\"\\u006b\":0}", kDeep + 1);
  FUZZ_CHECK(!dup.ok());
  FUZZ_CHECK(dup.message().find("duplicate key \"k\" in $ (first at 1:2)") != std::string::npos);

  simdjson::dom::parser parser;
  const simdjson::padded_string padded(input);
  simdjson::dom::element root;
  const simdjson::error_code error = parser.parse(padded).get(root);
  FUZZ_CHECK(error == simdjson::SUCCESS || error == simdjson::NUMBER_ERROR ||
             error == simdjson::DEPTH_ERROR || error == simdjson::NUMBER_OUT_OF_RANGE);
  if (error == simdjson::SUCCESS) {
    FUZZ_CHECK(SameTree(doc, JsonDocument::kRoot, root) == doc.size());
  }
  return 0;
}
