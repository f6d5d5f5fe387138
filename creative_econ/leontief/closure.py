r"""Type II: households endogenised as a bordered system, solved on the Type I factorisation.

The closed coefficient matrix borders $A$ with a household income row $h_r'$ (income per unit of
output), a household consumption column $h_c$ (domestic consumption per unit of household
income) and households' purchases from households $h_{hh}$:

$$
\bar A = \begin{bmatrix} A & h_c \\ h_r' & h_{hh} \end{bmatrix},\qquad
I - \bar A = \begin{bmatrix} I - A & -h_c \\ -h_r' & 1 - h_{hh} \end{bmatrix}.
$$

Both border blocks enter $\bar A$ with a plus sign, so they enter $I - \bar A$ with a minus
sign (writing them with $+$ inside $I - A$ is a common bug that gives negative household blocks).

Rather than factorising the $(n+1)$ system, the Schur complement reuses the factorisation of
$I - A$ (Miyazawa 1976). With $w = L h_c$, $u' = h_r' L$ and

$$ s = 1 - h_{hh} - h_r' L h_c = 1 / \bar l_{n+1,n+1}, $$

$$
\bar L = \begin{bmatrix} L + w u' / s & w / s \\ u' / s & 1/s \end{bmatrix}.
$$

The closed system is productive ($\bar L \ge 0$) if and only if $s > 0$.

References
----------
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., §2.5 and §6.2.
Miyazawa, K. (1976). *Input-Output Analysis and the Structure of Income Distribution*.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._types import FloatArray
from .factor import LUFactor, leontief_inverse, solve, solve_transposed

__all__ = [
    "ClosedFactor",
    "close_households",
    "closed_effects",
    "closed_inverse",
    "closed_solve",
]


@dataclass(frozen=True, eq=False)
class ClosedFactor:
    r"""Factorisation of the household-closed system $I - \bar A$.

    Attributes
    ----------
    base : LUFactor
        Factorisation of $I - A$ (Type I).
    income : ndarray (n,)
        $h_r$, household income per unit of output.
    consumption : ndarray (n,)
        $h_c$, domestic household consumption per unit of household income.
    own_use : float
        $h_{hh}$.
    w : ndarray (n,)
        $L h_c$.
    u : ndarray (n,)
        $L' h_r$.
    schur : float
        $s = 1 - h_{hh} - h_r' L h_c$; $1/s$ is the interrelational income multiplier.
    """

    base: LUFactor
    income: FloatArray
    consumption: FloatArray
    own_use: float
    w: FloatArray
    u: FloatArray
    schur: float

    @property
    def income_multiplier(self) -> float:
        r"""$\bar l_{n+1,n+1} = 1/s$: the Type II to Type I income-multiplier ratio."""
        return 1.0 / self.schur


def close_households(
    base: LUFactor, income: FloatArray, consumption: FloatArray, own_use: float = 0.0
) -> ClosedFactor:
    r"""Border the Type I system with a household row and column.

    Costs one forward and one transposed solve on the existing factorisation.

    Parameters
    ----------
    base : LUFactor
        Factorisation of $I - A$.
    income : ndarray of shape (n,)
        $h_r$: household income (e.g. compensation of employees) per unit of output.
    consumption : ndarray of shape (n,)
        $h_c$: household consumption of domestic products at basic prices per unit of
        household income.
    own_use : float, default 0
        $h_{hh}$: households' purchases from households per unit of income.

    Returns
    -------
    ClosedFactor
        Check ``schur > 0`` before use: otherwise the closed system is not productive.
    """
    h_r = np.array(income, dtype=float)
    h_c = np.array(consumption, dtype=float)
    w = solve(base, h_c)
    u = solve_transposed(base, h_r)
    schur = float(1.0 - own_use - h_r @ w)
    h_r.flags.writeable = False
    h_c.flags.writeable = False
    return ClosedFactor(base, h_r, h_c, float(own_use), w, u, schur)


def closed_solve(cf: ClosedFactor, f: FloatArray, f_h: FloatArray | float = 0.0) -> tuple:
    r"""Solve the closed system for outputs.

    $$ \begin{bmatrix} x \\ x_h \end{bmatrix} = \bar L \begin{bmatrix} f \\ f_h \end{bmatrix},
       \qquad x_h = \frac{f_h + h_r' L f}{s},\quad x = L f + w\,x_h $$

    Parameters
    ----------
    cf : ClosedFactor
    f : ndarray of shape (n,) or (n, k)
        Exogenous final demand (one column per right-hand side).
    f_h : float or ndarray of shape (k,)
        Exogenous injection of household income.

    Returns
    -------
    (x, x_h)
        Industry outputs, shape like ``f``, and household income, shape (k,) or scalar.
    """
    y = solve(cf.base, f)
    x_h = (np.asarray(f_h, dtype=float) + cf.income @ y) / cf.schur
    x = y + np.multiply.outer(cf.w, x_h)
    return x, x_h


def closed_effects(
    cf: ClosedFactor,
    K: FloatArray,
    k_h: FloatArray | None = None,
    *,
    type_i: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray]:
    r"""Type II effects of several satellite rows, and of the household column.

    For a bordered satellite row $(k', k_h)$:

    $$ \begin{bmatrix} y \\ y_h \end{bmatrix}' = \begin{bmatrix} k \\ k_h \end{bmatrix}' \bar L,
       \qquad y_h = \frac{k_h + h_c' (L'k)}{s},\quad y = L'k + u\,y_h $$

    so the Type I effects $L'k$ are reused.

    Parameters
    ----------
    cf : ClosedFactor
    K : ndarray of shape (m, n)
        Satellite coefficients, one indicator per row.
    k_h : ndarray of shape (m,), optional
        The indicator's coefficient on the household column (1 for the household row itself
        or for total output multipliers; the imported share of household spending for imports;
        0 otherwise, the default).
    type_i : ndarray of shape (m, n), optional
        Type I effects $KL$ if already computed.

    Returns
    -------
    (effects, household)
        ``effects`` has shape (m, n): row $r$ is $(k_r', k_{h,r})\bar L$ restricted to the
        industries. ``household`` has shape (m,): the effect per unit of income injected
        into households.
    """
    K = np.atleast_2d(np.asarray(K, dtype=float))
    m = K.shape[0]
    kh = np.zeros(m) if k_h is None else np.asarray(k_h, dtype=float).reshape(m)
    Y = solve_transposed(cf.base, K.T).T if type_i is None else np.asarray(type_i, dtype=float)
    y_h = (kh + Y @ cf.consumption) / cf.schur
    return Y + np.multiply.outer(y_h, cf.u), y_h


def closed_inverse(cf: ClosedFactor) -> FloatArray:
    r"""The closed Leontief inverse $\bar L$ of shape (n+1, n+1), for inspection."""
    n = cf.base.n
    L = leontief_inverse(cf.base)
    out = np.empty((n + 1, n + 1))
    out[:n, :n] = L + np.outer(cf.w, cf.u) / cf.schur
    out[:n, n] = cf.w / cf.schur
    out[n, :n] = cf.u / cf.schur
    out[n, n] = 1.0 / cf.schur
    return out
