#!/usr/bin/env python3
"""The pandas + scipy baseline of scripts/bench.sh: what an analyst would write by hand.

usage: baseline.py DATA_DIR score|compare

score:   read items_pre.csv, reverse-key, score 4 subscales + total (sum, prorated, >= 80% answered),
         write the scores to CSV.
compare: score items_pre.csv and items_post.csv, merge on id, and per scale run the paired t-test,
         the Wilcoxon signed-rank test, Shapiro-Wilk on the differences and d_z.
"""
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

REVERSE = [f"q{i}" for i in (3, 7, 13, 17, 23, 27, 33, 37)]
SUBSCALES = {f"s{s + 1}": [f"q{s * 10 + j + 1}" for j in range(10)] for s in range(4)}
SUBSCALES["total"] = [f"q{i + 1}" for i in range(40)]


def score(path):
    df = pd.read_csv(path, dtype={"id": str})
    df[REVERSE] = 6 - df[REVERSE]
    out = pd.DataFrame({"id": df["id"]})
    for name, items in SUBSCALES.items():
        answered = df[items].notna().sum(axis=1)
        need = int(np.ceil(0.8 * len(items) - 1e-9))
        out[name] = np.where(answered >= need, df[items].mean(axis=1) * len(items), np.nan)
    out["n_answered"] = df[SUBSCALES["total"]].notna().sum(axis=1)
    return out


def main():
    data = Path(sys.argv[1])
    what = sys.argv[2]
    start = time.perf_counter()
    if what == "score":
        score(data / "items_pre.csv").to_csv(data / "baseline_scores.csv", index=False)
    else:
        pre = score(data / "items_pre.csv")
        post = score(data / "items_post.csv")
        both = pre.merge(post, on="id", suffixes=("_pre", "_post"))
        for name in SUBSCALES:
            pair = both[[f"{name}_pre", f"{name}_post"]].dropna()
            d = pair[f"{name}_post"] - pair[f"{name}_pre"]
            t = stats.ttest_rel(pair[f"{name}_post"], pair[f"{name}_pre"])
            w = stats.wilcoxon(pair[f"{name}_post"], pair[f"{name}_pre"])
            sw = stats.shapiro(d)
            dz = d.mean() / d.std(ddof=1)
            print(name, len(pair), t.statistic, t.pvalue, w.pvalue, sw.pvalue, dz, file=sys.stderr)
    print(f"baseline {what} seconds={time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
