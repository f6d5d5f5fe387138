r"""Location quotients for regionalising a national input-output table (pure NumPy).

Arrays in, arrays out: no pandas, no I/O, arguments are never written into. The labelled
layer (:func:`creative_econ.regional.regionalise`) aligns regional data to a table's sectors
and calls these functions.

Notation. For each sector $i$, $q^R_i$ is the region's size (output, employment or GVA) and
$q^N_i$ the nation's, with totals $q^R = \sum_i q^R_i$ and $q^N = \sum_i q^N_i$. Regional
intraregional input coefficients are the national (domestic) coefficients scaled down by a
quotient capped at one,

$$ r_{ij} = a^N_{ij}\,\min\{1,\; LQ_{ij}\}, $$

so $r_{ij} \le a^N_{ij}$ and regional multipliers never exceed national ones. Where the quotient
is at least one the region is assumed to meet its own needs of $i$ (no cross-hauling).

Conventions for sectors without activity (never ``nan``):

* a sector the nation does not produce has $SLQ_i = 0$ (there is nothing to buy locally);
* a *buying* sector the region does not have gets a zero column of quotients: its
  coefficients are irrelevant (it has no output) and the regional table's column is zero.

References
----------
Flegg, A.T., Webber, C.D. & Elliott, M.V. (1995). On the appropriate use of location quotients
in generating regional input-output tables. *Regional Studies* 29:547-561.
Flegg, A.T. & Webber, C.D. (1997). On the appropriate use of location quotients in generating
regional input-output tables: reply. *Regional Studies* 31:795-805.
Flegg, A.T. & Webber, C.D. (2000). Regional size, regional specialization and the FLQ formula.
*Regional Studies* 34:563-569.
Kowalewski, J. (2015). Regionalization of national input-output tables: empirical evidence on
the use of the FLQ formula. *Regional Studies* 49:240-250.
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., ch. 8.
"""

from __future__ import annotations

from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

from ..errors import InvalidOptionError
from ._errors import InvalidParameterError, RegionalDataError

__all__ = [
    "DEFAULT_DELTA",
    "LQ_METHODS",
    "LQMethod",
    "augmented_flegg_lq",
    "check_delta",
    "cross_industry_lq",
    "flegg_lambda",
    "flegg_lq",
    "interregional_import_coefficients",
    "location_quotients",
    "regional_coefficients",
    "sector_flegg_lq",
    "simple_lq",
]

FloatArray = npt.NDArray[np.float64]
LQMethod = Literal["slq", "cilq", "flq", "aflq", "sflq"]
#: The location-quotient methods, in the order the documentation presents them.
LQ_METHODS: tuple[str, ...] = get_args(LQMethod)
#: Flegg & Webber's (1997) suggested value of the FLQ parameter.
DEFAULT_DELTA = 0.3
_RTOL = 1e-9  # tolerance when checking region <= nation (floating-point noise only)


# ---------------------------------------------------------------------------- checks
def _sizes(region: npt.ArrayLike, nation: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Validated float copies of the regional and national size vectors."""
    q_r = np.array(region, dtype=float, copy=True)
    q_n = np.array(nation, dtype=float, copy=True)
    if q_r.ndim != 1 or q_n.shape != q_r.shape:
        raise RegionalDataError(
            f"Regional and national sizes must be vectors of the same length; got shapes "
            f"{q_r.shape} and {q_n.shape}."
        )
    for what, arr in (("regional", q_r), ("national", q_n)):
        bad = ~np.isfinite(arr)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise RegionalDataError(
                f"The {what} size of sector position {i} is {arr[i]!r}: sizes must be finite. "
                "Replace missing values by the known figure (or 0 if the sector is absent)."
            )
        if (arr < 0).any():
            i = int(np.argmin(arr))
            raise RegionalDataError(
                f"The {what} size of sector position {i} is negative ({arr[i]:g}); location "
                "quotients need non-negative output, employment or GVA."
            )
    over = q_r > q_n * (1 + _RTOL) + _RTOL
    if over.any():
        i = int(np.flatnonzero(over)[0])
        raise RegionalDataError(
            f"The region is larger than the nation in sector position {i} ({q_r[i]:g} > "
            f"{q_n[i]:g}); regional data must be a part of the national table's totals."
        )
    if q_r.sum() <= 0:
        raise RegionalDataError("The region has no activity in any sector (all sizes are zero).")
    return q_r, q_n


def check_delta(delta: float | npt.ArrayLike, n: int | None = None) -> FloatArray:
    r"""Validate the FLQ parameter: $0 \le \delta < 1$ (scalar, or one per sector).

    Raises
    ------
    InvalidParameterError
        A value is not finite, is negative or is one or more, or a vector has the wrong length.
    """
    d = np.array(delta, dtype=float, copy=True)
    if d.ndim > 1 or (d.ndim == 1 and n is not None and d.shape[0] != n):
        raise InvalidParameterError(
            "delta", f"an array of shape {d.shape}", f"a number or one value per sector ({n})"
        )
    bad = ~np.isfinite(d) | (d < 0) | (d >= 1)
    if bad.any():
        value = d.flat[int(np.flatnonzero(bad.ravel())[0])]
        raise InvalidParameterError(
            "delta", float(value),
            f"0 <= delta < 1 (delta = 0 gives the CILQ; the literature's values lie in 0.1-0.4;"
            f" the default is {DEFAULT_DELTA})",
        )
    return d


# ---------------------------------------------------------------------------- quotients
def simple_lq(region: npt.ArrayLike, nation: npt.ArrayLike) -> FloatArray:
    r"""Simple location quotients (SLQ).

    $$ SLQ_i = \frac{q^R_i / q^R}{q^N_i / q^N} $$

    Parameters
    ----------
    region, nation : array_like of shape (n,)
        Regional and national size by sector (output, employment or GVA), non-negative, the
        region no larger than the nation in any sector.

    Returns
    -------
    ndarray of shape (n,)
        Zero for sectors the nation does not have.

    Raises
    ------
    RegionalDataError
        Sizes are negative, not finite, of different lengths, all zero for the region, or
        larger for the region than for the nation.
    """
    q_r, q_n = _sizes(region, nation)
    share_r = q_r / q_r.sum()
    share_n = q_n / q_n.sum()
    out = np.zeros_like(share_r)
    with np.errstate(over="ignore"):  # only for vanishingly small national sectors
        np.divide(share_r, share_n, out=out, where=share_n > 0)
    return out


def _ratio_matrix(rows: FloatArray, cols: FloatArray) -> FloatArray:
    """``rows[i] / cols[j]`` with a zero column wherever ``cols[j] == 0``.

    A ratio too large for a float (a vanishingly small buyer) becomes ``inf``, which the cap
    at one turns into self-sufficiency, its limit.
    """
    out = np.zeros((rows.size, cols.size))
    with np.errstate(over="ignore"):
        np.divide(rows[:, None], cols[None, :], out=out, where=cols[None, :] > 0)
    return out


def cross_industry_lq(region: npt.ArrayLike, nation: npt.ArrayLike) -> FloatArray:
    r"""Cross-industry location quotients (CILQ), with the SLQ on the diagonal.

    $$ CILQ_{ij} = \frac{SLQ_i}{SLQ_j} = \frac{q^R_i / q^N_i}{q^R_j / q^N_j},
       \qquad CILQ_{ii} := SLQ_i $$

    Parameters
    ----------
    region, nation : array_like of shape (n,)
        Regional and national size by sector.

    Returns
    -------
    ndarray of shape (n, n)
        Row $i$ is the selling sector, column $j$ the buying sector. Columns of sectors the
        region does not have are zero.

    References
    ----------
    Schaffer, W.A. & Chu, K. (1969). Nonsurvey techniques for constructing regional interindustry
    models. *Papers of the Regional Science Association* 23:83-101; Smith, P. & Morrison, W.I.
    (1974). *Simulating the Urban Economy*. Pion, London.
    """
    slq = simple_lq(region, nation)
    out = _ratio_matrix(slq, slq)
    np.fill_diagonal(out, slq)
    return out


def flegg_lambda(
    region_total: float | npt.ArrayLike, nation_total: float | npt.ArrayLike,
    delta: float | npt.ArrayLike = DEFAULT_DELTA,
) -> FloatArray:
    r"""The FLQ's regional-size factor $\lambda^*$.

    $$ \lambda^* = \left[\log_2\!\left(1 + \frac{q^R}{q^N}\right)\right]^{\delta},
       \qquad 0 \le \delta < 1 $$

    $\lambda^* \le 1$; it rises with the region's share $q^R/q^N$ (to 1 for the whole nation)
    and falls as $\delta$ rises ($\delta = 0$ gives 1, i.e. the CILQ).

    Parameters
    ----------
    region_total, nation_total : float or array_like
        Size of the region and of the nation (same basis); $0 < q^R \le q^N$.
    delta : float or array_like, default 0.3
        Sensitivity to regional size (one value per buying sector for the SFLQ).

    Returns
    -------
    ndarray
        $\lambda^*$, broadcast over the inputs (a 0-d array for scalar inputs).

    Raises
    ------
    InvalidParameterError
        ``delta`` outside $[0, 1)$.
    RegionalDataError
        The region's size is not in $(0, q^N]$.
    """
    d = check_delta(delta)
    r = np.asarray(region_total, dtype=float)
    n = np.asarray(nation_total, dtype=float)
    if not (np.all(np.isfinite(r)) and np.all(np.isfinite(n))) or np.any(r <= 0) or np.any(
        r > n * (1 + _RTOL)
    ):
        raise RegionalDataError(
            f"Region size {r!r} must be positive and no larger than the nation's ({n!r})."
        )
    return np.power(np.log1p(r / n) / np.log(2.0), d)  # log2(1 + r/n), exact for tiny r/n


def flegg_lq(
    region: npt.ArrayLike, nation: npt.ArrayLike, *, delta: float = DEFAULT_DELTA
) -> FloatArray:
    r"""Flegg location quotients (FLQ).

    $$ FLQ_{ij} = \lambda^* \cdot CILQ_{ij} \;(i \ne j), \qquad FLQ_{ii} = \lambda^* \cdot SLQ_i,
       \qquad \lambda^* = \left[\log_2(1 + q^R/q^N)\right]^{\delta} $$

    Parameters
    ----------
    region, nation : array_like of shape (n,)
        Regional and national size by sector.
    delta : float, default 0.3
        $0 \le \delta < 1$; larger values mean more interregional imports. $\delta = 0$
        reproduces the CILQ. 0.3 is Flegg & Webber's (1997) suggestion; empirical optima lie
        roughly in 0.1-0.4.

    Returns
    -------
    ndarray of shape (n, n)

    References
    ----------
    Flegg, Webber & Elliott (1995); Flegg & Webber (1997).
    """
    check_delta(delta)
    if np.ndim(delta) != 0:
        raise InvalidParameterError(
            "delta", "a vector", "one number (sector_flegg_lq takes one value per buying sector)"
        )
    q_r, q_n = _sizes(region, nation)
    lam = flegg_lambda(q_r.sum(), q_n.sum(), delta)
    return cross_industry_lq(q_r, q_n) * lam


def augmented_flegg_lq(
    region: npt.ArrayLike, nation: npt.ArrayLike, *, delta: float = DEFAULT_DELTA
) -> FloatArray:
    r"""Augmented Flegg location quotients (AFLQ): the FLQ with a specialisation term.

    $$ AFLQ_{ij} = FLQ_{ij} \cdot \log_2(1 + SLQ_j) \quad\text{if } SLQ_j > 1,
       \qquad AFLQ_{ij} = FLQ_{ij} \quad\text{otherwise} $$

    A buying sector in which the region specialises is taken to buy more of its inputs locally.
    The term is applied only where $SLQ_j > 1$, so $AFLQ \ge FLQ$.

    Parameters
    ----------
    region, nation : array_like of shape (n,)
    delta : float, default 0.3

    Returns
    -------
    ndarray of shape (n, n)

    References
    ----------
    Flegg, A.T. & Webber, C.D. (2000). *Regional Studies* 34:563-569.
    """
    flq = flegg_lq(region, nation, delta=delta)
    slq = simple_lq(region, nation)
    boost = np.where(slq > 1.0, np.log2(1.0 + slq), 1.0)
    return flq * boost[None, :]


def sector_flegg_lq(
    region: npt.ArrayLike, nation: npt.ArrayLike, *, delta: npt.ArrayLike
) -> FloatArray:
    r"""Sector-specific Flegg location quotients (SFLQ): one $\delta_j$ per buying sector.

    $$ SFLQ_{ij} = CILQ_{ij} \cdot \lambda^*_j, \qquad
       \lambda^*_j = \left[\log_2(1 + q^R/q^N)\right]^{\delta_j} $$

    (with $SLQ_i$ on the diagonal, as for the FLQ).

    Parameters
    ----------
    region, nation : array_like of shape (n,)
    delta : array_like of shape (n,)
        $0 \le \delta_j < 1$ for each buying sector $j$ (a scalar is broadcast).

    Returns
    -------
    ndarray of shape (n, n)

    References
    ----------
    Kowalewski, J. (2015). *Regional Studies* 49:240-250.
    """
    q_r, q_n = _sizes(region, nation)
    d = check_delta(delta, q_r.size)
    lam = flegg_lambda(q_r.sum(), q_n.sum(), np.broadcast_to(d, q_r.shape))
    return cross_industry_lq(q_r, q_n) * lam[None, :]


def location_quotients(
    region: npt.ArrayLike,
    nation: npt.ArrayLike,
    *,
    method: LQMethod = "flq",
    delta: float | npt.ArrayLike = DEFAULT_DELTA,
) -> FloatArray:
    r"""Location quotients of one method as an $n \times n$ matrix (row: seller, column: buyer).

    A thin dispatcher over :func:`simple_lq` (broadcast along rows: the same quotient for every
    buyer), :func:`cross_industry_lq`, :func:`flegg_lq`, :func:`augmented_flegg_lq` and
    :func:`sector_flegg_lq`.

    Parameters
    ----------
    region, nation : array_like of shape (n,)
        Regional and national size by sector.
    method : {"slq", "cilq", "flq", "aflq", "sflq"}, default "flq"
    delta : float or array_like, default 0.3
        Used by the Flegg family only; one value per buying sector for ``"sflq"``.

    Returns
    -------
    ndarray of shape (n, n)

    Raises
    ------
    InvalidOptionError
        Unknown ``method``.
    """
    if method not in LQ_METHODS:
        raise InvalidOptionError("method", method, LQ_METHODS)
    if method == "slq":
        slq = simple_lq(region, nation)
        return np.repeat(slq[:, None], slq.size, axis=1)
    if method == "cilq":
        return cross_industry_lq(region, nation)
    if method == "sflq":
        return sector_flegg_lq(region, nation, delta=delta)
    if np.ndim(delta) != 0:
        raise InvalidParameterError(
            "delta", "a vector", f"one number for method={method!r} (method='sflq' takes one "
            "value per sector)"
        )
    fn = flegg_lq if method == "flq" else augmented_flegg_lq
    return fn(region, nation, delta=float(delta))


# ---------------------------------------------------------------------------- coefficients
def regional_coefficients(A: npt.ArrayLike, quotients: npt.ArrayLike) -> FloatArray:
    r"""Intraregional input coefficients from national ones and quotients capped at one.

    $$ r_{ij} = a^N_{ij} \min\{1,\; LQ_{ij}\} $$

    Parameters
    ----------
    A : array_like of shape (n, n)
        National domestic technical coefficients.
    quotients : array_like of shape (n, n) or (n,)
        A quotient per cell, or one per selling sector (a row factor such as the SLQ or a
        regional purchase coefficient), all non-negative (``inf`` caps at one).

    Returns
    -------
    ndarray of shape (n, n)
        A new array with $0 \le r_{ij} \le a^N_{ij}$.
    """
    A = np.asarray(A, dtype=float)
    q = np.asarray(quotients, dtype=float)
    if q.ndim == 1:
        q = q[:, None]
    if np.isnan(q).any() or (q < 0).any():
        raise InvalidParameterError("quotients", "NaN or negative values",
                                    "non-negative numbers (inf caps at one)")
    return A * np.minimum(q, 1.0)


def interregional_import_coefficients(A: npt.ArrayLike, R: npt.ArrayLike) -> FloatArray:
    r"""Coefficients of purchases from the rest of the country, $a^{SR}_{ij} = a^N_{ij} - r_{ij}$.

    With regional technology equal to national, the intraregional and interregional blocks add
    back to the national domestic coefficients: $A^{RR} + A^{SR} = A^N$.

    Parameters
    ----------
    A : array_like of shape (n, n)
        National domestic coefficients.
    R : array_like of shape (n, n)
        Intraregional coefficients with $0 \le R \le A$.

    Returns
    -------
    ndarray of shape (n, n)
        Non-negative (tiny negative rounding is clipped to zero).
    """
    return np.maximum(np.asarray(A, dtype=float) - np.asarray(R, dtype=float), 0.0)
