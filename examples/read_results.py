"""Reading prepost's results.json into a data frame (pandas), as a script of a pipeline would.

    prepost compare --pre data/example/pre.csv --post data/example/post.csv --format json -o results.json
    python3 examples/read_results.py results.json

One row per scale with the mean change, d_z and its CI, the p-values, the Bayes factor and the
smallest detectable d_z; then each participant's change and reliable-change class. Without
pandas it prints the same from the standard library.
"""
import json
import sys

with open(sys.argv[1] if len(sys.argv) > 1 else "results.json", encoding="utf-8") as f:
    results = json.load(f)

rows = []
for s in results["scales"]:
    dz = s["effect_sizes"]["d_z"] or {}
    rows.append({
        "scale": s["scale"],
        "n": s["n_pairs"],
        "mean_change": (s["diff"] or {}).get("mean"),
        "d_z": dz.get("value"),
        "d_z_ci_low": dz.get("ci_low"),
        "d_z_ci_high": dz.get("ci_high"),
        "p_t": (s["t_test"] or {}).get("p_value"),
        "p_t_holm": s["p_adjusted"]["t_test"],
        "bf10": (s["bayes"] or {}).get("bf10"),
        "min_d_z": (s["sensitivity"] or {}).get("min_d_z"),
    })

try:
    import pandas as pd
    scales = pd.DataFrame(rows)
    change = pd.DataFrame(results["change"])
    print(scales.round(3).to_string(index=False))
    print()
    print(change.pivot(index="id", columns="scale", values="rci_class").to_string())
except ImportError:
    for r in rows:
        print(", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()))
    for c in results["change"]:
        print(c["id"], c["scale"], c["change"], c["rci_class"])
