// The rules file parser: bytes in, a checked RuleSet out.
//
// The bytes are read by base::JsonDocument first (strict RFC 8259, no
// duplicate key anywhere: simdjson would silently take the first; its
// outline gives every message its place), then simdjson parses them and
// every key and value is checked against the schema in rules/schema.json.
// Nothing is silently defaulted: an unknown key, a wrong type, a value out
// of range, a pattern that does not compile (or lacks a group its rule
// needs) or a roster file that cannot be read is an error.
//
// Thread-safety: a pure function (it reads roster files through `fs`).
#ifndef PROVCHECK_SRC_RULES_RULES_PARSER_H_
#define PROVCHECK_SRC_RULES_RULES_PARSER_H_

#include <string>
#include <string_view>

#include "base/file_system.h"
#include "provcheck/result.h"
#include "rules/rule_set.h"

namespace provcheck::rules {

// Nesting deeper than this is refused (the schema needs 4 levels).
inline constexpr size_t kMaxRulesDepth = 16;
inline constexpr uint64_t kMaxRosterBytes = 4ULL << 20;

// Parses `bytes`, the rules file `name` (used in messages). A roster file
// named in it is read through `fs`, relative to `base_dir` (the rules
// file's folder; "" for the working directory) unless absolute. Unless
// `allow_outside_paths`, it must lie inside `base_dir` once resolved
// (base::ResolveInside: no "..", absolute path or symbolic link out of it);
// a roster's content never appears in a message.
// Fails with kInvalidInput and one message
//   NAME:LINE:COLUMN: what is wrong (at $.json.path: expected ...)
// or, for JSON that is not strict JSON, the strict check's message
//   NAME:LINE:COLUMN: duplicate key "policy" in $.sources.publishers[0] (first at 3:17)
Result<RuleSet> ParseRules(std::string_view name, std::string_view bytes,
                           const std::string& base_dir, base::FileSystem& fs,
                           bool allow_outside_paths = false);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_RULES_PARSER_H_
