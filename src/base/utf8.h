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

// `text` for one human-readable line (a message, a summary line, a report
// line): every control character but the tab written as a visible escape,
// "\n", "\r", "\xHH" for the other C0 controls and DEL, "\u0085" for the
// C1 controls (U+0080 to U+009F), and U+2028 and U+2029 as "\u2028",
// "\u2029". So a file name or draft text holding
// "\n::error file=a.md::forged" cannot start a line of its own (a GitHub
// Actions workflow command, a forged log entry) nor move a terminal's
// cursor. Other bytes, invalid UTF-8 included, are left as they are.
std::string EscapeControlCharacters(std::string_view text);

// Returns the offset of the first NUL byte, or nullopt.
std::optional<size_t> FindNul(std::string_view bytes);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_UTF8_H_
