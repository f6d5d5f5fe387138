r"""Mixed exogenous/endogenous models: some sectors' output fixed, their final demand implied.

Partition the sectors into $c$ (exogenous output, e.g. a creative sector whose output is set
by a plan) and $o$ (exogenous final demand). The model

$$ x_o = (I - A_{oo})^{-1}\,(f_o + A_{oc}\,x_c),\qquad f_c = (I - A_{cc})\,x_c - A_{co}\,x_o $$

is solved on the existing factorisation of $I - A$, without factorising $I - A_{oo}$: from
$x = Lf$,

$$ f_c = L_{cc}^{-1}\,\big(x_c - L_{co} f_o\big),\qquad x_o = L_{oo} f_o + L_{oc} f_c , $$

which costs one batched solve (the final demands plus the $|c|$ unit columns) and one
$|c|\times|c|$ solve. For an output change $\Delta x_c$ with no change in other final demand,

$$ \Delta x_o = (I - A_{oo})^{-1} A_{oc}\,\Delta x_c = L_{oc}\,L_{cc}^{-1}\,\Delta x_c ,$$

which for one sector is the identity $(I - A_{oo})^{-1} a_{oc} = L_{oc}/l_{cc}$: an output
change $\Delta x_c$ has the same effect as a final-demand change $\Delta f_c = \Delta x_c/l_{cc}$.
Use this, not $L\,\Delta x$, when a shock is stated as output (which would double count the
sector's own intermediate use).

References
----------
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed.,
ch. 13 (mixed exogenous/endogenous models).
Oosterhaven, J. & Stelder, D. (2002). Net multipliers avoid exaggerating impacts: with a
bi-regional illustration for the Dutch transportation sector. *Journal of Regional Science*
42:533-543.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

from ._types import FloatArray
from .extraction import positions, unit_vectors
from .factor import LUFactor, solve, solve_transposed

__all__ = ["mixed_solve", "net_output_multipliers", "output_shock"]


def mixed_solve(
    lu: LUFactor,
    exogenous: object,
    x_exogenous: FloatArray,
    f_endogenous: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    r"""Outputs and final demands of the mixed model.

    $$ f_c = L_{cc}^{-1}\big(x_c - L_{co} f_o\big),\qquad x_o = L_{oo} f_o + L_{oc} f_c $$

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    exogenous : array of int, shape (m,)
        Positions $c$ of the sectors whose output is given.
    x_exogenous : ndarray of shape (m,) or (m, k)
        Their outputs $x_c$ (one column per case).
    f_endogenous : ndarray of shape (n - m,) or (n - m, k)
        Final demand $f_o$ of the other sectors, in position order.

    Returns
    -------
    (x, f)
        Full output and final-demand vectors, shape (n,) or (n, k): $x_c$ as given and $x_o$
        solved; $f_o$ as given and $f_c$ implied. $f_c$ may be negative: the fixed output is
        then below what the other sectors need, and the model says it must be imported or
        drawn from stocks.

    Raises
    ------
    ValueError
        Positions out of range or repeated, or shapes that do not match.
    """
    n = lu.n
    c = positions(exogenous, n)
    E = unit_vectors(n, c)
    o = np.setdiff1d(np.arange(n), c)
    xc = np.asarray(x_exogenous, dtype=float)
    fo = np.asarray(f_endogenous, dtype=float)
    one = xc.ndim == 1 and fo.ndim == 1
    k = xc.shape[1] if xc.ndim == 2 else fo.shape[1] if fo.ndim == 2 else 1
    if (
        xc.ndim not in (1, 2) or fo.ndim not in (1, 2)
        or xc.shape[0] != c.size or fo.shape[0] != o.size
        or xc.size != c.size * k or fo.size != o.size * k
    ):
        raise ValueError(
            f"Shapes do not match: {c.size} exogenous sectors with x_exogenous of shape "
            f"{xc.shape}; {o.size} endogenous sectors with f_endogenous of shape {fo.shape}."
        )
    xc2 = xc.reshape(c.size, k)
    fo2 = fo.reshape(o.size, k)
    rhs = np.zeros((n, k + c.size))
    rhs[o, :k] = fo2
    rhs[:, k:] = E
    sol = solve(lu, rhs)
    y, Lc = sol[:, :k], sol[:, k:]
    fc = sla.solve(Lc[c], xc2 - y[c], check_finite=False) if c.size else np.zeros((0, k))
    x = y + Lc @ fc
    x[c] = xc2  # exact, not the round-off of the solve
    f = np.zeros((n, k))
    f[o] = fo2
    f[c] = fc
    if one:
        return x[:, 0], f[:, 0]
    return x, f


def output_shock(
    lu: LUFactor, exogenous: object, delta_x: FloatArray
) -> tuple[FloatArray, FloatArray]:
    r"""Effect of a given output change in sectors $c$ on all sectors (no feedback into $c$).

    $$ \Delta x_o = (I - A_{oo})^{-1} A_{oc}\,\Delta x_c = L_{oc}\,L_{cc}^{-1}\,\Delta x_c,
       \qquad \Delta f_c = L_{cc}^{-1}\,\Delta x_c $$

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    exogenous : array of int, shape (m,)
        Positions $c$ of the sectors whose output changes.
    delta_x : ndarray of shape (m,) or (m, k)
        $\Delta x_c$.

    Returns
    -------
    (delta_x_full, delta_f_exogenous)
        Output change of every sector, shape (n,) or (n, k), equal to $\Delta x_c$ on $c$;
        and the equivalent final-demand change $\Delta f_c$, shape (m,) or (m, k), which
        gives the same outputs through $x = L\,\Delta f$.
    """
    dx = np.asarray(delta_x, dtype=float)
    c = positions(exogenous, lu.n)
    shape = (lu.n - c.size, *dx.shape[1:])
    x, f = mixed_solve(lu, c, dx, np.zeros(shape))
    return x, f[c]


def net_output_multipliers(lu: LUFactor, x: FloatArray, f: FloatArray) -> FloatArray:
    r"""Net output multipliers (Oosterhaven & Stelder 2002), a descriptive statistic.

    $$ m^{net}_j = (\iota' L)_j\,\frac{f_j}{x_j} $$

    The gross multiplier weighted by the share of final demand in the sector's output. Its use
    for impact studies is contested (de Mesnard 2002, 2007; Sancho 2013); for shocks stated
    as outputs use :func:`output_shock`, which is exact.

    Parameters
    ----------
    lu : LUFactor
        Factorisation of $I - A$.
    x : ndarray of shape (n,)
        Gross output.
    f : ndarray of shape (n,)
        Total final demand.

    Returns
    -------
    ndarray of shape (n,)
        Zero for zero-output sectors.
    """
    x = np.asarray(x, dtype=float)
    share = np.zeros_like(x)
    np.divide(np.asarray(f, dtype=float), x, out=share, where=x != 0.0)
    return solve_transposed(lu, (x != 0.0).astype(float)) * share
