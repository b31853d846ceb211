// EntityDecoder: HTML character references (&amp; &ldquo; &#8217; &#x2019;).
//
// Named references are decoded by asking gumbo, the HTML5 parser the HTML
// reader already uses, so provcheck carries no entity table of its own and
// decodes exactly as the HTML reader does (including the HTML5 remapping of
// &#150; to an en dash). Results are cached per decoder.
//
// Thread-safety: not thread-safe (the cache); use one decoder per reader.
#ifndef PROVCHECK_SRC_TEXT_ENTITIES_H_
#define PROVCHECK_SRC_TEXT_ENTITIES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace provcheck::text {

class EntityDecoder {
 public:
  struct Decoded {
    std::string text;  // the decoded characters, UTF-8
    size_t length;     // bytes of the reference in the input, '&' to ';'
  };

  // Decodes the reference at the start of `input`. Only complete references
  // ending in ';' are decoded (as CommonMark does); for anything else, or an
  // unknown name, returns nullopt and the '&' is plain text.
  // REQUIRES: !input.empty() && input[0] == '&'
  std::optional<Decoded> DecodeAt(std::string_view input);

 private:
  std::unordered_map<std::string, std::string> cache_;  // reference -> text ("" if unknown)
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_ENTITIES_H_
