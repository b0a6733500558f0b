#!/usr/bin/env python3
"""Generate the SYNTHETIC example study in this directory (deterministic, seed 20261125).

12 children in a six-session group-work program to raise self-confidence, answering a 20-item
scale (1..5) before and after, and at a follow-up three months later. Child C12 dropped out (no
post-test); child C05 skipped two emotion items at post; child C09 has no follow-up. A
comparison group of 10 children (K01-K10, on the waiting list) answered at the same three
times; the groups_* files hold both groups with a `group` column.
Run from the repository root:  python3 data/example/generate.py
"""
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(20261125)

SUBSCALES = {
    "self_perception": ["q1", "q2", "q3", "q4", "q5"],
    "interpersonal": ["q6", "q7", "q8", "q9", "q10"],
    "emotion": ["q11", "q12", "q13", "q14", "q15"],
    "future": ["q16", "q17", "q18", "q19", "q20"],
}
REVERSE = {"q3", "q8", "q12", "q15", "q19"}
ITEMS = [q for items in SUBSCALES.values() for q in items]
IDS = [f"C{i:02d}" for i in range(1, 13)]


def clamp(x):
    return max(1, min(5, int(round(x))))


def answers(level, facets, gain):
    """Keyed answers around the child's level, subscale facet and gain, written as raw answers
    (reverse-worded items flipped)."""
    out = {}
    for name, items in SUBSCALES.items():
        for q in items:
            keyed = clamp(level + facets[name] + gain + rng.gauss(0, 0.55))
            out[q] = 6 - keyed if q in REVERSE else keyed
    return out


pre, post = {}, {}
params = {}  # each child's level, facets and gain, for the follow-up
for cid in IDS:
    level = rng.gauss(2.8, 0.6)
    facets = {name: rng.gauss(0, 0.35) for name in SUBSCALES}
    gain = rng.gauss(0.45, 0.4)
    params[cid] = (level, facets, gain)
    pre[cid] = answers(level, facets, 0.0)
    if cid != "C12":  # drop-out
        post[cid] = answers(level, facets, gain)
post["C05"]["q13"] = None  # two skipped emotion items at post
post["C05"]["q14"] = None
# Nudge one of C05's answers so the prorated total (sum of 18 items x 20/18) is a whole number,
# which keeps the score-level files exact.
for q in ["q20", "q17", "q16", "q1", "q2"]:
    keyed_sum = sum(6 - v if k in REVERSE else v for k, v in post["C05"].items() if v is not None)
    if keyed_sum % 9 == 0:
        break
    step = min(((-keyed_sum) % 9, -(keyed_sum % 9)), key=abs)
    post["C05"][q] = clamp(post["C05"][q] + step)


def score(row, items, min_fraction=0.8):
    """Sum score with reverse keying; prorated when >= 80% of the items are answered."""
    keyed = [6 - row[q] if q in REVERSE else row[q] for q in items if row[q] is not None]
    if len(keyed) < min_fraction * len(items):
        return None
    mean = sum(keyed) / len(keyed)
    total = mean * len(items)
    return int(total) if total == int(total) else round(total, 2)


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


# The comparison group (drawn after the program group, so the program's files stay the same).
COMPARISON = [f"K{i:02d}" for i in range(1, 11)]
for cid in COMPARISON:
    level = rng.gauss(2.8, 0.6)
    facets = {name: rng.gauss(0, 0.35) for name in SUBSCALES}
    gain = rng.gauss(0.05, 0.3)
    params[cid] = (level, facets, gain)
    pre[cid] = answers(level, facets, 0.0)
    post[cid] = answers(level, facets, gain)

# The follow-up three months after the program (drawn last, so the files above stay the same):
# the program children keep most of their gain; C09 moved away and has no follow-up; C12, who
# dropped out after the pre-test, is not followed up either.
follow = {}
for cid in IDS + COMPARISON:
    if cid in ("C09", "C12"):
        continue
    level, facets, gain = params[cid]
    kept = gain * rng.gauss(0.8, 0.25) if cid.startswith("C") else rng.gauss(0.05, 0.3)
    follow[cid] = answers(level, facets, kept)


def scored_rows(data, ids, group=None):
    rows = []
    for cid in ids:
        if cid not in data:
            continue
        vals = [score(data[cid], items) for items in SUBSCALES.values()]
        vals.append(score(data[cid], ITEMS))
        rows.append([cid] + ([group(cid)] if group else []) + vals)
    return rows


SCALES = list(SUBSCALES) + ["total"]
group_of = lambda cid: "program" if cid.startswith("C") else "comparison"  # noqa: E731
for name, data in [("pre", pre), ("post", post), ("follow", follow)]:
    write(HERE / f"{name}_items.csv", ["id"] + ITEMS,
          [[cid] + [data[cid][q] for q in ITEMS] for cid in IDS if cid in data])
    write(HERE / f"{name}.csv", ["id"] + SCALES, scored_rows(data, IDS))
    both = IDS + COMPARISON
    write(HERE / f"groups_{name}_items.csv", ["id", "group"] + ITEMS,
          [[cid, group_of(cid)] + [data[cid][q] for q in ITEMS] for cid in both if cid in data])
    write(HERE / f"groups_{name}.csv", ["id", "group"] + SCALES, scored_rows(data, both, group_of))


# Single-case data (drawn last, so the files above stay the same): three children of the
# program observed at every session, a multiple baseline across them: the intervention starts
# after 4, 6 and 8 baseline sessions; resilience (0-10, higher is better) and worry (0-10,
# lower is better) rated by the social worker after each of 14 sessions.
case_rows = []
for child, start in [("L01", 4), ("L02", 6), ("L03", 8)]:
    level = rng.uniform(3.0, 4.0)
    for session in range(1, 15):
        treated = session > start
        gain = 0.35 * (session - start) if treated else 0.0
        resilience = max(0, min(10, round(level + min(gain, 3.0) + rng.gauss(0, 0.6))))
        worry = max(0, min(10, round(7.0 - min(gain, 3.0) + rng.gauss(0, 0.6))))
        case_rows.append([child, session, "B" if treated else "A", resilience, worry])
write(HERE / "case_sessions.csv", ["child", "session", "phase", "resilience", "worry"], case_rows)


# The needs-assessment survey of a whole school before the program (its own random stream, so
# the files above stay the same): 300 children of grades 3-6 answer the same 20-item scale once,
# with their gender, grade, whether they are left behind (a parent or both working away), who
# cares for them, how often a parent contacts them in a month and how warm they find their
# family (a 1-5 rating). Left-behind children, and those with less contact and warmth, score
# lower; a few answers are skipped and a few carers not recorded, as in real data.
srng = random.Random(20261126)
survey_rows = []
for k in range(1, 301):
    gender = srng.choice(["boy", "girl"])
    grade = srng.choice([3, 4, 5, 6])
    left_behind = "yes" if srng.random() < 0.45 else "no"
    if left_behind == "yes":
        caregiver = srng.choices(["grandparents", "one_parent", "relatives"], [0.6, 0.3, 0.1])[0]
        contact = max(0, min(8, round(srng.gauss(2.5, 1.5))))
    else:
        caregiver = "parents"
        contact = 8
    warmth = max(1, min(5, round(srng.gauss(3.6 if left_behind == "no" else 3.1, 0.8))))
    level = (2.7 + (0.25 if left_behind == "no" else -0.15) + 0.12 * (warmth - 3.3)
             + 0.04 * (grade - 4.5) + (0.05 if gender == "girl" else 0.0) + srng.gauss(0, 0.4))
    out = {}
    for name, items in SUBSCALES.items():
        facet = srng.gauss(0, 0.25)
        for q in items:
            keyed = max(1, min(5, int(round(level + facet + srng.gauss(0, 0.6)))))
            out[q] = 6 - keyed if q in REVERSE else keyed
    if srng.random() < 0.03:
        out[srng.choice(ITEMS)] = None
    if srng.random() < 0.02:
        caregiver = None
    survey_rows.append([f"S{k:03d}", gender, grade, left_behind, caregiver, contact, warmth]
                       + [out[q] for q in ITEMS])
write(HERE / "survey.csv",
      ["id", "gender", "grade", "left_behind", "caregiver", "parent_contact", "family_warmth"]
      + ITEMS, survey_rows)
