#!/usr/bin/env python3
"""Makes wide.csv and long.csv from the example study's score files (data/example/pre.csv and
post.csv), so the README's wide and long layouts have a golden run on bundled data. Run from
this directory: python3 make.py"""
import csv

pre = list(csv.DictReader(open('../../../../data/example/pre.csv')))
post = {r['id']: r for r in csv.DictReader(open('../../../../data/example/post.csv'))}
cols = ['self_perception', 'interpersonal', 'emotion', 'future', 'total']
with open('wide.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['id'] + [f'{c}_{t}' for c in cols for t in ('pre', 'post')])
    for r in pre:
        p = post.get(r['id'], {})
        w.writerow([r['id']] + [x for c in cols for x in (r[c], p.get(c, ''))])
with open('long.csv', 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['id', 'wave'] + cols)
    for r in pre:
        w.writerow([r['id'], 'T1'] + [r[c] for c in cols])
        if r['id'] in post:
            w.writerow([r['id'], 'T2'] + [post[r['id']][c] for c in cols])
        # a third wave for three children (not compared)
        if r['id'] in ('C01', 'C02', 'C03'):
            w.writerow([r['id'], 'T3'] + [r[c] for c in cols])
