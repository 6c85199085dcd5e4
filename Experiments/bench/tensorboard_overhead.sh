#!/usr/bin/env bash
# Cost of TensorBoard logging on training throughput: `paretorec train` (release build) alternately
# without and with `--tensorboard DIR`, REPEATS times each, one OpenBLAS thread; prints each run's
# training_seconds (the training loop's wall time, which includes the per-step event encoding and the
# per-epoch flush, but not the per-epoch validation that --tensorboard adds after each epoch's clock
# stops) and the process CPU time, then the medians and the ratio.
# usage: Experiments/bench/tensorboard_overhead.sh [REPEATS] [ROWS] [EPOCHS] [BATCH]
set -euo pipefail
repeats=${1:-5}; rows=${2:-100000}; epochs=${3:-3}; batch=${4:-256}
bin=${PARETOREC:-.build/release/paretorec}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
export OPENBLAS_NUM_THREADS=1
run() {  # $1 = label, rest = extra args; prints "label training_seconds cpu_seconds"
  local label=$1; shift
  local out
  out=$( { /usr/bin/time -f 'cpu %U %S' "$bin" train --scenario ecommerce --synthetic-rows "$rows" --epochs "$epochs" \
            --batch-size "$batch" --seed 1 "$@" 2>&1 1>&3 | grep '^cpu' ; } 3>&1 )
  local secs cpu
  secs=$(echo "$out" | awk '/^training_seconds/ {print $2}')
  cpu=$(echo "$out" | awk '/^cpu/ {print $2 + $3}')
  echo "$label $secs $cpu"
}
results=()
for i in $(seq 1 "$repeats"); do
  results+=("$(run plain)")
  results+=("$(run logged --tensorboard "$logs/run$i")")
done
printf '%s\n' "${results[@]}"
printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin if l.strip()]
def med(label, col): return statistics.median(float(r[col]) for r in rows if r[0] == label)
p, l = med("plain", 1), med("logged", 1)
print(f"median training_seconds: plain {p:.4f}  logged {l:.4f}  overhead {100 * (l / p - 1):+.2f} %")
pc, lc = med("plain", 2), med("logged", 2)
print(f"median process CPU seconds (incl. data generation, per-epoch validation when logged): plain {pc:.2f}  logged {lc:.2f}")
'
