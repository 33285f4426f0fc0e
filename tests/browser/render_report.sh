#!/usr/bin/env bash
# Renders the pilot report's HTML in headless Chromium (Debian's package),
# checks the rendered DOM for the sections and network names, and saves a
# screenshot and a print-to-PDF beside it in the build folder for a person to look at.
set -euo pipefail
gpn=$1 source_dir=$2 out_dir=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAIL: chromium not found; scripts/install-deps.sh installs Debian's chromium" >&2
  exit 1
fi
rm -rf "$out_dir/report" "$out_dir/chromium-profile"
mkdir -p "$out_dir"
cd "$source_dir"
"$gpn" report -m methodology/igpn-gpn.yaml examples/pilot-2024/answers.csv \
  --networks examples/pilot-2024/networks.csv --format html -o "$out_dir/report" 2>/dev/null
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$out_dir/chromium-profile")
url="file://$out_dir/report/report.html"
timeout 120 "$browser" "${flags[@]}" --dump-dom "$url" > "$out_dir/report-dom.html" 2>/dev/null
timeout 120 "$browser" "${flags[@]}" --window-size=1000,2200 --screenshot="$out_dir/report-screenshot.png" "$url" >/dev/null 2>&1
timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out_dir/report.pdf" "$url" >/dev/null 2>&1

fail=0
expect() {
  if ! grep -qF -- "$1" "$out_dir/report-dom.html"; then echo "FAIL: rendered page lacks: $1" >&2; fail=1; fi
}
for heading in "1. Summary" "2. The methodology" "3. Network profiles" "4. Comparison" \
               "5. What the pilot says about the questionnaire" "6. Annex"; do
  expect "<h2>$heading</h2>"
done
for name in "Green Purchasing Network, Japan" "Green Purchasing Network Malaysia" "Korea Green Purchasing Network" \
            "Thailand Environment Institute" "Hong Kong Green Purchasing Charter"; do
  expect "$name"
done
expect "<svg"
[ -s "$out_dir/report-screenshot.png" ] || { echo "FAIL: no screenshot" >&2; fail=1; }
[ -s "$out_dir/report.pdf" ] || { echo "FAIL: no PDF" >&2; fail=1; }
[ "$fail" -eq 0 ] && echo "rendered in $($browser --version 2>/dev/null); screenshot: $out_dir/report-screenshot.png"
exit "$fail"
