// The PostgreSQL index's schema (docs/postgresql-index.md): a version
// table, migrations per database role, and the functions every read goes
// through, so that one server and a PL/Proxy router over shards answer the
// same calls.
//
// Roles: "single" (one server: catalog and data), "router" (catalog, and
// PL/Proxy functions running the data functions on every shard), "shard"
// (data only).
#ifndef PROVCHECK_SRC_INDEX_PG_SCHEMA_H_
#define PROVCHECK_SRC_INDEX_PG_SCHEMA_H_

#include <string_view>

namespace provcheck::index::pg {

inline constexpr char kPgFormat[] = "provcheck.pg/1";
inline constexpr char kClusterName[] = "provcheck_shards";
// pg_advisory_xact_lock keys: schema changes, and commits (which compute
// the digest from the tables, one writer at a time).
inline constexpr long long kSchemaLockKey = 0x70726f76'00000001LL;
inline constexpr long long kCommitLockKey = 0x70726f76'00000002LL;

inline constexpr char kVersionTable[] = R"sql(
CREATE TABLE IF NOT EXISTS provcheck_schema(
  version integer PRIMARY KEY,
  role text NOT NULL,
  applied timestamptz NOT NULL DEFAULT now());
)sql";

// The data of one server or of one shard: documents, postings (a btree on
// the hash, doc included for index-only lookups) and the functions reading
// them.
inline constexpr char kDataSchemaV1[] = R"sql(
CREATE TABLE provcheck_documents(
  doc bigint PRIMARY KEY,
  id text NOT NULL UNIQUE,
  title text NOT NULL, publisher text NOT NULL, authors text NOT NULL,
  date text NOT NULL, url text NOT NULL, licence text NOT NULL,
  path text NOT NULL, format text NOT NULL,
  sha256 text NOT NULL, record_sha256 text NOT NULL,
  bytes bigint NOT NULL, words integer NOT NULL, fingerprints integer NOT NULL,
  content bytea NOT NULL);
-- content is a zstd frame already: no second compression.
ALTER TABLE provcheck_documents ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE TABLE provcheck_postings(hash bigint NOT NULL, doc bigint NOT NULL);
CREATE INDEX provcheck_postings_hash ON provcheck_postings(hash, doc);

-- Each looked-up hash's documents, at most cap + 1 of them: the caller
-- adds the shards' counts and drops a hash held by more than cap.
CREATE FUNCTION provcheck_lookup(hashes bigint[], cap integer, OUT hash bigint, OUT doc bigint)
RETURNS SETOF record LANGUAGE sql STABLE AS $$
  SELECT h.x, p.doc FROM unnest(hashes) AS h(x)
  CROSS JOIN LATERAL (SELECT q.doc FROM provcheck_postings q WHERE q.hash = h.x
                      LIMIT cap + 1) p
$$;

CREATE FUNCTION provcheck_load(number bigint,
  OUT doc bigint, OUT id text, OUT title text, OUT publisher text, OUT authors text,
  OUT date text, OUT url text, OUT licence text, OUT path text, OUT format text,
  OUT sha256 text, OUT bytes bigint, OUT words integer, OUT content bytea)
RETURNS SETOF record LANGUAGE sql STABLE AS $$
  SELECT d.doc, d.id, d.title, d.publisher, d.authors, d.date, d.url, d.licence, d.path,
         d.format, d.sha256, d.bytes, d.words, d.content
  FROM provcheck_documents d WHERE d.doc = number
$$;

CREATE FUNCTION provcheck_catalog(
  OUT doc bigint, OUT id text, OUT title text, OUT publisher text, OUT authors text,
  OUT date text, OUT url text, OUT licence text, OUT path text, OUT sha256 text,
  OUT record_sha256 text, OUT bytes bigint, OUT words integer, OUT fingerprints integer)
RETURNS SETOF record LANGUAGE sql STABLE AS $$
  SELECT d.doc, d.id, d.title, d.publisher, d.authors, d.date, d.url, d.licence, d.path,
         d.sha256, d.record_sha256, d.bytes, d.words, d.fingerprints
  FROM provcheck_documents d
$$;

-- Per document number: its postings' count, sum and a mix (verification
-- compares them with a fresh fingerprinting of the document).
CREATE FUNCTION provcheck_posting_sums(OUT doc bigint, OUT n bigint, OUT total bigint,
                                       OUT mix bigint)
RETURNS SETOF record LANGUAGE sql STABLE AS $$
  SELECT p.doc, count(*), sum(p.hash)::bigint, bit_xor(p.hash # (p.hash << 23))
  FROM provcheck_postings p GROUP BY p.doc
$$;

CREATE FUNCTION provcheck_disk_bytes(OUT bytes bigint)
RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
  SELECT (pg_total_relation_size('provcheck_documents') +
          pg_total_relation_size('provcheck_postings'))::bigint
$$;
)sql";

// The catalog of one server or of a router: settings, counts, digest, and
// the sequence document numbers come from (never reused, as the embedded
// index's AUTOINCREMENT).
inline constexpr char kCatalogSchemaV1[] = R"sql(
CREATE TABLE provcheck_meta(key text PRIMARY KEY, value text NOT NULL);
CREATE SEQUENCE provcheck_doc_seq;
)sql";

// A router: the shards (PL/Proxy's cluster, SQL/MED) and the same
// functions as a server's, run on every shard in parallel.
inline constexpr char kRouterSchemaV1[] = R"sql(
CREATE EXTENSION IF NOT EXISTS plproxy;
CREATE TABLE provcheck_shards(shard integer PRIMARY KEY, conninfo text NOT NULL);
-- The SQL/MED server listing the shards (p0, p1, ...) is made with the
-- first shards (pg_shards.cc: AddShards).

CREATE FUNCTION provcheck_lookup(hashes bigint[], cap integer, OUT hash bigint, OUT doc bigint)
RETURNS SETOF record LANGUAGE plproxy AS $$
  CLUSTER 'provcheck_shards'; RUN ON ALL;
$$;
CREATE FUNCTION provcheck_load(number bigint,
  OUT doc bigint, OUT id text, OUT title text, OUT publisher text, OUT authors text,
  OUT date text, OUT url text, OUT licence text, OUT path text, OUT format text,
  OUT sha256 text, OUT bytes bigint, OUT words integer, OUT content bytea)
RETURNS SETOF record LANGUAGE plproxy AS $$
  CLUSTER 'provcheck_shards'; RUN ON ALL;
$$;
CREATE FUNCTION provcheck_catalog(
  OUT doc bigint, OUT id text, OUT title text, OUT publisher text, OUT authors text,
  OUT date text, OUT url text, OUT licence text, OUT path text, OUT sha256 text,
  OUT record_sha256 text, OUT bytes bigint, OUT words integer, OUT fingerprints integer)
RETURNS SETOF record LANGUAGE plproxy AS $$
  CLUSTER 'provcheck_shards'; RUN ON ALL;
$$;
CREATE FUNCTION provcheck_posting_sums(OUT doc bigint, OUT n bigint, OUT total bigint,
                                       OUT mix bigint)
RETURNS SETOF record LANGUAGE plproxy AS $$
  CLUSTER 'provcheck_shards'; RUN ON ALL;
$$;
CREATE FUNCTION provcheck_disk_bytes(OUT bytes bigint)
RETURNS SETOF bigint LANGUAGE plproxy AS $$
  CLUSTER 'provcheck_shards'; RUN ON ALL;
$$;
)sql";

struct Migration {
  int version;
  std::string_view role;  // "single", "router" or "shard"
  std::string_view sql;
};

}  // namespace provcheck::index::pg

#endif  // PROVCHECK_SRC_INDEX_PG_SCHEMA_H_
