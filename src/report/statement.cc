#include "report/statement.h"

#include <simdjson.h>

#include <cmath>

#include "base/json_document.h"
#include "report/report_json.h"

namespace provcheck::report {
namespace {

// A report nests about seven levels (statement, predicate, findings, a
// finding, matches, a match); leave room for fields added later.
constexpr size_t kMaxStatementDepth = 64;
// JSON integers beyond 2^53 do not survive a JavaScript reader (RFC 8785).
constexpr int64_t kMaxSafeInteger = int64_t{1} << 53;

bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

JsonValue MakeStatement(JsonValue predicate, const std::string& name, const std::string& sha256) {
  JsonValue statement = JsonValue::EmptyObject();
  statement.Set("_type", kStatementType);
  JsonValue& subjects = statement.Set("subject", JsonValue::EmptyArray());
  JsonValue subject = JsonValue::EmptyObject();
  subject.Set("name", name);
  subject.Set("digest", JsonValue::EmptyObject()).Set("sha256", sha256);
  subjects.Append(std::move(subject));
  statement.Set("predicateType", kReportPredicateType);
  statement.Set("predicate", std::move(predicate));
  return statement;
}

// simdjson's DOM to a JsonValue, for re-canonicalising a report at sign
// time. simdjson in error-code mode throughout: each get() below matches the
// type just switched on, and a mismatch would still be an error, not a throw.
Status ToJsonValue(std::string_view name, simdjson::dom::element e, JsonValue* out) {
  using simdjson::dom::element_type;
  const Status unexpected = Status::Internal(std::string(name) + ": simdjson type mismatch");
  switch (e.type()) {
    case element_type::OBJECT: {
      simdjson::dom::object obj;
      if (e.get_object().get(obj) != simdjson::SUCCESS) return unexpected;
      JsonValue o = JsonValue::EmptyObject();
      for (simdjson::dom::key_value_pair member : obj) {
        JsonValue v;
        PROVCHECK_RETURN_IF_ERROR(ToJsonValue(name, member.value, &v));
        o.Set(std::string(member.key), std::move(v));
      }
      *out = std::move(o);
      return Status::Ok();
    }
    case element_type::ARRAY: {
      simdjson::dom::array arr;
      if (e.get_array().get(arr) != simdjson::SUCCESS) return unexpected;
      JsonValue a = JsonValue::EmptyArray();
      for (simdjson::dom::element item : arr) {
        JsonValue v;
        PROVCHECK_RETURN_IF_ERROR(ToJsonValue(name, item, &v));
        a.Append(std::move(v));
      }
      *out = std::move(a);
      return Status::Ok();
    }
    case element_type::INT64: {
      int64_t v = 0;
      if (e.get_int64().get(v) != simdjson::SUCCESS) return unexpected;
      if (v > kMaxSafeInteger || v < -kMaxSafeInteger) {
        return Status::InvalidInput(std::string(name) + ": integer " + std::to_string(v) +
                                    " is beyond 2^53 and has no canonical JSON form");
      }
      *out = JsonValue(v);
      return Status::Ok();
    }
    case element_type::UINT64: {
      uint64_t v = 0;
      if (e.get_uint64().get(v) != simdjson::SUCCESS) return unexpected;
      return Status::InvalidInput(std::string(name) + ": integer " + std::to_string(v) +
                                  " is beyond 2^53 and has no canonical JSON form");
    }
    case element_type::DOUBLE: {
      double v = 0;
      if (e.get_double().get(v) != simdjson::SUCCESS) return unexpected;
      // RFC 8785 prints 1e17 as 100000000000000000: an integer beyond 2^53,
      // which this reader (and simdjson, past 2^64) would then refuse. So
      // refuse such numbers however they are written (issue 8, found by
      // tests/fuzz/report_json_fuzz.cc).
      if (std::trunc(v) == v && std::fabs(v) > static_cast<double>(kMaxSafeInteger) &&
          std::fabs(v) < 1e21) {
        return Status::InvalidInput(std::string(name) + ": number " + FormatJsonNumber(v) +
                                    " is an integer beyond 2^53 and has no canonical JSON form");
      }
      *out = JsonValue(v);
      return Status::Ok();
    }
    case element_type::STRING: {
      std::string_view v;
      if (e.get_string().get(v) != simdjson::SUCCESS) return unexpected;
      *out = JsonValue(v);
      return Status::Ok();
    }
    case element_type::BOOL: {
      bool v = false;
      if (e.get_bool().get(v) != simdjson::SUCCESS) return unexpected;
      *out = JsonValue(v);
      return Status::Ok();
    }
    case element_type::NULL_VALUE:
      *out = JsonValue(nullptr);
      return Status::Ok();
  }
  return unexpected;
}

// Looks up `key` in `obj` (no duplicates: the strict check ran first).
bool Member(simdjson::dom::object obj, std::string_view key, simdjson::dom::element* out) {
  return obj.at_key(key).get(*out) == simdjson::SUCCESS;
}

// Reads back a statement's fields; every failure names the JSON path.
class StatementReader {
 public:
  explicit StatementReader(std::string_view name) : name_(name) {}

  Status Fail(const std::string& what) const {
    return Status::VerificationFailed(std::string(name_) +
                                      ": the signed payload is not a provcheck report "
                                      "statement: " +
                                      what);
  }

  Status Object(simdjson::dom::element e, std::string_view path, simdjson::dom::object* out) {
    if (e.get_object().get(*out) != simdjson::SUCCESS) {
      return Fail(std::string(path) + " is not an object");
    }
    return Status::Ok();
  }

  Status String(simdjson::dom::object obj, std::string_view path, std::string_view key,
                std::string* out) {
    simdjson::dom::element e;
    std::string_view s;
    if (!Member(obj, key, &e)) {
      return Fail(std::string(path) + "." + std::string(key) + " is missing");
    }
    if (e.get_string().get(s) != simdjson::SUCCESS) {
      return Fail(std::string(path) + "." + std::string(key) + " is not a string");
    }
    *out = std::string(s);
    return Status::Ok();
  }

  Status Child(simdjson::dom::object obj, std::string_view path, std::string_view key,
               simdjson::dom::object* out) {
    simdjson::dom::element e;
    if (!Member(obj, key, &e)) {
      return Fail(std::string(path) + "." + std::string(key) + " is missing");
    }
    return Object(e, std::string(path) + "." + std::string(key), out);
  }

 private:
  std::string_view name_;
};

}  // namespace

std::string ReportToStatement(const Report& report) {
  return MakeStatement(ReportToJson(report), report.draft_path, report.draft_sha256).Canonical();
}

Result<std::string> ReportJsonToStatement(std::string_view name, std::string_view report_json) {
  PROVCHECK_RETURN_IF_ERROR(base::CheckStrictJson(name, report_json, kMaxStatementDepth));
  simdjson::dom::parser parser;
  simdjson::padded_string padded(report_json.data(), report_json.size());
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return Status::InvalidInput(std::string(name) + ": " + simdjson::error_message(error));
  }
  const std::string not_report = std::string(name) + ": not a provcheck report: ";
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) {
    return Status::InvalidInput(not_report + "expected a JSON object");
  }
  simdjson::dom::element e;
  std::string_view schema, path, sha256;
  if (!Member(obj, "schema", &e) || e.get_string().get(schema) != simdjson::SUCCESS ||
      schema != kReportSchema) {
    return Status::InvalidInput(not_report + "expected \"schema\": \"" +
                                std::string(kReportSchema) + "\"");
  }
  simdjson::dom::object draft;
  if (!Member(obj, "draft", &e) || e.get_object().get(draft) != simdjson::SUCCESS ||
      !Member(draft, "path", &e) || e.get_string().get(path) != simdjson::SUCCESS ||
      !Member(draft, "sha256", &e) || e.get_string().get(sha256) != simdjson::SUCCESS ||
      !IsSha256Hex(sha256)) {
    return Status::InvalidInput(not_report +
                                "expected \"draft\" with \"path\" and a hex \"sha256\"");
  }
  JsonValue predicate;
  PROVCHECK_RETURN_IF_ERROR(ToJsonValue(name, root, &predicate));
  return MakeStatement(std::move(predicate), std::string(path), std::string(sha256)).Canonical();
}

Result<ReportStatementFacts> ReadReportStatement(std::string_view name, std::string_view payload) {
  StatementReader r(name);
  if (Status s = base::CheckStrictJson("payload", payload, kMaxStatementDepth); !s.ok()) {
    return r.Fail(s.message());
  }
  simdjson::dom::parser parser;
  simdjson::padded_string padded(payload.data(), payload.size());
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return r.Fail(simdjson::error_message(error));
  }
  ReportStatementFacts facts;
  simdjson::dom::object statement;
  PROVCHECK_RETURN_IF_ERROR(r.Object(root, "$", &statement));
  std::string type, predicate_type;
  PROVCHECK_RETURN_IF_ERROR(r.String(statement, "$", "_type", &type));
  if (type != kStatementType) {
    return r.Fail("$._type is \"" + type.substr(0, 80) + "\", expected \"" + kStatementType + "\"");
  }
  PROVCHECK_RETURN_IF_ERROR(r.String(statement, "$", "predicateType", &predicate_type));
  if (predicate_type != kReportPredicateType) {
    return r.Fail("$.predicateType is \"" + predicate_type.substr(0, 80) + "\", expected \"" +
                  kReportPredicateType + "\"");
  }

  simdjson::dom::element e;
  simdjson::dom::array subjects;
  if (!Member(statement, "subject", &e) || e.get_array().get(subjects) != simdjson::SUCCESS ||
      subjects.size() != 1) {
    return r.Fail("$.subject must be an array of exactly one subject, the draft");
  }
  simdjson::dom::object subject, digest;
  simdjson::dom::element first;
  if (subjects.at(0).get(first) != simdjson::SUCCESS) return r.Fail("$.subject[0] is missing");
  PROVCHECK_RETURN_IF_ERROR(r.Object(first, "$.subject[0]", &subject));
  PROVCHECK_RETURN_IF_ERROR(r.String(subject, "$.subject[0]", "name", &facts.subject_name));
  PROVCHECK_RETURN_IF_ERROR(r.Child(subject, "$.subject[0]", "digest", &digest));
  PROVCHECK_RETURN_IF_ERROR(
      r.String(digest, "$.subject[0].digest", "sha256", &facts.subject_sha256));
  if (!IsSha256Hex(facts.subject_sha256)) {
    return r.Fail("$.subject[0].digest.sha256 is not 64 lower-case hex digits");
  }

  simdjson::dom::object predicate, tool, draft, index;
  PROVCHECK_RETURN_IF_ERROR(r.Child(statement, "$", "predicate", &predicate));
  std::string schema, draft_path, draft_sha256;
  PROVCHECK_RETURN_IF_ERROR(r.String(predicate, "$.predicate", "schema", &schema));
  if (schema != kReportSchema) {
    return r.Fail("$.predicate.schema is \"" + schema.substr(0, 80) + "\", expected \"" +
                  kReportSchema + "\"");
  }
  PROVCHECK_RETURN_IF_ERROR(r.Child(predicate, "$.predicate", "draft", &draft));
  PROVCHECK_RETURN_IF_ERROR(r.String(draft, "$.predicate.draft", "path", &draft_path));
  PROVCHECK_RETURN_IF_ERROR(r.String(draft, "$.predicate.draft", "sha256", &draft_sha256));
  if (draft_sha256 != facts.subject_sha256 || draft_path != facts.subject_name) {
    return r.Fail("$.predicate.draft disagrees with $.subject[0]");
  }
  PROVCHECK_RETURN_IF_ERROR(r.String(predicate, "$.predicate", "created", &facts.created));
  PROVCHECK_RETURN_IF_ERROR(r.String(predicate, "$.predicate", "verdict", &facts.verdict));
  if (facts.verdict != "pass" && facts.verdict != "fail") {
    return r.Fail("$.predicate.verdict is neither \"pass\" nor \"fail\"");
  }
  simdjson::dom::array reasons;
  if (Member(predicate, "reasons", &e) && e.get_array().get(reasons) == simdjson::SUCCESS) {
    for (simdjson::dom::element reason : reasons) {
      std::string_view s;
      if (reason.get_string().get(s) == simdjson::SUCCESS) facts.reasons.emplace_back(s);
    }
  }
  PROVCHECK_RETURN_IF_ERROR(r.Child(predicate, "$.predicate", "tool", &tool));
  PROVCHECK_RETURN_IF_ERROR(r.String(tool, "$.predicate.tool", "name", &facts.tool_name));
  PROVCHECK_RETURN_IF_ERROR(r.String(tool, "$.predicate.tool", "version", &facts.tool_version));
  PROVCHECK_RETURN_IF_ERROR(r.Child(predicate, "$.predicate", "index", &index));
  PROVCHECK_RETURN_IF_ERROR(r.String(index, "$.predicate.index", "id", &facts.index_id));
  PROVCHECK_RETURN_IF_ERROR(r.String(index, "$.predicate.index", "digest", &facts.index_digest));
  if (Member(index, "documents", &e)) {
    uint64_t documents = 0;
    // A count beyond 2^53 was never written by provcheck (its writer has no
    // canonical form for it) and would print wrongly from JavaScript.
    if (e.get_uint64().get(documents) != simdjson::SUCCESS ||
        documents > static_cast<uint64_t>(kMaxSafeInteger)) {
      return r.Fail("$.predicate.index.documents is not a count");
    }
    facts.index_documents = documents;
  }
  if (!Member(predicate, "rules", &e)) return r.Fail("$.predicate.rules is missing");
  if (!e.is_null()) {
    simdjson::dom::object rules;
    PROVCHECK_RETURN_IF_ERROR(r.Object(e, "$.predicate.rules", &rules));
    std::string rules_path, rules_sha256;
    PROVCHECK_RETURN_IF_ERROR(r.String(rules, "$.predicate.rules", "path", &rules_path));
    PROVCHECK_RETURN_IF_ERROR(r.String(rules, "$.predicate.rules", "sha256", &rules_sha256));
    facts.rules_path = std::move(rules_path);
    facts.rules_sha256 = std::move(rules_sha256);
  }
  return facts;
}

}  // namespace provcheck::report
