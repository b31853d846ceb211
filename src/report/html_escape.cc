#include "report/html_escape.h"

#include <cstdio>

#include "base/utf8.h"

namespace provcheck::report {
namespace {

// The code point starting at s[i] (valid UTF-8) and its length.
uint32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  if (i + n > s.size()) {
    *len = 1;
    return 0xFFFD;
  }
  uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t j = 1; j < n; ++j) cp = (cp << 6) | (static_cast<unsigned char>(s[i + j]) & 0x3F);
  *len = n;
  return cp;
}

bool IsBidiControl(uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// Characters that show nothing (or a blank) and hide text from readers and
// checkers: default-ignorable code points and invisible fillers.
bool IsInvisible(uint32_t cp) {
  return cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
         cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200D) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206A && cp <= 0x206F) || cp == 0x2800 ||
         cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 ||
         (cp >= 0xE0000 && cp <= 0xE0FFF) || IsBidiControl(cp);
}

const char* Entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return nullptr;
  }
}

}  // namespace

// Appends `s` escaped. With `mark_invisible`, invisible characters become a
// visible marker with their code point as a tooltip (the character itself is
// kept inside it, except bidi controls, which would reorder what follows).
void AppendEscaped(std::string& out, std::string_view s, bool mark_invisible) {
  std::string repaired;
  if (base::FindInvalidUtf8(s)) {
    repaired = base::ToValidUtf8(s);
    s = repaired;
  }
  for (size_t i = 0; i < s.size();) {
    const char ch = s[i];
    const auto c = static_cast<unsigned char>(ch);
    if (const char* entity = Entity(ch)) {
      out += entity;
      ++i;
      continue;
    }
    if (c < 0x80) {
      // C0 controls other than tab, newline and carriage return are not
      // allowed in HTML text.
      if ((c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || c == 0x7F) {
        out += "\xEF\xBF\xBD";
      } else {
        out.push_back(ch);
      }
      ++i;
      continue;
    }
    size_t len = 1;
    const uint32_t cp = DecodeAt(s, i, &len);
    if (mark_invisible && IsInvisible(cp)) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
      out += "<span class=\"inv\" title=\"hidden character ";
      out += code;
      out += "\">";
      if (!IsBidiControl(cp)) out.append(s.substr(i, len));
      out += "</span>";
    } else if (cp >= 0x80 && cp <= 0x9F) {
      out += "\xEF\xBF\xBD";  // C1 controls
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
}

std::string Esc(std::string_view s) {
  std::string out;
  AppendEscaped(out, s);
  return out;
}

bool IsWebUrl(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != p[i]) return false;
    }
    return true;
  };
  return starts("https://") || starts("http://");
}

}  // namespace provcheck::report
