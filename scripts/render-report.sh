#!/usr/bin/env bash
# Renders the example study's HTML report to PNG with headless Chromium, so a person can look at
# it (and check it prints): scripts/render-report.sh [OUT_DIR]   (default target/report)
#
# Needs Debian's chromium (apt-get install chromium). Writes OUT_DIR/results.html (and the other
# --out-dir files), OUT_DIR/report.png (full page; HEIGHT=pixels, default 12000) and
# OUT_DIR/report.pdf. With pdflatex (texlive-latex-base, texlive-latex-recommended) it also
# compiles results.tex in a minimal article to OUT_DIR/latex/main.pdf, failing on LaTeX errors.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/report}
BROWSER=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[[ -n "$BROWSER" ]] || { echo "chromium not found (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$OUT"
cargo run --quiet -- compare --scale data/scales/children_self_confidence.toml \
  --pre data/example/groups_pre_items.csv --post data/example/groups_post_items.csv \
  --group group --treatment program --out-dir "$OUT" ${LANG_FLAG:-} >/dev/null
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --hide-scrollbars "--user-data-dir=$PROFILE")
HTML="file://$(realpath "$OUT/results.html")"
"$BROWSER" "${FLAGS[@]}" --window-size=1100,${HEIGHT:-12000} --screenshot="$OUT/report.png" "$HTML" 2>/dev/null
"$BROWSER" "${FLAGS[@]}" --no-pdf-header-footer --print-to-pdf="$OUT/report.pdf" "$HTML" 2>/dev/null
echo "wrote $OUT/report.png and $OUT/report.pdf" >&2
if [[ "${LANG_FLAG:-}" == *zh* ]]; then
  echo "results.tex not compiled: Chinese needs xelatex with ctex" >&2
elif command -v pdflatex >/dev/null; then
  mkdir -p "$OUT/latex"
  cp "$OUT/results.tex" "$OUT/latex/"
  printf '%s\n' '\documentclass{article}' '\usepackage[T1]{fontenc}' '\usepackage{booktabs,graphicx}' \
    '\begin{document}' '\input{results}' '\end{document}' > "$OUT/latex/main.tex"
  (cd "$OUT/latex" && pdflatex -interaction=nonstopmode -halt-on-error main.tex >/dev/null) ||
    { echo "pdflatex failed: $OUT/latex/main.log" >&2; exit 1; }
  if grep -q "Overfull" "$OUT/latex/main.log"; then
    echo "warning: overfull boxes in $OUT/latex/main.log" >&2
  fi
  echo "wrote $OUT/latex/main.pdf" >&2
fi
