#!/usr/bin/env bash
# Full-size data path benchmark: generate a Taobao UserBehavior replica of ROWS events, then in one run
#  - the streaming parser alone (paretorec-bench loading, duplicates kept and dropped) and pandas read_csv,
#  - the e-commerce scenario build + one training epoch with stored and with per-epoch negatives,
# each under /usr/bin/time -v (peak RSS = "Maximum resident set size"; user + system = CPU seconds).
# Usage (repository root, after `swift build -c release --product paretorec-bench`):
#   Experiments/bench/scale_bench.sh ROWS [WORKDIR] [MODES]
# MODES: space-separated subset of "parse pandas stored per-epoch" (default: all four).
set -euo pipefail
rows=${1:?rows}; work=${2:-/tmp/paretorec-scale}; modes=${3:-"parse pandas stored per-epoch"}
bench=.build/release/paretorec-bench
mkdir -p "$work"; file="$work/taobao_${rows}.csv"
if [ ! -f "$file" ]; then "$bench" data generate --format taobao --rows "$rows" --seed 1 --output "$file"; fi
ls -l "$file"
timed() {  # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" > "$work/$label.out" 2> "$work/$label.time"
  echo "== $label: $(tail -1 "$work/$label.out")"
  grep -E "Elapsed \(wall|User time|System time|Maximum resident" "$work/$label.time" | sed 's/^\s*/   /'
}
for m in $modes; do
  case $m in
    parse)
      timed parse-keep "$bench" loading taobao "$file" --repeat 1 --keep-duplicates
      timed parse-dedup "$bench" loading taobao "$file" --repeat 1 ;;
    pandas)
      timed pandas python3 -c "
import json, sys, time, pandas as pd
t = time.perf_counter()
df = pd.read_csv('$file', header=None, names=['user', 'item', 'category', 'behavior', 'timestamp'],
                 dtype={'user': 'int64', 'item': 'int64', 'category': 'int64', 'behavior': 'category', 'timestamp': 'int64'}, engine='c')
print(json.dumps({'rows': len(df), 'seconds': time.perf_counter() - t}))" ;;
    stored|per-epoch)
      timed "train-$m" "$bench" data train "$file" --negatives "$m" --epochs 1 ;;
  esac
done
