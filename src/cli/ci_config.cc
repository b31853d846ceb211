#include "cli/ci_config.h"

#include <simdjson.h>

#include <optional>

#include "base/file_system.h"
#include "base/json_document.h"

namespace provcheck::cli {
namespace {

constexpr uint64_t kMaxConfigBytes = 1 << 20;
constexpr size_t kMaxConfigDepth = 4;

class Reader {
 public:
  // `name` and `doc` must outlive the reader. REQUIRES: doc.ok().
  Reader(std::string_view name, const base::JsonDocument& doc) : name_(name), doc_(doc) {}

  Status Error(uint32_t offset, const std::string& what) const {
    const base::TextPlace p = doc_.PlaceOf(offset);
    return Status::InvalidInput(std::string(name_) + ":" + std::to_string(p.line) + ":" +
                                std::to_string(p.column) + ": " + what);
  }
  Status ValueError(const std::string& path, const std::string& expected) const {
    const std::optional<uint32_t> node = doc_.Find(path);
    return Error(node ? doc_.node(*node).value : 0, "at " + path + ": expected " + expected);
  }
  Status KeyError(const std::string& path, const std::string& what) const {
    const std::optional<uint32_t> node = doc_.Find(path);
    return Error(node ? doc_.node(*node).key : 0, what);
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
  const base::JsonDocument& doc_;
};

}  // namespace

Result<CiConfig> ParseCiConfig(std::string_view name, std::string_view bytes) {
  const base::JsonDocument doc = base::JsonDocument::Read(bytes, {.max_depth = kMaxConfigDepth});
  PROVCHECK_RETURN_IF_ERROR(doc.ToStatus(name));
  simdjson::dom::parser parser;
  simdjson::padded_string padded(bytes);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) {
    return Status::InvalidInput(std::string(name) + ": not valid JSON");
  }
  Reader reader(name, doc);
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return reader.ValueError("$", "an object with \"index\", \"rules\" or \"paths\"");
  }
  CiConfig config;
  config.found = true;
  for (auto [key, value] : object) {
    const std::string path = base::JsonPathKey("$", key);
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
        PROVCHECK_RETURN_IF_ERROR(reader.NonEmptyString(e, base::JsonPathIndex(path, n++), &s));
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
