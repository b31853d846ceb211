#!/usr/bin/env python3
"""Scan time against draft size (issue 16): is `provcheck scan` linear in the draft?

  bench/scan_size.py [--bin build/provcheck] [--sizes 0.1,0.5,1,2,4,8,16,32,64]
                     [--kinds copied,random,oneline] [--work DIR] [--json FILE]

Indexes corpus/ once, then scans one draft per kind and size (MB = 10^6 bytes; 64 MB is
under the 64 MiB draft limit):
  copied   examples/copied.md's body repeated, its lines kept: about 3 findings per copy, so the
           findings grow with the draft (about 1,700 per MB);
  random   random words of a fixed vocabulary, 12 to a line, matching nothing in the corpus;
  oneline  copied.md repeated with every newline made a space: one line of copied text.
Each scan is `provcheck scan DRAFT --index IDX --format json` (stdout to a file); wall time,
CPU time (user + system: steadier than wall time on a shared machine) and the child's peak
RSS come from wait4 (this script keeps itself small: a child's peak
starts from its parent's). Prints a Markdown table (seconds, CPU microseconds per
KB of draft, findings, MB of peak memory) and writes the raw numbers to --json. A scan
linear in draft size and findings shows a flat CPU us/KB column. Exit 0 when every scan
exited 0 or 1, 1 otherwise. Standard library only."""
import argparse
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1000 * 1000


def copied_text():
    with open(os.path.join(REPO, "examples", "copied.md"), encoding="utf-8") as f:
        text = f.read()
    # The front matter once would make later copies plain text; keep the body only.
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    return text.strip() + "\n\n"


def make_draft(kind, size, path):
    if kind in ("copied", "oneline"):
        unit = copied_text()
        if kind == "oneline":
            unit = unit.replace("\n", " ")
    else:
        rng = random.Random(16)
        vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
                 for _ in range(5000)]
        lines = []
        for _ in range(2000):
            lines.append(" ".join(rng.choice(vocab) for _ in range(12)) + ".\n")
        unit = "".join(lines)
    # Written a copy at a time: building the whole draft here would grow this
    # process, and with it every scan's measured peak (see run_measured).
    unit_bytes = unit.encode("utf-8")
    written = 0
    with open(path, "wb") as f:
        while written + len(unit_bytes) <= size:
            f.write(unit_bytes)
            written += len(unit_bytes)
        rest = unit_bytes[:size - written]
        rest = rest[:rest.rfind(b" ") + 1] if b" " in rest else b""  # end on a whole word
        f.write(rest)
        written += len(rest)
    return written


def run_measured(args, out_path):
    with open(out_path, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(args, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        err.seek(0)
        return (os.waitstatus_to_exitcode(status), seconds, usage.ru_utime + usage.ru_stime,
                usage.ru_maxrss / 1024.0, err.read().decode("utf-8", "replace"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "provcheck"))
    ap.add_argument("--sizes", default="0.1,0.5,1,2,4,8,16,32,64")
    ap.add_argument("--kinds", default="copied,random,oneline")
    ap.add_argument("--work", default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--json", default=None, help="raw numbers (default: WORK/scan_size.json)")
    opts = ap.parse_args()
    work = opts.work or tempfile.mkdtemp(prefix="provcheck-scan-size-")
    os.makedirs(work, exist_ok=True)
    index = os.path.join(work, "idx")
    if not os.path.exists(index):
        add = subprocess.run([opts.bin, "index", "add", os.path.join(REPO, "corpus"), "--index", index],
                             capture_output=True)
        if add.returncode != 0:
            sys.stderr.write(add.stderr.decode())
            return 1
    env_note = "SOURCE_DATE_EPOCH unset; machine load as it was"
    rows, failed = [], False
    print("| kind | MB | wall s | CPU s | CPU us per KB | findings | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for kind in opts.kinds.split(","):
        for mb in (float(s) for s in opts.sizes.split(",")):
            draft = os.path.join(work, "%s-%g.txt" % (kind, mb))
            size = make_draft(kind, int(mb * MB), draft)
            args = [opts.bin, "scan", draft, "--index", index, "--format", "json"]
            out = os.path.join(work, "report.json")
            code, seconds, cpu, rss, err = run_measured(args, out)
            findings = None
            if code in (0, 1):
                # Counted in a child: a child's peak RSS (ru_maxrss) starts from its
                # parent's at fork, so this process must stay small.
                count = subprocess.run(
                    [sys.executable, "-c", "import json,sys; print(len(json.load(open(sys.argv[1]))"
                     "['findings']))", out], capture_output=True, text=True)
                findings = int(count.stdout)
            else:
                failed = True
                sys.stderr.write("%s: exit %d: %s\n" % (shlex.join(args), code, err[:500]))
            os.remove(draft)
            row = {"kind": kind, "mb": mb, "bytes": size, "seconds": round(seconds, 3),
                   "cpu_seconds": round(cpu, 3),
                   "cpu_us_per_kb": round(cpu * 1e6 / (size / 1000.0), 1), "findings": findings,
                   "peak_rss_mb": round(rss, 1), "exit": code, "command": shlex.join(args)}
            rows.append(row)
            print("| %s | %g | %.2f | %.2f | %.1f | %s | %.0f |" % (
                kind, mb, seconds, cpu, row["cpu_us_per_kb"], findings, rss), flush=True)
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    raw = {"commit": commit, "bin": opts.bin, "command": shlex.join(sys.argv), "note": env_note,
           "rows": rows}
    with open(opts.json or os.path.join(work, "scan_size.json"), "w") as f:
        json.dump(raw, f, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
