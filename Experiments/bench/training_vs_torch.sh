#!/usr/bin/env bash
# Recommender training: ParetoRec vs PyTorch on the same synthetic data, in one run (issue 4).
# Run by hand from the repository root (never in CI: PyTorch from PyPI is ~3 GB):
#   pip install torch numpy && Experiments/bench/training_vs_torch.sh
# Environment: REPEATS (default 3), DATA (data file path), THREADS (threads of both sides, default 2 —
# the issue's torch.set_num_threads(2)), MODES (default "weighted mgda-ub mgda"), OUT (results file).
# Each repeat runs every mode of both implementations back to back (interleaved, so machine load hits
# both alike); each run is its own process, so peak RSS (getrusage) is per mode. Results go to
# Experiments/bench/results/training_vs_torch.jsonl and a median summary is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS=${REPEATS:-3}
DATA=${DATA:-/tmp/paretorec-training-bench.bin}
THREADS=${THREADS:-2}
OUT=${OUT:-Experiments/bench/results/training_vs_torch.jsonl}
MODES=${MODES:-weighted mgda-ub mgda}
mkdir -p "$(dirname "$OUT")"
swift build -c release --product paretorec-bench >&2
BENCH=.build/release/paretorec-bench
[ -f "$DATA" ] || "$BENCH" training generate --output "$DATA" --train 200000 --test 50000 --seed 2026
: > "$OUT.tmp"
for r in $(seq 1 "$REPEATS"); do
  for mode in $MODES; do
    echo "repeat $r mode $mode" >&2
    "$BENCH" training run --data "$DATA" --mode "$mode" --threads "$THREADS" | tee -a "$OUT.tmp"
    python3 Experiments/bench/train_torch.py --data "$DATA" --mode "$mode" --threads "$THREADS" | tee -a "$OUT.tmp"
  done
done
mv "$OUT.tmp" "$OUT"
python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def med(impl, mode, key, i=None):
    v = [r[key] if i is None else r[key][i] for r in rows if r["implementation"] == impl and r["mode"] == mode]
    return statistics.median(v) if v else float("nan")
print("| mode | ParetoRec samples/s | PyTorch samples/s | ratio | samples per CPU-s ours / torch | ParetoRec RSS MB | PyTorch RSS MB | AUC click (ours / torch) | AUC purchase (ours / torch) |")
print("|---|---|---|---|---|---|---|---|---|")
for m in ["weighted", "mgda-ub", "mgda"]:
    a, b = med("paretorec", m, "samples_per_second"), med("pytorch", m, "samples_per_second")
    ca = statistics.median([r["samples_per_second"] * r["seconds"] / r["cpu_seconds"] for r in rows if r["implementation"] == "paretorec" and r["mode"] == m and "cpu_seconds" in r] or [float("nan")])
    cb = statistics.median([r["samples_per_second"] * r["seconds"] / r["cpu_seconds"] for r in rows if r["implementation"] == "pytorch" and r["mode"] == m and "cpu_seconds" in r] or [float("nan")])
    print(f"| {m} | {a:,.0f} | {b:,.0f} | {a/b:.2f}x | {ca:,.0f} / {cb:,.0f} | {med('paretorec', m, 'peak_rss_mb'):.0f} | {med('pytorch', m, 'peak_rss_mb'):.0f} | "
          f"{med('paretorec', m, 'test_auc', 0):.4f} / {med('pytorch', m, 'test_auc', 0):.4f} | {med('paretorec', m, 'test_auc', 1):.4f} / {med('pytorch', m, 'test_auc', 1):.4f} |")
w = med("paretorec", "weighted", "samples_per_second")
print(f"\nParetoRec MGDA-UB / weighted: {med('paretorec', 'mgda-ub', 'samples_per_second') / w:.2f}; "
      f"full MGDA / weighted: {med('paretorec', 'mgda', 'samples_per_second') / w:.2f}; "
      f"RSS ours / torch (weighted): {med('paretorec', 'weighted', 'peak_rss_mb') / med('pytorch', 'weighted', 'peak_rss_mb'):.3f}")
PY
