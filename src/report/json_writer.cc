#include "report/json_writer.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace provcheck::report {
namespace {

// UTF-16 code units of a UTF-8 string, for RFC 8785's member ordering.
std::u16string ToUtf16(std::string_view s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else {
      cp = c & 0x07;
      len = 4;
    }
    for (size_t j = 1; j < len && i + j < s.size(); ++j) cp = (cp << 6) | (s[i + j] & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

}  // namespace

JsonValue& JsonValue::Set(std::string name, JsonValue value) {
  auto* o = std::get_if<Object>(&v_);
  assert(o != nullptr);
  o->emplace_back(std::move(name), std::move(value));
  return o->back().second;
}

JsonValue& JsonValue::Append(JsonValue value) {
  auto* a = std::get_if<Array>(&v_);
  assert(a != nullptr);
  a->push_back(std::move(value));
  return a->back();
}

std::string JsonValue::Canonical() const {
  std::string out;
  Write(out);
  return out;
}

void JsonValue::Write(std::string& out) const {
  if (std::holds_alternative<std::nullptr_t>(v_)) {
    out += "null";
  } else if (const bool* b = std::get_if<bool>(&v_)) {
    out += *b ? "true" : "false";
  } else if (const int64_t* i = std::get_if<int64_t>(&v_)) {
    // Integers beyond 2^53 would not survive a JavaScript reader.
    assert(std::llabs(*i) <= (int64_t{1} << 53));
    out += std::to_string(*i);
  } else if (const double* d = std::get_if<double>(&v_)) {
    out += FormatJsonNumber(*d);
  } else if (const std::string* s = std::get_if<std::string>(&v_)) {
    AppendJsonString(out, *s);
  } else if (const Array* a = std::get_if<Array>(&v_)) {
    out.push_back('[');
    for (size_t n = 0; n < a->size(); ++n) {
      if (n) out.push_back(',');
      (*a)[n].Write(out);
    }
    out.push_back(']');
  } else {
    const Object& o = std::get<Object>(v_);
    std::vector<std::pair<std::u16string, const std::pair<std::string, JsonValue>*>> sorted;
    sorted.reserve(o.size());
    for (const auto& member : o) sorted.emplace_back(ToUtf16(member.first), &member);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    out.push_back('{');
    for (size_t n = 0; n < sorted.size(); ++n) {
      if (n) out.push_back(',');
      AppendJsonString(out, sorted[n].second->first);
      out.push_back(':');
      sorted[n].second->second.Write(out);
    }
    out.push_back('}');
  }
}

std::string FormatJsonNumber(double value) {
  assert(std::isfinite(value));
  if (value == 0) return "0";  // also -0
  std::string out;
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // Shortest round-trip digits, as ECMAScript requires, then its layout.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // value = 0.digits * 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out.push_back('.');
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

}  // namespace provcheck::report
