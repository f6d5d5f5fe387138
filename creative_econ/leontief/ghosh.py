r"""The Ghosh (supply-side) inverse and its row sums, from the Leontief factorisation.

The allocation coefficients $B = \hat x^{-1} Z$ give the Ghosh inverse
$G = (I - B)^{-1}$. Because $B = \hat x^{-1} A \hat x$, the two inverses are similar:

$$ G = \hat x^{-1} L \hat x ,$$

so every Ghosh quantity is a solve on the existing factorisation of $I - A$; $I - B$ is never
factorised and $G$ is only formed on request.

**Descriptive only.** Read as a causal quantity model, Ghosh is implausible: it lets output
rise without the inputs that production needs (Oosterhaven 1988). Its row sums are used as
forward-linkage measures (Beyers 1976; Jones 1976) and, following Dietzenbacher (1997), the
model can be read as a price model. Do not use it to forecast outputs.

Zero-output sectors (which, as :class:`~creative_econ.IOTable` guarantees, have no inputs)
have zero rows in $B$, so their rows and columns of $G$ are unit vectors: $g_{ii} = 1$ and no
other entry. Nothing is divided by zero.

References
----------
Ghosh, A. (1958). Input-output approach in an allocation system. *Economica* 25:58-64.
Oosterhaven, J. (1988). On the plausibility of the supply-driven input-output model.
*Journal of Regional Science* 28:203-217.
Dietzenbacher, E. (1997). In vindication of the Ghosh model: a reinterpretation as a price
model. *Journal of Regional Science* 37:629-651.
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., ch. 12.
"""

from __future__ import annotations

import numpy as np

from ._types import BoolArray, FloatArray
from .factor import LUFactor, solve, solve_transposed

__all__ = ["ghosh_columns", "ghosh_inverse", "ghosh_output", "ghosh_row_sums"]


def _reciprocal(x: FloatArray) -> tuple[FloatArray, BoolArray]:
    x = np.asarray(x, dtype=float)
    zero = x == 0.0
    inv = np.zeros_like(x)
    np.divide(1.0, x, out=inv, where=~zero)
    return inv, zero


def ghosh_row_sums(lu: LUFactor, x: FloatArray) -> FloatArray:
    r"""Output-side (forward) multipliers: the row sums of the Ghosh inverse.

    $$ G\iota = \hat x^{-1} L \hat x\,\iota = \hat x^{-1} (L x) $$

    One forward solve on the existing factorisation. Row $i$ is the total output of all
    sectors per unit of primary input into sector $i$, under the (descriptive) supply-driven
    model.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output.

    Returns
    -------
    ndarray of shape (n,)
        Equal to 1 for zero-output sectors (their row of $G$ is a unit vector).

    References
    ----------
    Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., ch. 12.
    """
    inv, zero = _reciprocal(x)
    out = solve(lu, np.asarray(x, dtype=float)) * inv
    out[zero] = 1.0
    return out


def ghosh_columns(lu: LUFactor, x: FloatArray, columns: FloatArray) -> FloatArray:
    r"""Selected columns of the Ghosh inverse, one batched solve.

    $$ G e_j = x_j\,\hat x^{-1} L e_j $$

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output.
    columns : array of int, shape (k,)
        Positions of the columns wanted.

    Returns
    -------
    ndarray of shape (n, k)
    """
    cols = np.asarray(columns, dtype=np.intp).reshape(-1)
    n = lu.n
    E = np.zeros((n, cols.size))
    E[cols, np.arange(cols.size)] = 1.0
    inv, zero = _reciprocal(x)
    x = np.asarray(x, dtype=float)
    out = inv[:, np.newaxis] * solve(lu, E) * x[cols][np.newaxis, :]
    # Zero-output sectors: unit rows and columns.
    out[zero, :] = 0.0
    hit = zero[cols]
    out[cols[hit], np.flatnonzero(hit)] = 1.0
    return out


def ghosh_inverse(lu: LUFactor, x: FloatArray) -> FloatArray:
    r"""The full Ghosh inverse $G = (I - B)^{-1} = \hat x^{-1} L \hat x$ (for inspection).

    Forms $L$ with one batched solve; use :func:`ghosh_row_sums` or :func:`ghosh_columns`
    when only part of $G$ is needed.

    Returns
    -------
    ndarray of shape (n, n)
    """
    return ghosh_columns(lu, x, np.arange(lu.n))


def ghosh_output(lu: LUFactor, x: FloatArray, v: FloatArray) -> FloatArray:
    r"""Outputs of the supply-driven model for given primary inputs (descriptive).

    $$ x'_{\text{new}} = v' G \quad\Longleftrightarrow\quad
       x_{\text{new}} = \hat x\, L'\, \hat x^{-1} v $$

    One transposed solve. With $v = v^* = x - Z'\iota$ (all primary inputs of the base
    table) it returns $x$.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Base-year gross output (defines $B$).
    v : ndarray of shape (n,) or (n, k)
        Primary inputs by sector (one column per case).

    Returns
    -------
    ndarray, shape like ``v``
        For zero-output sectors the entry equals their $v$ (unit column of $G$).
    """
    inv, zero = _reciprocal(x)
    x = np.asarray(x, dtype=float)
    v = np.asarray(v, dtype=float)
    scale = inv if v.ndim == 1 else inv[:, np.newaxis]
    weight = x if v.ndim == 1 else x[:, np.newaxis]
    out = weight * solve_transposed(lu, scale * v)
    out[zero] = v[zero]
    return out
