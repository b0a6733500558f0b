#!/usr/bin/env bash
# The reproducible benchmark of prepost (docs/performance.md has the figures and the machine).
#
#   scripts/bench.sh [ROWS]     ROWS respondents in the large files (default 1000000)
#   RUNS=5 scripts/bench.sh     median of 5 runs (default 3)
#
# Two data sets, both deterministic (seeded), in target/bench-data:
# - the yardstick's (scripts/yardstick/gen_items.py, copied from the team's shared bench): ROWS
#   respondents x 40 items answered 1..5, nothing missing, ids 1..ROWS; prepost's compare runs
#   against the plain pandas + scipy script an analyst writes first
#   (scripts/yardstick/plain_pandas.py), alternating, in the same run;
# - scripts/bench-data.py's: the same shape with about 1% empty cells and prorated sums, for
#   `score` against polars' own read of the file and for compare against scripts/baseline.py
#   (pandas + scipy computing what a careful analyst would: prorating, Shapiro-Wilk).
# Builds the release binary and the benchmark tool, and prints a Markdown report (also written to
# target/bench-report.md). Needs python3 with numpy, pandas, scipy and polars (for the data).
# Wall time and peak memory (maximum resident set size) come from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
DIR=${BENCH_DIR:-target/bench-data}
REPORT=target/bench-report.md
RUNS=${RUNS:-3}
Y=$DIR/yardstick

if [[ ! -f "$DIR/.rows-$ROWS" ]]; then
  echo "generating $ROWS x 40 items in $DIR ..." >&2
  rm -rf "$DIR"
  python3 scripts/bench-data.py "$DIR" "$ROWS"
  mkdir -p "$Y"
  python3 scripts/yardstick/gen_items.py "$ROWS" 1 "$Y/pre.csv"
  python3 scripts/yardstick/gen_items.py "$ROWS" 2 "$Y/post.csv"
  # the yardstick's scale: 4 subscales of 10 items, items 2, 5, 8 of each reversed, sums,
  # min_answered 0.8 (its README); the total of all 40 items as the script's total
  {
    printf 'name = "yardstick"\nid = "id"\nmin = 1\nmax = 5\nmethod = "sum"\nmin_answered = 0.8\n'
    for s in 0 1 2 3; do
      items=$(seq $((s * 10 + 1)) $((s * 10 + 10)) | sed 's/.*/"q&"/' | paste -sd, | sed 's/,/, /g')
      printf '\n[[subscale]]\nname = "s%d"\nitems = [%s]\nreverse = ["q%d", "q%d", "q%d"]\n' \
        "$s" "$items" $((s * 10 + 2)) $((s * 10 + 5)) $((s * 10 + 8))
    done
  } > "$Y/spec.toml"
  touch "$DIR/.rows-$ROWS"
fi
# a third wave for the study across waves (seed 3), also for data made before it existed
[[ -f "$Y/follow.csv" ]] || python3 scripts/yardstick/gen_items.py "$ROWS" 3 "$Y/follow.csv"
# a large t (issue 28): everyone gains about a point on every item; the yardstick's subscales
# without reversed items, as sums and as means
L=$DIR/large-t
if [[ ! -f "$L/post.csv" ]]; then
  mkdir -p "$L"
  python3 scripts/large-t.py "$L" "$ROWS"
  grep -v '^reverse' "$Y/spec.toml" | sed 's/^name = "yardstick"/name = "large_t"/' > "$L/sum.toml"
  sed 's/^method = "sum"/method = "mean"/' "$L/sum.toml" > "$L/mean.toml"
fi
cargo build --release --quiet --features bench-tools
BIN=target/release/prepost
TOOL=target/release/prepost-bench
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# one run: "seconds KiB"
once() {
  /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >/dev/null 2>/dev/null
  tail -n 1 "$TMP/time"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# median wall time (s) and max peak RSS (MiB) of RUNS runs of a command
measure() {
  local times=() mem=0 out
  for _ in $(seq "$RUNS"); do
    out=$(once "$@")
    times+=("${out% *}")
    (( ${out#* } > mem )) && mem=${out#* }
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $((mem / 1024))"
}
# two commands alternating, RUNS times each: "median_a mib_a median_b mib_b"
alternate() {
  local -a a b; local ta=() tb=() ma=0 mb=0 out
  IFS='|' read -r -a a <<<"$1"; IFS='|' read -r -a b <<<"$2"
  for _ in $(seq "$RUNS"); do
    out=$(once ${a[@]}); ta+=("${out% *}"); (( ${out#* } > ma )) && ma=${out#* }
    out=$(once ${b[@]}); tb+=("${out% *}"); (( ${out#* } > mb )) && mb=${out#* }
  done
  echo "$(printf '%s\n' "${ta[@]}" | median) $((ma / 1024)) $(printf '%s\n' "${tb[@]}" | median) $((mb / 1024))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

{
echo "# prepost benchmark"
echo
echo "- date: $(date -u +%Y-%m-%d), prepost $($BIN --version | cut -d' ' -f2) ($(git rev-parse --short HEAD 2>/dev/null || echo '?')), $(rustc --version)"
echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM"
# the vector instructions the processor has (scoring's speed depends on them, issue 28)
features=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'sse4_2|avx|avx2|fma|bmi2|avx512f|avx512bw|avx512vl' | paste -sd' ')
echo "- vector instructions: ${features:-none of sse4_2, avx, avx2, fma, bmi2, avx512f/bw/vl}$(grep -qw avx512f /proc/cpuinfo || echo ' (no AVX-512)')"
echo "- load average when the run started: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows both sides of a ratio, not equally)"
echo "- python: $(python3 -c 'import sys, pandas, scipy, numpy; print(sys.version.split()[0], "pandas", pandas.__version__, "scipy", scipy.__version__, "numpy", numpy.__version__)')"
echo "- data: $ROWS respondents x 40 items per wave ($(du -m "$Y/pre.csv" | cut -f1) MB of CSV per wave); median of $RUNS runs"
echo
echo "## compare on the yardstick's data (1 pre and 1 post file)"
echo
echo "| task | wall time | peak memory |"
echo "|---|---|---|"
read -r tp mp tc mc < <(alternate \
  "python3|scripts/yardstick/plain_pandas.py|$Y/pre.csv|$Y/post.csv" \
  "$BIN|compare|--scale|$Y/spec.toml|--pre|$Y/pre.csv|--post|$Y/post.csv|--format|csv|-o|$TMP/compare.csv")
echo "| plain pandas + scipy (scripts/yardstick/plain_pandas.py) | ${tp} s | ${mp} MiB |"
echo "| prepost compare --scale, results table (CSV) | ${tc} s | ${mc} MiB |"
echo "| **ratio pandas / prepost** (target >= 3.7, stretch 10) | **$(ratio "$tp" "$tc")** | |"
read -r t1 m1 < <(RAYON_NUM_THREADS=1 measure "$BIN" compare --scale "$Y/spec.toml" --pre "$Y/pre.csv" \
  --post "$Y/post.csv" --format csv -o "$TMP/compare1.csv")
echo "| the same on one thread (RAYON_NUM_THREADS=1) | ${t1} s | ${m1} MiB |"
echo "| ratio one thread / two (target >= 1) | $(ratio "$t1" "$tc") | |"
# the JSON holds every participant's change rows (hundreds of MB): written to a fresh path each
# run, so that the time is prepost's, not the system's freeing of the previous output
tj=(); mj=0
for _ in $(seq "$RUNS"); do
  rm -f "$TMP/compare.json"
  out=$(once $BIN compare --scale "$Y/spec.toml" --pre "$Y/pre.csv" --post "$Y/post.csv" --format json -o "$TMP/compare.json")
  tj+=("${out% *}"); (( ${out#* } > mj )) && mj=${out#* }
done
tj=$(printf '%s\n' "${tj[@]}" | median)
echo "| the same, JSON with every participant's change rows ($(du -m "$TMP/compare.json" | cut -f1) MB) | ${tj} s | $((mj / 1024)) MiB |"
echo "| ratio JSON / CSV (target <= 2) | $(ratio "$tj" "$tc") | |"
echo
echo "## three waves (pre, post and a follow-up of the yardstick's shape)"
echo
echo "| task | wall time | peak memory |"
echo "|---|---|---|"
read -r tw mw < <(measure "$BIN" compare --scale "$Y/spec.toml" --wave "pre=$Y/pre.csv" \
  --wave "post=$Y/post.csv" --wave "follow=$Y/follow.csv" --format csv -o "$TMP/waves.csv")
echo "| prepost compare --scale of 3 waves: the pre/post comparison, and across the waves Friedman, RM ANOVA, 3 pairwise comparisons, the follow-up | ${tw} s | ${mw} MiB |"
echo "| ratio 3 waves / 2 waves | $(ratio "$tw" "$tc") | |"
echo
echo "## compare with missing answers, against scripts/baseline.py"
echo
echo "| task | wall time | peak memory |"
echo "|---|---|---|"
read -r tb mb tc2 mc2 < <(alternate \
  "python3|scripts/baseline.py|$DIR|compare" \
  "$BIN|compare|--scale|$DIR/spec40.toml|--pre|$DIR/items_pre.csv|--post|$DIR/items_post.csv|--format|csv|-o|$TMP/compare2.csv")
echo "| baseline pandas + scipy compare (prorated scores, Shapiro-Wilk) | ${tb} s | ${mb} MiB |"
echo "| prepost compare --scale (CSV) | ${tc2} s | ${mc2} MiB |"
echo "| **ratio baseline / prepost** (target >= 9) | **$(ratio "$tb" "$tc2")** | |"
echo
echo "## score"
echo
echo "| task | wall time | peak memory |"
echo "|---|---|---|"
read -r tr mr ts ms < <(alternate \
  "$TOOL|polars-read|$DIR/items_pre.csv|eager" \
  "$BIN|score|-q|--scale|$DIR/spec40.toml|$DIR/items_pre.csv|-o|$TMP/scores.csv")
echo "| polars alone: read items_pre.csv into a frame (eager, type inference) | ${tr} s | ${mr} MiB |"
echo "| prepost score (4 subscales + total) -> CSV | ${ts} s | ${ms} MiB |"
echo "| **ratio score / polars read** (target <= 1) | **$(ratio "$ts" "$tr")** | |"
head -n $((ROWS / 4 + 1)) "$DIR/items_pre.csv" > "$TMP/items_quarter.csv"
read -r tq mq < <(measure "$BIN" score -q --scale "$DIR/spec40.toml" "$TMP/items_quarter.csv" -o "$TMP/scores_quarter.csv")
echo "| prepost score, first $((ROWS / 4)) rows only -> CSV | ${tq} s | ${mq} MiB |"
echo "| peak memory per extra respondent (score -> CSV) | $(awk -v a="$ms" -v b="$mq" -v r="$ROWS" 'BEGIN {printf "%.0f bytes", (a - b) * 1048576 / (r * 3 / 4)}') | |"
read -r t m < <(measure "$BIN" score -q --scale "$DIR/spec40.toml" "$DIR/items_pre.csv" -o "$TMP/scores.parquet")
echo "| prepost score -> Parquet | ${t} s | ${m} MiB |"
read -r t m < <(measure python3 scripts/baseline.py "$DIR" score)
echo "| baseline pandas scoring -> CSV | ${t} s | ${m} MiB |"
echo "| ratio baseline / prepost (score) | $(ratio "$t" "$ts") | |"
echo
echo "## a small study"
echo
start=$(date +%s.%N)
for _ in $(seq 200); do
  "$BIN" compare --scale data/scales/children_self_confidence.toml --pre data/example/pre_items.csv --post data/example/post_items.csv --format json >/dev/null
done
end=$(date +%s.%N)
echo "data/example (12 children x 20 items), compare --scale to JSON: $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f ms", (b - a) * 1000 / 200}') per call over 200 calls (target <= 5 ms)"
echo
echo "## the statistics phase of compare (PREPOST_TRACE: all statistics less the pairing)"
echo
# median over RUNS runs of the statistics of every scale of a compare, in seconds
statistics_phase() {
  for _ in $(seq "$RUNS"); do
    PREPOST_TRACE=1 "$BIN" compare "$@" --format csv -o "$TMP/phase.csv" 2>&1 >/dev/null \
      | awk '/trace: pairing:/ {p = $(NF-1)} /trace: all statistics:/ {a = $(NF-1)} END {printf "%.3f\n", a - p}'
  done | median
}
echo "| data (5 scores of $ROWS pairs: 4 subscales and the total) | statistics (target < 0.1 s) |"
echo "|---|---|"
echo "| the yardstick's (sums) | $(statistics_phase --scale "$Y/spec.toml" --pre "$Y/pre.csv" --post "$Y/post.csv") s |"
echo "| a large t, sums (scripts/large-t.py: t ~ 6,500 to 13,000) | $(statistics_phase --scale "$L/sum.toml" --pre "$L/pre.csv" --post "$L/post.csv") s |"
echo "| a large t, means | $(statistics_phase --scale "$L/mean.toml" --pre "$L/pre.csv" --post "$L/post.csv") s |"
echo
echo "## statistics alone (prepost-bench stats)"
echo
echo '```'
"$TOOL" stats
echo '```'
} | tee "$REPORT"
