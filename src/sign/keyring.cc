#include "sign/keyring.h"

#include <simdjson.h>

#include "base/file_system.h"
#include "base/json_document.h"
#include "base/json_string.h"

namespace provcheck::sign {
namespace {

constexpr size_t kMaxKeyringDepth = 4;
constexpr size_t kMaxPemBytes = 4096;

std::string Quoted(std::string_view s) {
  std::string out;
  base::AppendJsonString(out, s.substr(0, 80));
  return out;
}

class EntryReader {
 public:
  explicit EntryReader(std::string_view file) : file_(file) {}

  Status Bad(const std::string& where, const std::string& what) const {
    return Status::InvalidInput(file_ + ": " + where + ": " + what);
  }

  Status String(const std::string& where, simdjson::dom::element v, size_t max,
                std::string_view* out) const {
    if (v.get_string().get(*out) != simdjson::SUCCESS) return Bad(where, "expected a string");
    if (out->size() > max) {
      return Bad(where, std::to_string(out->size()) + " bytes, more than the limit of " +
                            std::to_string(max));
    }
    return Status::Ok();
  }

  // A UTC time, or none for null when `nullable`.
  Status Time(const std::string& where, simdjson::dom::element v, bool nullable,
              std::optional<UnixSeconds>* out) const {
    if (nullable && v.is_null()) {
      out->reset();
      return Status::Ok();
    }
    std::string_view text;
    if (v.get_string().get(text) != simdjson::SUCCESS) {
      return Bad(where, nullable ? "expected a UTC time string or null" : "expected a UTC time");
    }
    Result<UnixSeconds> t = ParseUtc(file_ + ": " + where, text);
    if (!t) return t.status();
    *out = *t;
    return Status::Ok();
  }

  Result<KeyringEntry> Entry(const std::string& where, simdjson::dom::element e) const {
    simdjson::dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) return Bad(where, "expected an object");
    std::string_view name, keyid, pem;
    std::optional<UnixSeconds> not_before, not_after, revoked_at;
    bool have_name = false, have_keyid = false, have_pem = false, have_nb = false;
    for (simdjson::dom::key_value_pair m : obj) {
      const std::string at = where + "." + std::string(m.key);
      if (m.key == "name") {
        PROVCHECK_RETURN_IF_ERROR(String(at, m.value, kMaxKeyNameBytes, &name));
        have_name = true;
      } else if (m.key == "keyid") {
        PROVCHECK_RETURN_IF_ERROR(String(at, m.value, 64, &keyid));
        have_keyid = true;
      } else if (m.key == "publicKey") {
        PROVCHECK_RETURN_IF_ERROR(String(at, m.value, kMaxPemBytes, &pem));
        have_pem = true;
      } else if (m.key == "notBefore") {
        PROVCHECK_RETURN_IF_ERROR(Time(at, m.value, false, &not_before));
        have_nb = true;
      } else if (m.key == "notAfter") {
        PROVCHECK_RETURN_IF_ERROR(Time(at, m.value, true, &not_after));
      } else if (m.key == "revokedAt") {
        PROVCHECK_RETURN_IF_ERROR(Time(at, m.value, true, &revoked_at));
      } else {
        return Bad(where, "unexpected member " + Quoted(m.key) +
                              " (expected name, keyid, publicKey, notBefore, notAfter, "
                              "revokedAt)");
      }
    }
    if (!have_name) return Bad(where, "missing \"name\"");
    if (!have_pem) return Bad(where, "missing \"publicKey\"");
    if (!have_nb) return Bad(where, "missing \"notBefore\" (when the key starts to be valid)");
    if (name.empty()) return Bad(where + ".name", "empty");
    for (unsigned char c : name) {
      if (c < ' ' || c == 0x7f) return Bad(where + ".name", "control characters in a key name");
    }
    Result<PublicKey> key = PublicKey::FromPem(file_ + ": " + where + ".publicKey", pem);
    if (!key) return key.status();
    if (have_keyid && keyid != key->keyid()) {
      return Bad(where + ".keyid",
                 Quoted(keyid) + " is not the keyid of publicKey (" + key->keyid() + ")");
    }
    if (not_after && *not_after <= *not_before) {
      return Bad(where + ".notAfter", "not after notBefore");
    }
    return KeyringEntry{std::string(name), std::move(key).value(),
                        KeyValidity{*not_before, not_after, revoked_at}};
  }

 private:
  std::string file_;
};

void AppendTimeOrNull(std::string& out, const std::optional<UnixSeconds>& t) {
  if (t) {
    base::AppendJsonString(out, FormatUtc(*t));
  } else {
    out += "null";
  }
}

}  // namespace

std::string KeyValidity::ProblemAt(UnixSeconds t) const {
  if (t < not_before) return "before its validity starts (notBefore " + FormatUtc(not_before) + ")";
  if (not_after && t > *not_after)
    return "after its validity ended (notAfter " + FormatUtc(*not_after) + ")";
  if (revoked_at && t >= *revoked_at)
    return "at or after its revocation (revokedAt " + FormatUtc(*revoked_at) + ")";
  return "";
}

std::string KeyValidity::Describe() const {
  std::string out = "valid from " + FormatUtc(not_before) +
                    (not_after ? " to " + FormatUtc(*not_after) : " with no end");
  if (revoked_at) out += ", revoked at " + FormatUtc(*revoked_at);
  return out;
}

Result<Keyring> Keyring::Parse(std::string_view name, std::string_view bytes) {
  const std::string file(name);
  if (bytes.size() > kMaxKeyringBytes) {
    return Status::ResourceLimit(file + ": " + std::to_string(bytes.size()) +
                                 " bytes, more than the keyring limit of " +
                                 std::to_string(kMaxKeyringBytes));
  }
  if (Status s = base::CheckStrictJson(name, bytes, kMaxKeyringDepth); !s.ok()) {
    return Status::InvalidInput(s.message() + " (not a valid keyring)");
  }
  simdjson::dom::parser parser;
  simdjson::padded_string padded(bytes.data(), bytes.size());
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return Status::InvalidInput(file + ": " + simdjson::error_message(error));
  }
  EntryReader reader(file);
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) return reader.Bad("$", "expected an object");
  std::string_view schema;
  simdjson::dom::array keys;
  bool have_schema = false, have_keys = false;
  for (simdjson::dom::key_value_pair m : obj) {
    if (m.key == "schema") {
      PROVCHECK_RETURN_IF_ERROR(reader.String("$.schema", m.value, 64, &schema));
      have_schema = true;
    } else if (m.key == "keys") {
      if (m.value.get_array().get(keys) != simdjson::SUCCESS) {
        return reader.Bad("$.keys", "expected an array");
      }
      have_keys = true;
    } else {
      return reader.Bad("$", "unexpected member " + Quoted(m.key) + " (expected schema, keys)");
    }
  }
  if (!have_schema || schema != kKeyringSchema) {
    return reader.Bad("$.schema", std::string("expected \"") + kKeyringSchema + "\"" +
                                      (have_schema ? ", got " + Quoted(schema) : ""));
  }
  if (!have_keys) return reader.Bad("$", "missing \"keys\"");
  if (keys.size() > kMaxKeyringKeys) {
    return Status::ResourceLimit(file + ": " + std::to_string(keys.size()) +
                                 " keys, more than the limit of " +
                                 std::to_string(kMaxKeyringKeys));
  }
  Keyring out;
  out.name_ = file;
  size_t i = 0;
  for (simdjson::dom::element e : keys) {
    const std::string where = "$.keys[" + std::to_string(i++) + "]";
    PROVCHECK_ASSIGN_OR_RETURN(KeyringEntry entry, reader.Entry(where, e));
    for (size_t j = 0; j < out.entries_.size(); ++j) {
      const KeyringEntry& other = out.entries_[j];
      const std::string earlier = "$.keys[" + std::to_string(j) + "]";
      if (other.name == entry.name) {
        return Status::VerificationFailed(
            file + ": " + where + ".name " + Quoted(entry.name) + " repeats " + earlier +
            ".name: a keyring names each key once, or a verifier could not say which key "
            "signed");
      }
      if (other.key.keyid() == entry.key.keyid()) {
        return Status::VerificationFailed(file + ": " + where + " holds the same public key as " +
                                          earlier + " (" + Quoted(other.name) +
                                          "): a key appears in a keyring once");
      }
    }
    out.entries_.push_back(std::move(entry));
  }
  return out;
}

Result<Keyring> Keyring::Load(const std::string& path) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string bytes,
                             base::FileSystem::Default().ReadFile(path, kMaxKeyringBytes));
  return Parse(path, bytes);
}

const KeyringEntry* Keyring::FindByKeyid(std::string_view keyid) const {
  for (const KeyringEntry& e : entries_) {
    if (e.key.keyid() == keyid) return &e;
  }
  return nullptr;
}

std::string Keyring::ToJson() const {
  std::string out = "{\n  \"schema\": \"";
  out += kKeyringSchema;
  out += "\",\n  \"keys\": [";
  for (size_t i = 0; i < entries_.size(); ++i) {
    const KeyringEntry& e = entries_[i];
    out += i == 0 ? "\n    {\n      \"name\": " : ",\n    {\n      \"name\": ";
    base::AppendJsonString(out, e.name);
    out += ",\n      \"keyid\": ";
    base::AppendJsonString(out, e.key.keyid());
    out += ",\n      \"publicKey\": ";
    Result<std::string> pem = e.key.ToPem();
    base::AppendJsonString(out, pem ? *pem : "");
    out += ",\n      \"notBefore\": ";
    base::AppendJsonString(out, FormatUtc(e.validity.not_before));
    out += ",\n      \"notAfter\": ";
    AppendTimeOrNull(out, e.validity.not_after);
    out += ",\n      \"revokedAt\": ";
    AppendTimeOrNull(out, e.validity.revoked_at);
    out += "\n    }";
  }
  out += entries_.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

Status Keyring::Add(KeyringEntry entry) {
  if (entry.name.empty() || entry.name.size() > kMaxKeyNameBytes) {
    return Status::InvalidArgument("a key name must be 1 to " + std::to_string(kMaxKeyNameBytes) +
                                   " bytes");
  }
  for (unsigned char c : entry.name) {
    if (c < ' ' || c == 0x7f) return Status::InvalidArgument("control characters in a key name");
  }
  const UnixSeconds lo = UtcSeconds(0, 1, 1, 0, 0, 0), hi = UtcSeconds(9999, 12, 31, 23, 59, 59);
  for (const std::optional<UnixSeconds>& t :
       {std::optional<UnixSeconds>(entry.validity.not_before), entry.validity.not_after,
        entry.validity.revoked_at}) {
    if (t && (*t < lo || *t > hi)) return Status::InvalidArgument("a time outside years 0-9999");
  }
  if (entry.validity.not_after && *entry.validity.not_after <= entry.validity.not_before) {
    return Status::InvalidArgument("notAfter " + FormatUtc(*entry.validity.not_after) +
                                   " is not after notBefore " +
                                   FormatUtc(entry.validity.not_before));
  }
  for (const KeyringEntry& e : entries_) {
    if (e.name == entry.name) {
      return Status::InvalidArgument(name_ + ": already holds a key named " + Quoted(entry.name) +
                                     "; choose another name");
    }
    if (e.key.keyid() == entry.key.keyid()) {
      return Status::InvalidArgument(name_ + ": already holds this key, as " + Quoted(e.name));
    }
  }
  if (entries_.size() >= kMaxKeyringKeys) {
    return Status::ResourceLimit(name_ + ": already holds the most keys a keyring may");
  }
  entries_.push_back(std::move(entry));
  return Status::Ok();
}

Status AddKeyringEntry(const std::string& path, const KeyringEntry& entry) {
  base::FileSystem& fs = base::FileSystem::Default();
  Keyring ring;
  if (fs.Kind(path) != base::PathKind::kMissing) {
    PROVCHECK_ASSIGN_OR_RETURN(ring, Keyring::Load(path));
  } else {
    PROVCHECK_ASSIGN_OR_RETURN(ring, Keyring::Parse(path, Keyring().ToJson()));
  }
  PROVCHECK_RETURN_IF_ERROR(ring.Add(entry));
  const std::string json = ring.ToJson();
  // Check our own work: the file written must be one a verifier accepts.
  if (Result<Keyring> again = Keyring::Parse(path, json); !again) {
    return Status::Internal("a keyring written by provcheck does not read back: " +
                            again.status().ToString());
  }
  return fs.WriteFileAtomically(path, json, 0644);
}

}  // namespace provcheck::sign
