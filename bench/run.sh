#!/usr/bin/env bash
# The benchmark suite: times whole commands (wall time, throughput, peak memory)
# on synthetic inputs and against a pandas peer, and prints a Markdown table.
# Usage: bench/run.sh [quick|full]   (full: the sizes in docs/performance.md)
# Needs: a Release build in build/ (made if missing), python3-pandas. Commands are
# timed by build/gpn_bench_time (bench/time_command.cpp): wall time to the
# millisecond and peak memory, what GNU time reports in hundredths.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-full}
work=${BENCH_DIR:-/tmp/gpn-bench}
mkdir -p "$work"
if [ ! -x build/gpn ] || [ ! -x build/gpn_bench_stages ] || [ ! -x build/gpn_bench_time ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2 --target gpn gpn_bench_stages gpn_bench_time >/dev/null
fi
gpn=build/gpn
if [ "$scale" = full ]; then networks=100000; units=100000; curve="1000 10000 100000 1000000"; samples=10000
else networks=5000; units=10000; curve="1000 10000"; samples=1000; fi

# run LABEL BYTES ROWS -- command...: one line of the table. The command runs
# $repeat times (1 unless set) and the run with the median time is reported:
# the short benchmarks vary from run to run on a shared virtual machine.
repeat=1
run() {
  local label=$1 bytes=$2 rows=$3; shift 4
  if [ "$repeat" -gt 1 ]; then label="$label, median of $repeat runs"; fi
  : > "$work/times.txt"
  for _ in $(seq "$repeat"); do
    build/gpn_bench_time "$work/time.txt" "$@"
    cat "$work/time.txt" >> "$work/times.txt"
  done
  local t
  t=$(sort -n "$work/times.txt" | sed -n "$(( (repeat + 1) / 2 ))p")
  local secs=${t% *} kb=${t#* }
  awk -v l="$label" -v s="$secs" -v kb="$kb" -v b="$bytes" -v r="$rows" 'BEGIN {
    mbs = (b > 0 && s > 0) ? sprintf("%.0f", b / 1e6 / s) : "-";
    rps = (r > 0 && s > 0) ? sprintf("%.0f", r / s) : "-";
    printf "| %s | %.3f | %s | %s | %.0f |\n", l, s, mbs, rps, kb / 1024 }'
  echo "$secs" > "$work/last-seconds"
}
size() { stat -c %s "$1"; }

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); gpn $($gpn --version | cut -d' ' -f2); scale $scale"
echo
echo "| benchmark | seconds | MB/s | rows/s | peak MiB |"
echo "|---|---|---|---|---|"

# 1. Questionnaire scoring: a 200-question methodology, long CSV, streamed.
$gpn synth --questions 200 --networks "$networks" --seed 1 -o "$work/q" 2>/dev/null
rows=$((networks * 200))
run "questionnaire: $networks networks x 200 questions, --stream csv" "$(size "$work/q/answers.csv")" "$rows" -- \
  $gpn score --stream -m "$work/q/methodology.yaml" "$work/q/answers.csv" --format csv -o "$work/q/scores.csv"
run "questionnaire: $networks networks x 200 questions, --stream wide" "$(size "$work/q/answers.csv")" "$rows" -- \
  $gpn score --stream -m "$work/q/methodology.yaml" "$work/q/answers.csv" --format wide -o "$work/q/scores-wide.csv"

# 2. Numeric pipeline against the pandas peer (median of 5 runs each).
repeat=5
$gpn synth --numeric --units "$units" --indicators 50 --seed 1 -o "$work/n" 2>/dev/null
bytes=$(size "$work/n/data.csv")
run "numeric: $units units x 50 indicators, min-max, 3 levels (gpn)" "$bytes" "$units" -- \
  $gpn score -m "$work/n/methodology.yaml" --data "$work/n/data.csv" --format wide -o "$work/n/gpn.csv"
gpn_secs=$(cat "$work/last-seconds")
run "numeric: the same in pandas (bench/pandas_peer.py)" "$bytes" "$units" -- \
  /usr/bin/python3 bench/pandas_peer.py "$work/n/data.csv" "$work/n/pandas.csv"
pandas_secs=$(cat "$work/last-seconds")

# 3. Sensitivity on the ASEM example (51 units x 49 indicators, 4 levels).
asem=../shared/conformance/coinr-asem
if [ -f "$asem/ASEM_iMeta.csv" ]; then
  $gpn import coinr --meta "$asem/ASEM_iMeta.csv" --id asem -o "$work/asem.yaml"
  run "sensitivity: ASEM, $samples samples, weights +-25% ($((samples * 3)) runs)" 0 "$((samples * 3))" -- \
    $gpn sensitivity -m "$work/asem.yaml" --data "$asem/ASEM_iData.csv" --samples "$samples" --vary-weights 0.25 --format csv
fi

repeat=1

# 4. The cost curve: streaming keeps memory flat; in-memory scoring grows with the input.
for n in $curve; do
  $gpn synth -m methodology/igpn-gpn.yaml --networks "$n" --seed 2 -o "$work/c$n" 2>/dev/null
  run "cost curve: $n networks x 40 questions, --stream" "$(size "$work/c$n/answers.csv")" "$((n * 40))" -- \
    $gpn score --stream -m methodology/igpn-gpn.yaml "$work/c$n/answers.csv" --format wide -o "$work/c$n/s.csv"
  if [ "$n" -le 100000 ]; then
    run "cost curve: $n networks x 40 questions, in memory" "$(size "$work/c$n/answers.csv")" "$((n * 40))" -- \
      $gpn score -m methodology/igpn-gpn.yaml "$work/c$n/answers.csv" --format wide -o "$work/c$n/m.csv"
  fi
  rm -rf "$work/c$n"
done

echo
awk -v g="$gpn_secs" -v p="$pandas_secs" 'BEGIN { printf "Numeric pipeline: gpn %.3f s, pandas %.3f s: gpn is %.1f times as fast.\n", g, p, p / g }'
# The peer is also an independent check of the numbers.
/usr/bin/python3 - "$work/n/gpn.csv" "$work/n/pandas.csv" <<'PY'
import sys
import pandas as pd
g = pd.read_csv(sys.argv[1]).set_index("network")
p = pd.read_csv(sys.argv[2]).set_index("uCode")
d = (g["Index"] - p["Index"]).abs().max()
print(f"Largest difference between gpn's and pandas' Index: {d:.2e}")
PY

echo
echo "Where the numeric benchmark's time goes (build/gpn_bench_stages, one process, two passes):"
echo
build/gpn_bench_stages "$work/n/methodology.yaml" "$work/n/data.csv"
