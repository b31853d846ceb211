// JsonPositions: where each member and element of a JSON text stands, by
// JSON path, so that a message about a rules file can name the line and
// column of the key or value it is about (simdjson's DOM keeps no offsets).
//
// Paths are written as base/strict_json.cc writes them: "$" for the root,
// ".key" for a plain key (letters, digits, '_'), "[\"key\"]" for any other,
// "[2]" for an array element.
//
// Thread-safety: immutable after construction; const methods may be shared.
#ifndef PROVCHECK_SRC_RULES_JSON_POSITIONS_H_
#define PROVCHECK_SRC_RULES_JSON_POSITIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace provcheck::rules {

// `parent` extended by an object key or an array index.
std::string JsonPathKey(std::string_view parent, std::string_view key);
std::string JsonPathIndex(std::string_view parent, size_t index);

class JsonPositions {
 public:
  struct Place {
    uint32_t key = 0;    // the member's key (for an element or the root: its value)
    uint32_t value = 0;  // the first byte of the value
  };

  // REQUIRES: base::CheckStrictJson accepted `json` (no duplicate keys).
  explicit JsonPositions(std::string_view json);

  // The place of the value at `path`; {0, 0} when there is none.
  Place At(const std::string& path) const;

 private:
  size_t Value(size_t i, const std::string& path);
  size_t SkipSpace(size_t i) const;
  size_t StringEnd(size_t quote) const;  // just past the closing quote

  std::string_view json_;
  std::unordered_map<std::string, Place> places_;
};

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_JSON_POSITIONS_H_
