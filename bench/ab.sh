#!/usr/bin/env bash
# Compares two gpn builds on one command, alternately: ROUNDS rounds, each timing
# RUNS runs of build A and then RUNS runs of build B, printing each round's median
# wall time (to the millisecond, by build/gpn_bench_time) and peak memory. On a
# shared virtual machine whose speed drifts from minute to minute, runs taken side
# by side are the fair comparison. Each build then runs once more with its stdout
# kept, and the two outputs are compared byte for byte.
# Usage: bench/ab.sh GPN_A GPN_B [ROUNDS [RUNS]] -- ARGS... (ARGS: a gpn command
# line, e.g. score -m M.yaml --data D.csv --format wide; with -o FILE among them the
# timed runs include the fsync and rename, and the stdout compared is empty)
# Example, against the build of an earlier commit:
#   git worktree add /tmp/old COMMIT && cmake -S /tmp/old -B /tmp/old/build -DCMAKE_BUILD_TYPE=Release \
#     && cmake --build /tmp/old/build -j2 --target gpn
#   bench/ab.sh /tmp/old/build/gpn build/gpn 3 7 -- score -m /tmp/n/methodology.yaml --data /tmp/n/data.csv --format wide
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,14p "$0" >&2; exit 2; }
a=$1 b=$2; shift 2
rounds=3 runs=7
if [ "$1" != "--" ]; then rounds=$1; shift; fi
if [ "$1" != "--" ]; then runs=$1; shift; fi
[ "$1" = "--" ] || { echo "bench/ab.sh: expected -- before the gpn arguments" >&2; exit 2; }
shift
args=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timer=$(dirname "$0")/../build/gpn_bench_time
[ -x "$timer" ] || { echo "bench/ab.sh: build the timer first: cmake --build build --target gpn_bench_time" >&2; exit 2; }
median() {  # median BINARY NAME: RUNS timed runs; prints NAME, the median wall time and its run's peak memory
  : > "$work/times"
  for _ in $(seq "$runs"); do
    "$timer" "$work/t" "$1" "${args[@]}" || { echo "bench/ab.sh: $1 failed" >&2; exit 1; }
    cat "$work/t" >> "$work/times"
  done
  sort -n "$work/times" | awk -v l="$2" -v n="$runs" '{s[NR] = $1; m[NR] = $2} END {
    i = int((n + 1) / 2); printf "  %s: median %.3f s, peak %.0f MiB\n", l, s[i], m[i] / 1024 }'
}

echo "A = $a"
echo "B = $b"
echo "gpn ${args[*]}; $rounds rounds of $runs runs each, A then B"
for r in $(seq "$rounds"); do
  echo "round $r"
  median "$a" A
  median "$b" B
done
"$a" "${args[@]}" > "$work/out-A" 2>/dev/null
"$b" "${args[@]}" > "$work/out-B" 2>/dev/null
if cmp -s "$work/out-A" "$work/out-B"; then echo "output: identical bytes"; else echo "output: DIFFERS"; fi
