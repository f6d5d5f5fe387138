"""Reusable Hypothesis strategies for input-output tables.

Any non-negative Z with strictly positive final demand gives a productive A: with
x = Z·1 + f and f > 0, A x = x - f < x, so rho(A) <= max_i (Ax)_i / x_i < 1
(Collatz-Wielandt). The strategies build tables that way instead of rescaling columns, which
avoids dividing by subnormal column sums.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import creative_econ as ce

_flow = st.one_of(st.just(0.0), st.floats(0.0, 1000.0, allow_subnormal=False))
_positive = st.floats(1.0, 1000.0, allow_subnormal=False)


@st.composite
def flows(draw: st.DrawFn, min_n: int = 1, max_n: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """(Z, f) with Z >= 0 and f > 0, as arrays."""
    n = draw(st.integers(min_n, max_n))
    Z = draw(hnp.arrays(np.float64, (n, n), elements=_flow))
    f = draw(hnp.arrays(np.float64, (n,), elements=_positive))
    return Z, f


@st.composite
def productive_matrices(draw: st.DrawFn, min_n: int = 1, max_n: int = 8) -> np.ndarray:
    """Non-negative technical-coefficient matrices with spectral radius below one."""
    Z, f = draw(flows(min_n, max_n))
    x = Z.sum(axis=1) + f
    return Z / x[np.newaxis, :]


@st.composite
def io_tables(
    draw: st.DrawFn, min_n: int = 1, max_n: int = 8, households: bool = True
) -> ce.IOTable:
    """Complete labelled tables: primary inputs close every column; optional closure."""
    Z, f_total = draw(flows(min_n, max_n))
    n = Z.shape[0]
    x = Z.sum(axis=1) + f_total
    # Split final demand into household consumption and the rest.
    hh_share = draw(hnp.arrays(np.float64, (n,), elements=st.floats(0.0, 0.9,
                                                                     allow_subnormal=False)))
    f = np.column_stack([f_total * hh_share, f_total * (1 - hh_share)])
    # Primary inputs close each column: x_j - sum_i z_ij is split into imports, taxes, GVA.
    # Column sums of Z can exceed x_j; add the gap to the column's output instead.
    deficit = np.maximum(Z.sum(axis=0) - x, 0.0)
    if (deficit > 0).any():
        f[:, 1] += deficit * 1.5
        x = Z.sum(axis=1) + f.sum(axis=1)
    primary = x - Z.sum(axis=0)
    shares = draw(hnp.arrays(np.float64, (n, 4), elements=st.floats(0.05, 1.0)))
    shares = shares / shares.sum(axis=1, keepdims=True)
    imports, taxes, comp, gos = (primary * shares[:, k] for k in range(4))
    employment = draw(hnp.arrays(np.float64, (n,), elements=st.one_of(
        st.just(0.0), st.floats(0.01, 50.0))))
    sectors = pd.Index([f"s{i}" for i in range(n)], name="sector")
    return ce.IOTable.from_frames(
        Z=pd.DataFrame(Z, index=sectors, columns=sectors),
        final_demand=pd.DataFrame(f, index=sectors, columns=["households", "other"]),
        value_added=pd.DataFrame([comp, gos], index=["compensation", "gos"], columns=sectors),
        imports=pd.Series(imports, index=sectors),
        taxes=pd.Series(taxes, index=sectors),
        employment=pd.Series(employment, index=sectors),
        households=ce.Households(consumption="households") if households else None,
        name="hypothesis",
    )
