#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer and UBSan on), replays
# the kept regression cases, then fuzzes each target for SECONDS (default 60)
# from seed corpora made of the examples. A crash is copied into
# fuzz/regressions/TARGET/ (commit it, fix the bug, and it is replayed forever).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGPN_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j2 >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seed() {  # seed TARGET FILES...
  local t=$1; shift
  mkdir -p "$work/$t"
  for f in "$@"; do
    if [ -f "$f" ]; then cp "$f" "$work/$t/$(echo "$f" | tr / _)"; fi
  done
}
seed answers examples/pilot-2024/answers.csv examples/time-series/answers-2023.csv tests/data/user-answers.csv tests/data/hostile-answers.csv tests/bad-inputs/*answers*.csv
seed indicator_data tests/bad-inputs/*data*.csv
printf 'uCode,uName,Group,I1,I2,I3,I4,I5,I6\nA,a,G1,1,2,3,NA,5,6\nB,b,G2,2,,4,5,6,70\nC,"c, d",G1,3,4,5,6,7,8\nD,d,G2,40,5,6,7,8,9\n' > "$work/indicator_data/seed.csv"
seed methodology methodology/*.yaml tests/data/user-methodology.yaml tests/bad-inputs/*methodology*.yaml
seed weights tests/data/bad-weights.yaml tests/bad-inputs/*weights*.yaml
printf 'GOV: 2\nTOOL: 3\n' > "$work/weights/seed.yaml"
status=0
for t in answers indicator_data methodology weights; do
  mkdir -p "fuzz/regressions/$t"
  if compgen -G "fuzz/regressions/$t/*" >/dev/null; then
    "$build/fuzz/fuzz_$t" fuzz/regressions/$t/* >/dev/null 2>&1 || { echo "FAIL: a kept regression case of $t crashes again" >&2; status=1; }
  fi
  mkdir -p "$work/crashes-$t"
  if "$build/fuzz/fuzz_$t" "$work/$t" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="$work/crashes-$t/" -print_final_stats=1 > "$work/log-$t" 2>&1; then
    echo "fuzz_$t: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$work/log-$t" | grep -o '[0-9]*$') runs in ${seconds}s, no crash"
  else
    echo "FAIL: fuzz_$t found a crash; kept in fuzz/regressions/$t/" >&2
    tail -n 30 "$work/log-$t" >&2
    cp "$work/crashes-$t"/* "fuzz/regressions/$t/" 2>/dev/null || true
    status=1
  fi
done
exit $status
