#include "text/entities.h"

#include <gumbo.h>

#include <cassert>
#include <cctype>
#include <memory>
#include <vector>

#include "base/utf8.h"

namespace provcheck::text {
namespace {

// The longest HTML5 name is "CounterClockwiseContourIntegral" (31 letters);
// numbers beyond 8 digits all decode to U+FFFD anyway.
constexpr size_t kMaxReferenceBytes = 40;

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Length of a syntactically complete reference at the start of `s`
// ("&name;", "&#123;", "&#x1F;"), or 0.
size_t ReferenceLength(std::string_view s) {
  size_t i = 1;
  if (i < s.size() && s[i] == '#') {
    ++i;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const size_t digits_start = i;
    while (i < s.size() && (hex ? IsHex(s[i]) : IsDigit(s[i]))) ++i;
    if (i == digits_start) return 0;
  } else {
    if (i >= s.size() || !std::isalpha(static_cast<unsigned char>(s[i]))) return 0;
    while (i < s.size() && IsAlnum(s[i])) ++i;
  }
  if (i >= s.size() || s[i] != ';' || i + 1 > kMaxReferenceBytes) return 0;
  return i + 1;
}

// The text of the first text node under `root`, walked without recursion.
std::string FirstText(const GumboNode* root) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
      return node->v.text.text;
    }
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i > 0; --i) {
      stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  }
  return "";
}

// Decodes `reference` with gumbo. A leading "x" keeps gumbo from dropping a
// reference that decodes to whitespace before <body>.
std::string DecodeWithGumbo(const std::string& reference) {
  const std::string input = "x" + reference;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  auto destroy = [](GumboOutput* out) { gumbo_destroy_output(&kGumboDefaultOptions, out); };
  std::unique_ptr<GumboOutput, decltype(destroy)> output(
      gumbo_parse_with_options(&options, input.data(), input.size()), destroy);
  if (output == nullptr) return "";
  std::string text = FirstText(output->root);
  if (text.empty() || text[0] != 'x') return "";
  text.erase(0, 1);
  // An unknown name that starts with a legacy one ("&notit;") comes back
  // partly decoded ("¬it;"); CommonMark keeps such a reference as text.
  if (text == reference || (text.size() > 1 && text.back() == ';')) return "";
  // gumbo overflows an int on a long number ("&#15555555569;") and encodes
  // the wrapped value as bytes that are not UTF-8; HTML5 decodes every number
  // beyond U+10FFFF to U+FFFD. (Found by tests/fuzz/read_markdown_fuzz.cc.)
  if (base::FindInvalidUtf8(text)) return "\xEF\xBF\xBD";
  return text;
}

}  // namespace

std::optional<EntityDecoder::Decoded> EntityDecoder::DecodeAt(std::string_view input) {
  assert(!input.empty() && input[0] == '&');
  const size_t length = ReferenceLength(input);
  if (length == 0) return std::nullopt;
  std::string reference(input.substr(0, length));
  auto it = cache_.find(reference);
  if (it == cache_.end()) {
    std::string text = DecodeWithGumbo(reference);
    it = cache_.emplace(std::move(reference), std::move(text)).first;
  }
  if (it->second.empty()) return std::nullopt;
  return Decoded{it->second, length};
}

}  // namespace provcheck::text
