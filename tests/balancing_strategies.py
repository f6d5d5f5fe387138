"""Hypothesis strategies for matrix balancing (RAS / GRAS).

A problem is feasible by construction: the targets are the margins of a "true" matrix with the
prior's sign and zero pattern (the prior's entries times factors in [1/e, e]). By Bacharach
(1970) RAS then converges, and the GRAS objective has an interior minimiser, so both methods
must meet the margins while keeping every sign and every zero.

Convergence is linear, and slow when a small entry is the only link between large ones (a
ratio of 73 between linked entries already needs ~800 iterations to reach 1e-10); magnitudes
stay within a factor of 100 (times e^2 from the factors) so that the worst case drawn stays
well inside the iteration cap the property tests use.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

_magnitude = st.floats(1.0, 100.0, allow_subnormal=False)
_log_factor = st.floats(-1.0, 1.0, allow_subnormal=False)

Problem = tuple[np.ndarray, np.ndarray, np.ndarray]


@st.composite
def balancing_problems(
    draw: st.DrawFn,
    *,
    mixed: bool = True,
    zero_lines: bool = False,
    min_n: int = 1,
    max_n: int = 8,
) -> Problem:
    """(X0, u, v): a prior and feasible targets; entries of both signs if ``mixed``.

    With ``zero_lines``, some rows and columns whose prior entries have one sign get a zero
    target (the true matrix is zero there), so balancing has to set them to zero.
    """
    m = draw(st.integers(min_n, max_n))
    n = draw(st.integers(min_n, max_n))
    signs = [-1.0, 0.0, 1.0, 1.0] if mixed else [0.0, 1.0, 1.0]
    pattern = draw(hnp.arrays(np.float64, (m, n), elements=st.sampled_from(signs)))
    magnitude = draw(hnp.arrays(np.float64, (m, n), elements=_magnitude))
    X0 = pattern * magnitude
    truth = X0 * np.exp(draw(hnp.arrays(np.float64, (m, n), elements=_log_factor)))
    if zero_lines:
        one_sign_rows = ~((X0 > 0).any(axis=1) & (X0 < 0).any(axis=1))
        one_sign_cols = ~((X0 > 0).any(axis=0) & (X0 < 0).any(axis=0))
        drop_rows = draw(hnp.arrays(np.bool_, (m,))) & one_sign_rows
        drop_cols = draw(hnp.arrays(np.bool_, (n,))) & one_sign_cols
        truth[drop_rows, :] = 0.0
        truth[:, drop_cols] = 0.0
    return X0, truth.sum(axis=1), truth.sum(axis=0)


@st.composite
def balanced_priors(draw: st.DrawFn, *, mixed: bool = True, max_n: int = 8) -> Problem:
    """(X0, u, v) where the prior already has the target margins."""
    X0, _, _ = draw(balancing_problems(mixed=mixed, max_n=max_n))
    return X0, X0.sum(axis=1), X0.sum(axis=0)
