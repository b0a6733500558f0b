"""A scale of K items answered by N respondents, for timing reliability and item-level compare
with many items (docs/performance.md, "Many items"):

    python3 scripts/many-items.py 1000 200 /tmp/many     # writes many.csv and many.toml there

Answers 1..5: a person effect plus noise, so that the items correlate. Seeded.
"""
import random
import sys
from pathlib import Path

k, n, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
random.seed(2)
with open(out / "many.csv", "w") as f:
    f.write("id," + ",".join(f"q{i}" for i in range(1, k + 1)) + "\n")
    for r in range(n):
        base = random.randint(1, 5)
        f.write(f"P{r}," + ",".join(str(min(5, max(1, base + random.randint(-1, 1)))) for _ in range(k)) + "\n")
items = ",".join(f'"q{i}"' for i in range(1, k + 1))
(out / "many.toml").write_text(f'name = "many"\nid = "id"\nmin = 1\nmax = 5\n[[subscale]]\nname = "a"\nitems = [{items}]\n')
