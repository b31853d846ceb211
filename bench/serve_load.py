#!/usr/bin/env python3
"""Load benchmark of `provcheck serve` (issue 19): N concurrent clients on
loopback, each submitting 1,000-word drafts with POST /v1/scans?wait=true on
a keep-alive connection, reading the report, then deleting the scan (as a
CMS would), for a fixed duration. Reports throughput, latency p50/p99, every
error (the run fails on any), and the server's resident memory sampled each
second (first against last 10 s: memory must stay flat).

  bench/serve_load.py --work /tmp/serve-w100k --clients 16 --duration 60
  bench/serve_load.py --smoke            # corpus/ as the index, 4 clients, 3 s

The workload (`--work`) is make_corpus.py's (../shared/bench): the index is
built from WORK/corpus.jsonl once (WORK/index, kept), the drafts are
WORK/drafts/*.txt cut or repeated to exactly 1,000 words. Loopback only; the
count of clients and the duration are bounded (at most 64 and 600 s).
"""

import argparse
import glob
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def words_exactly(text, n):
    words = re.findall(r"\S+", text)
    while len(words) < n:
        words += words
    return " ".join(words[:n])


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def quantile(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", help="make_corpus.py workload folder (corpus.jsonl, drafts/)")
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "provcheck"))
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=0, help="--workers of the server (0: cores)")
    ap.add_argument("--smoke", action="store_true", help="tiny run on corpus/: checks it works")
    ap.add_argument("--json", help="write the raw numbers here")
    a = ap.parse_args()
    if not (1 <= a.clients <= 64 and 0 < a.duration <= 600):
        sys.exit("serve_load: --clients 1..64 and --duration up to 600 s")

    if a.smoke:
        import atexit
        import shutil
        import tempfile
        tmp = tempfile.mkdtemp(prefix="provcheck-serve-load-")
        atexit.register(shutil.rmtree, tmp, True)
        index = os.path.join(tmp, "index")
        subprocess.run([a.bin, "index", "add", os.path.join(ROOT, "corpus"), "--index", index],
                       check=True, capture_output=True)
        drafts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(
            os.path.join(ROOT, "examples", "*.md")))]
        a.clients, a.duration = min(a.clients, 4), min(a.duration, 3)
    else:
        if not a.work:
            sys.exit("serve_load: --work WORK (a make_corpus.py workload) or --smoke")
        index = os.path.join(a.work, "index")
        if not os.path.isdir(index):
            print("serve_load: indexing %s/corpus.jsonl" % a.work, flush=True)
            t = time.monotonic()
            subprocess.run([a.bin, "index", "add", os.path.join(a.work, "corpus.jsonl"),
                            "--index", index], check=True)
            print("serve_load: indexed in %.1f s" % (time.monotonic() - t), flush=True)
        drafts = [open(p, encoding="utf-8").read()
                  for p in sorted(glob.glob(os.path.join(a.work, "drafts", "*.txt")))]
    if not drafts:
        sys.exit("serve_load: no drafts")
    drafts = [words_exactly(d, a.words) for d in drafts]

    cmd = [a.bin, "serve", "--index", index, "--listen", "127.0.0.1:0",
           "--max-scans", str(4 * a.clients), "--access-log", "/dev/null"]
    if a.workers:
        cmd += ["--workers", str(a.workers)]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = server.stdout.readline().decode()
        if " on http://" not in line:
            sys.exit("serve_load: the server did not start: " + server.stderr.read().decode())
        port = int(line.strip().rstrip("/").rsplit(":", 1)[1])
        docs = json.loads(http_get(port, "/v1/index"))["documents"]
        print("serve_load: %d documents, %d drafts of %d words, %d clients, %.0f s"
              % (docs, len(drafts), a.words, a.clients, a.duration), flush=True)
        # Warm-up: every draft once, untimed (first touches of the index pages).
        for d in drafts:
            scan(http.client.HTTPConnection("127.0.0.1", port, timeout=120), d)

        latencies, errors, lock = [], [], threading.Lock()
        memory = []
        stop_at = time.monotonic() + a.duration

        def client(k):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            i = k
            while time.monotonic() < stop_at:
                t = time.monotonic()
                try:
                    ok, why = scan(conn, drafts[i % len(drafts)])
                except Exception as e:  # noqa: a failed exchange is an error of the run
                    ok, why = False, repr(e)
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                with lock:
                    (latencies if ok else errors).append(time.monotonic() - t if ok else why)
                i += a.clients

        def sample():
            while time.monotonic() < stop_at:
                memory.append(rss_kib(server.pid))
                time.sleep(1)

        threads = [threading.Thread(target=client, args=(k,)) for k in range(a.clients)]
        threads.append(threading.Thread(target=sample))
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
    finally:
        server.terminate()
        server.wait(timeout=60)

    head = memory[:10] or [0]
    tail = memory[-10:] or [0]
    r = {
        "documents": docs, "drafts": len(drafts), "words": a.words, "clients": a.clients,
        "duration_s": round(elapsed, 1), "scans": len(latencies), "errors": len(errors),
        "error_examples": errors[:5],
        "throughput_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(quantile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(quantile(latencies, 0.99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "rss_first_10s_mib": round(sum(head) / len(head) / 1024, 1),
        "rss_last_10s_mib": round(sum(tail) / len(tail) / 1024, 1),
        "rss_max_mib": round(max(memory or [0]) / 1024, 1),
        "server_exit": server.returncode,
    }
    print(json.dumps(r, indent=2))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(r, f, indent=2)
    if errors or not latencies or server.returncode != 0:
        sys.exit("serve_load: FAILED (%d errors, server exit %s)" % (len(errors), server.returncode))


def http_get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", path)
    return c.getresponse().read()


def scan(conn, draft):
    """One scan: submit and wait, check the report, delete the scan."""
    body = json.dumps({"text": draft, "format": "text"})
    conn.request("POST", "/v1/scans?wait=true", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        return False, "HTTP %d %s" % (r.status, data[:200])
    scan_json = json.loads(data)
    if scan_json.get("status") != "done" or "verdict" not in scan_json.get("report", {}):
        return False, "not done: %s" % data[:200]
    conn.request("DELETE", "/v1/scans/" + scan_json["id"])
    d = conn.getresponse()
    d.read()
    if d.status != 204:
        return False, "DELETE: HTTP %d" % d.status
    return True, ""


if __name__ == "__main__":
    main()
