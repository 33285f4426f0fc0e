#!/usr/bin/env bash
# Writes the outputs of a gpn build for a fixed set of commands into a folder, one
# file per command (stdout, stderr and exit code), so that two builds can be compared
# byte for byte with `diff -r` (used to show that a refactoring changes no output).
# Usage: scripts/golden-outputs.sh GPN OUT_DIR
set -uo pipefail
gpn=$(realpath "$1"); out=$(realpath -m "$2")
cd "$(dirname "$0")/.."
shared=../shared/conformance/coinr-asem
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
n=0
run() {  # run NAME ARGS...: stdout, stderr and the exit code of `gpn ARGS...`
  local name=$1; shift
  "$gpn" "$@" > "$out/$name.out" 2> "$out/$name.err"; echo $? > "$out/$name.rc"
  n=$((n + 1))
}
pilot=(-m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv --networks examples/pilot-2024/networks.csv)
run validate validate methodology/igpn-gpn.yaml
run validate-sdg validate methodology/sdg-12-7-1-spp-index.yaml
run validate-user validate tests/data/user-methodology.yaml
run questionnaire questionnaire methodology/igpn-gpn.yaml --network JP
for f in table csv json wide; do run "score-$f" score "${pilot[@]}" --format $f; done
run score-stream score -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv --stream --format wide
run score-stream-csv score -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv --stream --format csv
run score-sdg score -m methodology/sdg-12-7-1-spp-index.yaml examples/sdg-12-7-1/answers.csv --format csv
run score-user score -m tests/data/user-methodology.yaml tests/data/user-answers.csv --format json
run score-hostile score "${pilot[@]:0:2}" tests/data/hostile-answers.csv --networks tests/data/hostile-networks.csv --format csv
run compare compare "${pilot[@]}" --by region
run compare-csv compare "${pilot[@]}" --format csv
run compare-json compare "${pilot[@]}" --format json
run check check "${pilot[@]}" --expect examples/pilot-2024/expected-scores.csv
run import import coinr --meta $shared/ASEM_iMeta.csv --id asem -o "$work/asem.yaml"
cp "$work/asem.yaml" "$out/asem.yaml"
asem=(-m "$work/asem.yaml" --data $shared/ASEM_iData.csv)
run asem-coinr score "${asem[@]}" --impute mean --treat coinr --normalise minmax:0,100 --aggregate arithmetic --format csv
for a in arithmetic geometric harmonic genmean:-2; do run "asem-$a" score "${asem[@]}" --normalise zscore --aggregate $a --format wide; done
run sens1 sensitivity "${asem[@]}" --samples 2000 --vary-weights 0.25 --aggregation arithmetic --aggregation geometric --drop-one
run sens2 sensitivity "${asem[@]}" --samples 500 --seed 7 --dirichlet 2 --normalisation zscore --normalisation rank --format json
run sens3 sensitivity "${pilot[@]}" --samples 300 --vary-weights 0.3 --aggregation arithmetic --aggregation geometric --target score --format csv
run weights-eff weights effective "${asem[@]}"
run weights-eq weights equal -m "$work/asem.yaml"
run weights-pca weights pca "${asem[@]}"
run coherence coherence "${asem[@]}"
run coherence-json coherence "${asem[@]}" --format json
for f in html md json xlsx; do
  run "report-$f" report "${pilot[@]}" --format $f -o "$work/rep-$f"
  find "$work/rep-$f" -type f | sort | while read -r g; do
    name="report-$f.$(echo "${g#"$work/rep-$f/"}" | tr / _)"
    if [ "${g##*.}" = xlsx ]; then (rm -rf "$work/x" && mkdir -p "$work/x" && cd "$work/x" && unzip -qo "$g" && find . -type f | sort | xargs cat) > "$out/$name.unzipped"
    else cp "$g" "$out/$name"; fi
  done
done
run synth-q synth -m methodology/igpn-gpn.yaml --networks 300 --seed 2 -o "$work/c300"
run score-c300 score -m methodology/igpn-gpn.yaml "$work/c300/answers.csv" --format wide
run score-c300-stream score -m methodology/igpn-gpn.yaml "$work/c300/answers.csv" --stream --format csv
run synth-n synth --numeric --units 20000 --indicators 50 --seed 1 -o "$work/n"
run score-n score -m "$work/n/methodology.yaml" --data "$work/n/data.csv" --format wide
run score-n-csv score -m "$work/n/methodology.yaml" --data "$work/n/data.csv" --format csv
md5sum < "$work/n/data.csv" > "$out/synth-n.md5"
for b in tests/bad-inputs/*; do
  [ -f "$b" ] || continue
  case "$b" in
    *.yaml) run "bad-$(basename "$b")" validate "$b" ;;
    *.csv) run "bad-$(basename "$b")" score -m methodology/igpn-gpn.yaml "$b" ;;
  esac
done
echo "$n commands, outputs in $out"
