#!/usr/bin/env bash
# Score and compare every class of a study, one folder per class with its pre- and post-test
# answers, as a researcher scripts it:
#
#   examples/compare_each_class.sh DATA_DIR OUT_DIR
#
# DATA_DIR holds CLASS/pre_items.csv and CLASS/post_items.csv for each class, and spec.toml;
# OUT_DIR gets CLASS/ with every table, the JSON, the reports and the figures, and summary.csv
# with each class's total: n, mean change, d_z, p. PREPOST names the binary (default: prepost
# on the PATH). With no arguments it makes a two-class study from the bundled example, and
# writes into $OUT (default: a new temporary directory).
set -euo pipefail
PREPOST=${PREPOST:-prepost}
here=$(cd "$(dirname "$0")/.." && pwd)

if [ $# -eq 0 ]; then
  data=$(mktemp -d)
  trap 'rm -rf "$data"' EXIT
  out=${OUT:-$(mktemp -d)}
  mkdir -p "$data/class_a" "$data/class_b"
  cp "$here/data/example/pre_items.csv" "$here/data/example/post_items.csv" "$data/class_a/"
  cp "$here/data/example/groups_pre_items.csv" "$data/class_b/pre_items.csv"
  cp "$here/data/example/groups_post_items.csv" "$data/class_b/post_items.csv"
  cp "$here/data/scales/children_self_confidence.toml" "$data/spec.toml"
else
  data=$1
  out=$2
fi

echo "class,n,mean_change,d_z,p" > "$out/summary.csv"
for class_dir in "$data"/*/; do
  class=$(basename "$class_dir")
  "$PREPOST" compare --scale "$data/spec.toml" \
    --pre "$class_dir/pre_items.csv" --post "$class_dir/post_items.csv" \
    --out-dir "$out/$class" --format csv -o "$out/$class.csv" 2>/dev/null
  # the results table at full precision: pick the total's row and columns by name
  awk -F, -v class="$class" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $col["scale"] == "total" {
      print class "," $col["n_pairs"] "," $col["diff_mean"] "," $col["d_z"] "," $col["t_p"]
    }' "$out/$class.csv" >> "$out/summary.csv"
done
cat "$out/summary.csv"
echo "(every class's tables, reports and figures are in $out)" >&2
