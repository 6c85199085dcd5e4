#!/usr/bin/env bash
# Coverage-guided fuzzing of ParetoRec's parsers with libFuzzer (Swift's -sanitize=fuzzer, plus
# AddressSanitizer). Builds the `paretorec-fuzz` product into .build/fuzz, then runs every target for
# FUZZ_SECONDS (default 60) starting from the committed seed corpus Fuzz/corpus/TARGET. New corpus
# entries go to Fuzz/corpus-work/ (git-ignored); a crashing input is saved under Fuzz/artifacts/ and
# the script fails: commit it under Fuzz/regressions/TARGET/ (the tests replay that folder).
#
# Usage: FUZZ_SECONDS=60 Fuzz/run.sh [TARGET…]     targets: front-csv delimited config checkpoint
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(front-csv delimited config checkpoint)
echo "fuzz: building paretorec-fuzz with -sanitize=fuzzer,address (.build/fuzz)"
swift build -c release --build-path .build/fuzz --product paretorec-fuzz \
  -Xswiftc -DPARETOREC_FUZZING --sanitize=fuzzer --sanitize=address 2>&1 | grep -v "Cannot export local symbol" | tail -3
bin="$(swift build -c release --build-path .build/fuzz --show-bin-path)/paretorec-fuzz"
status=0
summary=()
for target in "${targets[@]}"; do
  mkdir -p "Fuzz/corpus-work/$target" "Fuzz/artifacts/$target"
  log="Fuzz/artifacts/$target/last-run.log"
  echo "fuzz: $target for ${seconds}s"
  if PARETOREC_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 "$bin" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="Fuzz/artifacts/$target/" "Fuzz/corpus-work/$target" "Fuzz/corpus/$target" >"$log" 2>&1; then
    result="clean"
  else
    result="FAILED (see $log and Fuzz/artifacts/$target/)"
    status=1
  fi
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')"
  summary+=("$target: $runs executions in ${seconds}s, coverage $cov edges, $result")
done
printf 'fuzz: %s\n' "${summary[@]}"
exit $status
