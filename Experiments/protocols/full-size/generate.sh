#!/usr/bin/env bash
# Writes the full-size protocol replicas into Experiments/protocols/full-size/data/ (not committed)
# with the release build of paretorec-bench: seeded, in the real formats and sizes. A file that
# already exists is kept (delete it to write it again).
#   generate.sh ali-ccp      42.3 M training + 43.0 M test rows (ESMM's Ali-CCP release), 11.3 GB
#   generate.sh aliexpress   36.4 M training + 5.56 M test rows (the NL subset), about 20 GB
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="${BENCH:-$here/../../../.build/release/paretorec-bench}"
mkdir -p "$here/data"
generate() {  # format rows seed file
  if [ -f "$here/data/$4" ]; then echo "keeping $here/data/$4"; return; fi
  "$bench" data generate --format "$1" --rows "$2" --seed "$3" --output "$here/data/$4"
}
case "${1:-}" in
  ali-ccp)
    generate ali-ccp 42300000 1 ali_ccp_train.csv
    generate ali-ccp 43000000 2 ali_ccp_test.csv ;;
  aliexpress)
    generate aliexpress 36400000 1 aliexpress_nl_train.csv
    generate aliexpress 5560000 2 aliexpress_nl_test.csv ;;
  *) echo "usage: generate.sh ali-ccp|aliexpress" >&2; exit 2 ;;
esac
