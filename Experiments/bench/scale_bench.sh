#!/usr/bin/env bash
# Full-size data path benchmark: generate a Taobao UserBehavior replica of ROWS events, then in one run
#  - parse:    the streaming parser alone on 64-bit columns (`loading taobao --keep-duplicates`) and on
#              encoded 32-bit columns (`loading taobao-events`), one core;
#  - pandas:   pandas.read_csv of the same file (C engine, explicit dtypes);
#  - cache:    `loading taobao-events --cache` twice (run 1 parses and writes the encoded-column cache,
#              run 2 reads it);
#  - train:    the real command (under /usr/bin/time -v; CPU seconds read from /proc while it runs), `paretorec train --scenario ecommerce --data FILE --epochs 1 --cache`
#              (per-epoch negatives, the default for a Taobao file): the second run reads the cache.
#              Peak RSS (VmHWM) and the time of the "loaded … training examples" line are read while it
#              runs; with TRAIN_LIMIT seconds set, the run is stopped after that long in training
#              (the peak of the whole run is then the VmHWM at that moment: training holds only batches).
#              TRAIN_RUNS=1 skips the second (cached) run.
# each under /usr/bin/time -v (peak RSS = "Maximum resident set size"; user + system = CPU seconds).
# Usage (repository root, after `swift build -c release --product paretorec --product paretorec-bench`):
#   Experiments/bench/scale_bench.sh ROWS [WORKDIR] [MODES]     (TRAIN_LIMIT=SECONDS to cap training)
# MODES: space-separated subset of "parse pandas cache train trainbench" (default: all but trainbench).
#   trainbench: `loading taobao-train FILE --cache --batches BATCHES` (default 300): the load stage, then
#               training over BATCHES batches with the full model and sampler (samples/s where an epoch
#               is too long to time whole).
set -euo pipefail
rows=${1:?rows}; work=${2:-/tmp/paretorec-scale}; modes=${3:-"parse pandas cache train"}
bench=${BENCH:-.build/release/paretorec-bench}; cli=${CLI:-.build/release/paretorec}   # BENCH / CLI override the binaries
mkdir -p "$work"; file="$work/taobao_${rows}.csv"
if [ ! -f "$file" ]; then "$bench" data generate --format taobao --rows "$rows" --seed 1 --output "$file"; fi
ls -l "$file"
timed() {  # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" > "$work/$label.out" 2> "$work/$label.time" || echo "   (exit $?)"
  echo "== $label: $(tail -1 "$work/$label.out")   [load average $(cut -d' ' -f1-3 /proc/loadavg)]"
  grep -E "Elapsed \(wall|User time|System time|Maximum resident" "$work/$label.time" | sed 's/^\s*/   /'
}
cpu_of() {  # CPU seconds (user + system) of a running process, from /proc/PID/stat
  awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat" 2>/dev/null || echo "?"
}
watched_train() {  # label: runs the CLI under /usr/bin/time, samples VmHWM and CPU every second,
                   # stops after TRAIN_LIMIT s of training when set
  local label=$1 start loaded="" hwm=0 cpu=0
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$label.time" "$cli" train --scenario ecommerce --data "$file" --epochs 1 --cache \
    > "$work/$label.out" 2> "$work/$label.err" &
  local tpid=$! pid=""
  while [ -z "$pid" ] && kill -0 "$tpid" 2>/dev/null; do sleep 0.2; pid=$(pgrep -P "$tpid" || true); done
  echo "   $label: load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
  while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo "$hwm")
    cpu=$(cpu_of "$pid")
    if [ -z "$loaded" ] && grep -q "^loaded" "$work/$label.err" 2>/dev/null; then
      loaded=$(echo "$(date +%s.%N) - $start" | bc)
      echo "   $label: first epoch starts after ${loaded}s wall, ${cpu} CPU s; VmHWM ${hwm} kB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    fi
    if [ -n "$loaded" ] && [ -n "${TRAIN_LIMIT:-}" ] && \
       [ "$(echo "$(date +%s.%N) - $start - $loaded > $TRAIN_LIMIT" | bc)" = 1 ]; then
      echo "   $label: stopped after ${TRAIN_LIMIT}s of training at ${cpu} CPU s; VmHWM ${hwm} kB"; kill "$pid"; break
    fi
    sleep 1
  done
  wait "$tpid" 2>/dev/null || true
  echo "== $label: peak RSS ${hwm} kB (sampled); $(grep -E "^loaded" "$work/$label.err" || true)"
  grep -E "Elapsed \(wall|User time|System time|Maximum resident" "$work/$label.time" | sed 's/^\s*/   /'
  grep -E "epoch 1/1" "$work/$label.err" | sed 's/^/   /' || true
  grep -E "samples_per_second|training_seconds|load_seconds|peak_memory_mb" "$work/$label.out" | sed 's/^/   /' || true
}
for m in $modes; do
  case $m in
    parse)
      timed parse-keep "$bench" loading taobao "$file" --repeat 1 --keep-duplicates
      timed parse-events "$bench" loading taobao-events "$file" --repeat 1 ;;
    pandas)
      timed pandas python3 -c "
import json, sys, time, pandas as pd
t = time.perf_counter()
df = pd.read_csv('$file', header=None, names=['user', 'item', 'category', 'behavior', 'timestamp'],
                 dtype={'user': 'int64', 'item': 'int64', 'category': 'int64', 'behavior': 'category', 'timestamp': 'int64'}, engine='c')
print(json.dumps({'rows': len(df), 'seconds': time.perf_counter() - t}))" ;;
    cache)
      rm -f "$file.paretorec-cache"
      timed cache-write "$bench" loading taobao-events "$file" --repeat 1 --cache
      timed cache-read "$bench" loading taobao-events "$file" --repeat 1 --cache ;;
    train)
      watched_train train-run1
      if [ "${TRAIN_RUNS:-2}" -ge 2 ]; then watched_train train-run2; fi ;;
    trainbench)  # load (cached) + BATCHES batches of training, the full model and sampler
      timed trainbench "$bench" loading taobao-train "$file" --cache --batches "${BATCHES:-300}" ;;
  esac
done
