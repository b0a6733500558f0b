#!/usr/bin/env python3
"""Item answers with a large t (issue 28), for scripts/bench.sh: ROWS respondents x 40 items,
pre answered 1..4, post = pre + 1 for everyone with a little noise (one answer in eight one
point lower or higher), kept within 1..5. Deterministic (seeded).

    python3 scripts/large-t.py DIR ROWS   writes DIR/pre.csv and DIR/post.csv
"""
import sys

import numpy as np
import pandas as pd

out, rows = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(28)
pre = rng.integers(1, 5, size=(rows, 40))
noise = rng.choice([0, 0, 0, 0, 0, 0, 1, -1], size=(rows, 40))
post = np.clip(pre + 1 + noise, 1, 5)
columns = [f"q{i}" for i in range(1, 41)]
for name, answers in [("pre", pre), ("post", post)]:
    frame = pd.DataFrame(answers, columns=columns)
    frame.insert(0, "id", np.arange(1, rows + 1))
    frame.to_csv(f"{out}/{name}.csv", index=False)
