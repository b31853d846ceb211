#!/usr/bin/env python3
"""The shared-index benchmark (issue 18): the embedded index, one PostgreSQL
server and three PostgreSQL shards (PL/Proxy router) on loopback, on the same
generated corpus. Not a ctest test: it takes minutes.

  bench/pg_bench.py --corpus DIR [--build build] [--runs 20] [--out results.json]

DIR is the output of make_corpus.py (corpus.jsonl and drafts/), e.g.
  python3 ../shared/bench/make_corpus.py /tmp/c20k --articles 20000 --drafts 20

Measures, per backend: indexing MB/s (`provcheck index add corpus.jsonl`, wall
time, text bytes from `index stats`), size on disk against the raw text (and
PostgreSQL's per-table sizes), warm scan latency median and p99 of a 1,000-word
draft (bench/scan_latency, in process, after one untimed pass), and for the
PostgreSQL backends 8 concurrent scanners while one writer adds documents: scans
per second, p99, and errors. Clusters are made with initdb in temporary folders
(tests/e2e/pg_support.py) and removed at the end; run as root they run as the
postgres user.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
import pg_support  # noqa: E402


# The test clusters' 32 MB of shared buffers hold none of a 20,000-article
# postings btree; a server for an archive gets more.
SERVER_SETTINGS = "-c shared_buffers=1GB -c max_wal_size=4GB -c checkpoint_timeout=30min"


def run(argv, env=None, timeout=3600):
    full = dict(os.environ)
    full.pop("PROVCHECK_INDEX", None)
    if env:
        full.update(env)
    t = time.time()
    p = subprocess.run(argv, env=full, capture_output=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError("%s: exit %d\n%s" % (" ".join(argv), p.returncode,
                                                p.stderr.decode(errors="replace")[-2000:]))
    return p.stdout.decode(), time.time() - t


def thousand_word_draft(corpus, out_dir):
    """A 1,000-word draft: the make_corpus drafts (new text with planted passages) joined
    and cut at 1,000 words."""
    words = []
    drafts = os.path.join(corpus, "drafts")
    for name in sorted(os.listdir(drafts)):
        with open(os.path.join(drafts, name), encoding="utf-8") as f:
            words += f.read().split()
        if len(words) >= 1000:
            break
    path = os.path.join(out_dir, "draft-1000.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(" ".join(words[:1000]) + "\n")
    return path


def latency(args, index, draft, env):
    out, _ = run([os.path.join(args.build, "bench", "scan_latency"), "--index", index,
                  "--runs", str(args.runs), draft], env=env)
    return json.loads(out)


def concurrent(args, index, draft, extra_jsonl, env, scanners=8):
    """8 scan_latency processes at once while one `index add` writes."""
    full = dict(os.environ, **env)
    t = time.time()
    writer = subprocess.Popen([os.path.join(args.build, "provcheck"), "index", "add",
                               extra_jsonl, "--index", index], env=full,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    procs = [subprocess.Popen([os.path.join(args.build, "bench", "scan_latency"), "--index",
                               index, "--runs", str(args.runs), draft], env=full,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(scanners)]
    results, errors = [], 0
    for p in procs:
        out, err = p.communicate(timeout=3600)
        if p.returncode != 0:
            errors += 1
            sys.stderr.write(err.decode(errors="replace")[-500:])
        else:
            results.append(json.loads(out))
    wall = time.time() - t
    w_out, w_err = writer.communicate(timeout=3600)
    scans = scanners * (args.runs + 1)
    p99s = [r["latency_ms"]["p99"] for r in results]  # noqa
    medians = [r["latency_ms"]["median"] for r in results]
    return {"scanners": scanners, "scans": scans, "wall_s": round(wall, 2),
            "scans_per_s": round(scans / wall, 1), "worst_p99_ms": max(p99s) if p99s else None,
            "median_of_medians_ms": statistics.median(medians) if medians else None,
            "scan_errors": errors, "writer_exit": writer.returncode}


def table_sizes(cluster, db):
    out = cluster.psql("SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE "
                       "relname IN ('provcheck_documents', 'provcheck_postings', "
                       "'provcheck_postings_hash') ORDER BY relname", db=db)
    return {name: int(size) for name, size in (l.split("|") for l in out.split())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--out")
    args = ap.parse_args()
    jsonl = os.path.join(args.corpus, "corpus.jsonl")
    tmp = tempfile.mkdtemp(prefix="pg-bench-")
    draft = thousand_word_draft(args.corpus, tmp)
    # The writer's extra documents for the concurrency run: the corpus's first 2,000
    # records under new ids.
    extra = os.path.join(tmp, "extra.jsonl")
    with open(jsonl, encoding="utf-8") as src, open(extra, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= 2000:
                break
            rec = json.loads(line)
            rec["id"] = "extra-%d" % i
            dst.write(json.dumps(rec) + "\n")
    clusters = []
    results = {"corpus": os.path.abspath(args.corpus), "draft_words": 1000, "backends": {}}
    try:
        for i in range(3):
            clusters.append(pg_support.PgCluster("bench%d" % i, settings=SERVER_SETTINGS).start())
        env = clusters[0].env()
        one = clusters[0].create_db("one")
        router = clusters[0].create_db("router")
        shards = []
        for i, c in enumerate(clusters):
            c.psql('CREATE DATABASE "shard%d"' % i)
            shards.append("host=%s port=%d dbname=shard%d user=%s" % (
                c.socket_dir, c.port, i, pg_support.SUPERUSER))
        run([os.path.join(args.build, "provcheck"), "index", "shard", "add", *shards,
             "--index", router], env=env)
        backends = [("embedded", os.path.join(tmp, "emb")), ("postgresql", one),
                    ("postgresql-3-shards", router)]
        for name, index in backends:
            _, seconds = run([os.path.join(args.build, "provcheck"), "index", "add", jsonl,
                              "--index", index], env=env)
            if name != "embedded":  # planner statistics and the visibility map
                for c in clusters:
                    for db in ("one", "shard0", "shard1", "shard2"):
                        try:
                            c.psql("VACUUM ANALYZE", db=db, timeout=600)
                        except RuntimeError:
                            pass  # that database is not on this cluster
            stats = json.loads(run([os.path.join(args.build, "provcheck"), "index", "stats",
                                    "--format", "json", "--index", index], env=env)[0])
            r = {"documents": stats["documents"], "text_bytes": stats["text_bytes"],
                 "index_seconds": round(seconds, 2),
                 "index_mb_per_s": round(stats["text_bytes"] / 1e6 / seconds, 2),
                 "disk_bytes": stats["disk_bytes"],
                 "disk_over_text": round(stats["disk_bytes"] / stats["text_bytes"], 2)}
            if name == "postgresql":
                r["tables"] = table_sizes(clusters[0], "one")
            if name == "postgresql-3-shards":
                r["tables"] = {"shard%d" % i: table_sizes(c, "shard%d" % i)
                               for i, c in enumerate(clusters)}
            lat = latency(args, index, draft, env)
            r["scan"] = lat
            print(name, json.dumps(r), flush=True)
            if name != "embedded":
                r["concurrent"] = concurrent(args, index, draft, extra, env)
            results["backends"][name] = r
            print(name, json.dumps(r), flush=True)
    finally:
        for c in clusters:
            c.stop()
        shutil.rmtree(tmp, True)
    text = json.dumps(results, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
