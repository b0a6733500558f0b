#!/usr/bin/env bash
# Converts the example study's Word reports (English and Chinese) with LibreOffice to PDF and to
# one PNG per page, so that a person can look at them: scripts/render-word.sh [OUT_DIR]
# (default target/word).
#
# Needs Debian's libreoffice-writer and poppler-utils (apt-get install --no-install-recommends
# libreoffice-writer poppler-utils). Fails when LibreOffice cannot open a document. Writes
# OUT_DIR/{en,zh}/results.docx (with the other --out-dir files), OUT_DIR/{en,zh}/results.pdf and
# OUT_DIR/{en,zh}/page-NN.png (DPI=dots per inch, default 80).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/word}
command -v soffice >/dev/null || { echo "soffice not found (apt-get install libreoffice-writer)" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "pdftoppm not found (apt-get install poppler-utils)" >&2; exit 1; }
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
for lang in en zh; do
  dir="$OUT/$lang"
  rm -rf "$dir"
  cargo run --quiet -- compare --scale data/scales/children_self_confidence.toml \
    --pre data/example/groups_pre_items.csv --post data/example/groups_post_items.csv \
    --group group --treatment program --lang "$lang" --out-dir "$dir" >/dev/null
  # (a profile of its own: a running LibreOffice of the user's would take the job and return)
  soffice "-env:UserInstallation=file://$PROFILE" --headless --convert-to pdf \
    --outdir "$dir" "$dir/results.docx" >/dev/null 2>&1
  [[ -s "$dir/results.pdf" ]] || { echo "LibreOffice could not convert $dir/results.docx" >&2; exit 1; }
  pdftoppm -r "${DPI:-80}" -png "$dir/results.pdf" "$dir/page"
  pages=$(find "$dir" -name 'page-*.png' | wc -l)
  echo "wrote $dir/results.pdf and $pages pages as $dir/page-*.png" >&2
done
