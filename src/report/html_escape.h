// Escaping for the HTML report: text and attribute values made safe, and
// characters that hide text from a reader (invisible and bidi controls)
// made visible.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_REPORT_HTML_ESCAPE_H_
#define PROVCHECK_SRC_REPORT_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace provcheck::report {

// Appends `s` escaped for text and quoted attribute values (invalid UTF-8
// repaired first).
// With `mark_invisible`, invisible characters become a visible marker with
// their code point as a tooltip (the character itself is kept inside it,
// except bidi controls, which would reorder what follows).
void AppendEscaped(std::string& out, std::string_view s, bool mark_invisible = false);

// `s` escaped, without markers.
std::string Esc(std::string_view s);

// Whether `url` starts with http:// or https:// (any case): the only links
// the report makes clickable.
bool IsWebUrl(std::string_view url);

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_HTML_ESCAPE_H_
