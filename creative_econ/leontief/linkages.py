r"""Rasmussen-Hirschman linkages, direct linkages, coefficients of variation, key sectors.

Total linkages are sums of the Leontief inverse $L$ (backward: columns; forward: rows) or of
the Ghosh inverse $G = \hat x^{-1} L \hat x$ (forward: rows), normalised by their average:

$$ U_{\cdot j} = \frac{n\,(\iota'L)_j}{\iota'L\iota},\qquad
   U_{i\cdot} = \frac{n\,(L\iota)_i}{\iota'L\iota},\qquad
   U^G_{i\cdot} = \frac{n\,(G\iota)_i}{\iota'G\iota} . $$

Direct (Chenery-Watanabe) linkages are the column sums of $A$ and the row sums of $B$.

**Zero-output sectors.** A sector with no output has no linkages. Sums run over producing
sectors only (the summation vector is $\iota_P$, ones on sectors with $x_i > 0$, as in the
table's output multipliers), zero-output sectors get zero in every measure, and the averages
in the normalisation are over the $n_P$ producing sectors. Adding an empty sector to a table
therefore changes no other sector's numbers.

References
----------
Rasmussen, P.N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland.
Hirschman, A.O. (1958). *The Strategy of Economic Development*. Yale University Press.
Chenery, H.B. & Watanabe, T. (1958). International comparisons of the structure of
production. *Econometrica* 26:487-521.
Beyers, W.B. (1976). Empirical identification of key sectors: some further evidence.
*Environment and Planning A* 8:231-236. Jones, L.P. (1976). The measurement of
Hirschmanian linkages. *Quarterly Journal of Economics* 90:323-333.
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., ch. 12.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from ._types import BoolArray, FloatArray
from .factor import LUFactor, solve, solve_transposed
from .ghosh import ghosh_row_sums

__all__ = [
    "KEY_SECTOR_CLASSES",
    "KeySectorClass",
    "backward_linkages",
    "classify_sectors",
    "coefficient_of_variation",
    "direct_backward_linkages",
    "direct_forward_linkages",
    "forward_linkages_ghosh",
    "forward_linkages_leontief",
    "rasmussen_indices",
]

KeySectorClass = Literal["key", "backward", "forward", "weak", "zero output"]
#: The classes of :func:`classify_sectors`, in reporting order.
KEY_SECTOR_CLASSES: tuple[str, ...] = ("key", "backward", "forward", "weak", "zero output")


def _producing(x: FloatArray) -> BoolArray:
    return np.asarray(x, dtype=float) != 0.0


def backward_linkages(lu: LUFactor, x: FloatArray) -> FloatArray:
    r"""Total backward linkages, the column sums of $L$ over producing sectors.

    $$ b' = \iota_P' L \quad\Longleftrightarrow\quad (I - A)'\,b = \iota_P $$

    One transposed solve. Equal to the simple output multipliers of every producing sector.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output (only its zero pattern is used).

    Returns
    -------
    ndarray of shape (n,)
        Zero for zero-output sectors.
    """
    producing = _producing(x)
    out = solve_transposed(lu, producing.astype(float))
    out[~producing] = 0.0
    return out


def forward_linkages_leontief(lu: LUFactor, x: FloatArray) -> FloatArray:
    r"""Total forward linkages of the Leontief kind, the row sums of $L$.

    $$ L\,\iota_P $$

    One forward solve. Row $i$ is the output of sector $i$ needed when final demand for
    every producing sector rises by one unit at once, which is why the Ghosh version
    (:func:`forward_linkages_ghosh`) is usually preferred.

    Returns
    -------
    ndarray of shape (n,)
        Zero for zero-output sectors.
    """
    producing = _producing(x)
    out = solve(lu, producing.astype(float))
    out[~producing] = 0.0
    return out


def forward_linkages_ghosh(lu: LUFactor, x: FloatArray) -> FloatArray:
    r"""Total forward linkages of the Ghosh kind, the row sums of $G$ (descriptive).

    $$ G\iota = \hat x^{-1} L x $$

    One forward solve (:func:`~creative_econ.leontief.ghosh.ghosh_row_sums`).

    Returns
    -------
    ndarray of shape (n,)
        Zero for zero-output sectors.
    """
    out = ghosh_row_sums(lu, x)
    out[~_producing(x)] = 0.0
    return out


def direct_backward_linkages(A: FloatArray) -> FloatArray:
    r"""Direct backward linkages: the column sums of the technical coefficients.

    $$ \iota' A $$
    """
    return np.asarray(A, dtype=float).sum(axis=0)


def direct_forward_linkages(B: FloatArray) -> FloatArray:
    r"""Direct forward linkages: the row sums of the allocation coefficients.

    $$ B\iota, \qquad B = \hat x^{-1} Z $$
    """
    return np.asarray(B, dtype=float).sum(axis=1)


def rasmussen_indices(totals: FloatArray, x: FloatArray) -> FloatArray:
    r"""Normalise linkages by their average over producing sectors.

    $$ U_j = \frac{n_P\, t_j}{\sum_{k \in P} t_k} $$

    An index above 1 means a linkage stronger than the average sector's.

    Parameters
    ----------
    totals : ndarray of shape (n,)
        Total linkages $t$ (e.g. $\iota'L$, $L\iota$ or $G\iota$).
    x : ndarray of shape (n,)
        Gross output; sectors with $x_j = 0$ are left out of the average and get 0.

    Returns
    -------
    ndarray of shape (n,)
        All zeros if no sector produces.

    Raises
    ------
    ValueError
        If the producing sectors' totals sum to zero (no average to normalise by).
    """
    t = np.asarray(totals, dtype=float)
    producing = _producing(x)
    out = np.zeros_like(t)
    n_p = int(producing.sum())
    if n_p == 0:
        return out
    total = float(t[producing].sum())
    if total == 0.0:
        raise ValueError("The linkages of the producing sectors sum to zero; cannot normalise.")
    out[producing] = n_p * t[producing] / total
    return out


def coefficient_of_variation(M: FloatArray, x: FloatArray, *, axis: Literal[0, 1]) -> FloatArray:
    r"""Coefficient of variation of each column (``axis=0``) or row (``axis=1``) of $M$.

    For column $j$ of $M = L$ (Rasmussen's backward variability index):

    $$ V_j = \frac{\sqrt{\tfrac{1}{n_P-1}\sum_{i\in P}\big(m_{ij} - \bar m_{\cdot j}\big)^2}}
                  {\bar m_{\cdot j}},\qquad \bar m_{\cdot j} = \tfrac{1}{n_P}\sum_{i\in P} m_{ij} $$

    A low $V_j$ means the sector's linkages are spread evenly over many sectors. For rows
    of $G$, pass $M = L\hat x$ with ``axis=1``: the row scaling by $1/x_i$ does not change
    a coefficient of variation.

    Parameters
    ----------
    M : ndarray of shape (n, n)
        Typically $L$ (columns: backward; rows: Leontief forward) or $L\hat x$ (rows: Ghosh
        forward).
    x : ndarray of shape (n,)
        Gross output: only producing sectors enter the sums.
    axis : {0, 1}
        0 for columns, 1 for rows.

    Returns
    -------
    ndarray of shape (n,)
        0 for zero-output sectors, when only one sector produces (no dispersion to measure),
        and where the mean is zero.
    """
    if axis not in (0, 1):
        raise ValueError(f"axis must be 0 (columns) or 1 (rows), got {axis!r}.")
    M = np.asarray(M, dtype=float)
    producing = _producing(x)
    n_p = int(producing.sum())
    out = np.zeros(M.shape[0])
    if n_p < 2:
        return out
    sub = M[np.ix_(producing, producing)]
    mean = sub.mean(axis=axis)
    std = sub.std(axis=axis, ddof=1)
    cv = np.zeros_like(mean)
    np.divide(std, mean, out=cv, where=mean != 0.0)
    out[producing] = cv
    return out


def classify_sectors(
    backward_index: FloatArray, forward_index: FloatArray, x: FloatArray
) -> np.ndarray:
    r"""Key-sector classification from normalised backward and forward linkages.

    * ``"key"``: $U_{\cdot j} > 1$ and $U_{j\cdot} > 1$;
    * ``"backward"``: backward-oriented, only $U_{\cdot j} > 1$;
    * ``"forward"``: forward-oriented, only $U_{j\cdot} > 1$;
    * ``"weak"``: neither above 1;
    * ``"zero output"``: the sector does not produce.

    Returns
    -------
    ndarray of str, shape (n,)
    """
    bl = np.asarray(backward_index, dtype=float) > 1.0
    fl = np.asarray(forward_index, dtype=float) > 1.0
    out = np.select(
        [bl & fl, bl & ~fl, ~bl & fl], ["key", "backward", "forward"], default="weak"
    ).astype(object)
    out[~_producing(x)] = "zero output"
    return out
