#include "rules/json_positions.h"

#include "text/extracted_text.h"
#include "text/json_scanner.h"

namespace provcheck::rules {
namespace {

bool IsPlainName(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string JsonPathKey(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (IsPlainName(key)) return out + "." + std::string(key);
  out += "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"]";
}

std::string JsonPathIndex(std::string_view parent, size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

JsonPositions::JsonPositions(std::string_view json) : json_(json) {
  const size_t start = SkipSpace(0);
  places_["$"] = {static_cast<uint32_t>(start), static_cast<uint32_t>(start)};
  Value(start, "$");
}

JsonPositions::Place JsonPositions::At(const std::string& path) const {
  auto it = places_.find(path);
  return it == places_.end() ? Place{} : it->second;
}

size_t JsonPositions::SkipSpace(size_t i) const {
  while (i < json_.size() &&
         (json_[i] == ' ' || json_[i] == '\t' || json_[i] == '\n' || json_[i] == '\r')) {
    ++i;
  }
  return i;
}

size_t JsonPositions::StringEnd(size_t quote) const {
  size_t i = quote + 1;
  while (i < json_.size() && json_[i] != '"') i += json_[i] == '\\' ? 2 : 1;
  return i + 1;
}

// Records the places inside the value at json_[i] (whose own place is
// recorded by the caller) and returns the offset just past it. Nesting is
// bounded by the strict check's depth limit.
size_t JsonPositions::Value(size_t i, const std::string& path) {
  if (i >= json_.size()) return i;
  const char c = json_[i];
  if (c == '"') return StringEnd(i);
  if (c != '{' && c != '[') {
    while (i < json_.size() && json_[i] != ',' && json_[i] != '}' && json_[i] != ']' &&
           json_[i] != ' ' && json_[i] != '\n' && json_[i] != '\r' && json_[i] != '\t') {
      ++i;
    }
    return i;
  }
  const char close = c == '{' ? '}' : ']';
  i = SkipSpace(i + 1);
  size_t index = 0;
  while (i < json_.size() && json_[i] != close) {
    std::string child;
    uint32_t key_at = static_cast<uint32_t>(i);
    if (c == '{') {
      text::ExtractedText key;
      text::DecodeJsonString(json_, static_cast<uint32_t>(i), &key);
      child = JsonPathKey(path, key.text());
      i = SkipSpace(SkipSpace(StringEnd(i)) + 1);  // past ':'
    } else {
      child = JsonPathIndex(path, index++);
      key_at = static_cast<uint32_t>(i);
    }
    places_[child] = {key_at, static_cast<uint32_t>(i)};
    i = SkipSpace(Value(i, child));
    if (i < json_.size() && json_[i] == ',') i = SkipSpace(i + 1);
  }
  return i + 1;
}

}  // namespace provcheck::rules
