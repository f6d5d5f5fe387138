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
    "factorise_flows",
    "is_productive",
    "leontief_inverse",
    "solve",
    "solve_transposed",
    "spectral_radius",
]


@dataclass(frozen=True, eq=False)
class LUFactor:
    """LU factors (partial pivoting) of $(I - A)$ or of its transpose.

    Attributes
    ----------
    lu, piv : ndarray
        As returned by ``scipy.linalg.lu_factor``.
    transposed : bool
        True when the factors are those of $(I - A)'$: a C-ordered $(I - A)$ is an F-ordered
        $(I - A)'$, which LAPACK factorises in place without a transposing copy. Solves swap
        LAPACK's ``trans`` flag accordingly, so callers never see the difference.
    """

    lu: FloatArray
    piv: np.ndarray
    transposed: bool = False

    @property
    def n(self) -> int:
        return int(self.lu.shape[0])


def factorise(A: FloatArray) -> LUFactor:
    r"""Factorise $I - A$ once.

    $$ P(I - A) = \mathcal{L}\,\mathcal{U} $$

    $I - A$ is formed in a new array and factorised in place; for a C-ordered ``A`` the
    factors of $(I - A)'$ are computed instead (no transposing copy), which serves forward
    and transposed solves equally.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Technical coefficients; not modified.

    Returns
    -------
    LUFactor
    """
    M = np.negative(np.asarray(A, dtype=float))  # a new array in A's memory order
    return _factorise_in_place(M)


def factorise_flows(Z: FloatArray, x: FloatArray) -> LUFactor:
    r"""Factorise $I - Z\hat x^{-1}$ straight from flows and output.

    Same result as ``factorise(technical_coefficients(Z, x))`` with one pass over $Z$ fewer
    and no array for $A$: the matrix $I - A$ is written once and factorised in place.
    Zero-output sectors get zero coefficients.
    """
    Z = np.asarray(Z, dtype=float)
    x = np.asarray(x, dtype=float)
    order = "F" if Z.flags.f_contiguous and not Z.flags.c_contiguous else "C"
    nonzero = x != 0.0
    if nonzero.all():
        M = np.empty(Z.shape, order=order)
        np.divide(Z, -x[np.newaxis, :], out=M)
    else:
        M = np.zeros(Z.shape, order=order)
        np.divide(Z, -x[np.newaxis, :], out=M, where=nonzero[np.newaxis, :])
    return _factorise_in_place(M)


def _factorise_in_place(M: FloatArray) -> LUFactor:
    """Add the identity to a contiguous ``-A`` and factorise it in place."""
    M.reshape(-1, order="A")[:: M.shape[0] + 1] += 1.0  # the diagonal, through a flat view
    transposed = not M.flags.f_contiguous
    target = M.T if transposed else M  # Fortran-contiguous either way
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sla.LinAlgWarning)  # singularity is checked by callers
        lu, piv = sla.lu_factor(target, overwrite_a=True, check_finite=False)
    lu.flags.writeable = False
    return LUFactor(lu=lu, piv=piv, transposed=transposed)


def solve(lu: LUFactor, b: FloatArray) -> FloatArray:
    r"""Solve $(I - A)\,x = b$ for one or many right-hand sides (columns of ``b``).

    $$ x = L b $$
    """
    trans = 1 if lu.transposed else 0
    return sla.lu_solve((lu.lu, lu.piv), np.asarray(b, dtype=float), trans=trans,
                        check_finite=False)


def solve_transposed(lu: LUFactor, k: FloatArray) -> FloatArray:
    r"""Solve $(I - A)'\,y = k$ for one or many right-hand sides (columns of ``k``).

    $$ y' = k' L $$

    This is how effects $k'L$ and multipliers are computed: one triangular solve pair per
    satellite row instead of forming $L$.
    """
    trans = 0 if lu.transposed else 1
    return sla.lu_solve((lu.lu, lu.piv), np.asarray(k, dtype=float), trans=trans,
                        check_finite=False)


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


def is_productive(lu: LUFactor, column_sums: FloatArray | None = None) -> bool:
    r"""Whether a non-negative $A$ has $\rho(A) < 1$ (Hawkins–Simon), checked cheaply.

    Two tests avoid an eigenvalue computation:

    1. if every column sum of $A$ is below one, $\rho(A) \le \|A\|_1 < 1$;
    2. otherwise the M-matrix certificate: $I - A$ is a Z-matrix, and it is a non-singular
       M-matrix (equivalently $\rho(A) < 1$) if and only if $x = (I-A)^{-1}\iota$ is
       positive.

    Both cost $O(n^2)$ on the existing factorisation. $A$ must be non-negative; for matrices
    with negative entries use :func:`spectral_radius` directly.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    column_sums : ndarray of shape (n,), optional
        $\iota' A$, if known.
    """
    if lu.n == 0:
        return True
    if column_sums is not None and np.max(column_sums) < 1.0:
        return True
    with np.errstate(all="ignore"):
        x = solve(lu, np.ones(lu.n))
    return bool(np.all(np.isfinite(x)) and np.all(x > 0.0))
