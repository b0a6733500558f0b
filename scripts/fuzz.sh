#!/usr/bin/env bash
# Fuzzes the spec parser and the CSV ingestion path with the property tests of
# tests/cli/fuzz.rs, many cases each, within a time bound per target:
#
#   scripts/fuzz.sh                       # 20000 cases (2000 for scoring), at most 300 s each
#   CASES=100000 SECONDS_EACH=900 scripts/fuzz.sh
#
# A failure prints the minimal failing input; proptest appends it to
# tests/cli/fuzz.proptest-regressions, which is committed and replayed on every test run.
set -uo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-20000}
SECONDS_EACH=${SECONDS_EACH:-300}
cargo test --test cli --no-run -q || exit 1
status=0
for target in spec_parser_never_panics csv_reader_never_panics \
  line_and_record_readers_agree scoring_equals_a_plain_computation \
  quoted_and_unquoted_files_score_alike; do
  cases=$CASES
  [[ $target == scoring_* || $target == quoted_* ]] && cases=$((CASES / 10))
  echo "== $target: $cases cases, at most ${SECONDS_EACH} s"
  start=$(date +%s)
  PROPTEST_CASES=$cases timeout "$SECONDS_EACH" \
    cargo test -q --test cli "fuzz::$target" -- --exact >"target/fuzz-$target.log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  case $rc in
    0) echo "   passed in ${took} s" ;;
    124) echo "   no failure within the time bound (${took} s)" ;;
    *) echo "   FAILED (target/fuzz-$target.log):"; grep -E "minimal failing|Test failed|panicked" "target/fuzz-$target.log" | head -5; status=1 ;;
  esac
done
exit $status
