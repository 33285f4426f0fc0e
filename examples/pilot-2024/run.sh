#!/usr/bin/env bash
# Scores the five illustrative pilot networks: prints the score table and writes
# the tidy results to results/pilot-2024/ (CSV and JSON).
set -euo pipefail
cd "$(dirname "$0")/../.."
gpn=${GPN:-build/gpn}
args=(-m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv --networks examples/pilot-2024/networks.csv)
mkdir -p results/pilot-2024
"$gpn" score "${args[@]}" --format csv -o results/pilot-2024/scores.csv 2>/dev/null
"$gpn" score "${args[@]}" --format json -o results/pilot-2024/scores.json 2>/dev/null
"$gpn" score "${args[@]}"
echo "Results written to results/pilot-2024/scores.csv and scores.json"
