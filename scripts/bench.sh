#!/usr/bin/env bash
# The reproducible benchmark of prepost (docs/performance.md has the figures and the machine).
#
#   scripts/bench.sh [ROWS]     ROWS respondents in the large files (default 1000000)
#
# Generates deterministic data (scripts/bench-data.py, seeded) in target/bench-data, builds the
# release binary and the benchmark programs, and prints a Markdown report (also written to
# target/bench-report.md). Needs python3; the pandas + scipy baseline runs if they import.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
DIR=${BENCH_DIR:-target/bench-data}
REPORT=target/bench-report.md
RUNS=${RUNS:-3}

if [[ ! -f "$DIR/.rows-$ROWS" ]]; then
  echo "generating $ROWS x 40 items in $DIR ..." >&2
  rm -rf "$DIR"
  python3 scripts/bench-data.py "$DIR" "$ROWS"
  touch "$DIR/.rows-$ROWS"
fi
cargo build --release --quiet --features bench-tools
BIN=target/release/prepost
TOOL=target/release/prepost-bench

# median wall time (s) and max peak RSS (MiB) of RUNS runs of a command
measure() {
  local times=() mem=0 out tmp
  tmp=$(mktemp)
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$tmp" "$@" >/dev/null 2>/dev/null
    out=$(tail -n 1 "$tmp")
    times+=("${out% *}")
    local kib=${out#* }
    (( kib > mem )) && mem=$kib
  done
  rm -f "$tmp"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $((mem / 1024))"
}

{
echo "# prepost benchmark"
echo
echo "- date: $(date -u +%Y-%m-%d), prepost $($BIN --version | cut -d' ' -f2), $(rustc --version)"
echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM"
echo "- data: $ROWS respondents x 40 items ($(du -m "$DIR/items_pre.csv" | cut -f1) MB of CSV per wave); median of $RUNS runs"
echo
echo "| task | wall time | peak memory |"
echo "|---|---|---|"
read -r t m < <(measure "$TOOL" polars-read "$DIR/items_pre.csv" eager)
t_read=$t
echo "| polars alone: read items_pre.csv into a frame (eager, type inference) | ${t} s | ${m} MiB |"
read -r t m < <(measure "$TOOL" polars-read "$DIR/items_pre.csv" lazy-string)
echo "| polars alone: lazy scan as text, streaming collect | ${t} s | ${m} MiB |"
read -r t m < <(measure "$BIN" score -q --scale "$DIR/spec40.toml" "$DIR/items_pre.csv" -o "$DIR/scores.csv")
t_score=$t
m_score=$m
echo "| prepost score (4 subscales + total) -> CSV | ${t} s | ${m} MiB |"
echo "| ratio score / polars read | $(awk -v a="$t_score" -v b="$t_read" 'BEGIN {printf "%.2f", a / b}') | |"
# memory against rows: the same scoring on the first quarter of the file
head -n $((ROWS / 4 + 1)) "$DIR/items_pre.csv" > "$DIR/items_quarter.csv"
read -r tq mq < <(measure "$BIN" score -q --scale "$DIR/spec40.toml" "$DIR/items_quarter.csv" -o "$DIR/scores_quarter.csv")
echo "| prepost score, first $((ROWS / 4)) rows only -> CSV | ${tq} s | ${mq} MiB |"
echo "| peak memory per extra respondent (score -> CSV; the output is ~38 bytes of CSV per respondent) | $(awk -v a="$m_score" -v b="$mq" -v r="$ROWS" 'BEGIN {printf "%.0f bytes", (a - b) * 1048576 / (r * 3 / 4)}') | |"
read -r t m < <(measure "$BIN" score -q --scale "$DIR/spec40.toml" "$DIR/items_pre.csv" -o "$DIR/scores.parquet")
echo "| prepost score -> Parquet | ${t} s | ${m} MiB |"
read -r t m < <(measure "$BIN" compare --scale "$DIR/spec40.toml" --pre "$DIR/items_pre.csv" --post "$DIR/items_post.csv" --format csv -o "$DIR/compare.csv")
t_compare=$t
echo "| prepost compare --scale, $ROWS matched pairs, 5 scales -> results table (CSV) | ${t} s | ${m} MiB |"
read -r t m < <(measure "$BIN" compare --scale "$DIR/spec40.toml" --pre "$DIR/items_pre.csv" --post "$DIR/items_post.csv" --format json -o "$DIR/compare.json")
echo "| the same -> JSON with every participant's change ($(du -m "$DIR/compare.json" | cut -f1) MB) | ${t} s | ${m} MiB |"
start=$(date +%s.%N)
for _ in $(seq 200); do
  "$BIN" compare --scale data/scales/children_self_confidence.toml --pre data/example/pre_items.csv --post data/example/post_items.csv --format json >/dev/null
done
end=$(date +%s.%N)
echo "| small study (data/example, 12 x 20 items) compare --scale, per call over 200 calls | $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f ms", (b - a) * 1000 / 200}') | |"
if python3 -c 'import pandas, scipy' 2>/dev/null; then
  read -r t m < <(measure python3 scripts/baseline.py "$DIR" score)
  echo "| baseline pandas $(python3 -c 'import pandas; print(pandas.__version__)') scoring -> CSV | ${t} s | ${m} MiB |"
  echo "| ratio baseline / prepost (score) | $(awk -v a="$t" -v b="$t_score" 'BEGIN {printf "%.1f", a / b}') | |"
  read -r t m < <(measure python3 scripts/baseline.py "$DIR" compare)
  echo "| baseline pandas + scipy $(python3 -c 'import scipy; print(scipy.__version__)') compare | ${t} s | ${m} MiB |"
  echo "| ratio baseline / prepost (compare, results table) | $(awk -v a="$t" -v b="$t_compare" 'BEGIN {printf "%.1f", a / b}') | |"
fi
echo
echo "Statistics (prepost-bench stats):"
echo
echo '```'
"$TOOL" stats
echo '```'
} | tee "$REPORT"
