// JsonFieldReader: typed access to a rules file's values, with messages that
// name the place. Every failure is kInvalidInput with one message
//   NAME:LINE:COLUMN: what is wrong (at $.json.path: expected ...)
// pointing at the key (unknown key) or the value (wrong type or value).
//
// Owns: the checks of JSON types, ranges, choices and RE2 patterns. Knows
// nothing of what the sections mean.
//
// Thread-safety: not thread-safe; one reader per rules file.
#ifndef PROVCHECK_SRC_RULES_JSON_FIELD_READER_H_
#define PROVCHECK_SRC_RULES_JSON_FIELD_READER_H_

#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_document.h"
#include "provcheck/status.h"
#include "rules/rule_set.h"

namespace provcheck::rules {

class JsonFieldReader {
 public:
  // `name` (for messages) and `doc` (the places of the values the
  // simdjson elements come from) must outlive the reader.
  // REQUIRES: doc.ok(), with the whole outline kept.
  JsonFieldReader(std::string_view name, const base::JsonDocument& doc);

  // The message for a problem with the value at `path` (or its key).
  Status ErrorAt(const std::string& path, bool at_key, const std::string& what,
                 const std::string& expected) const;

  // Checks that `e` is an object whose keys are all in `allowed` ("$comment"
  // is allowed everywhere) and stores it in `out`.
  Status Object(simdjson::dom::element e, const std::string& path,
                std::initializer_list<std::string_view> allowed, simdjson::dom::object* out) const;
  Status String(simdjson::dom::element e, const std::string& path, std::string* out) const;
  Status Bool(simdjson::dom::element e, const std::string& path, bool* out) const;
  // An integer in [min, max].
  Status Count(simdjson::dom::element e, const std::string& path, uint32_t min, uint32_t max,
               uint32_t* out) const;
  // A number in [0, 1].
  Status Share(simdjson::dom::element e, const std::string& path, double* out) const;
  // An array of non-empty strings.
  Status Strings(simdjson::dom::element e, const std::string& path,
                 std::vector<std::string>* out) const;
  // A string that is one of `choices`.
  Status Choice(simdjson::dom::element e, const std::string& path,
                std::initializer_list<std::string_view> choices, std::string* out) const;
  // An RE2 pattern for rule `rule`, with the named groups `groups`.
  Status Regex(simdjson::dom::element e, const std::string& path, std::string_view rule,
               std::initializer_list<std::string_view> groups, Pattern* out) const;

 private:
  Status WrongType(simdjson::dom::element e, const std::string& path,
                   const std::string& expected) const;

  std::string_view name_;
  const base::JsonDocument& doc_;
};

// Compiles `text` as RE2 (UTF-8, never logging). Fails with the RE2 error
// ("missing ): ^(a") as a kInvalidInput message.
Status CompilePattern(std::string text, std::string path, Pattern* out);

// True when the pattern has a named group `group`.
bool HasGroup(const Pattern& pattern, std::string_view group);

// What a JSON value is, for messages: "a string", "a number", ...
std::string DescribeJson(simdjson::dom::element e);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_JSON_FIELD_READER_H_
