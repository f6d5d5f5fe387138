"""Hypothesis strategies for regional data: national sizes and a region inside them."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.strategies import productive_matrices

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
