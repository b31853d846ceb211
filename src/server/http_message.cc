#include "server/http_message.h"

#include "base/utf8.h"
#include "report/json_writer.h"

namespace provcheck::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Calls `f(name, value)` for each raw "name=value" of `query`.
template <typename F>
void ForEachParameter(std::string_view query, F f) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (f(name, value)) return;
  }
}

}  // namespace

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

std::string HttpRequest::Query(std::string_view name, std::string_view fallback) const {
  std::string out(fallback);
  ForEachParameter(query, [&](std::string_view n, std::string_view v) {
    if (PercentDecode(n, true) != name) return false;
    out = PercentDecode(v, true);
    return true;
  });
  return out;
}

HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  HttpResponse r;
  r.status = status;
  r.log_error = std::string(code);
  report::JsonValue error = report::JsonValue::EmptyObject();
  error.Set("code", code);
  error.Set("message", base::ToValidUtf8(message));
  report::JsonValue body = report::JsonValue::EmptyObject();
  body.Set("error", std::move(error));
  r.body = body.Canonical() + "\n";
  return r;
}

bool HttpRequest::HasQuery(std::string_view name) const {
  bool found = false;
  ForEachParameter(query, [&](std::string_view n, std::string_view) {
    found = PercentDecode(n, true) == name;
    return found;
  });
  return found;
}

}  // namespace provcheck::server
