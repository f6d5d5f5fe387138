r"""Hypothetical extraction by rank updates of the existing factorisation.

Extracting sector $j$ changes one column (backward), one row (forward) or a row and a column
(total) of the coefficient matrix. Each is a rank-one change of $I - A$ or $I - B$, so the
Sherman-Morrison formula gives the new outputs from columns or rows of $L$, and all $n$
extractions together cost one batched solve instead of $n$ refactorisations. The identities
$LA = L - I$ and $G = \hat x^{-1} L \hat x$ turn the updates into closed forms.

**Backward** (column $j$ of $A$ set to zero, $\bar A = A - A e_j e_j'$,
$\bar x = (I - \bar A)^{-1} f$):

$$ x - \bar x = \frac{x_j}{l_{jj}}\,\big(L e_j - e_j\big) . $$

Keeping the own-use coefficient $a_{jj}$ (only intersectoral purchases extracted):

$$ x - \bar x = \frac{x_j}{l_{jj}}\Big(L e_j - \frac{e_j}{1 - a_{jj}}\Big) . $$

**Forward** (row $j$ of $B$ set to zero, supply-driven, $\bar x' = v^{*\prime}(I - \bar B)^{-1}$
with $v^* = x - Z'\iota$ all primary inputs; $v^{*\prime} G = x'$):

$$ (x - \bar x)' = \frac{1}{l_{jj}}\Big(e_j' L \hat x - \frac{x_j}{1 - b_{jj}}\, e_j'\Big) $$

with $b_{jj} = 0$ when the whole row is extracted.

**Total** (row and column $j$ deleted; the other sectors keep their final demand). By the
partitioned inverse, $(I - A_{oo})^{-1} = L_{oo} - L_{oj} L_{jo} / l_{jj}$, so

$$ x_o - \bar x_o = \frac{x_j}{l_{jj}}\, L_{oj} ,$$

the loss of the *other* sectors, excluding $x_j$ itself (Cella 1984). It equals the output
that sector $j$'s own output $x_j$ induces in the rest of the economy (compare
:func:`~creative_econ.leontief.mixed.output_shock`).

Block versions extract a set $S$ of sectors jointly (Woodbury formula; $L_{SS}$ replaces
$l_{jj}$). Zero-output sectors have zero columns in $A$ and zero rows in $B$: extracting them
changes nothing, and their losses are zero.

References
----------
Strassert, G. (1968). Zur Bestimmung strategischer Sektoren mit Hilfe von Input-Output-
Modellen. *Jahrbücher für Nationalökonomie und Statistik* 182:211-215.
Cella, G. (1984). The input-output measurement of interindustry linkages. *Oxford Bulletin
of Economics and Statistics* 46:73-84.
Dietzenbacher, E. & van der Linde, J.A. (1997). Sectoral and spatial linkages in the EC
production structure. *Journal of Regional Science* 37:235-257.
Miller, R.E. & Lahr, M.L. (2001). A taxonomy of extractions. In *Regional Science
Perspectives in Economic Analysis*, 407-441.
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed.,
ch. 12 (hypothetical extraction).
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

from ._types import FloatArray
from .factor import LUFactor, solve, solve_transposed

__all__ = [
    "backward_extraction",
    "backward_extraction_block",
    "forward_extraction",
    "forward_extraction_block",
    "positions",
    "total_extraction",
    "total_extraction_block",
    "unit_vectors",
]


def positions(sectors: object, n: int) -> np.ndarray:
    """Validated sector positions: integers in ``[0, n)``, each at most once."""
    raw = np.asarray(sectors).reshape(-1)
    if raw.dtype == np.bool_:
        raise ValueError("Pass sector positions, not a boolean mask (use np.flatnonzero).")
    if (raw.size and not np.issubdtype(raw.dtype, np.integer)
            and (not np.issubdtype(raw.dtype, np.number) or np.any(raw != np.round(raw)))):
        raise ValueError(f"Sector positions must be integers; got {raw.tolist()}.")
    idx = raw.astype(np.intp)
    if idx.size and (idx.min() < 0 or idx.max() >= n):
        raise ValueError(f"Sector positions must lie in [0, {n}); got {idx.tolist()}.")
    if np.unique(idx).size != idx.size:
        raise ValueError(f"Sector positions must be distinct; got {idx.tolist()}.")
    return idx


def unit_vectors(n: int, sectors: object) -> FloatArray:
    """The columns $e_j$ for the given positions, as an (n, k) matrix."""
    idx = positions(sectors, n)
    E = np.zeros((n, idx.size))
    E[idx, np.arange(idx.size)] = 1.0
    return E


def _columns(lu: LUFactor, idx: np.ndarray, columns: FloatArray | None) -> FloatArray:
    if columns is None:
        return solve(lu, unit_vectors(lu.n, idx))
    cols = np.asarray(columns, dtype=float)
    if cols.shape != (lu.n, idx.size):
        raise ValueError(f"columns must have shape {(lu.n, idx.size)}, got {cols.shape}.")
    return cols


def _own(own: FloatArray | None, k: int) -> FloatArray:
    if own is None:
        return np.zeros(k)
    a = np.asarray(own, dtype=float).reshape(-1)
    if a.shape != (k,):
        raise ValueError(f"own_coefficients must have {k} entries, got {a.size}.")
    if np.any(a >= 1.0):
        raise ValueError(f"Own-use coefficients must be below 1; got {a.tolist()}.")
    return a


def backward_extraction(
    lu: LUFactor,
    x: FloatArray,
    sectors: object,
    *,
    own_coefficients: FloatArray | None = None,
    columns: FloatArray | None = None,
) -> FloatArray:
    r"""Output losses when each sector stops buying inputs (backward extraction).

    $$ x - \bar x_{(j)} = \frac{x_j}{l_{jj}}\Big(L e_j - \frac{e_j}{1 - a_{jj}}\Big) $$

    ($a_{jj} = 0$ unless the own-use coefficient is kept.) One batched solve for all the
    sectors' columns of $L$.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output of the base table ($x = Lf$).
    sectors : array of int, shape (k,)
        Positions of the sectors to extract, one at a time.
    own_coefficients : ndarray of shape (k,), optional
        $a_{jj}$ of those sectors, to keep their within-sector purchases; ``None`` extracts
        the whole column.
    columns : ndarray of shape (n, k), optional
        $L e_j$ for those sectors, if already computed.

    Returns
    -------
    ndarray of shape (n, k)
        Column $s$ holds $x - \bar x$ (by affected sector) for extracting ``sectors[s]``.
    """
    idx = positions(sectors, lu.n)
    Lc = _columns(lu, idx, columns)
    x = np.asarray(x, dtype=float)
    a = _own(own_coefficients, idx.size)
    k = np.arange(idx.size)
    scale = x[idx] / Lc[idx, k]
    loss = Lc * scale[np.newaxis, :]
    loss[idx, k] -= scale / (1.0 - a)
    return loss


def forward_extraction(
    lu: LUFactor,
    x: FloatArray,
    sectors: object,
    *,
    own_coefficients: FloatArray | None = None,
    rows: FloatArray | None = None,
) -> FloatArray:
    r"""Output losses when each sector stops selling to other sectors (forward, Ghosh).

    $$ (x - \bar x_{(j)})' = \frac{1}{l_{jj}}\Big(e_j' L \hat x
       - \frac{x_j}{1 - b_{jj}}\, e_j'\Big) $$

    The supply-driven model is descriptive (see :mod:`~creative_econ.leontief.ghosh`). One
    batched transposed solve for the sectors' rows of $L$.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output.
    sectors : array of int, shape (k,)
        Positions of the sectors to extract, one at a time.
    own_coefficients : ndarray of shape (k,), optional
        $b_{jj} = a_{jj}$ of those sectors, to keep their sales to themselves.
    rows : ndarray of shape (n, k), optional
        $L' e_j$ (rows of $L$ as columns), if already computed.

    Returns
    -------
    ndarray of shape (n, k)
        Zero columns for zero-output sectors.
    """
    idx = positions(sectors, lu.n)
    if rows is None:
        R = solve_transposed(lu, unit_vectors(lu.n, idx))
    else:
        R = np.asarray(rows, dtype=float)
        if R.shape != (lu.n, idx.size):
            raise ValueError(f"rows must have shape {(lu.n, idx.size)}, got {R.shape}.")
    x = np.asarray(x, dtype=float)
    b = _own(own_coefficients, idx.size)
    k = np.arange(idx.size)
    l_jj = R[idx, k]
    loss = R * x[:, np.newaxis] / l_jj[np.newaxis, :]
    loss[idx, k] -= x[idx] / ((1.0 - b) * l_jj)
    loss[:, x[idx] == 0.0] = 0.0  # B has a zero row already: nothing to extract
    return loss


def total_extraction(
    lu: LUFactor, x: FloatArray, sectors: object, *, columns: FloatArray | None = None
) -> FloatArray:
    r"""Output losses of the other sectors when a sector is removed entirely (Cella 1984).

    $$ x_o - \bar x_o = \frac{x_j}{l_{jj}}\, L_{oj},\qquad o \ne j $$

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output.
    sectors : array of int, shape (k,)
        Positions of the sectors to extract, one at a time.
    columns : ndarray of shape (n, k), optional
        $L e_j$ for those sectors, if already computed.

    Returns
    -------
    ndarray of shape (n, k)
        The extracted sector's own entry is zero: its output is not counted as a loss.
    """
    idx = positions(sectors, lu.n)
    Lc = _columns(lu, idx, columns)
    x = np.asarray(x, dtype=float)
    k = np.arange(idx.size)
    loss = Lc * (x[idx] / Lc[idx, k])[np.newaxis, :]
    loss[idx, k] = 0.0
    return loss


# ---------------------------------------------------------------------------- blocks
def _block(lu: LUFactor, x: FloatArray, block: object) -> tuple[np.ndarray, FloatArray]:
    idx = positions(block, lu.n)
    x = np.asarray(x, dtype=float)
    return idx[x[idx] != 0.0], x  # zero-output sectors: extracting them changes nothing


def _within(within: FloatArray | None, idx_all: np.ndarray, idx: np.ndarray) -> FloatArray:
    m = idx_all.size
    W = np.asarray(within, dtype=float)
    if W.shape != (m, m):
        raise ValueError(f"within must have shape {(m, m)}, got {W.shape}.")
    keep = np.isin(idx_all, idx)
    return W[np.ix_(keep, keep)]


def backward_extraction_block(
    lu: LUFactor, x: FloatArray, block: object, *, within: FloatArray | None = None
) -> FloatArray:
    r"""Output loss when a set $S$ of sectors jointly stops buying inputs.

    $$ x - \bar x = \big(L_{\cdot S} - E_S (I - A_{SS})^{-1}\big)\, L_{SS}^{-1}\, x_S $$

    where $A_{SS}$ is replaced by $0$ unless the purchases within the block are kept
    (``within``). Woodbury update: one batched solve with $|S|$ right-hand sides and a
    $|S|\times|S|$ solve.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output.
    block : array of int, shape (m,)
        Positions of the sectors extracted together.
    within : ndarray of shape (m, m), optional
        $A_{SS}$, to keep purchases within the block.

    Returns
    -------
    ndarray of shape (n,)
    """
    idx_all = positions(block, lu.n)
    idx, x = _block(lu, x, idx_all)
    loss = np.zeros(lu.n)
    if idx.size == 0:
        return loss
    Lc = solve(lu, unit_vectors(lu.n, idx))
    y = sla.solve(Lc[idx], x[idx], check_finite=False)
    loss += Lc @ y
    if within is None:
        loss[idx] -= y
    else:
        W = _within(within, idx_all, idx)
        loss[idx] -= sla.solve(np.eye(idx.size) - W, y, check_finite=False)
    return loss


def forward_extraction_block(
    lu: LUFactor, x: FloatArray, block: object, *, within: FloatArray | None = None
) -> FloatArray:
    r"""Output loss when a set $S$ of sectors jointly stops selling (supply-driven).

    $$ x - \bar x = \hat x\, L_{S\cdot}'\, w - E_S\, \hat x_S (I - A_{SS})^{-\prime} w,
       \qquad L_{SS}'\, w = \iota $$

    with $A_{SS} = 0$ unless sales within the block are kept (``within``).

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output.
    block : array of int, shape (m,)
        Positions of the sectors extracted together.
    within : ndarray of shape (m, m), optional
        $A_{SS}$, to keep sales within the block.

    Returns
    -------
    ndarray of shape (n,)
    """
    idx_all = positions(block, lu.n)
    idx, x = _block(lu, x, idx_all)
    loss = np.zeros(lu.n)
    if idx.size == 0:
        return loss
    R = solve_transposed(lu, unit_vectors(lu.n, idx))  # rows of L, as columns
    w = sla.solve(R[idx], np.ones(idx.size), check_finite=False)
    loss += x * (R @ w)
    if within is None:
        loss[idx] -= x[idx] * w
    else:
        W = _within(within, idx_all, idx)
        loss[idx] -= x[idx] * sla.solve((np.eye(idx.size) - W).T, w, check_finite=False)
    return loss


def total_extraction_block(lu: LUFactor, x: FloatArray, block: object) -> FloatArray:
    r"""Output loss of the other sectors when a set $S$ of sectors is removed entirely.

    $$ x_o - \bar x_o = L_{oS}\, L_{SS}^{-1}\, x_S $$

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output.
    block : array of int, shape (m,)
        Positions of the sectors extracted together.

    Returns
    -------
    ndarray of shape (n,)
        Zero on the extracted sectors.
    """
    idx_all = positions(block, lu.n)
    idx, x = _block(lu, x, idx_all)
    loss = np.zeros(lu.n)
    if idx.size == 0:
        return loss
    Lc = solve(lu, unit_vectors(lu.n, idx))
    loss += Lc @ sla.solve(Lc[idx], x[idx], check_finite=False)
    loss[idx_all] = 0.0
    return loss
