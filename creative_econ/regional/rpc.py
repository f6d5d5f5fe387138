r"""Regional purchase coefficients: the supply-demand pool and CHARM (pure NumPy).

A regional purchase coefficient (RPC) $\rho_i$ is the share of the region's use of product $i$
that regional producers supply. It is uniform across buyers, so the intraregional coefficients
are $r_{ij} = \rho_i\, a^N_{ij}$ (a row scaling, unlike the CILQ/FLQ family).

Arrays in, arrays out: no pandas, arguments are never written into.

Two estimators:

* the **supply-demand pool** (commodity balance): the region buys locally whatever it can,
  $\rho_i = \min\{1,\; s_i / d_i\}$, with $s_i$ the regional output available to domestic buyers
  and $d_i$ the region's use of the nation's output of $i$. It rules out cross-hauling.
* **CHARM** (Kronenberg 2009), the cross-hauling adjusted regionalisation method: regions
  import and export the same product because products are heterogeneous. The heterogeneity
  observed in national trade is carried over to the region, which yields the region's gross
  imports and hence its RPC. CHARM works on *total* use (domestic and imported), so it needs
  national imports by product.

References
----------
Kronenberg, T. (2009). Construction of regional input-output tables using nonsurvey methods:
the role of cross-hauling. *International Regional Science Review* 32(1):40-64.
Flegg, A.T. & Tohmo, T. (2013). A comment on Tobias Kronenberg's "Construction of regional
input-output tables using nonsurvey methods: the role of cross-hauling". *International
Regional Science Review*, doi:10.1177/0160017612446371.
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., ch. 8 (commodity balance
and regional purchase coefficients).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._errors import RegionalDataError

__all__ = [
    "charm_rpc",
    "charm_trade",
    "cross_hauling",
    "pool_rpc",
    "product_heterogeneity",
]

FloatArray = npt.NDArray[np.float64]


def _vectors(**named: npt.ArrayLike) -> list[FloatArray]:
    """Float copies of equally long finite vectors (a named error otherwise)."""
    out = [np.array(v, dtype=float, copy=True) for v in named.values()]
    shape = out[0].shape
    for (name, _), arr in zip(named.items(), out, strict=True):
        if arr.ndim != 1 or arr.shape != shape:
            raise RegionalDataError(
                f"{name} must be a vector of length {shape[0] if shape else '?'}; got shape "
                f"{arr.shape}."
            )
        bad = ~np.isfinite(arr)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise RegionalDataError(f"{name} at position {i} is {arr[i]!r}; values must be finite.")
    return out


def _non_negative(name: str, arr: FloatArray) -> None:
    if (arr < 0).any():
        i = int(np.argmin(arr))
        raise RegionalDataError(f"{name} at position {i} is negative ({arr[i]:g}).")


def pool_rpc(supply: npt.ArrayLike, demand: npt.ArrayLike) -> FloatArray:
    r"""Regional purchase coefficients of the supply-demand pool.

    $$ \rho_i = \min\left\{1,\; \frac{s_i}{d_i}\right\} $$

    Parameters
    ----------
    supply : array_like of shape (n,)
        Regional output available to domestic buyers, $s_i = x^R_i - e^R_i$ (output less
        exports abroad), non-negative.
    demand : array_like of shape (n,)
        The region's use of the nation's output, $d_i = \sum_j a^N_{ij} x^R_j + f^R_i$
        (intermediate and final, excluding exports).

    Returns
    -------
    ndarray of shape (n,)
        In $[0, 1]$: 0 where the region supplies nothing, 1 where supply covers demand
        (including where demand is not positive).
    """
    s, d = _vectors(supply=supply, demand=demand)
    _non_negative("supply", s)
    out = np.ones_like(s)
    with np.errstate(over="ignore"):  # s / (tiny d) overflows to inf, capped at 1 below
        np.divide(s, d, out=out, where=d > 0)
    out = np.clip(out, 0.0, 1.0)
    out[s == 0] = 0.0
    return out


def cross_hauling(exports: npt.ArrayLike, imports: npt.ArrayLike) -> FloatArray:
    r"""Cross-hauling: trade volume less the absolute trade balance.

    $$ q_i = (e_i + m_i) - |e_i - m_i| = 2\min\{e_i, m_i\} $$

    Parameters
    ----------
    exports, imports : array_like of shape (n,)
        Gross exports and imports of each product, non-negative.

    Returns
    -------
    ndarray of shape (n,)
    """
    e, m = _vectors(exports=exports, imports=imports)
    _non_negative("exports", e)
    _non_negative("imports", m)
    return (e + m) - np.abs(e - m)


def product_heterogeneity(
    output: npt.ArrayLike, use: npt.ArrayLike, exports: npt.ArrayLike, imports: npt.ArrayLike
) -> FloatArray:
    r"""CHARM's product heterogeneity: cross-hauling relative to output plus domestic use.

    $$ h_i = \frac{q_i}{x_i + d_i}, \qquad q_i = (e_i + m_i) - |e_i - m_i| $$

    Parameters
    ----------
    output : array_like of shape (n,)
        National output $x_i$.
    use : array_like of shape (n,)
        National domestic use of product $i$ from all origins (intermediate and final use,
        excluding exports), $d_i = x_i + m_i - e_i$ in a balanced table.
    exports, imports : array_like of shape (n,)
        National gross exports (including re-exports) and imports of product $i$.

    Returns
    -------
    ndarray of shape (n,)
        Zero where $x_i + d_i = 0$.

    References
    ----------
    Kronenberg (2009), *International Regional Science Review* 32:40-64.
    """
    x, d = _vectors(output=output, use=use)
    q = cross_hauling(exports, imports)
    if q.shape != x.shape:
        raise RegionalDataError("exports and imports must have one value per product.")
    out = np.zeros_like(x)
    np.divide(q, x + d, out=out, where=(x + d) > 0)
    return out


def charm_trade(
    output: npt.ArrayLike, use: npt.ArrayLike, heterogeneity: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    r"""Regional gross exports and imports by CHARM.

    The regional cross-hauling is the national heterogeneity applied to the region's output and
    use; the trade volume adds the absolute balance back:

    $$ q^R_i = h_i\,(x^R_i + d^R_i), \quad b^R_i = x^R_i - d^R_i, \quad
       v^R_i = q^R_i + |b^R_i|, $$
    $$ e^R_i = \tfrac12\,(v^R_i + b^R_i), \qquad m^R_i = \tfrac12\,(v^R_i - b^R_i). $$

    So $e^R - m^R = b^R$ and $2\min\{e^R, m^R\} = q^R$. Applied to the nation itself it returns
    the national exports and imports.

    Parameters
    ----------
    output : array_like of shape (n,)
        Regional output $x^R_i$, non-negative.
    use : array_like of shape (n,)
        Regional use of product $i$ from all origins (intermediate and final, excluding exports).
    heterogeneity : array_like of shape (n,)
        $h_i$ from :func:`product_heterogeneity`, non-negative.

    Returns
    -------
    exports, imports : ndarray of shape (n,)
        Regional gross exports (to the rest of the country and abroad) and imports (from both).
    """
    x, d, h = _vectors(output=output, use=use, heterogeneity=heterogeneity)
    _non_negative("output", x)
    _non_negative("heterogeneity", h)
    q = h * (x + d)
    b = x - d
    v = q + np.abs(b)
    return 0.5 * (v + b), 0.5 * (v - b)


def charm_rpc(
    output: npt.ArrayLike,
    use: npt.ArrayLike,
    heterogeneity: npt.ArrayLike,
    foreign_import_share: npt.ArrayLike,
) -> FloatArray:
    r"""Regional purchase coefficients on the domestic basis from CHARM's gross imports.

    CHARM gives the share of the region's total use of $i$ that is imported from anywhere,
    $\mu^R_i = m^R_i / d^R_i$. Part of those imports come from abroad: at the national import
    share $\mu_i$ of use (import proportionality). The rest come from the rest of the country.
    The regional share of the region's use of *nationally produced* $i$ is then

    $$ \rho_i = \min\left\{1,\; \max\left\{0,\; \frac{1 - \mu^R_i}{1 - \mu_i}\right\}\right\}, $$

    to be applied to the national domestic coefficients, $r_{ij} = \rho_i\, a^N_{ij}$.

    Parameters
    ----------
    output : array_like of shape (n,)
        Regional output.
    use : array_like of shape (n,)
        Regional total use of $i$ (domestic and imported, intermediate and final, no exports).
    heterogeneity : array_like of shape (n,)
        National product heterogeneity $h_i$.
    foreign_import_share : array_like of shape (n,)
        National imports of $i$ as a share of national use of $i$, in $[0, 1]$.

    Returns
    -------
    ndarray of shape (n,)
        In $[0, 1]$; zero where the region produces nothing, one where it uses nothing.
    """
    x, d, mu = _vectors(output=output, use=use, foreign_import_share=foreign_import_share)
    if ((mu < 0) | (mu > 1)).any():
        i = int(np.flatnonzero((mu < 0) | (mu > 1))[0])
        raise RegionalDataError(
            f"foreign_import_share at position {i} is {mu[i]:g}; a share must lie in [0, 1]."
        )
    _, m = charm_trade(x, d, heterogeneity)
    mu_r = np.ones_like(x)
    with np.errstate(over="ignore"):  # m / (tiny d) overflows to inf, clipped below
        np.divide(m, d, out=mu_r, where=d > 0)
    mu_r[d <= 0] = 0.0
    rho = np.zeros_like(x)
    domestic = 1.0 - mu
    with np.errstate(over="ignore", invalid="ignore"):
        np.divide(1.0 - mu_r, domestic, out=rho, where=domestic > 0)
    rho = np.nan_to_num(rho, nan=0.0, posinf=1.0, neginf=0.0)
    rho = np.clip(rho, 0.0, 1.0)
    rho[x == 0] = 0.0
    return rho
