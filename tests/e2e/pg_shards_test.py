"""A sharded PostgreSQL index (issue 18) on three loopback PostgreSQL 15 servers:
a router database whose PL/Proxy functions run on every shard, documents
partitioned by a hash of their id, `provcheck index shard add` adding a shard
and moving documents onto it, and the same findings and digest as the
embedded index throughout.

Skipped, saying why, when PostgreSQL 15 or PL/Proxy is not installed."""

import os
import unittest

import pg_support
from common import CORPUS, EXAMPLES, TempDirTest, provcheck
from pg_index_test import DRAFTS, findings_view


@pg_support.skip_unless_postgres
@unittest.skipIf(pg_support.plproxy_missing_reason() is not None,
                 pg_support.plproxy_missing_reason() or "")
class PgShardsTest(TempDirTest):

    @classmethod
    def setUpClass(cls):
        cls.clusters = []
        for i in range(3):
            c = pg_support.PgCluster("shard%d" % i).start()
            cls.addClassCleanup(c.stop)
            cls.clusters.append(c)

    def pc(self, *args, **kw):
        return provcheck(*args, env=self.clusters[0].env(), **kw)

    def ok(self, *args, **kw):
        run = self.pc(*args, **kw)
        logs = "\n".join(c.log()[-2000:] for c in self.clusters)
        self.assertEqual(run.code, 0, repr(run) + "\nserver logs:\n" + logs)
        return run

    def shard_conninfo(self, i, db):
        # The router's PL/Proxy connects with it too: over the unix socket,
        # which needs no password (a TCP one would read it from a PGPASSFILE).
        c = self.clusters[i]
        c.psql('CREATE DATABASE "%s"' % db)
        return "host=%s port=%d dbname=%s user=%s" % (c.socket_dir, c.port, db,
                                                       pg_support.SUPERUSER)

    def documents_on(self, i, db):
        return int(self.clusters[i].psql("SELECT count(*) FROM provcheck_documents", db=db))

    def scan(self, index, drafts):
        run = self.pc("scan", *drafts, "--format", "json", "--index", index)
        self.assertIn(run.code, (0, 1), repr(run))
        return [findings_view(r) for r in run.json_lines()]

    def test_three_shards_give_the_findings_and_digest_of_one_index(self):
        router = self.clusters[0].create_db("router")
        s0, s1 = self.shard_conninfo(0, "shard0"), self.shard_conninfo(1, "shard1")
        run = self.ok("index", "shard", "add", s0, s1, "--index", router)
        self.assertIn("2 shards, 0 documents moved", run.stdout)

        bodies = pg_support.generate_corpus(self.path("gen"), 300)
        drafts = DRAFTS + pg_support.generate_drafts(self.path("drafts"), bodies, 6)
        emb = self.path("emb")
        self.ok("index", "add", CORPUS, self.path("gen"), "--index", emb)
        self.ok("index", "add", CORPUS, self.path("gen"), "--index", router)
        expected = self.scan(emb, drafts)
        self.assertTrue(any(r["findings"] for r in expected))
        self.assertEqual(self.scan(router, drafts), expected)
        digest = self.ok("index", "stats", "--format", "json", "--index", emb).json()["digest"]
        stats = self.ok("index", "stats", "--format", "json", "--index", router).json()
        self.assertEqual(stats["digest"], digest)
        self.assertEqual(stats["documents"], 343)
        on = [self.documents_on(0, "shard0"), self.documents_on(1, "shard1")]
        self.assertEqual(sum(on), 343)
        self.assertTrue(all(n > 100 for n in on), on)

        # A third server: one command adds it and moves the documents it takes.
        s2 = self.shard_conninfo(2, "shard2")
        run = self.ok("index", "shard", "add", s2, "--index", router)
        self.assertIn("3 shards,", run.stdout)
        moved = int(run.stdout.split("3 shards, ")[1].split(" ")[0])
        on = [self.documents_on(0, "shard0"), self.documents_on(1, "shard1"),
              self.documents_on(2, "shard2")]
        self.assertEqual(sum(on), 343)
        self.assertEqual(on[2], moved)  # only what the new shard takes moves
        self.assertTrue(60 < on[2] < 180, on)
        self.assertIn("ok (343 documents", self.ok("index", "verify", "--index", router).stdout)
        self.assertEqual(self.scan(router, drafts), expected)
        self.assertEqual(
            self.ok("index", "stats", "--format", "json", "--index", router).json()["digest"],
            digest)
        self.assertEqual(self.ok("index", "list", "--format", "json", "--index", router).stdout,
                         self.ok("index", "list", "--format", "json", "--index", emb).stdout)

        # Writes through the router land on the right shard; rebalancing again moves nothing.
        for index in (emb, router):
            self.ok("index", "remove", "hh-001", "gen-00007", "--index", index)
        run = self.ok("index", "shard", "add", "--index", router)
        self.assertIn("3 shards, 0 documents moved, 341 documents", run.stdout)
        self.assertEqual(
            self.ok("index", "stats", "--format", "json", "--index", router).json()["digest"],
            self.ok("index", "stats", "--format", "json", "--index", emb).json()["digest"])
        self.assertEqual(self.scan(router, drafts), self.scan(emb, drafts))

    def test_shard_with_password_in_its_conninfo_is_refused(self):
        router = self.clusters[1].create_db("router_pw")
        run = self.pc("index", "shard", "add",
                      "host=127.0.0.1 dbname=x password=%s" % pg_support.PASSWORD,
                      "--index", router)
        self.assertExit(run, 2)
        self.assertIn("must hold no password", run.stderr)
        self.assertNotIn(pg_support.PASSWORD, run.stdout + run.stderr)


if __name__ == "__main__":
    unittest.main()
