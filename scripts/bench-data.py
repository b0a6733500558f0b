#!/usr/bin/env python3
"""Deterministic benchmark data for scripts/bench.sh (seeded; same bytes on every run).

usage: bench-data.py OUT_DIR [ROWS]

Writes, for ROWS respondents (default 1,000,000):
  items_pre.csv, items_post.csv  id + 40 items (1..5, about 1% empty cells); post shifted up a little
  spec40.toml                    4 subscales of 10 items, 2 reverse-keyed each; sum, min_answered 0.8
"""
import random
import sys
from pathlib import Path

out = Path(sys.argv[1])
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
out.mkdir(parents=True, exist_ok=True)

K = 40
REVERSE = {f"q{i}" for i in (3, 7, 13, 17, 23, 27, 33, 37)}
spec = ['name = "Benchmark scale (40 items)"', 'id = "id"', "min = 1", "max = 5", 'method = "sum"',
        "min_answered = 0.8", ""]
for s in range(4):
    items = [f"q{s * 10 + j + 1}" for j in range(10)]
    rev = [q for q in items if q in REVERSE]
    spec += ["[[subscale]]", f'name = "s{s + 1}"', f"items = {items}".replace("'", '"'),
             f"reverse = {rev}".replace("'", '"'), ""]
(out / "spec40.toml").write_text("\n".join(spec))


def write(path, n, k, shift, seed):
    rng = random.Random(seed)
    # Pre-built pools of answer strings make 40M cells fast enough in pure Python.
    pools = []
    for level in range(5):
        weights = [max(0.02, 1.0 - abs(v - (level + 1 + shift)) * 0.45) for v in range(1, 6)]
        pools.append(rng.choices(["1", "2", "3", "4", "5"], weights=weights, k=4096))
    header = "id," + ",".join(f"q{i + 1}" for i in range(k)) + "\n"
    with open(path, "w") as f:
        f.write(header)
        buf = []
        for r in range(n):
            pool = pools[rng.randrange(5)]
            start = rng.randrange(4096 - k)
            cells = pool[start:start + k]
            if rng.random() < 0.35:  # about 1% of cells empty overall
                cells[rng.randrange(k)] = ""
            buf.append(f"R{r:07d}," + ",".join(cells) + "\n")
            if len(buf) == 10000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))


write(out / "items_pre.csv", rows, K, 0.0, 1)
write(out / "items_post.csv", rows, K, 0.3, 2)
