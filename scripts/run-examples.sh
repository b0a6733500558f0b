#!/usr/bin/env bash
# Runs every example of examples/ (README there): the Rust one and the shell loop always, the
# Python and R ones where python3 and Rscript are installed. Exits 1 if one fails.
#
#   scripts/run-examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q
export PREPOST=$PWD/target/debug/prepost
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== cargo run --example library"
cargo run -q --example library

echo "== examples/compare_each_class.sh"
examples/compare_each_class.sh

"$PREPOST" compare --pre data/example/pre.csv --post data/example/post.csv --reliability total=0.85 --format json -o "$work/results.json"
"$PREPOST" compare --pre data/example/pre.csv --post data/example/post.csv --reliability total=0.85 --out-dir "$work/results" 2>/dev/null
if command -v python3 >/dev/null; then
  echo "== python3 examples/read_results.py"
  python3 examples/read_results.py "$work/results.json"
else
  echo "== python3 not installed: read_results.py not run"
fi
if command -v Rscript >/dev/null; then
  echo "== Rscript examples/read_results.R"
  Rscript examples/read_results.R "$work/results"
else
  echo "== Rscript not installed: read_results.R not run"
fi
