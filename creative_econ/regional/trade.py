r"""Interregional trade: distances, the doubly-constrained gravity model and the supply-demand pool.

Pure NumPy: arrays in, arrays out, no pandas, arguments never written into. The labelled layer
is :class:`~creative_econ.regional.multiregional.MultiRegionalTable`.

Array conventions: ``n`` products (sectors), ``R`` regions. Supplies and demands are ``(n, R)``;
flows and trade coefficients are ``(n, R, R)`` with axes *(product, origin, destination)*, so
``flows[i, r, s]`` $= z^{rs}_i$ is product $i$ shipped from region $r$ to region $s$, and the
Chenery–Moses trade coefficient

$$ c^{rs}_i = \frac{z^{rs}_i}{\sum_{r'} z^{r's}_i}, \qquad \sum_r c^{rs}_i = 1 $$

is the share of region $s$'s purchases of $i$ that come from region $r$.

Two estimators of $z^{rs}_i$ from regional supplies $O^r_i$ (output less foreign exports) and
demands $D^s_i$ (intermediate and final use of the nation's output):

* the **gravity model**, doubly constrained (Leontief & Strout 1963; Cai 2021):
  $z^{rs}_i = a^r_i\, b^s_i\, O^r_i D^s_i\, f_i(d_{rs})$ with the balancing factors $a, b$
  found by iterative proportional fitting (RAS on the prior $O^r_i D^s_i f_i(d_{rs})$), so that
  rows sum to $O^r_i$ and columns to $D^s_i$. Distance decay is a power
  $f_i(d) = d^{-\gamma_i}$ (default) or an exponential $e^{-\gamma_i d}$, with a larger
  $\gamma_i$ for products that travel less (services);
* the **supply-demand pool**: each region first buys from itself, $c^{ss}_i = \min\{1,
  O^s_i / D^s_i\}$ (the single-region pool purchase coefficient,
  :func:`~creative_econ.regional.rpc.pool_rpc`), and deficit regions buy the rest from surplus
  regions in proportion to their surpluses. No cross-hauling.

References
----------
Leontief, W. & Strout, A. (1963). Multiregional input-output analysis. In Barna, T. (ed.),
*Structural Interdependence and Economic Development*, 119-150.
Cai, M. (2021). Doubly constrained gravity models for interregional trade estimation.
*Papers in Regional Science* 100(2):455-474.
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., §3.4 (multiregional
models) and ch. 7 (RAS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

from ..errors import BalanceError, ConvergenceError, InvalidParameterError, RegionalDataError
from .rpc import pool_rpc

__all__ = [
    "DECAY_FORMS",
    "EARTH_RADIUS_KM",
    "DecayForm",
    "IPFResult",
    "check_distances",
    "check_margins",
    "decay_prior",
    "gravity_flows",
    "gravity_trade_coefficients",
    "great_circle_distances",
    "internal_distances",
    "ipf",
    "pool_trade_coefficients",
    "trade_coefficients",
]

FloatArray = npt.NDArray[np.float64]
DecayForm = Literal["power", "exponential"]
#: Distance-decay functions of the gravity model.
DECAY_FORMS: tuple[str, ...] = get_args(DecayForm)
#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088


# ============================================================================ distances
def great_circle_distances(
    lat: npt.ArrayLike, lon: npt.ArrayLike, *, radius: float = EARTH_RADIUS_KM
) -> FloatArray:
    r"""Great-circle distances between points on a sphere (haversine formula).

    $$ d_{rs} = 2\rho \arcsin\sqrt{\sin^2\tfrac{\phi_s - \phi_r}{2}
        + \cos\phi_r\cos\phi_s\sin^2\tfrac{\lambda_s - \lambda_r}{2}} $$

    Parameters
    ----------
    lat, lon : array_like of shape (R,)
        Latitudes and longitudes in decimal degrees.
    radius : float, default 6371.0088
        Sphere radius $\rho$ (km by default, the IUGG mean Earth radius).

    Returns
    -------
    ndarray of shape (R, R)
        Symmetric, zero diagonal, in the unit of ``radius``.

    Raises
    ------
    InvalidParameterError
        A coordinate is not finite or out of range.
    """
    phi = np.array(lat, dtype=float, ndmin=1)
    lam = np.array(lon, dtype=float, ndmin=1)
    if phi.shape != lam.shape or phi.ndim != 1:
        raise InvalidParameterError("lat/lon", f"shapes {phi.shape} and {lam.shape}",
                                    "two vectors of the same length")
    for name, arr, lim in (("lat", phi, 90.0), ("lon", lam, 180.0)):
        bad = ~np.isfinite(arr) | (np.abs(arr) > lim)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidParameterError(f"{name}[{i}]", float(arr[i]),
                                        f"a finite number of degrees in [-{lim:g}, {lim:g}]")
    phi, lam = np.radians(phi), np.radians(lam)
    h = (np.sin((phi[None, :] - phi[:, None]) / 2.0) ** 2
         + np.cos(phi)[:, None] * np.cos(phi)[None, :]
         * np.sin((lam[None, :] - lam[:, None]) / 2.0) ** 2)
    d = 2.0 * radius * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    np.fill_diagonal(d, 0.0)
    return d


def internal_distances(distances: npt.ArrayLike) -> FloatArray:
    r"""Default distance within each region: half the distance to the nearest other region.

    $$ d_{rr} = \tfrac12 \min_{s \ne r} d_{rs} $$

    A modelling choice (centres give no distance within a region, and a power decay needs
    one); pass your own, e.g. $\tfrac23\sqrt{\text{area}_r/\pi}$, where areas are known.

    Parameters
    ----------
    distances : array_like of shape (R, R)
        Distances between regions (the diagonal is ignored). With one region the result is
        ``[1.0]`` (any positive number gives the same trade: everything is local).
    """
    D = np.array(distances, dtype=float)
    R = D.shape[0]
    if R == 1:
        return np.ones(1)
    off = D + np.diag(np.full(R, np.inf))
    return 0.5 * off.min(axis=1)


def check_distances(distances: npt.ArrayLike, *, form: DecayForm = "power") -> FloatArray:
    """Validate a distance matrix (a float copy is returned).

    Raises
    ------
    InvalidParameterError
        Not square, not finite, negative, or two different regions at distance zero (or a
        zero internal distance) under a power decay.
    """
    D = np.array(distances, dtype=float)
    if D.ndim != 2 or D.shape[0] != D.shape[1]:
        raise InvalidParameterError("distances", f"an array of shape {D.shape}",
                                    "a square matrix, one row and column per region")
    bad = ~np.isfinite(D)
    if bad.any():
        r, s = np.argwhere(bad)[0]
        raise InvalidParameterError(f"distances[{r}, {s}]", float(D[r, s]), "a finite distance")
    if (D < 0).any():
        r, s = np.argwhere(D < 0)[0]
        raise InvalidParameterError(f"distances[{r}, {s}]", float(D[r, s]),
                                    "a non-negative distance (km)")
    if form == "power":
        zero = D == 0
        if zero.any():
            r, s = np.argwhere(zero)[0]
            raise InvalidParameterError(
                f"distances[{r}, {s}]", 0.0, "a positive distance: a power decay d**-gamma is "
                "infinite at zero (give distinct centres and positive internal distances)")
    return D


def decay_prior(distances: npt.ArrayLike, decay: npt.ArrayLike, *,
                form: DecayForm = "power") -> FloatArray:
    r"""Distance-decay factors $f_i(d_{rs})$ for every product.

    $$ f_i(d) = d^{-\gamma_i} \quad\text{(power)},\qquad f_i(d) = e^{-\gamma_i d}
       \quad\text{(exponential)} $$

    Power factors are computed as $(d / \bar d)^{-\gamma_i}$ with $\bar d$ the mean
    distance, which leaves every trade coefficient unchanged (a constant factor) and keeps the
    numbers near one.

    Parameters
    ----------
    distances : array_like of shape (R, R)
        Distances including the internal ones on the diagonal (validated by
        :func:`check_distances`).
    decay : array_like of shape (n,)
        $\gamma_i \ge 0$ per product (per km for the exponential form).
    form : {"power", "exponential"}

    Returns
    -------
    ndarray of shape (n, R, R)

    Raises
    ------
    InvalidParameterError
        Negative or non-finite decay, unknown form, bad distances.
    """
    if form not in DECAY_FORMS:
        raise InvalidParameterError("form", form, f"one of {DECAY_FORMS}")
    D = check_distances(distances, form=form)
    g = np.array(decay, dtype=float, ndmin=1)
    bad = ~np.isfinite(g) | (g < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidParameterError(f"decay[{i}]", float(g[i]),
                                    "a finite distance-decay parameter >= 0")
    if form == "power":
        scale = D.mean() if D.mean() > 0 else 1.0
        with np.errstate(over="ignore"):
            return np.exp(-g[:, None, None] * np.log(D / scale)[None, :, :])
    return np.exp(-g[:, None, None] * D[None, :, :])


# ============================================================================ IPF / gravity
@dataclass(frozen=True)
class IPFResult:
    """Flows balanced to both margins by iterative proportional fitting.

    Attributes
    ----------
    flows : ndarray of shape (n, R, R)
    iterations : int
    max_error : float
        Largest absolute margin error relative to the product's total, over rows and columns.
    """

    flows: FloatArray
    iterations: int
    max_error: float


def _margins(supply: npt.ArrayLike, demand: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    O = np.array(supply, dtype=float, ndmin=2)
    D = np.array(demand, dtype=float, ndmin=2)
    if O.shape != D.shape or O.ndim != 2:
        raise RegionalDataError(
            f"supply and demand must both have shape (products, regions); got {O.shape} and "
            f"{D.shape}."
        )
    for name, arr in (("supply", O), ("demand", D)):
        bad = ~np.isfinite(arr)
        if bad.any():
            i, r = np.argwhere(bad)[0]
            raise RegionalDataError(f"Regional {name} of product {i} in region {r} is "
                                    f"{arr[i, r]!r}; it must be finite.")
        if (arr < 0).any():
            i, r = np.argwhere(arr < 0)[0]
            raise RegionalDataError(
                f"Regional {name} of product {i} in region {r} is negative ({arr[i, r]:.6g}); "
                "gravity and pool trade need non-negative supplies and demands (a negative "
                "demand usually comes from negative inventory changes: keep them at the "
                "producer instead of trading them)."
            )
    return O, D


def _close_totals(O: FloatArray, D: FloatArray, rtol: float) -> FloatArray:
    """Demand rescaled to the supply total of each product (rounding only)."""
    so, sd = O.sum(axis=1), D.sum(axis=1)
    gap = np.abs(so - sd)
    bad = gap > rtol * np.maximum(so, sd) + 1e-300
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise BalanceError(
            f"Product {i}: regional supplies sum to {so[i]:.10g} but regional demands to "
            f"{sd[i]:.10g} (relative gap {gap[i] / max(so[i], sd[i]):.3g} > {rtol:g}); trade "
            "flows cannot meet both. Check that supply is output less foreign exports and "
            "demand is use of the nation's output, in the same units."
        )
    factor = np.ones_like(so)
    np.divide(so, sd, out=factor, where=sd > 0)
    return D * factor[:, None]


def ipf(
    prior: npt.ArrayLike,
    rows: npt.ArrayLike,
    cols: npt.ArrayLike,
    *,
    tol: float = 1e-12,
    max_iter: int = 10_000,
    totals_rtol: float = 1e-9,
) -> IPFResult:
    r"""Iterative proportional fitting (RAS) of many matrices at once.

    For every product $i$ alternately scale the rows of $P_i$ to $o_i$ and the columns to
    $d_i$ until both margins hold:

    $$ Z_i = \hat a_i P_i \hat b_i,\qquad Z_i\iota = o_i,\quad \iota' Z_i = d_i' . $$

    Vectorised over products (no Python loop over products); stops when every product's
    largest margin error is below ``tol`` times its total.

    Parameters
    ----------
    prior : array_like of shape (n, R, R)
        Non-negative prior flows.
    rows, cols : array_like of shape (n, R)
        Target row and column sums (non-negative). Totals that differ by less than
        ``totals_rtol`` (rounding) are closed by scaling ``cols``.
    tol : float, default 1e-12
        Relative tolerance of the margins.
    max_iter : int, default 10000

    Returns
    -------
    IPFResult

    Raises
    ------
    BalanceError
        Row and column totals differ, or a positive margin has no positive prior cell to fill
        (the problem is infeasible).
    ConvergenceError
        The margins are not met within ``max_iter`` iterations.
    RegionalDataError
        Negative or non-finite margins.
    """
    O, D = _margins(rows, cols)
    P = np.array(prior, dtype=float)
    n, R = O.shape
    if P.shape != (n, R, R):
        raise InvalidParameterError("prior", f"shape {P.shape}", f"shape ({n}, {R}, {R})")
    if not np.all(np.isfinite(P)) or (P < 0).any():
        raise InvalidParameterError("prior", "negative or non-finite values",
                                    "a non-negative finite prior")
    if not (tol > 0) or not (max_iter >= 1):
        raise InvalidParameterError("tol/max_iter", (tol, max_iter), "tol > 0, max_iter >= 1")
    D = _close_totals(O, D, totals_rtol)
    P = P * (O > 0)[:, :, None] * (D > 0)[:, None, :]
    # Feasibility: every positive margin needs a positive cell in its row/column.
    for what, margin, sums in (("row", O, P.sum(axis=2)), ("column", D, P.sum(axis=1))):
        empty = (margin > 0) & (sums <= 0)
        if empty.any():
            i, r = np.argwhere(empty)[0]
            raise BalanceError(
                f"Product {i}: {what} {r} must total {margin[i, r]:.6g} but its prior is zero "
                "everywhere it could go (an exponential decay that underflows, or a region "
                "that trades with nobody). Use a smaller decay or the power form."
            )
    total = np.maximum(O.sum(axis=1), 1e-300)
    Z = P
    err = np.inf
    for it in range(1, max_iter + 1):
        rs = Z.sum(axis=2)
        a = np.zeros_like(rs)
        np.divide(O, rs, out=a, where=rs > 0)
        Z = Z * a[:, :, None]
        cs = Z.sum(axis=1)
        b = np.zeros_like(cs)
        np.divide(D, cs, out=b, where=cs > 0)
        Z = Z * b[:, None, :]
        row_err = np.abs(Z.sum(axis=2) - O).max(axis=1) / total
        err = float(row_err.max())  # columns are exact after the column step
        if err <= tol:
            return IPFResult(Z, it, err)
    raise ConvergenceError(
        f"Iterative proportional fitting did not meet the margins within {max_iter} iterations "
        f"(largest relative row error {err:.3g} > {tol:g}). The prior may be nearly "
        "incompatible with the margins; raise max_iter or use a smaller decay."
    )


def check_margins(flows: npt.ArrayLike, supply: npt.ArrayLike, demand: npt.ArrayLike, *,
                  rtol: float = 1e-8) -> float:
    r"""Check that flows meet both margins: $\sum_s z^{rs}_i = O^r_i$, $\sum_r z^{rs}_i = D^s_i$.

    Returns
    -------
    float
        The largest error relative to the product's total.

    Raises
    ------
    BalanceError
        A margin is missed by more than ``rtol`` times the product's total (names the product,
        region and both numbers).
    """
    Z = np.asarray(flows, dtype=float)
    O, D = _margins(supply, demand)
    total = np.maximum(np.maximum(O.sum(axis=1), D.sum(axis=1)), 1e-300)[:, None]
    worst = 0.0
    for what, got, want in (("supply (row)", Z.sum(axis=2), O),
                            ("demand (column)", Z.sum(axis=1), D)):
        rel = np.abs(got - want) / total
        worst = max(worst, float(rel.max(initial=0.0)))
        if (rel > rtol).any():
            i, r = np.argwhere(rel > rtol)[0]
            raise BalanceError(
                f"Trade flows miss the regional {what} margin of product {i} in region {r}: "
                f"{got[i, r]:.10g} instead of {want[i, r]:.10g} (relative error "
                f"{rel[i, r]:.3g} > {rtol:g})."
            )
    return worst


def gravity_flows(
    supply: npt.ArrayLike,
    demand: npt.ArrayLike,
    distances: npt.ArrayLike,
    decay: npt.ArrayLike,
    *,
    form: DecayForm = "power",
    tol: float = 1e-12,
    max_iter: int = 10_000,
) -> IPFResult:
    r"""Interregional flows of a doubly-constrained gravity model.

    $$ z^{rs}_i = a^r_i\, b^s_i\, O^r_i\, D^s_i\, f_i(d_{rs}),\qquad
       \sum_s z^{rs}_i = O^r_i,\quad \sum_r z^{rs}_i = D^s_i $$

    Parameters
    ----------
    supply : array_like of shape (n, R)
        $O^r_i$: regional output available to domestic buyers (output less foreign exports).
    demand : array_like of shape (n, R)
        $D^s_i$: regional use of the nation's output (intermediate and final, no exports).
    distances : array_like of shape (R, R)
        Distances with the internal distances on the diagonal (see
        :func:`internal_distances`).
    decay : array_like of shape (n,)
        $\gamma_i$ per product (:func:`decay_prior`).
    form : {"power", "exponential"}, default "power"
    tol, max_iter
        Of :func:`ipf`.

    Returns
    -------
    IPFResult
        ``flows[i, r, s]`` from origin ``r`` to destination ``s``.
    """
    O, D = _margins(supply, demand)
    F = decay_prior(distances, decay, form=form)
    if F.shape[1] != O.shape[1]:
        raise InvalidParameterError("distances", f"{F.shape[1]} regions",
                                    f"one row and column per region ({O.shape[1]})")
    if F.shape[0] not in (1, O.shape[0]):
        raise InvalidParameterError("decay", f"{F.shape[0]} values",
                                    f"one per product ({O.shape[0]}) or a single value")
    prior = O[:, :, None] * D[:, None, :] * F
    return ipf(prior, O, D, tol=tol, max_iter=max_iter)


def trade_coefficients(flows: npt.ArrayLike, supply: npt.ArrayLike) -> FloatArray:
    r"""Trade coefficients from flows: $c^{rs}_i = z^{rs}_i / \sum_{r'} z^{r's}_i$.

    A destination that buys nothing of a product gets the national supply shares,
    $c^{rs}_i = O^r_i / \sum_{r'} O^{r'}_i$ (so that new demand there is still met somewhere);
    a product nobody supplies gets $c^{rs}_i = 1$ for $r = s$. Every column sums to one.

    Parameters
    ----------
    flows : array_like of shape (n, R, R)
    supply : array_like of shape (n, R)

    Returns
    -------
    ndarray of shape (n, R, R)
    """
    Z = np.asarray(flows, dtype=float)
    O = np.asarray(supply, dtype=float)
    R = O.shape[1]
    col = Z.sum(axis=1)  # (n, s)
    C = np.zeros_like(Z)
    np.divide(Z, col[:, None, :], out=C, where=col[:, None, :] > 0)
    empty = col <= 0
    if empty.any():
        tot = O.sum(axis=1)
        share = np.zeros_like(O)
        np.divide(O, tot[:, None], out=share, where=tot[:, None] > 0)
        share[tot <= 0] = 0.0
        fill = np.where((tot > 0)[:, None, None], share[:, :, None],
                        np.eye(R)[None, :, :]) * np.ones((1, 1, R))
        C = np.where(empty[:, None, :], fill, C)
    return C


def gravity_trade_coefficients(
    supply: npt.ArrayLike,
    demand: npt.ArrayLike,
    distances: npt.ArrayLike,
    decay: npt.ArrayLike,
    *,
    form: DecayForm = "power",
    tol: float = 1e-12,
    max_iter: int = 10_000,
) -> tuple[FloatArray, IPFResult]:
    """Gravity flows (:func:`gravity_flows`) and their trade coefficients
    (:func:`trade_coefficients`) in one call; returns ``(C, result)``."""
    res = gravity_flows(supply, demand, distances, decay, form=form, tol=tol, max_iter=max_iter)
    return trade_coefficients(res.flows, supply), res


def pool_trade_coefficients(supply: npt.ArrayLike, demand: npt.ArrayLike, *,
                            totals_rtol: float = 1e-9) -> FloatArray:
    r"""Trade coefficients of the supply-demand pool (no cross-hauling).

    Each region first buys from itself, then deficit regions buy from surplus regions in
    proportion to their surpluses $u^r_i = \max\{O^r_i - D^r_i, 0\}$:

    $$ c^{ss}_i = \rho^s_i = \min\Big\{1, \frac{O^s_i}{D^s_i}\Big\},\qquad
       c^{rs}_i = (1 - \rho^s_i)\,\frac{u^r_i}{\sum_{r'} u^{r'}_i}\quad (r \ne s). $$

    $\rho$ is :func:`~creative_econ.regional.rpc.pool_rpc`, so the diagonal reproduces the
    single-region pool model. With consistent margins ($\sum_r O^r_i = \sum_s D^s_i$) the
    implied flows $c^{rs}_i D^s_i$ meet both margins exactly: a surplus region supplies its own
    demand and exports its surplus; a deficit region supplies all its output to itself.

    Parameters
    ----------
    supply, demand : array_like of shape (n, R)
        As for :func:`gravity_flows`.

    Returns
    -------
    ndarray of shape (n, R, R)
        Columns sum to one. A destination with no demand gets $\rho = 1$ if it produces the
        product (it would buy locally first) and the surplus shares otherwise.

    Raises
    ------
    BalanceError
        Supplies and demands of a product do not have the same total.
    """
    O, D = _margins(supply, demand)
    D = _close_totals(O, D, totals_rtol)
    n, R = O.shape
    rho = pool_rpc(O.ravel(), D.ravel()).reshape(n, R)
    surplus = np.maximum(O - D, 0.0)
    tot = surplus.sum(axis=1)
    share = np.zeros_like(O)
    np.divide(surplus, tot[:, None], out=share, where=tot[:, None] > 0)
    # Without any surplus (every region self-sufficient, up to rounding) fall back to output.
    no_surplus = tot <= 0
    if no_surplus.any():
        so = O.sum(axis=1)
        fb = np.zeros_like(O)
        np.divide(O, so[:, None], out=fb, where=so[:, None] > 0)
        share[no_surplus] = fb[no_surplus]
    C = share[:, :, None] * (1.0 - rho)[:, None, :]
    idx = np.arange(R)
    C[:, idx, idx] = rho  # own supply first (a deficit region has no surplus share itself)
    col = C.sum(axis=1)
    short = np.abs(col - 1.0) > 1e-12
    if short.any():  # the deficit had nowhere to go but the region itself: renormalise
        C = C / np.where(col > 0, col, 1.0)[:, None, :]
    return C
