#include "server/index_stats_json.h"

namespace provcheck::server {

report::JsonValue IndexStatsJson(const IndexStats& stats) {
  report::JsonValue o = report::JsonValue::EmptyObject();
  o.Set("id", stats.id);
  o.Set("digest", stats.digest);
  o.Set("documents", stats.documents);
  o.Set("fingerprints", stats.fingerprints);
  o.Set("text_bytes", stats.text_bytes);
  o.Set("disk_bytes", stats.disk_bytes);
  o.Set("icu_version", stats.icu_version);
  report::JsonValue& s = o.Set("settings", report::JsonValue::EmptyObject());
  s.Set("shingle_words", stats.settings.shingle_words);
  s.Set("window", stats.settings.window);
  s.Set("max_postings", stats.settings.max_postings);
  s.Set("stem_shingle_words", stats.settings.stem_shingle_words);
  s.Set("stem_window", stats.settings.stem_window);
  return o;
}

}  // namespace provcheck::server
