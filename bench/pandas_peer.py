#!/usr/bin/python3
"""The pandas peer of the numeric benchmark: the straightforward script an analyst
would write for raw -> min-max [0,100] -> weighted arithmetic mean at three levels,
dropping missing children and rescaling the weights (as COINr does). It relies on the
layout `gpn synth --numeric` writes: indicators I1..Ik in pillars of 5, pillars in
sub-indices of 5, one index; direction -1 for every indicator whose 0-based index i
has i % 7 == 3. Usage: pandas_peer.py DATA.csv OUT.csv"""
import sys

import numpy as np
import pandas as pd

data = pd.read_csv(sys.argv[1], na_values=["NA"])
codes = [c for c in data.columns if c.startswith("I")]
x = data[codes].astype(float)
direction = np.array([-1.0 if i % 7 == 3 else 1.0 for i in range(len(codes))])
x = x * direction
norm = (x - x.min()) / (x.max() - x.min()) * 100


def mean_of(frame, groups):
    # Equal weights; a missing child is dropped and the others' weights rescaled.
    return pd.DataFrame({name: frame[cols].mean(axis=1, skipna=True) for name, cols in groups.items()})


pillars = mean_of(norm, {f"P{p + 1}": codes[5 * p:5 * p + 5] for p in range((len(codes) + 4) // 5)})
subs = mean_of(pillars, {f"S{s + 1}": list(pillars.columns[5 * s:5 * s + 5]) for s in range((pillars.shape[1] + 4) // 5)})
index = subs.mean(axis=1, skipna=True)
out = pd.concat([data[["uCode"]], pd.DataFrame({"Index": index}), subs, pillars], axis=1)
out.to_csv(sys.argv[2], index=False)
