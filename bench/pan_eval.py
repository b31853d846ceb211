#!/usr/bin/env python3
"""The PAN text-alignment evaluation: runs pan_eval (the provcheck pipeline)
in pair and/or corpus mode over a PAN-shaped folder, scores the detections
per task with the shared scorer, and prints one table per mode.

  bench/pan_eval.py [--data ../shared/data/pan13-train] [--mode pair|corpus|both]
                    [--bin build-bench/bench/pan_eval] [--per-task-pairs N]
                    [--min-words N] [--show-foreign N] [--json FILE]

--per-task-pairs N takes the first N pairs of each task (a fixed subset, for
quick runs and the CI floors); without it every pair is used.
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared"))
TASKS = ["01-no-plagiarism", "02-no-obfuscation", "03-random-obfuscation",
         "04-translation-obfuscation", "05-summary-obfuscation"]


def subset_truth(data, n, work):
    """A truth folder holding the first n pairs of each task, and its pairs file."""
    truth = os.path.join(work, "truth")
    pairs = []
    for task in TASKS:
        os.makedirs(os.path.join(truth, task))
        lines = open(os.path.join(data, task, "pairs")).read().split("\n")
        chosen = [l for l in lines if l.strip()][:n]
        for line in chosen:
            susp, src = line.split()
            name = susp[:-4] + "-" + src[:-4] + ".xml"
            shutil.copy(os.path.join(data, task, name), os.path.join(truth, task, name))
        with open(os.path.join(truth, task, "pairs"), "w") as f:
            f.write("\n".join(chosen) + "\n")
        pairs += chosen
    with open(os.path.join(work, "pairs"), "w") as f:
        f.write("\n".join(pairs) + "\n")
    return truth, os.path.join(work, "pairs")


def score(truth, detections):
    out = subprocess.run([sys.executable, os.path.join(SHARED, "eval", "pan_measures.py"),
                          "--truth", truth, "--detections", detections, "--per-task", "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run(binary, mode, data, pairs, truth, work, min_words):
    out = os.path.join(work, "out-" + mode)
    env = dict(os.environ, PAN_EVAL_MIN_WORDS=str(min_words))
    start = time.time()
    proc = subprocess.run([binary, mode, data, pairs, out], check=True, capture_output=True,
                          text=True, env=env)
    seconds = time.time() - start
    return score(truth, out), seconds, proc.stdout.strip(), out


def annotated_source_regions(truth):
    """{source file: [(offset, end)]}: every source region a truth case copies,
    read with the shared scorer's own reader."""
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    import pan_measures
    regions = {}
    for files in pan_measures.collect_truth(truth).values():
        for path in files.values():
            _susp, by_source, _skipped = pan_measures.read_features(path, pan_measures.TRUTH_NAME)
            for source, cases in by_source.items():
                regions.setdefault(source, []).extend((c.s0, c.s1) for c in cases)
    return regions


def verbatim(data, rows):
    """How many foreign detections are verbatim copies: at least 90% of the
    5-word runs of the shorter side occur in the other (lowercased words).
    Their text alone shows the reuse, whatever the pairs list says."""
    texts = {}

    def text(folder, name):
        if (folder, name) not in texts:
            with open(os.path.join(data, folder, name), encoding="utf-8") as f:
                texts[(folder, name)] = f.read()
        return texts[(folder, name)]

    def runs(t):
        w = re.findall(r"[a-z0-9]+", t.lower())
        return {tuple(w[i:i + 5]) for i in range(len(w) - 4)}

    count, reworded = 0, []
    for susp, src, o, l, so, sl in rows:
        da, sa = text("susp", susp)[int(o):int(o) + int(l)], text("src", src)[int(so):int(so) + int(sl)]
        a, b = runs(da), runs(sa)
        if a and b and len(a & b) >= 0.9 * min(len(a), len(b)):
            count += 1
        else:
            reworded.append((susp, src, o, l, so, sl, da, sa))
    return count, reworded


def show(reworded, n):
    """Prints n foreign detections that are not verbatim copies (a fixed
    sample), both texts side by side, for reading."""
    for susp, src, o, l, so, sl, da, sa in random.Random(7).sample(reworded, min(n, len(reworded))):
        print("\n%s @%s+%s  vs  %s @%s+%s" % (susp, o, l, src, so, sl))
        print("  draft:  " + " ".join(da.split())[:300])
        print("  source: " + " ".join(sa.split())[:300])


def strict_row(label, scores, false_detections, note):
    """The overall score with `false_detections` more detections of precision 0."""
    o = scores["overall"]
    n = o["detections"]
    precision = o["precision"] * n / (n + false_detections) if n + false_detections else 0.0
    rec, gran = o["recall"], o["granularity"]
    f1 = 2 * precision * rec / (precision + rec) if precision + rec else 0.0
    plagdet = f1 / math.log2(1 + gran)
    print("%-28s %8.3f %8.3f %9.3f %6.3f   (%s)" % (label, plagdet, rec, precision, gran, note))
    return precision, plagdet


def foreign_detections(scores, out, truth, data, show_n):
    """Corpus mode: detections against a source that is not the pair's, counted
    as false detections (precision 0 each) in a strict overall score, and how
    many of them land on a source region PAN annotates as copied into some
    other suspicious document, or are verbatim copies (reuse the training
    pairs do not list)."""
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "foreign.tsv")) if l.strip()]
    regions = annotated_source_regions(truth)
    annotated = sum(1 for _s, src, _o, _l, so, sl in rows
                    if any(int(so) < e and b < int(so) + int(sl) for b, e in regions.get(src, [])))
    copies, reworded = verbatim(data, rows)
    print("foreign detections (source not the pair's): %d; %d of them on a source region PAN "
          "annotates as copied into another suspicious document; %d verbatim copies (90%% of "
          "5-word runs shared)" % (len(rows), annotated, copies))
    precision, plagdet = strict_row("overall, strict", scores, len(rows),
                                    "every foreign detection counted as false")
    v_precision, v_plagdet = strict_row("overall, strict but copies", scores, len(rows) - copies,
                                        "foreign detections but verbatim copies counted as false")
    if show_n:
        show(reworded, show_n)
    return {"foreign": len(rows), "foreign_on_annotated_region": annotated,
            "foreign_verbatim": copies, "strict_precision": precision, "strict_plagdet": plagdet,
            "strict_but_copies_precision": v_precision, "strict_but_copies_plagdet": v_plagdet}


def table(mode, scores, seconds, n_pairs, log):
    print("\n%s mode: %d pairs in %.1f s (%.0f pairs/s)" % (mode, n_pairs, seconds, n_pairs / seconds))
    for line in log.splitlines():
        print("  " + line)
    print("%-28s %8s %8s %9s %6s" % ("task", "plagdet", "recall", "precision", "gran"))
    rows = scores.get("tasks", {})
    for task in TASKS:
        r = rows.get(task)
        if r:
            print("%-28s %8.3f %8.3f %9.3f %6.3f   detections %d" % (
                task, r["plagdet"], r["recall"], r["precision"], r["granularity"], r["detections"]))
    o = scores["overall"]
    print("%-28s %8.3f %8.3f %9.3f %6.3f" % ("overall", o["plagdet"], o["recall"], o["precision"],
                                              o["granularity"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(SHARED, "data", "pan13-train"))
    ap.add_argument("--mode", choices=["pair", "corpus", "both"], default="both")
    ap.add_argument("--bin", default=os.path.join(ROOT, "build-bench", "bench", "pan_eval"))
    ap.add_argument("--per-task-pairs", type=int, default=0)
    ap.add_argument("--json", help="also write the scores here")
    ap.add_argument("--min-words", type=int, default=20,
                    help="shortest passage reported (a rules file's reuse.min_words; provcheck's "
                         "default is 10). PAN annotates no verbatim case under 33 words, and its "
                         "web pages share unannotated runs of 10-19 words (addresses, notices)")
    ap.add_argument("--show-foreign", type=int, default=0, metavar="N",
                    help="corpus mode: print N foreign detections that are not verbatim copies "
                         "(a fixed sample), both texts, to judge whether they are reuse")
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        sys.exit("pan_eval.py: the PAN data is absent: %s (it lives in ../shared/data/)" % args.data)
    if not os.path.exists(args.bin):
        sys.exit("pan_eval.py: %s not built; run: cmake -S . -B build-bench -G Ninja "
                 "-DCMAKE_BUILD_TYPE=Release -DPROVCHECK_BUILD_BENCH=ON && cmake --build "
                 "build-bench --target pan_eval -j2" % args.bin)
    # Thousands of small detection files: on a tmpfs when there is one, so the
    # times measure provcheck rather than the file system's inode allocator
    # (ext4 spent more time creating them than pair mode spent aligning).
    shm = "/dev/shm"
    work = tempfile.mkdtemp(prefix="pan-eval-", dir=shm if os.access(shm, os.W_OK) else None)
    try:
        if args.per_task_pairs:
            truth, pairs = subset_truth(args.data, args.per_task_pairs, work)
        else:
            truth, pairs = args.data, os.path.join(args.data, "pairs")
        n_pairs = sum(1 for l in open(pairs) if l.strip())
        results = {}
        for mode in (["pair", "corpus"] if args.mode == "both" else [args.mode]):
            scores, seconds, log, out = run(args.bin, mode, args.data, pairs, truth, work,
                                            args.min_words)
            table(mode, scores, seconds, n_pairs, log)
            results[mode] = {"scores": scores, "seconds": seconds, "min_words": args.min_words}
            if mode == "corpus":
                results[mode]["strict"] = foreign_detections(scores, out, truth, args.data,
                                                              args.show_foreign)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=1)
    finally:
        shutil.rmtree(work, True)


if __name__ == "__main__":
    main()
