#include "server/assets.h"

extern "C" {
extern const char provcheck_openapi_json[], provcheck_openapi_json_end[];
extern const char provcheck_page_html[], provcheck_page_html_end[];
extern const char provcheck_page_js[], provcheck_page_js_end[];
extern const char provcheck_page_css[], provcheck_page_css_end[];
}

namespace provcheck::server {
namespace {

std::string_view Span(const char* begin, const char* end) {
  return std::string_view(begin, static_cast<size_t>(end - begin));
}

}  // namespace

std::string_view OpenApiDocument() { return Span(provcheck_openapi_json, provcheck_openapi_json_end); }
std::string_view PageHtml() { return Span(provcheck_page_html, provcheck_page_html_end); }
std::string_view PageScript() { return Span(provcheck_page_js, provcheck_page_js_end); }
std::string_view PageStyle() { return Span(provcheck_page_css, provcheck_page_css_end); }

}  // namespace provcheck::server
