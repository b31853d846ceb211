// An index's statistics as one JSON object: what GET /v1/index answers and
// `provcheck index stats --format json` prints (the command adds the path).
#ifndef PROVCHECK_SRC_SERVER_INDEX_STATS_JSON_H_
#define PROVCHECK_SRC_SERVER_INDEX_STATS_JSON_H_

#include "provcheck/index.h"
#include "report/json_writer.h"

namespace provcheck::server {

report::JsonValue IndexStatsJson(const IndexStats& stats);

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_INDEX_STATS_JSON_H_
