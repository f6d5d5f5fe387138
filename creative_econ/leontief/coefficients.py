r"""Technical, allocation and satellite coefficients.

Zero-output sectors are common after regionalisation and for small creative sub-sectors. Their
coefficients are set to zero (never ``inf`` or ``nan``); callers record which sectors these are
with :func:`zero_output`.
"""

from __future__ import annotations

import numpy as np

from ._types import BoolArray, FloatArray

__all__ = [
    "allocation_coefficients",
    "per_unit_output",
    "technical_coefficients",
    "zero_output",
]


def zero_output(x: FloatArray) -> BoolArray:
    """Mask of sectors whose gross output is exactly zero."""
    return np.asarray(x) == 0.0


def _safe_divide(num: FloatArray, den: FloatArray) -> FloatArray:
    """``num / den`` with zero where ``den`` is zero (broadcasting); a new array."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    nonzero = den != 0.0
    if nonzero.all():
        return num / den
    out = np.zeros(np.broadcast_shapes(num.shape, den.shape))
    np.divide(num, den, out=out, where=nonzero)
    return out


def technical_coefficients(Z: FloatArray, x: FloatArray) -> FloatArray:
    r"""Technical (input) coefficients.

    $$ A = Z \hat{x}^{-1}, \qquad a_{ij} = z_{ij} / x_j $$

    Columns of zero-output sectors are zero.

    Parameters
    ----------
    Z : ndarray of shape (n, n)
        Intermediate flows, sellers in rows, buyers in columns.
    x : ndarray of shape (n,)
        Gross output.

    Returns
    -------
    ndarray of shape (n, n)
        A new array; the inputs are not modified.

    References
    ----------
    Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., eq. (2.4).
    """
    return _safe_divide(Z, np.asarray(x, dtype=float)[np.newaxis, :])


def allocation_coefficients(Z: FloatArray, x: FloatArray) -> FloatArray:
    r"""Allocation (output) coefficients of the Ghosh model.

    $$ B = \hat{x}^{-1} Z, \qquad b_{ij} = z_{ij} / x_i $$

    Rows of zero-output sectors are zero.

    References
    ----------
    Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., §12.1.
    """
    return _safe_divide(Z, np.asarray(x, dtype=float)[:, np.newaxis])


def per_unit_output(totals: FloatArray, x: FloatArray) -> FloatArray:
    r"""Satellite coefficients: totals per unit of output.

    $$ k_j = K_j / x_j $$

    Works on a vector of length n or a matrix of shape (m, n) (one satellite per row).
    Sectors with zero output get a zero coefficient.
    """
    return _safe_divide(totals, x)
