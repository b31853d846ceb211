// Files built into the binary (assets.S.in, .incbin at build time): the
// OpenAPI document (docs/openapi.json, the one kept in the repository) and
// the web page (src/server/page.html, page.js, page.css). Served as they are.
//
// Thread-safety: constant data.
#ifndef PROVCHECK_SRC_SERVER_ASSETS_H_
#define PROVCHECK_SRC_SERVER_ASSETS_H_

#include <string_view>

namespace provcheck::server {

std::string_view OpenApiDocument();
std::string_view PageHtml();
std::string_view PageScript();
std::string_view PageStyle();

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_ASSETS_H_
