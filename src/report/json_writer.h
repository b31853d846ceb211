// JsonValue and its canonical serialisation (RFC 8785, JSON Canonicalization
// Scheme): object members sorted by the UTF-16 code units of their names, no
// insignificant whitespace, strings with minimal escapes, numbers as
// ECMAScript's Number.prototype.toString prints them. The same value always
// gives the same bytes, so a signature over them is reproducible.
//
// Thread-safety: values; const access may be shared.
#ifndef PROVCHECK_SRC_REPORT_JSON_WRITER_H_
#define PROVCHECK_SRC_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/json_string.h"

namespace provcheck::report {

class JsonValue {
 public:
  using Array = std::vector<JsonValue>;
  using Object = std::vector<std::pair<std::string, JsonValue>>;

  JsonValue() : v_(nullptr) {}
  JsonValue(std::nullptr_t) : v_(nullptr) {}              // NOLINT
  JsonValue(bool b) : v_(b) {}                            // NOLINT
  JsonValue(int v) : v_(static_cast<int64_t>(v)) {}       // NOLINT
  JsonValue(unsigned v) : v_(static_cast<int64_t>(v)) {}  // NOLINT
  JsonValue(int64_t v) : v_(v) {}                         // NOLINT
  JsonValue(uint64_t v) : v_(static_cast<int64_t>(v)) {}  // NOLINT
  JsonValue(double v) : v_(v) {}                          // NOLINT
  JsonValue(const char* s) : v_(std::string(s)) {}        // NOLINT
  JsonValue(std::string s) : v_(std::move(s)) {}          // NOLINT
  JsonValue(std::string_view s) : v_(std::string(s)) {}   // NOLINT
  JsonValue(Array a) : v_(std::move(a)) {}                // NOLINT
  JsonValue(Object o) : v_(std::move(o)) {}               // NOLINT

  static JsonValue EmptyObject() { return JsonValue(Object{}); }
  static JsonValue EmptyArray() { return JsonValue(Array{}); }

  // REQUIRES: this is an object. Appends a member (names must be unique).
  JsonValue& Set(std::string name, JsonValue value);
  // REQUIRES: this is an array.
  JsonValue& Append(JsonValue value);

  // The canonical bytes. REQUIRES: no NaN or infinite numbers; strings are
  // valid UTF-8.
  std::string Canonical() const;

 private:
  void Write(std::string& out) const;
  std::variant<std::nullptr_t, bool, int64_t, double, std::string, Array, Object> v_;
};

// ECMAScript Number.prototype.toString of a finite double (RFC 8785 3.2.2.3).
std::string FormatJsonNumber(double value);
// Appends `s` as a JSON string with RFC 8785's escaping.
using base::AppendJsonString;

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_JSON_WRITER_H_
