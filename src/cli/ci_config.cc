#include "cli/ci_config.h"

#include <simdjson.h>

#include <map>

#include "base/file_system.h"
#include "base/strict_json.h"
#include "text/line_index.h"

namespace provcheck::cli {
namespace {

constexpr uint64_t kMaxConfigBytes = 1 << 20;
constexpr size_t kMaxConfigDepth = 4;

// Where each member key and value of the top-level object (and each element
// of an array member) starts, by JSON path ("$.paths", "$.paths[1]").
// REQUIRES: CheckStrictJson accepted the text.
class Positions {
 public:
  explicit Positions(std::string_view json) : j_(json) {
    Space();
    Value("$", 0);
  }
  size_t Key(const std::string& path) const { return Find(keys_, path); }
  size_t Value(const std::string& path) const { return Find(values_, path); }

 private:
  static size_t Find(const std::map<std::string, size_t>& m, const std::string& path) {
    auto it = m.find(path);
    return it == m.end() ? 0 : it->second;
  }
  void Space() {
    while (i_ < j_.size() &&
           (j_[i_] == ' ' || j_[i_] == '\t' || j_[i_] == '\n' || j_[i_] == '\r')) {
      ++i_;
    }
  }
  // The raw text between the quotes (escapes not decoded); i_ past the end.
  std::string String() {
    size_t start = ++i_;
    while (i_ < j_.size() && j_[i_] != '"') i_ += j_[i_] == '\\' ? 2 : 1;
    return std::string(j_.substr(start, i_++ - start));
  }
  void Value(const std::string& path, int depth) {
    values_[path] = i_;
    if (i_ >= j_.size()) return;
    const char c = j_[i_];
    if (c == '"') {
      String();
    } else if (c == '{' || c == '[') {
      ++i_;
      for (size_t n = 0;; ++n) {
        Space();
        if (i_ >= j_.size() || j_[i_] == '}' || j_[i_] == ']') break;
        std::string child;
        if (c == '{') {
          const size_t key_at = i_;
          child = path + "." + String();
          if (depth == 0) keys_[child] = key_at;
          Space();
          ++i_;  // ':'
          Space();
        } else {
          child = path + "[" + std::to_string(n) + "]";
        }
        Value(child, depth + 1);
        Space();
        if (i_ < j_.size() && j_[i_] == ',') ++i_;
      }
      ++i_;
    } else {
      while (i_ < j_.size() &&
             std::string_view(",]} \t\r\n").find(j_[i_]) == std::string_view::npos) {
        ++i_;
      }
    }
  }

  std::string_view j_;
  size_t i_ = 0;
  std::map<std::string, size_t> keys_, values_;
};

class Reader {
 public:
  Reader(std::string_view name, std::string_view json)
      : name_(name), positions_(json), lines_(json) {}

  Status Error(size_t offset, const std::string& what) const {
    text::LineIndex::Position p = lines_.At(static_cast<uint32_t>(offset));
    return Status::InvalidInput(std::string(name_) + ":" + std::to_string(p.line) + ":" +
                                std::to_string(p.column) + ": " + what);
  }
  Status ValueError(const std::string& path, const std::string& expected) const {
    return Error(positions_.Value(path), "at " + path + ": expected " + expected);
  }
  Status KeyError(const std::string& path, const std::string& what) const {
    return Error(positions_.Key(path), what);
  }

  Status NonEmptyString(simdjson::dom::element e, const std::string& path, std::string* out) const {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) return ValueError(path, "a string");
    if (s.empty()) return ValueError(path, "a non-empty string");
    if (s.find('\0') != std::string_view::npos) {
      return ValueError(path, "a string without NUL characters");
    }
    *out = std::string(s);
    return Status::Ok();
  }

 private:
  std::string_view name_;
  Positions positions_;
  text::LineIndex lines_;
};

}  // namespace

Result<CiConfig> ParseCiConfig(std::string_view name, std::string_view bytes) {
  PROVCHECK_RETURN_IF_ERROR(base::CheckStrictJson(name, bytes, kMaxConfigDepth));
  simdjson::dom::parser parser;
  simdjson::padded_string padded(bytes);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) {
    return Status::InvalidInput(std::string(name) + ": not valid JSON");
  }
  Reader reader(name, bytes);
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return reader.ValueError("$", "an object with \"index\", \"rules\" or \"paths\"");
  }
  CiConfig config;
  config.found = true;
  for (auto [key, value] : object) {
    const std::string path = "$." + std::string(key);
    if (key == "$comment") continue;
    if (key == "index" || key == "rules") {
      std::string s;
      PROVCHECK_RETURN_IF_ERROR(reader.NonEmptyString(value, path, &s));
      (key == "index" ? config.index : config.rules) = std::move(s);
    } else if (key == "paths") {
      simdjson::dom::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) {
        return reader.ValueError(path, "an array of git pathspecs (strings)");
      }
      config.paths.emplace();
      size_t n = 0;
      for (simdjson::dom::element e : array) {
        std::string s;
        PROVCHECK_RETURN_IF_ERROR(
            reader.NonEmptyString(e, path + "[" + std::to_string(n++) + "]", &s));
        config.paths->push_back(std::move(s));
      }
    } else {
      return reader.KeyError(path, "unknown member \"" + std::string(key) +
                                       "\" (expected \"index\", \"rules\" or \"paths\")");
    }
  }
  return config;
}

Result<CiConfig> LoadCiConfig(const std::string& root) {
  const std::string path = root + "/" + kCiConfigName;
  base::FileSystem& fs = base::FileSystem::Default();
  if (fs.Kind(path) == base::PathKind::kMissing) return CiConfig{};
  PROVCHECK_ASSIGN_OR_RETURN(std::string bytes, fs.ReadFile(path, kMaxConfigBytes));
  return ParseCiConfig(path, bytes);
}

}  // namespace provcheck::cli
