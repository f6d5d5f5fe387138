"""Checks an IOTable runs once, at construction: values, identities, zero-output sectors.

Each check is a function of arrays and labels that raises a specific error naming the place
and the value, or returns a note for the table to record. The common case (a clean table) is
a handful of reductions over the data; the detailed search for the offending entry only runs
once something is wrong.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._labels import describe_bad
from .errors import BalanceError, InvalidTableError

__all__ = [
    "check_finite",
    "check_non_negative",
    "check_row_identity",
    "check_zero_output",
    "column_identity_note",
    "row_tolerance",
]


def check_finite(arr: np.ndarray, what: str, rows: pd.Index, cols: pd.Index | None = None,
                 *, total: float | None = None) -> None:
    """Raise InvalidTableError if ``arr`` holds NaN or infinite values.

    ``total`` (the sum of ``arr``, if already known) saves a pass: a NaN or infinite entry
    makes the sum non-finite, and only then is the array searched.
    """
    if total is None:
        with np.errstate(all="ignore"):
            total = arr.sum()
    if np.isfinite(total):
        return
    bad = ~np.isfinite(arr)
    if bad.any():  # otherwise the sum merely overflowed
        raise InvalidTableError(
            f"{what} has missing or infinite values: {describe_bad(bad, arr, rows, cols)}."
        )


def check_non_negative(
    arr: np.ndarray, what: str, rows: pd.Index, cols: pd.Index | None = None, hint: str = ""
) -> None:
    """Raise InvalidTableError if ``arr`` has negative entries."""
    if arr.size and arr.min() < 0:
        raise InvalidTableError(
            f"{what} is negative: {describe_bad(arr < 0, arr, rows, cols)}.{hint}"
        )


def row_tolerance(x: np.ndarray, rtol: float) -> np.ndarray:
    """Tolerance of the row identity: relative, with an absolute floor at 1e-9 of the largest."""
    return rtol * np.abs(x) + 1e-9 * max(float(np.abs(x).max(initial=0.0)), 1.0)


def check_row_identity(
    computed: np.ndarray, x: np.ndarray, rtol: float, sectors: pd.Index
) -> None:
    r"""Raise BalanceError unless $x = Z\iota + f$ within tolerance."""
    gap = np.abs(computed - x)
    excess = gap - row_tolerance(x, rtol)
    if (excess > 0).any():
        count = int((excess > 0).sum())
        worst = np.argsort(-excess)[: min(3, count)]
        detail = ", ".join(
            f"{sectors[i]!r}: given {x[i]:,.6g}, Z·1 + f = {computed[i]:,.6g}" for i in worst
        )
        raise BalanceError(
            f"Output disagrees with the row identity x = Z·1 + f beyond rtol={rtol:g} for "
            f"{count} sector(s): {detail}. Check the output row you used, or omit output= to "
            "compute it from Z and final demand."
        )


def check_zero_output(
    x: np.ndarray, inputs_abs: np.ndarray, sectors: pd.Index
) -> str | None:
    """Refuse zero-output sectors with inputs; return a note listing zero-output sectors.

    Parameters
    ----------
    x : ndarray (n,)
        Output.
    inputs_abs : ndarray (n,)
        Sum of absolute inputs, primary inputs and employment by sector.
    """
    zero = x == 0
    if not zero.any():
        return None
    offending = zero & (inputs_abs > 0)
    if offending.any():
        j = int(np.flatnonzero(offending)[0])
        raise InvalidTableError(
            f"Sector {sectors[j]!r} has zero output but non-zero inputs, value added or "
            "employment; an input-output table cannot have inputs without output."
        )
    return (
        "Zero-output sectors (zero coefficients; shocks to them are refused; multipliers other "
        "than output undefined, NaN): " + ", ".join(map(repr, sectors[zero])) + "."
    )


def column_identity_note(
    column_totals: np.ndarray, x: np.ndarray, rtol: float, sectors: pd.Index
) -> str | None:
    """A note if $x' = \\iota'Z + m' + t' + v'$ does not close (value added incomplete)."""
    resid = np.abs(column_totals - x)
    excess = resid - row_tolerance(x, rtol)
    if not (excess > 0).any():
        return None
    j = int(np.argmax(excess))
    return (
        "Column identity x' = 1'Z + imports + taxes + other inputs + GVA does not close for "
        f"{int((excess > 0).sum())} sector(s) (largest gap {resid[j]:,.6g} in {sectors[j]!r}): "
        "value added may be incomplete."
    )
