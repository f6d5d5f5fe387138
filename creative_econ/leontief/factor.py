r"""One factorisation of $(I - A)$, reused for every solve.

The Leontief inverse $L = (I-A)^{-1}$ is never needed to compute outputs, effects or
multipliers: $x = Lf$ is a forward solve and $k'L$ is a transposed solve on the same LU
factors. :func:`leontief_inverse` exists for users who want to look at $L$.

All dense linear algebra here goes through :mod:`scipy.linalg` (one BLAS thread pool; mixing
``numpy.linalg`` and ``scipy.linalg`` in hot paths slows both).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla
import scipy.sparse.linalg as spla

from ._types import FloatArray

__all__ = [
    "LUFactor",
    "factorise",
    "is_productive",
    "leontief_inverse",
    "solve",
    "solve_transposed",
    "spectral_radius",
]


@dataclass(frozen=True, eq=False)
class LUFactor:
    """LU factors of $(I - A)$ with partial pivoting, as returned by ``scipy.linalg.lu_factor``.

    Attributes
    ----------
    lu : ndarray of shape (n, n), Fortran order
    piv : ndarray of shape (n,)
    """

    lu: FloatArray
    piv: np.ndarray

    @property
    def n(self) -> int:
        return int(self.lu.shape[0])


def factorise(A: FloatArray) -> LUFactor:
    r"""Factorise $I - A$ once.

    $$ P(I - A) = \mathcal{L}\,\mathcal{U} $$

    The matrix is built in Fortran order so that LAPACK ``getrf`` works in place without a
    transposed copy.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Technical coefficients.

    Returns
    -------
    LUFactor
    """
    A = np.asarray(A, dtype=float)
    M = np.asfortranarray(-A)
    M[np.diag_indices_from(M)] += 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sla.LinAlgWarning)  # singularity is checked by callers
        lu, piv = sla.lu_factor(M, overwrite_a=True, check_finite=False)
    lu.flags.writeable = False
    return LUFactor(lu=lu, piv=piv)


def solve(lu: LUFactor, b: FloatArray) -> FloatArray:
    r"""Solve $(I - A)\,x = b$ for one or many right-hand sides (columns of ``b``).

    $$ x = L b $$
    """
    return sla.lu_solve((lu.lu, lu.piv), np.asarray(b, dtype=float), trans=0, check_finite=False)


def solve_transposed(lu: LUFactor, k: FloatArray) -> FloatArray:
    r"""Solve $(I - A)'\,y = k$ for one or many right-hand sides (columns of ``k``).

    $$ y' = k' L $$

    This is how effects $k'L$ and multipliers are computed: one triangular solve pair per
    satellite row instead of forming $L$.
    """
    return sla.lu_solve((lu.lu, lu.piv), np.asarray(k, dtype=float), trans=1, check_finite=False)


def leontief_inverse(lu: LUFactor) -> FloatArray:
    r"""The Leontief inverse $L = (I - A)^{-1}$, from the existing factorisation.

    Only for inspection: every quantity the library reports is computed by solves.
    """
    return solve(lu, np.eye(lu.n))


def spectral_radius(A: FloatArray) -> float:
    r"""Spectral radius $\rho(A) = \max_i |\lambda_i(A)|$.

    Uses a dense eigenvalue solver for small matrices and ARPACK (largest magnitude) for large
    ones, falling back to the dense solver if ARPACK does not converge.
    """
    A = np.asarray(A, dtype=float)
    n = A.shape[0]
    if n == 0:
        return 0.0
    if n > 300:
        try:
            vals = spla.eigs(A, k=1, which="LM", return_eigenvectors=False, tol=1e-10)
            return float(np.max(np.abs(vals)))
        except (spla.ArpackNoConvergence, spla.ArpackError):
            pass
    return float(np.max(np.abs(sla.eigvals(A, check_finite=False))))


def is_productive(A: FloatArray, lu: LUFactor) -> bool:
    r"""Whether a non-negative $A$ has $\rho(A) < 1$ (Hawkins–Simon), checked cheaply.

    Two sufficient tests avoid an eigenvalue computation:

    1. every column sum or every row sum of $A$ is below one ($\rho(A) \le \|A\|$);
    2. the M-matrix certificate: $I - A$ is a Z-matrix, and it is a non-singular M-matrix
       (equivalently $\rho(A) < 1$) if and only if $x = (I-A)^{-1}\iota$ is positive.

    Both cost $O(n^2)$ on the existing factorisation. ``A`` must be non-negative; for
    matrices with negative entries use :func:`spectral_radius` directly.
    """
    A = np.asarray(A, dtype=float)
    if A.shape[0] == 0:
        return True
    if A.sum(axis=0).max() < 1.0 or A.sum(axis=1).max() < 1.0:
        return True
    with np.errstate(all="ignore"):
        x = solve(lu, np.ones(A.shape[0]))
    return bool(np.all(np.isfinite(x)) and np.all(x > 0.0))
