#!/usr/bin/env bash
# Checks that `cargo test` reuses the build of `cargo run`: no crate the two builds share may
# get other features from the dev-dependencies (it would then be compiled twice, polars with
# it). Prints the crates whose features differ, and exits 1 if there are any.
set -euo pipefail
cd "$(dirname "$0")/.."
features() {
  cargo tree "$@" -f '{p} {f}' --prefix none 2>/dev/null | sed 's/ (\*)//' \
    | awk '{f=$3; if (f=="") f="-"; print $1"@"$2, f}' | sort -u
}
run=$(features -e normal,build)
test=$(features -e normal,build,dev)
# a crate of the run build with another feature set in the test build
changed=$(comm -23 <(echo "$run") <(echo "$test") | cut -d' ' -f1)
if [[ -n "$changed" ]]; then
  echo "crates whose features the dev-dependencies change (compiled twice):"
  for c in $changed; do grep "^$c " <<<"$test"; done
  exit 1
fi
echo "the test build shares every crate of the run build"
