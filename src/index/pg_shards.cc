#include "index/pg_shards.h"

#include <memory>

#include "index/pg_conn.h"
#include "index/pg_index.h"
#include "index/pg_schema.h"

namespace provcheck::index::pg {
namespace {

// Documents moved per step: one scan of the source's postings each.
constexpr size_t kMoveBatch = 4096;

constexpr char kDocumentColumns[] =
    "doc, id, title, publisher, authors, date, url, licence, path, format, sha256, "
    "record_sha256, bytes, words, fingerprints, content";

std::string SqlLiteral(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "''";
    else
      out.push_back(c);
  }
  return out + "'";
}

// Moves the documents of `source` (shard `from` of `n`) that ShardOf puts
// elsewhere to their shards.
Status Rebalance(int from, std::vector<std::unique_ptr<PgConnection>>& shards, uint64_t* moved) {
  PgConnection* source = shards[static_cast<size_t>(from)].get();
  const int n = static_cast<int>(shards.size());
  PROVCHECK_ASSIGN_OR_RETURN(PgResult all,
                             source->Query("SELECT doc, id FROM provcheck_documents ORDER BY doc"));
  std::vector<std::vector<std::pair<int64_t, std::string>>> leaving(shards.size());
  for (int i = 0; i < all.rows(); ++i) {
    const int to = ShardOf(all.Bytes(i, 1), n);
    if (to != from) leaving[static_cast<size_t>(to)].emplace_back(all.Int8(i, 0), all.Text(i, 1));
  }
  for (int to = 0; to < n; ++to) {
    auto& docs = leaving[static_cast<size_t>(to)];
    PgConnection* target = shards[static_cast<size_t>(to)].get();
    for (size_t begin = 0; begin < docs.size(); begin += kMoveBatch) {
      const size_t end = std::min(docs.size(), begin + kMoveBatch);
      std::vector<int64_t> numbers;
      std::vector<std::string> ids;
      for (size_t k = begin; k < end; ++k) {
        numbers.push_back(docs[k].first);
        ids.push_back(docs[k].second);
      }
      // Copy (skipping documents an interrupted run already copied), commit.
      PROVCHECK_ASSIGN_OR_RETURN(Transaction tt, Transaction::Begin(target));
      PROVCHECK_ASSIGN_OR_RETURN(
          PgResult there, target->Query("SELECT doc FROM provcheck_documents WHERE id = ANY($1)",
                                        Params().TextArray(ids)));
      std::vector<int64_t> copy;
      {
        std::vector<int64_t> present;
        for (int i = 0; i < there.rows(); ++i) present.push_back(there.Int8(i, 0));
        std::sort(present.begin(), present.end());
        for (int64_t d : numbers) {
          if (!std::binary_search(present.begin(), present.end(), d)) copy.push_back(d);
        }
      }
      if (!copy.empty()) {
        PROVCHECK_ASSIGN_OR_RETURN(
            PgResult rows, source->Query(std::string("SELECT ") + kDocumentColumns +
                                             " FROM provcheck_documents WHERE doc = ANY($1)",
                                         Params().Int8Array(copy)));
        CopyRows out;
        for (int i = 0; i < rows.rows(); ++i) {
          out.BeginRow(16);
          // Binary results are COPY's binary fields, value for value.
          for (int c = 0; c < 16; ++c) out.Bytes(rows.Bytes(i, c));
        }
        PROVCHECK_RETURN_IF_ERROR(
            target->Copy(std::string("provcheck_documents (") + kDocumentColumns + ")", out));
        PROVCHECK_ASSIGN_OR_RETURN(
            PgResult postings,
            source->Query("SELECT hash, doc FROM provcheck_postings WHERE doc = ANY($1)",
                          Params().Int8Array(copy)));
        CopyRows p;
        for (int i = 0; i < postings.rows(); ++i) {
          p.BeginRow(2);
          p.Bytes(postings.Bytes(i, 0));
          p.Bytes(postings.Bytes(i, 1));
        }
        PROVCHECK_RETURN_IF_ERROR(target->Copy("provcheck_postings (hash, doc)", p));
      }
      PROVCHECK_RETURN_IF_ERROR(tt.Commit());
      // Then delete the old copies.
      PROVCHECK_ASSIGN_OR_RETURN(Transaction ts, Transaction::Begin(source));
      PROVCHECK_RETURN_IF_ERROR(source
                                    ->Query("DELETE FROM provcheck_postings WHERE doc = ANY($1)",
                                            Params().Int8Array(numbers))
                                    .status());
      PROVCHECK_RETURN_IF_ERROR(source
                                    ->Query("DELETE FROM provcheck_documents WHERE doc = ANY($1)",
                                            Params().Int8Array(numbers))
                                    .status());
      PROVCHECK_RETURN_IF_ERROR(ts.Commit());
      *moved += numbers.size();
    }
  }
  return Status::Ok();
}

}  // namespace

Status AddShards(const std::string& router_conninfo, const std::vector<std::string>& new_shards,
                 ShardReport* report) {
  for (const std::string& s : new_shards) {
    if (Redact(s) != s) {
      return Status::InvalidArgument(Redact(s) +
                                     ": a shard's conninfo must hold no password (the router "
                                     "stores it): put it in PGPASSFILE or a service file");
    }
  }
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> router,
                             PgConnection::Connect(router_conninfo, Redact(router_conninfo)));
  Result<std::string> role = RoleOf(router.get());
  if (!role && role.status().code() == StatusCode::kNotFound) {
    PROVCHECK_RETURN_IF_ERROR(Migrate(router.get(), "router"));
    role = std::string("router");
  }
  if (!role) return role.status();
  if (*role != "router") {
    return Status::InvalidInput(router->display() +
                                ": holds a one-server provcheck index, not a "
                                "router; shards need an empty router database");
  }
  PROVCHECK_RETURN_IF_ERROR(Migrate(router.get(), "router"));
  PROVCHECK_ASSIGN_OR_RETURN(Transaction rt, Transaction::Begin(router.get()));
  PROVCHECK_RETURN_IF_ERROR(
      router->Query("SELECT pg_advisory_xact_lock($1)", Params().Int8(kCommitLockKey)).status());
  PROVCHECK_ASSIGN_OR_RETURN(PgResult listed,
                             router->Query("SELECT conninfo FROM provcheck_shards ORDER BY shard"));
  std::vector<std::string> conninfos;
  for (int i = 0; i < listed.rows(); ++i) conninfos.push_back(listed.Text(i, 0));
  const size_t old_count = conninfos.size();
  std::vector<std::unique_ptr<PgConnection>> shards;
  for (const std::string& c : conninfos) {
    PROVCHECK_ASSIGN_OR_RETURN(auto conn, PgConnection::Connect(c, Redact(c)));
    shards.push_back(std::move(conn));
  }
  for (const std::string& c : new_shards) {
    if (std::find(conninfos.begin(), conninfos.end(), c) != conninfos.end()) {
      return Status::InvalidArgument(Redact(c) + ": already a shard of " + router->display());
    }
    PROVCHECK_ASSIGN_OR_RETURN(auto conn, PgConnection::Connect(c, Redact(c)));
    Result<std::string> shard_role = RoleOf(conn.get());
    if (shard_role) {
      if (*shard_role != "shard") {
        return Status::InvalidInput(conn->display() + ": holds a provcheck " + *shard_role +
                                    ", not an empty database");
      }
      PROVCHECK_ASSIGN_OR_RETURN(PgResult any,
                                 conn->Query("SELECT count(*) FROM provcheck_documents"));
      if (any.Int8(0, 0) != 0) {
        return Status::InvalidInput(conn->display() +
                                    ": a shard holding documents that its router does not list");
      }
    } else if (shard_role.status().code() != StatusCode::kNotFound) {
      return shard_role.status();
    }
    PROVCHECK_RETURN_IF_ERROR(Migrate(conn.get(), "shard"));
    PROVCHECK_RETURN_IF_ERROR(
        router
            ->Query("INSERT INTO provcheck_shards(shard, conninfo) VALUES($1, $2)",
                    Params().Int4(static_cast<int32_t>(conninfos.size())).Text(c))
            .status());
    conninfos.push_back(c);
    shards.push_back(std::move(conn));
  }
  if (conninfos.empty()) {
    return Status::InvalidArgument(router->display() + ": name at least one shard to add");
  }
  // PL/Proxy's cluster: p0, p1, ... in shard order; modular mapping allows
  // any number of partitions (not only powers of two).
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult server, router->Query("SELECT count(*) FROM pg_foreign_server WHERE srvname = $1",
                                     Params().Text(kClusterName)));
  if (server.Int8(0, 0) == 0) {
    std::string options = "modular_mapping '1', connection_lifetime '1800'";
    for (size_t i = 0; i < conninfos.size(); ++i) {
      options += ", p" + std::to_string(i) + " " + SqlLiteral(conninfos[i]);
    }
    PROVCHECK_RETURN_IF_ERROR(router->Exec(std::string("CREATE SERVER ") + kClusterName +
                                           " FOREIGN DATA WRAPPER plproxy OPTIONS (" + options +
                                           ")"));
    PROVCHECK_RETURN_IF_ERROR(
        router->Exec(std::string("CREATE USER MAPPING FOR PUBLIC SERVER ") + kClusterName));
  } else if (conninfos.size() > old_count) {
    std::string options;
    for (size_t i = old_count; i < conninfos.size(); ++i) {
      if (!options.empty()) options += ", ";
      options += "ADD p" + std::to_string(i) + " " + SqlLiteral(conninfos[i]);
    }
    PROVCHECK_RETURN_IF_ERROR(
        router->Exec(std::string("ALTER SERVER ") + kClusterName + " OPTIONS (" + options + ")"));
  }
  // The new shard list is committed before documents move: a reader (RUN ON
  // ALL) then sees every shard a document may be on.
  PROVCHECK_RETURN_IF_ERROR(rt.Commit());
  PROVCHECK_ASSIGN_OR_RETURN(Transaction lock, Transaction::Begin(router.get()));
  PROVCHECK_RETURN_IF_ERROR(
      router->Query("SELECT pg_advisory_xact_lock($1)", Params().Int8(kCommitLockKey)).status());
  ShardReport out;
  out.shards = static_cast<int>(shards.size());
  for (int from = 0; from < static_cast<int>(shards.size()); ++from) {
    PROVCHECK_RETURN_IF_ERROR(Rebalance(from, shards, &out.moved));
  }
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult docs, router->Query("SELECT value FROM provcheck_meta WHERE key = 'documents'"));
  out.documents = docs.rows() ? std::stoull(docs.Text(0, 0)) : 0;
  PROVCHECK_RETURN_IF_ERROR(lock.Commit());
  if (report) *report = out;
  return Status::Ok();
}

}  // namespace provcheck::index::pg
