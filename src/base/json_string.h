// JSON string literals as RFC 8785 writes them: quotes, minimal escapes
// (\" \\ \b \f \n \r \t, other control characters as \u00XX), every other
// byte as it is. Shared by the report writer and the DSSE envelope writer.
//
// Thread-safety: pure function.
#ifndef PROVCHECK_SRC_BASE_JSON_STRING_H_
#define PROVCHECK_SRC_BASE_JSON_STRING_H_

#include <string>
#include <string_view>

namespace provcheck::base {

// Appends `s` as a JSON string. REQUIRES: `s` is valid UTF-8.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_JSON_STRING_H_
