// Scale-out of the PostgreSQL index: a router database (PL/Proxy) over
// shard databases on several servers, documents partitioned by a hash of
// their id (pg_index.h: ShardOf), and the one command that adds shards and
// moves the documents the new ones take (docs/postgresql-index.md).
//
// Thread-safety: free functions, each with its own connections.
#ifndef PROVCHECK_SRC_INDEX_PG_SHARDS_H_
#define PROVCHECK_SRC_INDEX_PG_SHARDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "provcheck/status.h"

namespace provcheck::index::pg {

struct ShardReport {
  int shards = 0;          // after the change
  uint64_t moved = 0;      // documents moved to the shard the hash now names
  uint64_t documents = 0;  // in the index
};

// Makes `router` (an empty database, or an existing router) a router over
// its shards plus `new_shards` (empty databases: their schema is made),
// then rebalances: every document not on the shard ShardOf names moves
// there (copied, committed, then deleted from the old shard; reads never
// miss it, and at worst see it twice, which they merge). With no new
// shards it only rebalances, which also finishes an interrupted run.
// The router's commit lock is held throughout: writers wait to commit, and
// a writer that began before the change fails its commit (its shard list is
// out of date) and is run again.
// Shard conninfos must hold no password (libpq's PGPASSFILE or service
// file supply it, for provcheck and for PL/Proxy alike): kInvalidArgument.
Status AddShards(const std::string& router, const std::vector<std::string>& new_shards,
                 ShardReport* report);

}  // namespace provcheck::index::pg

#endif  // PROVCHECK_SRC_INDEX_PG_SHARDS_H_
