#!/usr/bin/env bash
# Writes the full-size protocol replicas into Experiments/protocols/full-size/data/ (not committed)
# with the release build of paretorec-bench: seeded, in the real formats and sizes.
#   generate.sh ali-ccp      42.3 M training + 43.0 M test rows (ESMM's Ali-CCP release), 11.3 GB
#   generate.sh aliexpress   36.4 M training + 5.56 M test rows (the NL subset), about 20 GB
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="${BENCH:-$here/../../../.build/release/paretorec-bench}"
mkdir -p "$here/data"
case "${1:-}" in
  ali-ccp)
    "$bench" data generate --format ali-ccp --rows 42300000 --seed 1 --output "$here/data/ali_ccp_train.csv"
    "$bench" data generate --format ali-ccp --rows 43000000 --seed 2 --output "$here/data/ali_ccp_test.csv" ;;
  aliexpress)
    "$bench" data generate --format aliexpress --rows 36400000 --seed 1 --output "$here/data/aliexpress_nl_train.csv"
    "$bench" data generate --format aliexpress --rows 5560000 --seed 2 --output "$here/data/aliexpress_nl_test.csv" ;;
  *) echo "usage: generate.sh ali-ccp|aliexpress" >&2; exit 2 ;;
esac
