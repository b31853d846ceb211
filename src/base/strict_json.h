// A strict JSON syntax check (RFC 8259), run on bytes from outside before
// simdjson parses them.
//
// Why: simdjson accepts an object with the same key twice and a lookup
// silently takes the first, so two readers of one signed envelope or rules
// file could see different values. This check refuses duplicate keys
// anywhere (compared after decoding escapes, so "a" and "\u0061" are the
// same key), caps nesting depth, and accepts only RFC 8259's grammar: no
// comments, no trailing commas, no leading zeros, no lone surrogates, no
// byte order mark, valid UTF-8 in strings, nothing after the value but
// whitespace.
//
// Knows nothing of what the JSON means; the caller's parser does that.
// Thread-safety: a pure function.
#ifndef PROVCHECK_SRC_BASE_STRICT_JSON_H_
#define PROVCHECK_SRC_BASE_STRICT_JSON_H_

#include <cstddef>
#include <string_view>

#include "provcheck/status.h"

namespace provcheck::base {

// Ok when `bytes` is one JSON value under the rules above, nested at most
// `max_depth` arrays or objects deep. Otherwise kInvalidInput with
// "NAME:LINE:COLUMN: <what>", the first problem found, for example
//   envelope.json:1:48: duplicate key "payload" in $
//   rules.json:12:7: expected ',' or '}' after an object member
// Lines and columns count from 1; columns count code points.
// REQUIRES: max_depth >= 1.
Status CheckStrictJson(std::string_view name, std::string_view bytes, size_t max_depth);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_STRICT_JSON_H_
