r"""Type I effects and multipliers by transposed solves.

Two words, two quantities (as ONS, the Scottish Government and IMPLAN use them):

* the **effect** of a satellite $k$ (output, GVA, income, jobs, imports, taxes) is $k'L$: the
  total (direct + indirect) amount of $k$ per unit of final demand for each sector;
* the **multiplier** is the effect divided by the direct coefficient, $(k'L)_j / k_j$.

For output ($k = \iota$) both are the column sums of $L$, the simple output multipliers.
"""

from __future__ import annotations

import numpy as np

from ._types import FloatArray
from .factor import LUFactor, solve_transposed

__all__ = ["effects", "output_multipliers", "ratio_multipliers"]


def output_multipliers(lu: LUFactor) -> FloatArray:
    r"""Simple output multipliers, the column sums of the Leontief inverse.

    $$ m' = \iota' (I - A)^{-1} \quad\Longleftrightarrow\quad (I - A)' m = \iota $$

    Solved as one transposed system on the existing factorisation; $L$ is never formed.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$ from :func:`~creative_econ.leontief.factorise`.

    Returns
    -------
    ndarray of shape (n,)

    References
    ----------
    Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., §6.2.
    """
    return solve_transposed(lu, np.ones(lu.n))


def effects(lu: LUFactor, K: FloatArray) -> FloatArray:
    r"""Type I effects of several satellite rows at once.

    $$ E = K L \quad\Longleftrightarrow\quad (I - A)' E' = K' $$

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    K : ndarray of shape (m, n)
        Satellite coefficients per unit of output, one indicator per row.

    Returns
    -------
    ndarray of shape (m, n)
        Row $r$ holds $k_r' L$: the total amount of indicator $r$ per unit of final demand
        for each sector.
    """
    K = np.atleast_2d(np.asarray(K, dtype=float))
    return solve_transposed(lu, K.T).T


def ratio_multipliers(effect: FloatArray, direct: FloatArray) -> FloatArray:
    r"""Multipliers as effect over direct coefficient.

    $$ \mu_j = \frac{(k'L)_j}{k_j} $$

    Where the direct coefficient is zero the ratio is undefined and ``nan`` is returned for
    that sector; callers must record which sectors these are.

    Parameters
    ----------
    effect : ndarray of shape (..., n)
    direct : ndarray of the same shape

    Returns
    -------
    ndarray of the same shape
    """
    effect = np.asarray(effect, dtype=float)
    direct = np.asarray(direct, dtype=float)
    out = np.full(np.broadcast_shapes(effect.shape, direct.shape), np.nan)
    np.divide(effect, direct, out=out, where=direct != 0.0)
    return out
