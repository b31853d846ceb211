#include "rules/rules_parser.h"

#include <simdjson.h>

#include <algorithm>
#include <map>

#include "base/json_document.h"
#include "rules/json_field_reader.h"
#include "rules/roster.h"
#include "rules/rule_catalog.h"

namespace provcheck::rules {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

class RulesParser {
 public:
  RulesParser(std::string_view name, const base::JsonDocument& doc, std::string base_dir,
              base::FileSystem& fs, bool allow_outside)
      : name_(name),
        fields_(name, doc),
        base_dir_(std::move(base_dir)),
        fs_(fs),
        allow_outside_(allow_outside) {}

  Status Parse(element root, RuleSet* set);

 private:
  Status Sources(element e, const std::string& path, SourceRules* out);
  Status Publisher(element e, const std::string& path, SourcePolicy* out);
  Status Reuse(element e, const std::string& path, ReuseRules* out);
  Status Copyright(element e, const std::string& path, CopyrightRules* out);
  Status Bylines(element e, const std::string& path, BylineRules* out);
  Status Roster(element e, const std::string& path, BylineRules* out);
  Status CreditLine(element e, const std::string& path, std::string_view rule,
                    CreditLineRules* out);
  Status Captions(element e, const std::string& path, CaptionRules* out);
  Status Settings(element e, const std::string& path, RuleSet* set);
  Status Names(element e, const std::string& path, std::set<std::string>* out);

  std::string_view name_;
  JsonFieldReader fields_;
  std::string base_dir_;
  base::FileSystem& fs_;
  bool allow_outside_;
};

std::string Key(std::string_view path, std::string_view key) {
  return base::JsonPathKey(path, key);
}

Status RulesParser::Parse(element root, RuleSet* set) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(fields_.Object(root, "$",
                                           {"$schema", "version", "name", "description", "sources",
                                            "reuse", "copyright", "bylines", "captions", "rules"},
                                           &o));
  bool has_version = false;
  for (auto [key, value] : o) {
    const std::string path = Key("$", key);
    std::string ignored;
    if (key == "$schema" || key == "name" || key == "description" || key == "$comment") {
      PROVCHECK_RETURN_IF_ERROR(fields_.String(value, path, &ignored));
    } else if (key == "version") {
      uint32_t version = 0;
      PROVCHECK_RETURN_IF_ERROR(fields_.Count(value, path, 1, 1, &version));
      has_version = true;
    } else if (key == "sources") {
      PROVCHECK_RETURN_IF_ERROR(Sources(value, path, &set->sources));
    } else if (key == "reuse") {
      PROVCHECK_RETURN_IF_ERROR(Reuse(value, path, &set->reuse));
    } else if (key == "copyright") {
      PROVCHECK_RETURN_IF_ERROR(Copyright(value, path, &set->copyright));
    } else if (key == "bylines") {
      PROVCHECK_RETURN_IF_ERROR(Bylines(value, path, &set->bylines));
    } else if (key == "captions") {
      PROVCHECK_RETURN_IF_ERROR(Captions(value, path, &set->captions));
    }
  }
  if (!has_version) {
    return fields_.ErrorAt("$", false, "missing key \"version\"", "\"version\": 1");
  }
  // $.rules last: nothing else depends on it, and it may name any rule.
  element rules;
  if (o["rules"].get(rules) == simdjson::SUCCESS) {
    PROVCHECK_RETURN_IF_ERROR(Settings(rules, "$.rules", set));
  }
  return Status::Ok();
}

Status RulesParser::Sources(element e, const std::string& path, SourceRules* out) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(fields_.Object(e, path, {"default", "publishers"}, &o));
  std::map<std::string, std::string> seen;  // PublisherKey -> path
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    if (key == "default") {
      std::string action;
      PROVCHECK_RETURN_IF_ERROR(fields_.Choice(value, p, {"forbid", "credit", "allow"}, &action));
      out->default_action = action == "allow"    ? SourceAction::kAllow
                            : action == "credit" ? SourceAction::kCredit
                                                 : SourceAction::kForbid;
      out->default_path = p;
    } else if (key == "publishers") {
      simdjson::dom::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) {
        return fields_.ErrorAt(p, false, "wrong type: found " + DescribeJson(value),
                               "an array of publisher objects");
      }
      size_t i = 0;
      for (element item : array) {
        const std::string ip = base::JsonPathIndex(p, i++);
        SourcePolicy policy;
        PROVCHECK_RETURN_IF_ERROR(Publisher(item, ip, &policy));
        for (const std::string& name : policy.names) {
          auto [it, inserted] = seen.emplace(name, ip);
          if (!inserted && it->second != ip) {
            return fields_.ErrorAt(ip, false, "publisher \"" + name + "\" is listed twice",
                                   "each publisher once (first at " + it->second + ")");
          }
        }
        out->publishers.push_back(std::move(policy));
      }
    }
  }
  return Status::Ok();
}

Status RulesParser::Publisher(element e, const std::string& path, SourcePolicy* out) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(
      fields_.Object(e, path, {"name", "aliases", "policy", "credit_patterns"}, &o));
  out->path = path;
  bool has_policy = false;
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    if (key == "name") {
      PROVCHECK_RETURN_IF_ERROR(fields_.String(value, p, &out->name));
      if (PublisherKey(out->name).empty()) {
        return fields_.ErrorAt(p, false, "empty name", "the publisher's name");
      }
      // The name first; an alias that reads the same ("The X" and "X") once.
      const std::string name_key = PublisherKey(out->name);
      out->names.erase(std::remove(out->names.begin(), out->names.end(), name_key),
                       out->names.end());
      out->names.insert(out->names.begin(), name_key);
    } else if (key == "aliases") {
      std::vector<std::string> aliases;
      PROVCHECK_RETURN_IF_ERROR(fields_.Strings(value, p, &aliases));
      for (const std::string& a : aliases) {
        std::string alias_key = PublisherKey(a);
        if (std::find(out->names.begin(), out->names.end(), alias_key) == out->names.end()) {
          out->names.push_back(std::move(alias_key));
        }
      }
    } else if (key == "policy") {
      std::string action;
      PROVCHECK_RETURN_IF_ERROR(fields_.Choice(value, p, {"forbid", "credit", "allow"}, &action));
      out->action = action == "allow"    ? SourceAction::kAllow
                    : action == "credit" ? SourceAction::kCredit
                                         : SourceAction::kForbid;
      has_policy = true;
    } else if (key == "credit_patterns") {
      simdjson::dom::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) {
        return fields_.ErrorAt(p, false, "wrong type: found " + DescribeJson(value),
                               "an array of RE2 patterns");
      }
      size_t i = 0;
      for (element item : array) {
        Pattern pattern;
        PROVCHECK_RETURN_IF_ERROR(
            fields_.Regex(item, base::JsonPathIndex(p, i++), kRuleUncreditedReuse, {}, &pattern));
        out->credit.push_back(std::move(pattern));
      }
    }
  }
  // "The Harbour Herald" and its alias "Harbour Herald" are one name.
  std::vector<std::string> unique;
  for (std::string& n : out->names) {
    if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(std::move(n));
  }
  out->names = std::move(unique);
  if (out->name.empty()) {
    return fields_.ErrorAt(path, false, "missing key \"name\"", "a publisher object with \"name\"");
  }
  if (!has_policy) {
    return fields_.ErrorAt(path, false, "missing key \"policy\"",
                           "a publisher object with \"policy\": \"forbid\", \"credit\" or "
                           "\"allow\"");
  }
  return Status::Ok();
}

Status RulesParser::Reuse(element e, const std::string& path, ReuseRules* out) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(fields_.Object(e, path, {"min_words", "fail_words", "max_share"}, &o));
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    if (key == "min_words") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Count(value, p, 1, 10000, &out->min_words));
    } else if (key == "fail_words") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Count(value, p, 1, 1000000, &out->fail_words));
    } else if (key == "max_share") {
      double share = 0;
      PROVCHECK_RETURN_IF_ERROR(fields_.Share(value, p, &share));
      out->max_share = share;
    }
  }
  return Status::Ok();
}

Status RulesParser::Copyright(element e, const std::string& path, CopyrightRules* out) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(fields_.Object(
      e, path, {"required", "position", "detect", "pattern", "holders", "year"}, &o));
  out->enabled = true;
  std::string pattern_path;
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    std::string choice;
    if (key == "required") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Bool(value, p, &out->required));
    } else if (key == "position") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Choice(value, p, {"last", "first", "anywhere"}, &choice));
      out->position = choice == "first"      ? CopyrightPosition::kFirst
                      : choice == "anywhere" ? CopyrightPosition::kAnywhere
                                             : CopyrightPosition::kLast;
    } else if (key == "detect") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Regex(value, p, kRuleCopyrightMissing, {}, &out->detect));
    } else if (key == "pattern") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Regex(value, p, kRuleCopyrightFormat, {}, &out->pattern));
      pattern_path = p;
    } else if (key == "holders") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Strings(value, p, &out->holders));
      for (std::string& h : out->holders) h = NormaliseName(h);
    } else if (key == "year") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Choice(value, p, {"publication", "any"}, &choice));
      out->year = choice == "any" ? YearPolicy::kAny : YearPolicy::kPublication;
    }
  }
  // The groups the other settings need, checked once all are known.
  const std::string where = pattern_path.empty() ? path : pattern_path;
  const std::string which = pattern_path.empty() ? "the built-in pattern" : "pattern";
  if (!out->holders.empty() && !HasGroup(out->pattern, "holder")) {
    return fields_.ErrorAt(where, false,
                           which + " for rule copyright.holder has no group named \"holder\"",
                           "an RE2 pattern with the named group (?P<holder>...) when "
                           "\"holders\" is set");
  }
  if (out->year == YearPolicy::kPublication && !HasGroup(out->pattern, "year")) {
    return fields_.ErrorAt(where, false,
                           which + " for rule copyright.year has no group named \"year\"",
                           "an RE2 pattern with the named group (?P<year>...) when \"year\" is "
                           "\"publication\"");
  }
  return Status::Ok();
}

Status RulesParser::Bylines(element e, const std::string& path, BylineRules* out) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(
      fields_.Object(e, path, {"roster", "agencies", "split", "name", "byline", "reporting"}, &o));
  out->enabled = true;
  out->byline.enabled = true;
  out->reporting.enabled = true;
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    if (key == "roster") {
      PROVCHECK_RETURN_IF_ERROR(Roster(value, p, out));
    } else if (key == "agencies") {
      PROVCHECK_RETURN_IF_ERROR(Names(value, p, &out->agencies));
    } else if (key == "split") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Regex(value, p, kRuleBylineUnknown, {}, &out->split));
    } else if (key == "name") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Regex(value, p, kRuleBylineUnknown, {"name"}, &out->name));
    } else if (key == "byline") {
      PROVCHECK_RETURN_IF_ERROR(CreditLine(value, p, kRuleBylineFormat, &out->byline));
    } else if (key == "reporting") {
      PROVCHECK_RETURN_IF_ERROR(CreditLine(value, p, kRuleReportingFormat, &out->reporting));
    }
  }
  return Status::Ok();
}

Status RulesParser::Roster(element e, const std::string& path, BylineRules* out) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(fields_.Object(e, path, {"names", "file"}, &o));
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    if (key == "names") {
      PROVCHECK_RETURN_IF_ERROR(Names(value, p, &out->staff));
    } else if (key == "file") {
      std::string file;
      PROVCHECK_RETURN_IF_ERROR(fields_.String(value, p, &file));
      const std::string expected =
          "a names file (one name per line) that can be read, "
          "relative to the rules file's folder";
      if (file.empty()) return fields_.ErrorAt(p, false, "empty file name", expected);
      out->roster_file = file;
      std::string full = file[0] == '/' || base_dir_.empty() ? file : base_dir_ + "/" + file;
      if (!allow_outside_) {
        // Confined to the rules file's folder: a rules file from a pull
        // request must not read /etc/passwd, ../../secrets or a link to
        // them (a byline equal to a line of it would pass: an oracle).
        Result<std::string> inside = base::ResolveInside(fs_, base_dir_, file);
        if (!inside && inside.status().code() == StatusCode::kInvalidInput) {
          return fields_.ErrorAt(
              p, false,
              "the roster file \"" + file + "\" leads outside the rules file's folder " +
                  (base_dir_.empty() ? std::string(".") : base_dir_),
              "a names file inside the rules file's folder (--allow-outside-paths reads "
              "others)");
        }
        if (inside) full = *inside;
      }
      Result<std::string> bytes = fs_.ReadFile(full, kMaxRosterBytes);
      if (!bytes) {
        return fields_.ErrorAt(p, false, "cannot read the roster file: " + bytes.status().message(),
                               expected);
      }
      Status parsed = ParseRoster(full, *bytes, &out->staff);
      if (!parsed.ok()) {
        return fields_.ErrorAt(p, false, "cannot read the roster file: " + parsed.message(),
                               expected);
      }
    }
  }
  return Status::Ok();
}

Status RulesParser::Names(element e, const std::string& path, std::set<std::string>* out) {
  std::vector<std::string> names;
  PROVCHECK_RETURN_IF_ERROR(fields_.Strings(e, path, &names));
  for (const std::string& n : names) out->insert(NormaliseName(n));
  return Status::Ok();
}

Status RulesParser::CreditLine(element e, const std::string& path, std::string_view rule,
                               CreditLineRules* out) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(fields_.Object(e, path, {"required", "detect", "pattern"}, &o));
  const std::string missing =
      rule == kRuleBylineFormat ? kRuleBylineMissing : kRuleReportingMissing;
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    if (key == "required") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Bool(value, p, &out->required));
    } else if (key == "detect") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Regex(value, p, missing, {}, &out->detect));
    } else if (key == "pattern") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Regex(value, p, rule, {"names"}, &out->pattern));
    }
  }
  return Status::Ok();
}

Status RulesParser::Captions(element e, const std::string& path, CaptionRules* out) {
  object o;
  PROVCHECK_RETURN_IF_ERROR(fields_.Object(
      e, path,
      {"credit_required", "credit_pattern", "agencies", "detect", "after_image", "max_words"}, &o));
  out->enabled = true;
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    if (key == "credit_required") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Bool(value, p, &out->credit_required));
    } else if (key == "credit_pattern") {
      PROVCHECK_RETURN_IF_ERROR(
          fields_.Regex(value, p, kRuleCaptionCredit, {"agency"}, &out->credit));
    } else if (key == "agencies") {
      PROVCHECK_RETURN_IF_ERROR(Names(value, p, &out->agencies));
    } else if (key == "detect") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Regex(value, p, kRuleCaptionCredit, {}, &out->detect));
    } else if (key == "after_image") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Bool(value, p, &out->after_image));
    } else if (key == "max_words") {
      PROVCHECK_RETURN_IF_ERROR(fields_.Count(value, p, 1, 1000, &out->max_words));
    }
  }
  return Status::Ok();
}

Status RulesParser::Settings(element e, const std::string& path, RuleSet* set) {
  object o;
  if (e.get_object().get(o) != simdjson::SUCCESS) {
    return fields_.ErrorAt(path, false, "wrong type: found " + DescribeJson(e),
                           "an object whose keys are rule ids");
  }
  for (auto [key, value] : o) {
    const std::string p = Key(path, key);
    if (key == "$comment") {
      std::string ignored;
      PROVCHECK_RETURN_IF_ERROR(fields_.String(value, p, &ignored));
      continue;
    }
    if (FindRule(key) == nullptr) {
      std::string ids;
      for (const RuleInfo& r : AllRules()) ids += (ids.empty() ? "" : ", ") + std::string(r.id);
      return fields_.ErrorAt(p, true, "unknown rule \"" + std::string(key) + "\"",
                             "a rule id: " + ids);
    }
    RuleSetting& setting = set->settings[std::string(key)];
    setting.path = p;
    object ro;
    PROVCHECK_RETURN_IF_ERROR(fields_.Object(value, p, {"severity", "message"}, &ro));
    for (auto [rkey, rvalue] : ro) {
      const std::string rp = Key(p, rkey);
      if (rkey == "severity") {
        std::string severity;
        PROVCHECK_RETURN_IF_ERROR(
            fields_.Choice(rvalue, rp, {"error", "warning", "note", "off"}, &severity));
        setting.off = severity == "off";
        setting.severity = severity == "warning" ? Severity::kWarning
                           : severity == "note"  ? Severity::kNote
                                                 : Severity::kError;
      } else if (rkey == "message") {
        PROVCHECK_RETURN_IF_ERROR(fields_.String(rvalue, rp, &setting.message));
        if (setting.message.empty()) {
          return fields_.ErrorAt(rp, false, "empty message", "a non-empty message");
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<RuleSet> ParseRules(std::string_view name, std::string_view bytes,
                           const std::string& base_dir, base::FileSystem& fs,
                           bool allow_outside_paths) {
  const base::JsonDocument doc = base::JsonDocument::Read(bytes, {.max_depth = kMaxRulesDepth});
  PROVCHECK_RETURN_IF_ERROR(doc.ToStatus(name));
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(bytes);
  element root;
  if (const simdjson::error_code error = parser.parse(padded).get(root); error) {
    // The strict check accepted it, so this is a limit of simdjson's.
    return Status::InvalidInput(std::string(name) + ": the JSON parser refused the file (" +
                                simdjson::error_message(error) + ")");
  }
  RuleSet set = DefaultRuleSet();
  RulesParser parser_of_rules(name, doc, base_dir, fs, allow_outside_paths);
  PROVCHECK_RETURN_IF_ERROR(parser_of_rules.Parse(root, &set));
  return set;
}

}  // namespace provcheck::rules
