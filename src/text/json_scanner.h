// A JSON syntax scanner that knows where things are.
//
// simdjson parses article files but reports no position for an error and no
// offset for a value; this scanner supplies both: the offset of the first
// syntax error with what was expected there, and the offsets of the keys and
// values of the top-level object. It also decodes a string while mapping
// each decoded byte to the escape or byte it came from.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_TEXT_JSON_SCANNER_H_
#define PROVCHECK_SRC_TEXT_JSON_SCANNER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/extracted_text.h"

namespace provcheck::text {

// A key of the top-level object and where it and its value begin.
struct JsonMember {
  std::string key;  // decoded
  uint32_t key_offset;
  uint32_t value_offset;
};

struct JsonSyntaxError {
  uint32_t offset;
  std::string expected;  // "',' or '}'", "a value", ...
};

struct JsonScan {
  std::optional<JsonSyntaxError> error;  // set when the text is not JSON (RFC 8259)
  bool root_is_object = false;
  uint32_t root_offset = 0;
  std::vector<JsonMember> members;  // of the root object, in input order
};

// Scans `json` in one pass, without recursion (nesting is bounded by memory
// only). Lone or unpaired \u surrogate escapes are errors.
JsonScan ScanJson(std::string_view json);

// Appends the string whose opening quote is at json[quote_offset] to `out`,
// decoded: plain bytes verbatim, each escape ("\n", "\u2019", a surrogate
// pair) as one replacement of its bytes. Offsets in `out` are json offsets.
// REQUIRES: ScanJson(json) found no error and a string starts there.
void DecodeJsonString(std::string_view json, uint32_t quote_offset, ExtractedText* out);

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_JSON_SCANNER_H_
