// Base64 (RFC 4648 section 4: the standard alphabet, with '=' padding).
//
// Decoding is strict, so that every byte string has exactly one accepted
// encoding: no whitespace, no URL-safe characters, length a multiple of 4,
// padding only at the end, and the unused low bits of the last character
// zero. A signed envelope therefore cannot be re-encoded into other bytes
// that still verify.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_BASE_BASE64_H_
#define PROVCHECK_SRC_BASE_BASE64_H_

#include <string>
#include <string_view>

#include "provcheck/result.h"

namespace provcheck::base {

std::string Base64Encode(std::string_view bytes);

// Decodes `text`. Fails with kInvalidInput "NAME: invalid base64 ... at
// character N" naming the first offending character (0-based), or the length
// when it is not a multiple of 4.
Result<std::string> Base64Decode(std::string_view name, std::string_view text);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_BASE64_H_
