// Fuzzes provcheck::base::CheckStrictJson, the gate in front of simdjson for
// rules files, envelopes and CI configs.
//
// Invariants:
//   - deterministic; a failure is kInvalidInput with one line
//     "fuzz.json:LINE:COLUMN: ..." whose LINE exists in the input;
//   - a deeper limit never refuses what a shallower one accepts;
//   - accepted input is valid UTF-8 with no control bytes but JSON
//     whitespace (so no NUL);
//   - composition: an accepted value stays accepted inside an array one level
//     deeper, is refused with a byte appended, and is refused as the value of
//     a key that the same object repeats (duplicate key);
//   - simdjson, the parser behind the gate, parses what the gate accepts,
//     except for its own number and depth limits.
#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/strict_json.h"
#include "base/utf8.h"
#include "fuzz_check.h"

namespace {

constexpr char kName[] = "fuzz.json";
constexpr size_t kShallow = 8;
constexpr size_t kDeep = 64;

// True when `message` is "fuzz.json:LINE:COLUMN: ..." with 1 <= LINE <= lines.
bool WellPlaced(const std::string& message, size_t lines) {
  const std::string prefix = std::string(kName) + ":";
  if (message.compare(0, prefix.size(), prefix) != 0) return false;
  size_t i = prefix.size();
  size_t line = 0;
  size_t digits = 0;
  while (i < message.size() && message[i] >= '0' && message[i] <= '9' && digits < 12) {
    line = line * 10 + static_cast<size_t>(message[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || i >= message.size() || message[i] != ':') return false;
  ++i;
  digits = 0;
  while (i < message.size() && message[i] >= '0' && message[i] <= '9') {
    ++i;
    ++digits;
  }
  if (digits == 0 || i >= message.size() || message[i] != ':') return false;
  return line >= 1 && line <= lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > provcheck::fuzz::kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  using provcheck::base::CheckStrictJson;
  const provcheck::Status deep = CheckStrictJson(kName, input, kDeep);
  const provcheck::Status again = CheckStrictJson(kName, input, kDeep);
  FUZZ_CHECK(deep.ok() == again.ok() && deep.message() == again.message());
  const provcheck::Status shallow = CheckStrictJson(kName, input, kShallow);
  if (shallow.ok()) FUZZ_CHECK(deep.ok());

  if (!deep.ok()) {
    FUZZ_CHECK(deep.code() == provcheck::StatusCode::kInvalidInput);
    const size_t lines = static_cast<size_t>(std::count(input.begin(), input.end(), '\n')) + 1;
    FUZZ_CHECK(WellPlaced(deep.message(), lines));
    FUZZ_CHECK(deep.message().find('\n') == std::string::npos);
    return 0;
  }

  FUZZ_CHECK(!provcheck::base::FindInvalidUtf8(input).has_value());
  for (char c : input) {
    const auto b = static_cast<unsigned char>(c);
    FUZZ_CHECK(b >= 0x20 || c == ' ' || c == '\t' || c == '\n' || c == '\r');
  }
  const std::string value(input);
  FUZZ_CHECK(CheckStrictJson(kName, "[" + value + "]", kDeep + 1).ok());
  FUZZ_CHECK(!CheckStrictJson(kName, value + "x", kDeep).ok());
  const provcheck::Status dup =
      CheckStrictJson(kName, "{\"k\":" + value + ",\"\\u006b\":0}", kDeep + 1);
  FUZZ_CHECK(!dup.ok());
  FUZZ_CHECK(dup.message().find("duplicate key") != std::string::npos);

  simdjson::dom::parser parser;
  const simdjson::padded_string padded(input);
  simdjson::dom::element root;
  const simdjson::error_code error = parser.parse(padded).get(root);
  FUZZ_CHECK(error == simdjson::SUCCESS || error == simdjson::NUMBER_ERROR ||
             error == simdjson::DEPTH_ERROR ||
             error == simdjson::NUMBER_OUT_OF_RANGE);
  return 0;
}
