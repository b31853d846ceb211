#include "rules/json_field_reader.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>

#include "base/json_string.h"

namespace provcheck::rules {
namespace {

// Values and keys from the file, quoted for a one-line message.
std::string Quote(std::string_view s) { return base::QuoteForMessage(s); }

std::string OneOf(std::initializer_list<std::string_view> choices) {
  std::string out = "one of ";
  size_t k = 0;
  for (std::string_view c : choices) {
    if (k++ > 0) out += ", ";
    out += Quote(c);
  }
  return out;
}

}  // namespace

std::string DescribeJson(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return "a number";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

Status CompilePattern(std::string text, std::string path, Pattern* out) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  auto re = std::make_shared<const RE2>(text, options);
  if (!re->ok()) return Status::InvalidInput(re->error());
  out->text = std::move(text);
  out->re = std::move(re);
  out->path = std::move(path);
  return Status::Ok();
}

bool HasGroup(const Pattern& pattern, std::string_view group) {
  if (!pattern.re) return false;
  const auto& groups = pattern.re->NamedCapturingGroups();
  return groups.find(std::string(group)) != groups.end();
}

JsonFieldReader::JsonFieldReader(std::string_view name, const base::JsonDocument& doc)
    : name_(name), doc_(doc) {}

Status JsonFieldReader::ErrorAt(const std::string& path, bool at_key, const std::string& what,
                                const std::string& expected) const {
  // Every path the parser names is in the outline; 1:1 should one not be.
  const std::optional<uint32_t> node = doc_.Find(path);
  uint32_t offset = 0;
  if (node) offset = at_key ? doc_.node(*node).key : doc_.node(*node).value;
  const base::TextPlace p = doc_.PlaceOf(offset);
  return Status::InvalidInput(std::string(name_) + ":" + std::to_string(p.line) + ":" +
                              std::to_string(p.column) + ": " + what + " (at " + path +
                              ": expected " + expected + ")");
}

Status JsonFieldReader::WrongType(simdjson::dom::element e, const std::string& path,
                                  const std::string& expected) const {
  return ErrorAt(path, false, "wrong type: found " + DescribeJson(e), expected);
}

Status JsonFieldReader::Object(simdjson::dom::element e, const std::string& path,
                               std::initializer_list<std::string_view> allowed,
                               simdjson::dom::object* out) const {
  if (e.get_object().get(*out) != simdjson::SUCCESS) return WrongType(e, path, "an object");
  for (simdjson::dom::key_value_pair field : *out) {
    if (field.key == "$comment") {
      if (!field.value.is_string())
        return WrongType(field.value, base::JsonPathKey(path, field.key), "a string");
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), field.key) == allowed.end()) {
      return ErrorAt(base::JsonPathKey(path, field.key), true, "unknown key " + Quote(field.key),
                     allowed.size() == 0 ? std::string("no keys here") : OneOf(allowed));
    }
  }
  return Status::Ok();
}

Status JsonFieldReader::String(simdjson::dom::element e, const std::string& path,
                               std::string* out) const {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return WrongType(e, path, "a string");
  out->assign(s);
  return Status::Ok();
}

Status JsonFieldReader::Bool(simdjson::dom::element e, const std::string& path, bool* out) const {
  if (e.get_bool().get(*out) != simdjson::SUCCESS) return WrongType(e, path, "true or false");
  return Status::Ok();
}

Status JsonFieldReader::Count(simdjson::dom::element e, const std::string& path, uint32_t min,
                              uint32_t max, uint32_t* out) const {
  const std::string expected =
      "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  int64_t v = 0;
  if (e.get_int64().get(v) != simdjson::SUCCESS) {
    uint64_t big = 0;
    if (e.get_uint64().get(big) == simdjson::SUCCESS) {
      return ErrorAt(path, false, "number out of range: " + std::to_string(big), expected);
    }
    double d = 0;
    if (e.get_double().get(d) == simdjson::SUCCESS) {
      return ErrorAt(path, false, "not a whole number", expected);
    }
    return WrongType(e, path, expected);
  }
  if (v < min || v > max) {
    return ErrorAt(path, false, "number out of range: " + std::to_string(v), expected);
  }
  *out = static_cast<uint32_t>(v);
  return Status::Ok();
}

Status JsonFieldReader::Share(simdjson::dom::element e, const std::string& path,
                              double* out) const {
  const std::string expected = "a number from 0 to 1 (0.2 is 20%)";
  if (e.get_double().get(*out) != simdjson::SUCCESS) {
    int64_t i = 0;
    uint64_t u = 0;
    if (e.get_int64().get(i) == simdjson::SUCCESS) {
      *out = static_cast<double>(i);
    } else if (e.get_uint64().get(u) == simdjson::SUCCESS) {
      *out = static_cast<double>(u);
    } else {
      return WrongType(e, path, expected);
    }
  }
  if (!(*out >= 0 && *out <= 1)) return ErrorAt(path, false, "number out of range", expected);
  return Status::Ok();
}

Status JsonFieldReader::Strings(simdjson::dom::element e, const std::string& path,
                                std::vector<std::string>* out) const {
  simdjson::dom::array array;
  if (e.get_array().get(array) != simdjson::SUCCESS) {
    return WrongType(e, path, "an array of strings");
  }
  size_t i = 0;
  for (simdjson::dom::element item : array) {
    const std::string item_path = base::JsonPathIndex(path, i++);
    std::string_view s;
    if (item.get_string().get(s) != simdjson::SUCCESS) {
      return WrongType(item, item_path, "a string");
    }
    if (s.empty()) return ErrorAt(item_path, false, "empty string", "a non-empty string");
    out->emplace_back(s);
  }
  return Status::Ok();
}

Status JsonFieldReader::Choice(simdjson::dom::element e, const std::string& path,
                               std::initializer_list<std::string_view> choices,
                               std::string* out) const {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return WrongType(e, path, OneOf(choices));
  if (std::find(choices.begin(), choices.end(), s) == choices.end()) {
    return ErrorAt(path, false, "unknown value " + Quote(s), OneOf(choices));
  }
  out->assign(s);
  return Status::Ok();
}

Status JsonFieldReader::Regex(simdjson::dom::element e, const std::string& path,
                              std::string_view rule, std::initializer_list<std::string_view> groups,
                              Pattern* out) const {
  std::string groups_text;
  for (std::string_view g : groups)
    groups_text += " with the named group (?P<" + std::string(g) + ">...)";
  const std::string expected = "an RE2 pattern" + groups_text;
  std::string_view view;
  if (e.get_string().get(view) != simdjson::SUCCESS) return WrongType(e, path, expected);
  std::string text(view);
  if (text.empty()) return ErrorAt(path, false, "empty pattern", expected);
  Status compiled = CompilePattern(text, path, out);
  if (!compiled.ok()) {
    return ErrorAt(path, false,
                   "invalid pattern for rule " + std::string(rule) + ": " + compiled.message(),
                   "a valid RE2 pattern (github.com/google/re2/wiki/Syntax)");
  }
  for (std::string_view g : groups) {
    if (!HasGroup(*out, g)) {
      return ErrorAt(path, false,
                     "pattern for rule " + std::string(rule) + " has no group named " + Quote(g),
                     expected);
    }
  }
  return Status::Ok();
}

}  // namespace provcheck::rules
