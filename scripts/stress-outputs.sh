#!/usr/bin/env bash
# Stress checks of issue 19 that a deterministic test cannot make: interrupting a large write,
# and two runs writing into one --out-dir at once. Prints a line per check and exits 1 if one
# failed.
#
#   scripts/stress-outputs.sh [ROUNDS]          # default 30 rounds of each
#
# PREPOST=path/to/prepost chooses the binary (default: target/debug/prepost, built by
# `cargo build`). Needs python3 for the large input.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-30}
PREPOST=${PREPOST:-target/debug/prepost}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# 1. SIGINT and SIGTERM during `score -o` of 2 million rows: no temporary file may stay.
python3 - "$work/items.csv" <<'PY'
import random, sys
random.seed(1)
with open(sys.argv[1], "w") as f:
    f.write("id," + ",".join(f"q{i}" for i in range(1, 21)) + "\n")
    for r in range(2_000_000):
        f.write(f"P{r}," + ",".join(str(random.randint(1, 5)) for _ in range(20)) + "\n")
PY
cp data/scales/children_self_confidence.toml "$work/spec.toml"
sed -i 's/^id = .*/id = "id"/' "$work/spec.toml"
# one whole run, timed: the signals come at 30% to 100% of it, most while the output is written
mkdir -p "$work/out"
start=$(date +%s%N)
"$PREPOST" score --scale "$work/spec.toml" "$work/items.csv" -o "$work/out/scores.csv" -q
whole_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rm -rf "$work/out"
left=0
for round in $(seq 1 "$ROUNDS"); do
  signal=$([ $((round % 2)) -eq 0 ] && echo INT || echo TERM)
  mkdir -p "$work/out"
  "$PREPOST" score --scale "$work/spec.toml" "$work/items.csv" -o "$work/out/scores.csv" -q 2>/dev/null &
  pid=$!
  at_ms=$(( whole_ms * (30 + RANDOM % 70) / 100 ))
  sleep "$(printf '%d.%03d' $((at_ms / 1000)) $((at_ms % 1000)))"
  kill -s "$signal" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  n=$(find "$work/out" "${TMPDIR:-/tmp}" -maxdepth 1 -name '.prepost-*' 2>/dev/null | wc -l)
  left=$((left + n))
  rm -rf "$work/out"
done
echo "interrupted writes: $ROUNDS rounds (SIGINT and SIGTERM at 30-100% of a ${whole_ms} ms run), temporaries left behind: $left"
[ "$left" -eq 0 ] || failed=1

# 2. Two runs into one --out-dir at once: every round's files come from one run (the other
#    is refused by the directory's lock, or runs after it).
mixed=0
refused=0
for round in $(seq 1 "$ROUNDS"); do
  out="$work/res$round"
  "$PREPOST" compare --pre data/example/pre.csv --post data/example/post.csv --out-dir "$out" --lang en >/dev/null 2>"$work/a.err" &
  a=$!
  "$PREPOST" compare --pre data/example/pre.csv --post data/example/post.csv --out-dir "$out" --lang zh >/dev/null 2>"$work/b.err" &
  b=$!
  wait "$a" || refused=$((refused + 1))
  wait "$b" || refused=$((refused + 1))
  # every readable file (reports and figures) must be in one language
  if ! python3 - "$out" <<'PY'
import pathlib, re, sys
files = [p for p in pathlib.Path(sys.argv[1]).iterdir() if p.suffix in (".md", ".html", ".tex", ".svg")]
langs = {bool(re.search("[\u4e00-\u9fff]", p.read_text(encoding="utf-8"))) for p in files}
leftovers = [p for p in pathlib.Path(sys.argv[1]).iterdir() if p.name.startswith(".prepost")]
sys.exit(0 if len(langs) == 1 and not leftovers else 1)
PY
  then
    mixed=$((mixed + 1))
  fi
done
echo "concurrent --out-dir: $ROUNDS rounds, mixed: $mixed, second run refused by the lock: $refused"
[ "$mixed" -eq 0 ] || failed=1
exit $failed
