r"""The Leontief price model: cost-push effects of primary-input costs on prices.

Each sector's unit price covers its intermediate inputs and its primary-input costs per unit
of output $v_c$ (wages, other value added, imports, product taxes):

$$ p' = p'A + v_c' \quad\Longrightarrow\quad p' = v_c' L ,\qquad \Delta p' = \Delta v_c' L . $$

One transposed solve on the existing factorisation (or one per column of a batch). In the base
year, with $v_c' = \iota' - \iota'A$ (every primary input per unit of output), prices are one:
values in the table are at base-year prices. Prices here are basic prices of domestic output;
import prices are held fixed, and there is no behavioural response (fixed coefficients, full
pass-through).

References
----------
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., ch. 2 (the price model).
"""

from __future__ import annotations

import numpy as np

from ._types import FloatArray
from .factor import LUFactor, solve_transposed

__all__ = ["leontief_prices", "price_index", "primary_input_coefficients"]


def primary_input_coefficients(A: FloatArray) -> FloatArray:
    r"""Primary-input cost per unit of output implied by the coefficients.

    $$ v_c' = \iota' - \iota' A $$

    Everything a sector pays per unit of output that is not a domestic intermediate input.
    Zero-output sectors (zero columns of $A$) get 1.
    """
    return 1.0 - np.asarray(A, dtype=float).sum(axis=0)


def leontief_prices(lu: LUFactor, cost: FloatArray) -> FloatArray:
    r"""Prices, or price changes, implied by primary-input costs per unit of output.

    $$ p' = v_c' L \quad\Longleftrightarrow\quad (I - A)'\,p = v_c $$

    Pass the cost changes $\Delta v_c$ to get price changes $\Delta p$ (the model is linear).

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    cost : ndarray of shape (n,) or (n, k)
        $v_c$ or $\Delta v_c$ by sector (one column per case).

    Returns
    -------
    ndarray, shape like ``cost``
    """
    return solve_transposed(lu, np.asarray(cost, dtype=float))


def price_index(prices: FloatArray, weights: FloatArray) -> FloatArray:
    r"""A fixed-basket (Laspeyres) price index.

    $$ P = \frac{\sum_i w_i\,p_i}{\sum_i w_i} $$

    With $w$ a household-consumption column and $p$ relative prices (base 1), $P - 1$ is the
    CPI-like pass-through of a cost change, for the basket of domestic products at basic
    prices.

    Parameters
    ----------
    prices : ndarray of shape (n,) or (n, k)
        Prices or price changes by sector.
    weights : ndarray of shape (n,)
        Non-negative weights with a positive sum.

    Returns
    -------
    float or ndarray of shape (k,)

    Raises
    ------
    ValueError
        Negative weights or weights summing to zero.
    """
    w = np.asarray(weights, dtype=float)
    if np.any(w < 0.0):
        raise ValueError("Price-index weights must be non-negative.")
    total = w.sum()
    if total <= 0.0:
        raise ValueError("Price-index weights must have a positive sum.")
    return (w / total) @ np.asarray(prices, dtype=float)
