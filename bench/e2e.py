#!/usr/bin/env python3
"""End-to-end speed benchmark of provcheck (issue #7), optionally beside sim_text.

  bench/e2e.py --articles 10000 [--drafts 100] [--work DIR] [--reuse] [--sim-text]

1. Generates the workload with ../shared/bench/make_corpus.py (DIR/corpus.jsonl, drafts/,
   truth.json), unless --reuse finds one in DIR.
2. Indexes it: `provcheck index add DIR/corpus.jsonl --index DIR/index` under /usr/bin/time -v
   (wall time, MB/s of article text = sum of body bytes, peak RSS; index size on disk).
3. Scans: each draft by the CLI (warm: one untimed run, then --repeat timed runs; cold: the
   page cache dropped before each of --cold-drafts runs, when root and permitted); all drafts
   in one CLI run (batch); in-process with build-bench/scan_latency.
4. Recall of the planted passages (truth.json): one is found when a finding names its source
   and covers at least half of its bytes in the draft.
5. --sim-text: sim_text -S -n -r 8 -T -i per draft (draft new, every article old, one file
   per article in DIR/files/), for --sim-drafts drafts: time, peak RSS, recall.

Prints a Markdown table, writes it to --out and the raw numbers to --json (default: in DIR).
Exit 0 when everything ran, 1 when a command failed, 2 on bad arguments or a missing
workload generator. Standard library only."""
import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared"))
BUILD = os.path.join(REPO, "build-bench")
# sim_text -n: "NEW: line a-b|OLD: line c-d[K]" (1-based inclusive lines, K words)
SIM_RUN = re.compile(r"^(.*): line (\d+)-(\d+)\s*\|(.*): line (\d+)-(\d+)\s*\[(\d+)\]\s*$")
COMMANDS = {}  # every command run, as a shell would spell it -> how many times


def fail(message, code=1):
    print("e2e: " + message, file=sys.stderr)
    sys.exit(code)


def measure(cmd, stdin_path=None, ok=(0,)):
    """Runs cmd; returns (wall seconds, peak RSS in MB, stdout text, stderr text)."""
    shown = shlex.join(cmd) + (" < " + stdin_path if stdin_path else "")
    COMMANDS[shown] = COMMANDS.get(shown, 0) + 1
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=stdin, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)  # wait4: the child's own peak RSS
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        if stdin_path:
            stdin.close()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if p.returncode not in ok:
        fail("%s: exit %d\n%s" % (shown, p.returncode, stderr[-2000:]))
    return wall, usage.ru_maxrss / 1024.0, stdout, stderr


def quantile(values, q):
    v = sorted(values)
    return v[max(0, min(len(v) - 1, int(q * len(v) + 0.999999) - 1))]


def latency(values):
    ms = [1e3 * v for v in values]
    return {"runs": len(ms), "median_ms": statistics.median(ms), "p99_ms": quantile(ms, 0.99),
            "min_ms": min(ms), "max_ms": max(ms)}


def machine():
    model = memory = "?"
    for line in open("/proc/cpuinfo", encoding="utf-8"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    for line in open("/proc/meminfo", encoding="utf-8"):
        if line.startswith("MemTotal"):
            memory = "%.1f GB" % (int(line.split()[1]) / 1024 / 1024)
    nproc = len(os.sched_getaffinity(0))
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "?"
    return {"nproc": nproc, "cpu": model, "memory": memory, "commit": commit}


# --- workload


def prepare_workload(a):
    corpus, truth = os.path.join(a.work, "corpus.jsonl"), os.path.join(a.work, "truth.json")
    if a.reuse and os.path.exists(corpus) and os.path.exists(truth):
        return
    if a.articles is None:
        fail("--articles N is needed to generate a workload (none to reuse in %s)" % a.work, 2)
    make = os.path.join(SHARED, "bench", "make_corpus.py")
    if not os.path.exists(make):
        fail("%s not found: the shared folder (../shared beside the repository) holds the "
             "workload generator; without it no workload can be made" % make, 2)
    for name in ("corpus.jsonl", "truth.json", "drafts", "files"):  # stale pieces go
        path = os.path.join(a.work, name)
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)
    os.makedirs(a.work, exist_ok=True)
    print("e2e: generating %d articles and %d drafts in %s" % (a.articles, a.drafts, a.work))
    measure([sys.executable, make, a.work, "--articles", str(a.articles),
             "--drafts", str(a.drafts)])


def read_corpus(a, write_files):
    """Sums the article bodies' bytes; with write_files, writes DIR/files/ID.txt once."""
    files = os.path.join(a.work, "files")
    done = os.path.join(files, ".complete")
    write_files = write_files and not os.path.exists(done)
    if write_files:
        os.makedirs(files, exist_ok=True)
    articles = body_bytes = 0
    with open(os.path.join(a.work, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            body = art["body"].encode()
            articles += 1
            body_bytes += len(body)
            if write_files:  # a final newline: sim_text misnumbers an unterminated last line
                with open(os.path.join(files, art["id"] + ".txt"), "wb") as out:
                    out.write(body + b"\n")
    if write_files:
        open(done, "w").write("%d\n" % articles)
    return articles, body_bytes


# --- recall


def recall(truth, found, missed=None):
    """truth: {draft: [planted]}; found: {draft: [(start, end, source id)]} -> (hits, total).
    Appends the planted passages not found to `missed`, with the findings overlapping them."""
    hits = total = 0
    for name, planted in truth.items():
        for p in planted:
            total += 1
            s, e = p["draft"]
            near = [f for f in found.get(name, []) if min(e, f[1]) > max(s, f[0])]
            if any(src == p["source"] and min(e, fe) - max(s, fs) >= (e - s) / 2
                   for fs, fe, src in near):
                hits += 1
            elif missed is not None:
                missed.append({"draft": name, "planted": p, "overlapping_findings": near})
    return hits, total


def provcheck_findings(jsonl, drafts):
    reports = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
    if len(reports) != len(drafts):
        fail("batch scan: %d reports for %d drafts" % (len(reports), len(drafts)))
    found = {}
    for name, report in zip(drafts, reports):
        found[name] = [(f["draft"]["start"], f["draft"]["end"], f["source"]["id"])
                       for f in report["findings"] if f["kind"] == "reuse"]
    return found


def sim_text_findings(output, draft_path):
    data = open(draft_path, "rb").read()
    starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]
    found = []
    for line in output.splitlines():
        m = SIM_RUN.match(line)
        if m:
            a, b = int(m.group(2)), int(m.group(3))
            start = starts[max(a, 1) - 1]
            end = starts[b] - 1 if b < len(starts) else len(data)
            source = os.path.basename(m.group(4).strip())
            found.append((start, end, source[:-4] if source.endswith(".txt") else source))
    return found


# --- stages


def index_corpus(a, idx, text_bytes):
    provcheck = os.path.join(BUILD, "provcheck")
    if os.path.exists(idx):
        shutil.rmtree(idx)
    cmd = [provcheck, "index", "add", os.path.join(a.work, "corpus.jsonl"), "--index", idx]
    timed = os.path.exists("/usr/bin/time")
    wall, rss, _, err = measure((["/usr/bin/time", "-v"] if timed else []) + cmd)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    if m:
        rss = int(m.group(1)) / 1024.0
    disk = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(idx) for f in fs)
    stats = measure([provcheck, "index", "stats", "--index", idx, "--format", "json"])[2]
    return {"documents": json.loads(stats)["documents"], "wall_s": wall,
            "mb_per_s": text_bytes / 1e6 / wall, "peak_rss_mb": rss,
            "disk_bytes": disk, "disk_vs_text": disk / text_bytes}


def drop_caches():
    """None when the page cache was dropped, else why not."""
    if os.geteuid() != 0:
        return "not root"
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
    except OSError as e:
        return "cannot write /proc/sys/vm/drop_caches: %s" % e.strerror
    return None


def cli_scans(a, idx, drafts):
    provcheck = os.path.join(BUILD, "provcheck")
    scan = lambda paths: [provcheck, "scan"] + paths + ["--index", idx, "--format", "json"]
    paths = [os.path.join(a.work, "drafts", d) for d in drafts]
    for p in paths:  # warm-up, untimed
        measure(scan([p]), ok=(0, 1))
    runs, rss = [], 0.0
    for _ in range(a.repeat):
        for p in paths:
            wall, peak, _, _ = measure(scan([p]), ok=(0, 1))
            runs.append(wall)
            rss = max(rss, peak)
    out = {"warm": dict(latency(runs), peak_rss_mb=rss)}
    cold, why = [], None
    for p in paths[:a.cold_drafts]:
        why = drop_caches()
        if why:
            break
        cold.append(measure(scan([p]), ok=(0, 1))[0])
    out["cold"] = latency(cold) if cold else {"not_measured": why or "--cold-drafts 0"}
    wall, peak, stdout, _ = measure(scan(paths), ok=(0, 1))
    size = sum(os.path.getsize(p) for p in paths)
    out["batch"] = {"drafts": len(paths), "wall_s": wall, "drafts_per_s": len(paths) / wall,
                    "mb_per_s": size / 1e6 / wall, "peak_rss_mb": peak}
    return out, provcheck_findings(stdout, drafts)


def in_process(a, idx, drafts):
    tool = os.path.join(BUILD, "bench", "scan_latency")
    paths = [os.path.join(a.work, "drafts", d) for d in drafts]
    out = {}
    for key, extra in (("cached", []), ("fresh_scanner", ["--fresh-scanner"])):
        cmd = [tool, "--index", idx, "--runs", str(a.repeat)] + extra + paths
        wall, rss, stdout, _ = measure(cmd)
        out[key] = json.loads(stdout)
    return out


def sim_text(a, drafts, text_bytes):
    if not shutil.which("sim_text"):
        fail("sim_text not found: install the Debian package similarity-tester "
             "(scripts/install-deps)")
    files = os.path.join(a.work, "files")
    listing_old = "/\n" + "".join(os.path.join(files, n) + "\n"
                                  for n in sorted(os.listdir(files)) if n.endswith(".txt"))
    runs, rss, found = [], 0.0, {}
    lists = os.path.join(a.work, "sim_text")  # one input list per draft: the commands rerun
    os.makedirs(lists, exist_ok=True)
    cmd = ["sim_text", "-S", "-n", "-r", "8", "-T", "-i"]
    for i, name in enumerate([drafts[0]] + drafts[:a.sim_drafts]):
        draft = os.path.join(a.work, "drafts", name)
        listing = os.path.join(lists, name + ".list")
        open(listing, "w").write(draft + "\n" + listing_old)
        wall, peak, stdout, _ = measure(cmd, listing)
        if i == 0:
            continue  # warm-up, untimed: the article files into the page cache
        runs.append(wall)
        rss = max(rss, peak)
        found[name] = sim_text_findings(stdout, draft)
    median = statistics.median(runs)
    return {**latency(runs), "peak_rss_mb": rss,
            "corpus_mb_per_s": text_bytes / 1e6 / median}, found


# --- output


def ms(d):
    return "median %.1f ms, p99 %.1f ms (n=%d)" % (d["median_ms"], d["p99_ms"], d["runs"])


def table(r):
    """The Markdown table of the results."""
    w, ix, cli, rec = r["workload"], r["index"], r["scan_cli"], r["recall"]
    left_out = len(w["drafts_left_out_binary"])
    rows = [("machine", "%(nproc)d cores, %(cpu)s, %(memory)s; commit %(commit)s" % r["machine"]),
            ("workload", "%d articles, %.1f MB of article text; %d drafts, %d planted passages"
             % (w["articles"], w["text_bytes"] / 1e6, w["drafts"], w["planted"])
             + (" (left out, holding NUL bytes: %d)" % left_out if left_out else "")),
            ("index: wall, text throughput", "%d documents in %.1f s, %.2f MB/s"
             % (ix["documents"], ix["wall_s"], ix["mb_per_s"])),
            ("index: peak RSS", "%.0f MB" % ix["peak_rss_mb"]),
            ("index on disk", "%.1f MB, %.2fx the text"
             % (ix["disk_bytes"] / 1e6, ix["disk_vs_text"])),
            ("CLI scan per draft, warm",
             ms(cli["warm"]) + "; peak RSS %.0f MB" % cli["warm"]["peak_rss_mb"]),
            ("CLI scan per draft, cold", "not measured: " + cli["cold"]["not_measured"]
             if "not_measured" in cli["cold"] else ms(cli["cold"]))]
    b = cli["batch"]
    rows.append(("CLI batch scan, one process", "%d drafts in %.2f s: %.1f drafts/s, %.2f MB/s; "
                 "peak RSS %.0f MB" % (b["drafts"], b["wall_s"], b["drafts_per_s"], b["mb_per_s"],
                                       b["peak_rss_mb"])))
    for key, label in (("cached", "in-process scan, warm (scan_latency)"),
                       ("fresh_scanner", "in-process, new Scanner per draft")):
        s = r["scan_in_process"][key]
        rows.append((label, "median %.1f ms, p99 %.1f ms; %.1f drafts/s; peak RSS %.0f MB"
                     % (s["latency_ms"]["median"], s["latency_ms"]["p99"],
                        s["batch"]["drafts_per_s"], s["peak_rss_mb"])))
    hits, total = rec["provcheck"]
    rows.append(("recall of planted passages",
                 "%d/%d = %.3f" % (hits, total, hits / max(1, total))))
    st = r.get("sim_text")
    if st:
        rows += [("sim_text per draft", "median %.2f s, max %.2f s (n=%d); peak RSS %.0f MB"
                  % (st["median_ms"] / 1e3, st["max_ms"] / 1e3, st["runs"], st["peak_rss_mb"])),
                 ("sim_text whole-corpus throughput", "%.2f MB/s" % st["corpus_mb_per_s"]),
                 ("recall on the sim_text drafts", "provcheck %d/%d, sim_text %d/%d"
                  % (*rec["provcheck_same_drafts"], *rec["sim_text"])),
                 ("CLI scan speed-up over sim_text", "%.0fx (median per draft)"
                  % (st["median_ms"] / cli["warm"]["median_ms"]))]
    return "| measure | value |\n|---|---|\n" + "".join("| %s | %s |\n" % row for row in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, help="articles to generate (not needed with --reuse)")
    ap.add_argument("--drafts", type=int, default=100)
    ap.add_argument("--work", help="workload folder (default build-bench/e2e-N)")
    ap.add_argument("--reuse", action="store_true", help="keep the workload already in --work")
    ap.add_argument("--repeat", type=int, default=3, help="timed scans per draft (warm)")
    ap.add_argument("--cold-drafts", type=int, default=5, help="drafts scanned cold (0: none)")
    ap.add_argument("--sim-text", action="store_true", help="also run sim_text, side by side")
    ap.add_argument("--sim-drafts", type=int, default=5, help="drafts given to sim_text")
    ap.add_argument("--min-recall", type=float, default=0.0,
                    help="exit 1 when provcheck's recall is lower (for smoke runs)")
    ap.add_argument("--out", help="Markdown table (default WORK/e2e.md)")
    ap.add_argument("--json", help="raw numbers (default WORK/e2e.json)")
    a = ap.parse_args()
    if a.work is None:
        if a.articles is None:
            ap.error("give --articles N or --work DIR")
        a.work = os.path.join(BUILD, "e2e-%d" % a.articles)
    a.work = os.path.abspath(a.work)
    if a.repeat < 1 or (a.sim_text and a.sim_drafts < 1):
        ap.error("--repeat and --sim-drafts must be at least 1")
    for tool in ("provcheck", "bench/scan_latency"):
        if not os.path.exists(os.path.join(BUILD, tool)):
            fail("%s/%s missing: build it (scripts/bench-smoke shows how)" % (BUILD, tool), 2)

    prepare_workload(a)
    truth = json.load(open(os.path.join(a.work, "truth.json")))
    # provcheck refuses a draft holding a NUL byte as binary (the generator copies stray NULs
    # from its seed text); such drafts are left out of every measure, for both tools.
    binary = [d for d in sorted(truth)
              if b"\0" in open(os.path.join(a.work, "drafts", d), "rb").read()]
    for d in binary:
        del truth[d]
    drafts = sorted(truth)
    articles, text_bytes = read_corpus(a, write_files=a.sim_text)
    if a.articles is not None and a.articles != articles:
        print("e2e: note: --articles %d, but the reused workload has %d" % (a.articles, articles))
    r = {"machine": machine(),
         "workload": {"dir": a.work, "articles": articles, "text_bytes": text_bytes,
                      "drafts": len(drafts), "planted": sum(len(v) for v in truth.values()),
                      "drafts_left_out_binary": binary}}
    idx = os.path.join(a.work, "index")
    print("e2e: indexing %d articles (%.1f MB)" % (articles, text_bytes / 1e6))
    r["index"] = index_corpus(a, idx, text_bytes)
    print("e2e: scanning %d drafts" % len(drafts))
    r["scan_cli"], found = cli_scans(a, idx, drafts)
    r["scan_in_process"] = in_process(a, idx, drafts)
    missed = []
    r["recall"] = {"provcheck": recall(truth, found, missed), "provcheck_missed": missed}
    if a.sim_text:
        print("e2e: sim_text on %d drafts" % min(a.sim_drafts, len(drafts)))
        r["sim_text"], sim_found = sim_text(a, drafts, text_bytes)
        same = {d: truth[d] for d in sim_found}
        r["recall"]["sim_text_missed"] = []
        r["recall"]["sim_text"] = recall(same, sim_found, r["recall"]["sim_text_missed"])
        r["recall"]["provcheck_same_drafts"] = recall(same, found)
    r["commands"] = [{"command": c, "times": n} for c, n in COMMANDS.items()]
    markdown = table(r)
    print(markdown)
    out = a.out or os.path.join(a.work, "e2e.md")
    open(out, "w").write(markdown)
    with open(a.json or os.path.join(a.work, "e2e.json"), "w") as f:
        json.dump(r, f, indent=1)
    print("e2e: wrote %s and %s" % (out, a.json or os.path.join(a.work, "e2e.json")))
    hits, total = r["recall"]["provcheck"]
    if hits < a.min_recall * total:
        fail("provcheck found %d of %d planted passages, under --min-recall %g"
             % (hits, total, a.min_recall))


if __name__ == "__main__":
    main()
