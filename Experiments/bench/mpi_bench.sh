#!/usr/bin/env bash
# Distributed-run measurements for Experiments/BENCHMARKS.md (release build, this machine):
#   1. the e-commerce reference experiment, one process and mpirun -np K (K = 2, 3), wall time, and
#      whether every output file is the same bytes as the one-process run (wall-time fields aside);
#   2. per-evaluation message overhead: NSGA-II on ZDT1 (an evaluation costs < 1 µs) with one
#      worker (mpirun -np 2, a strict ping-pong) against one process;
#   3. data-parallel training: samples/s and all-reduce seconds per batch, two-tower and MMoE,
#      one process (one BLAS thread) and mpirun -np 2.
# Usage: bash Experiments/bench/mpi_bench.sh [OUTDIR]   (needs `swift build -c release --product paretorec`)
set -euo pipefail
cd "$(dirname "$0")/../.."
P=$PWD/.build/release/paretorec
OUT=${1:-/tmp/paretorec-mpi-bench}
rm -rf "$OUT"; mkdir -p "$OUT"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
MPIRUN="mpirun --oversubscribe --bind-to none"
wall() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>>"$OUT/stderr.log"; e=$(date +%s.%N); echo "$e - $s" | bc; }
strip_times() {  # a results folder's files with wall-time fields blanked, one digest per file
  (cd "$1" && find . -type f | sort | while read -r f; do
     case "$f" in
       *summary.json) sed 's/"seconds" : .*/"seconds": _/' "$f" ;;
       *summary.csv) sed 's/,[^,]*$/,_/' "$f" ;;
       *report.html) sed 's#<td>[^<]*</td></tr>$#<td>_</td></tr>#' "$f" ;;
       *) cat "$f" ;;
     esac | md5sum | sed "s#-#$f#"
   done)
}

echo "## 1. e-commerce reference experiment (Experiments/ecommerce.yaml)"
echo "one process, --parallelism 1: $(wall $P experiment Experiments/ecommerce.yaml --output-dir "$OUT/e-p1" --parallelism 1) s"
echo "one process, --parallelism 2: $(wall $P experiment Experiments/ecommerce.yaml --output-dir "$OUT/e-p2" --parallelism 2) s"
for k in 2 3; do
  echo "mpirun -np $k: $(wall $MPIRUN -np $k $P experiment Experiments/ecommerce.yaml --output-dir "$OUT/e-k$k" --distributed mpi) s"
done
for d in e-p2 e-k2 e-k3; do
  if diff <(strip_times "$OUT/e-p1") <(strip_times "$OUT/$d") > /dev/null; then echo "$d: same files as e-p1"; else echo "$d: FILES DIFFER"; fi
done

echo "## 2. per-evaluation message overhead (NSGA-II, ZDT1, population 100, 200 generations = 20000 evaluations)"
Z="optimize --problem zdt1 --algorithm nsga2 --population 100 --generations 200 --seed 1"
for rep in 1 2 3; do
  t1=$(wall $P $Z --output "$OUT/z1.csv")
  t2=$(wall $MPIRUN -np 2 $P $Z --output "$OUT/z2.csv" --distributed mpi)
  t0=$(wall $MPIRUN -np 1 $P $Z --output "$OUT/z0.csv" --distributed mpi)
  echo "rep $rep: one process $t1 s; mpirun -np 1 $t0 s; mpirun -np 2 $t2 s; overhead per evaluation $(echo "($t2 - $t0) / 20000 * 1000000" | bc -l | cut -c1-6) µs"
  cmp "$OUT/z1.csv" "$OUT/z2.csv" && echo "  fronts identical"
done

echo "## 3. data-parallel training (ecommerce Taobao sample, 2 epochs, batch 1024)"
DATA=/work/shared/data/ecommerce/taobao_userbehavior_head84k.csv
for arch in two-tower mmoe; do
  T="train --scenario ecommerce --data $DATA --architecture $arch --epochs 2 --batch-size 1024 --seed 1 --json"
  OPENBLAS_NUM_THREADS=1 $P $T 2>/dev/null > "$OUT/t-$arch-1.json"
  $MPIRUN -np 2 $P $T --distributed mpi 2>/dev/null > "$OUT/t-$arch-2.json"
  for k in 1 2; do
    python3 -c "
import json,sys
d=json.load(open('$OUT/t-$arch-$k.json'))
print('$arch K=$k: samples/s %.0f, training %.2f s, all-reduce per batch %s ms, dense parameters %d, train examples %d' % (
  d['samplesPerSecond'], d['trainingSeconds'],
  '%.3f' % (1000*d['allReduceSecondsPerBatch']) if d.get('allReduceSecondsPerBatch') is not None else '-',
  d['denseParameters'], d['trainExamples']))"
  done
done
