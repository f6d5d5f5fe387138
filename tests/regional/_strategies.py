"""Hypothesis strategies for regional data: national sizes and a region inside them."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from creative_econ.regional import RegionalData
from tests.strategies import io_tables, productive_matrices

_size = st.floats(0.0, 1000.0, allow_subnormal=False)
_share = st.floats(0.0, 1.0, allow_subnormal=False)


@st.composite
def region_in_nation(
    draw: st.DrawFn, min_n: int = 1, max_n: int = 8
) -> tuple[np.ndarray, np.ndarray]:
    """(region, nation) size vectors with 0 <= region <= nation and some regional activity."""
    n = draw(st.integers(min_n, max_n))
    nation = draw(hnp.arrays(np.float64, (n,), elements=_size))
    share = draw(hnp.arrays(np.float64, (n,), elements=_share))
    region = nation * share
    if region.sum() <= 0:  # make sure the region exists somewhere
        i = draw(st.integers(0, n - 1))
        nation[i] = max(nation[i], 1.0)
        region[i] = nation[i] * draw(st.floats(0.01, 1.0))
    return region, nation


@st.composite
def regional_problems(
    draw: st.DrawFn, min_n: int = 1, max_n: int = 8
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(A, region, nation): a productive national coefficient matrix and matching sizes."""
    A = draw(productive_matrices(min_n=min_n, max_n=max_n))
    n = A.shape[0]
    nation = draw(hnp.arrays(np.float64, (n,), elements=st.floats(1.0, 1000.0)))
    share = draw(hnp.arrays(np.float64, (n,), elements=_share))
    region = nation * share
    if region.sum() <= 0:
        region[0] = nation[0] * 0.5
    return A, region, nation


deltas = st.floats(0.0, 0.99, allow_subnormal=False)


@st.composite
def tables_and_regions(draw: st.DrawFn):
    table = draw(io_tables(min_n=2, max_n=6))
    # Regional shares of 0 or at least 0.1%: regions do not hold 1e-300 of a sector.
    share = draw(hnp.arrays(np.float64, (table.n,),
                            elements=st.one_of(st.just(0.0), st.floats(1e-3, 1.0))))
    x_r = table.x.to_numpy() * share
    if x_r.sum() <= 0:
        x_r[int(np.argmax(table.x.to_numpy()))] = float(table.x.max()) * 0.5
    data = RegionalData(output=pd.DataFrame([x_r], index=["R"], columns=table.sectors))
    return table, data
