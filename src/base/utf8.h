// UTF-8 validation and binary detection for bytes that come from outside.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_BASE_UTF8_H_
#define PROVCHECK_SRC_BASE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace provcheck::base {

// Returns the byte offset of the first byte that does not begin a valid
// UTF-8 sequence (overlongs, surrogates and code points above U+10FFFF are
// invalid), or nullopt when all of `bytes` is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view bytes);

// Appends the UTF-8 encoding of code point `cp` to *out.
// REQUIRES: cp <= 0x10FFFF and not a surrogate.
void AppendUtf8(uint32_t cp, std::string* out);

// `bytes` with each byte that does not begin a valid UTF-8 sequence replaced
// by U+FFFD, for showing outside bytes (file names) where UTF-8 is required.
std::string ToValidUtf8(std::string_view bytes);

// `bytes` unchanged when it is valid UTF-8; otherwise every byte that does not
// belong to a valid sequence, and every '%', written as %XX (upper-case hex),
// so a file name that is not UTF-8 travels as explicit bytes, losslessly.
std::string PercentEncodeInvalidUtf8(std::string_view bytes);

// Returns the offset of the first NUL byte, or nullopt.
std::optional<size_t> FindNul(std::string_view bytes);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_UTF8_H_
