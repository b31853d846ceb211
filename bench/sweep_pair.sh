#!/usr/bin/env bash
# Sweeps the similarity stage's parameters in pair mode over the whole PAN
# training corpus; one line per setting (plagdet per task). Usage:
#   bench/sweep_pair.sh > bench/results/<date>-sweep-pair.tsv
set -euo pipefail
cd "$(dirname "$0")/.."
P=../shared/data/pan13-train
BIN=${BIN:-build-bench/bench/pan_eval}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
printf "setting\tnone\trandom\ttranslation\tsummary\toverall\tno-plag-detections\n"
run() {
  local label=$1; shift
  rm -rf "$OUT/d"
  env "$@" "$BIN" pair "$P" "$P/pairs" "$OUT/d" >/dev/null
  python3 ../shared/eval/pan_measures.py --truth "$P" --detections "$OUT/d" --per-task --json |
    python3 -c 'import json,sys; r=json.load(sys.stdin); t=r["tasks"]; print("\t".join([sys.argv[1]] + ["%.3f" % t[k]["plagdet"] for k in ["02-no-obfuscation","03-random-obfuscation","04-translation-obfuscation","05-summary-obfuscation"]] + ["%.3f" % r["overall"]["plagdet"], str(t["01-no-plagiarism"]["detections"])]))' "$label"
}
run "defaults" X=1
for v in 0.25 0.4; do run "seed_cosine=$v" PAN_EVAL_SEED_COSINE=$v; done
for v in 0.25 0.4; do run "seed_dice=$v" PAN_EVAL_SEED_DICE=$v; done
for v in 2 6; do run "draft_gap=$v" PAN_EVAL_DRAFT_GAP=$v; done
for v in 2 6; do run "source_gap=$v" PAN_EVAL_SOURCE_GAP=$v; done
for v in 0.4 0.6; do run "fragment_cosine=$v" PAN_EVAL_FRAGMENT_COSINE=$v; done
for v in 10 30; do run "fragment_words=$v" PAN_EVAL_FRAGMENT_WORDS=$v; done
for v in 1 3; do run "fragment_seeds=$v" PAN_EVAL_FRAGMENT_SEEDS=$v; done
for v in 2 4; do run "summary_ratio=$v" PAN_EVAL_SUMMARY_RATIO=$v; done
for v in 12 48; do run "summary_gap=$v" PAN_EVAL_SUMMARY_GAP=$v; done
for v in 0.2 0.4; do run "summary_cosine=$v" PAN_EVAL_SUMMARY_COSINE=$v; done
# Added 2026-11-26 (issue #3): the extension, single-seed, shared-stem and
# summary-join settings.
for v in 0 1 3; do run "neighbour_sentences=$v" PAN_EVAL_NEIGHBOUR_SENTENCES=$v; done
for v in 0.15 0.35; do run "neighbour_cosine_dice=$v" PAN_EVAL_NEIGHBOUR_COSINE=$v PAN_EVAL_NEIGHBOUR_DICE=$v; done
for v in 0 20 35; do run "single_seed_words=$v" PAN_EVAL_SINGLE_SEED_WORDS=$v; done
for v in 0 8 12; do run "shared_stems=$v" PAN_EVAL_SHARED_STEMS=$v; done
for v in 0 30; do run "summary_join=$v" PAN_EVAL_SUMMARY_JOIN=$v; done
