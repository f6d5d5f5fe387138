r"""Targets: the creative growth, and the final-demand path, that reach a target share.

If the economy grows at $g_Y$ a year and the creative share must go from $s_0$ to $s_T$ in
$T$ years, creative value must grow at

$$ g_c = (1 + g_Y)\left(\frac{s_T}{s_0}\right)^{1/T} - 1 . $$

For an employment share, economy-wide employment grows at
$g_E = (1 + g_Y)/(1 + \pi) - 1$ with labour productivity growth $\pi$; creative employment
must grow at $g_{E,c} = (1 + g_E)(s_T/s_0)^{1/T} - 1$, and creative output at
$(1 + g_{E,c})(1 + \pi_c) - 1$ with creative productivity growth $\pi_c$.

The year-by-year path (in base-year prices) compares the target with a baseline in which
creative value grows with the economy, $V_0(1+g_Y)^t$. The gap is closed by extra creative
final demand in the direction of today's creative final demand,
$d = \hat\theta f / \iota'\hat\theta f$:

$$ \Delta F_t = \frac{V_0\left[(1+g_c)^t - (1+g_Y)^t\right]}{m}, \qquad
   m = \sum_s \theta_s\, k_s\, (L d)_s , $$

where $m$ is the creative value (GVA, output or jobs, $k_s$ per unit of output) generated per
unit of creative final demand, from the table's (Type I or II) multipliers; for jobs,
$k_s$ falls with creative productivity, $k_s/(1+\pi_c)^t$. A target already reached
is not an error: ``reached`` is True and the required growth may be below GDP growth (the
path's final-demand change is then negative).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import InvalidOptionError, ScenarioError
from .classifications import Definition
from .concordance import Concordance
from .shares import resolve_shares

__all__ = ["TargetPath", "required_growth", "target_path"]

Basis = Literal["gva", "output", "employment"]
_BASES = ("gva", "output", "employment")


def required_growth(base_share: float, target_share: float, years: float,
                    gdp_growth: float) -> float:
    r"""Annual creative growth that takes a share from $s_0$ to $s_T$ in $T$ years.

    $$ g_c = (1 + g_Y)\left(\frac{s_T}{s_0}\right)^{1/T} - 1 $$

    Pure arithmetic; inputs are assumed valid (see :func:`target_path`).
    """
    return float((1.0 + gdp_growth) * (target_share / base_share) ** (1.0 / years) - 1.0)


def _check(name: str, value: object, low: float, high: float, *, open_high: bool = True) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioError(f"{name} must be a number, got {value!r}.") from None
    ok = np.isfinite(v) and low < v and (v < high if open_high else v <= high)
    if not ok:
        bracket = ")" if open_high else "]"
        raise ScenarioError(
            f"{name} must lie in ({low:g}, {high:g}{bracket}, got {v:g}."
            + (" Shares are fractions: 3.1% is 0.031." if "share" in name and v >= 1 else "")
        )
    return v


@dataclass(frozen=True, eq=False)
class TargetPath:
    """The growth and the year-by-year path that reach a target share.

    Attributes
    ----------
    growth_rate : float
        Required annual growth of creative value (GVA or output; for an employment target,
        creative output growth given creative productivity growth).
    employment_growth_rate : float or None
        Required annual growth of creative employment (employment targets only).
    reached : bool
        The base share already meets the target.
    path : DataFrame
        Index year (0 = base year, or calendar years from ``start_year``); columns
        ``share`` (target path), ``creative`` (creative value, index 1 at base unless the
        table gives levels), ``baseline`` (creative value growing with the economy),
        ``gap`` and ``delta_final_demand`` (extra creative final demand, table units at
        base-year prices; NaN-free, 0 without a table).
    direction : Series or None
        Sector composition $d$ of the extra final demand (sums to 1).
    multiplier : float or None
        Creative value per unit of creative final demand, $m$.
    assumptions : dict
    """

    growth_rate: float
    employment_growth_rate: float | None
    reached: bool
    path: pd.DataFrame
    direction: pd.Series | None
    multiplier: float | None
    assumptions: dict[str, str]

    def final_demand_change(self, year: int) -> pd.Series:
        """Extra final demand by sector in ``year``: a Series for ``IOTable.impact``.

        Raises
        ------
        ScenarioError
            No table was given (no sector composition), or the year is not on the path.
        """
        if self.direction is None:
            raise ScenarioError(
                "This target path was computed without a table, so it has no sector "
                "composition; pass table= to target_path."
            )
        if year not in self.path.index:
            raise ScenarioError(
                f"Year {year!r} is not on the path ({self.path.index[0]}..{self.path.index[-1]})."
            )
        return (self.direction * float(self.path.loc[year, "delta_final_demand"])).rename(
            f"delta_final_demand_{year}"
        )

    def final_demand_changes(self) -> pd.DataFrame:
        """All years at once: year x sector."""
        if self.direction is None:
            return self.final_demand_change(self.path.index[0]).to_frame().T  # raises
        return pd.DataFrame(np.outer(self.path["delta_final_demand"], self.direction),
                            index=self.path.index, columns=self.direction.index)


def target_path(
    *,
    base_share: float,
    target_share: float,
    years: int,
    gdp_growth: float,
    basis: Basis = "gva",
    productivity_growth: float | None = None,
    creative_productivity_growth: float | None = None,
    start_year: int | None = None,
    table: object | None = None,
    definition: str | Definition = "dcms",
    weights: Concordance | pd.DataFrame | Mapping[str, object] | None = None,
    type: Literal["I", "II"] = "I",
) -> TargetPath:
    r"""The creative growth rate and final-demand path that reach a target share.

    $$ g_c = (1 + g_Y)\left(\frac{s_T}{s_0}\right)^{1/T} - 1 $$

    Parameters
    ----------
    base_share, target_share : float
        Creative share of GVA, output or employment now and at the horizon, in (0, 1)
        (fractions: 3.1% is 0.031).
    years : int
        Horizon $T > 0$ in years.
    gdp_growth : float
        Real growth of the economy per year, $g_Y > -1$.
    basis : {"gva", "output", "employment"}, default "gva"
        The share targeted.
    productivity_growth : float, optional
        Economy-wide labour productivity growth $\pi$; required for employment targets.
    creative_productivity_growth : float, optional
        Creative labour productivity growth $\pi_c$ (default $\pi$).
    start_year : int, optional
        Calendar year of the base; the path is indexed by calendar years.
    table : IOTable, optional
        Gives levels (creative value of the base year) and the multipliers that turn the gap
        into extra creative final demand; without it the path is an index (base = 1).
    definition, weights
        Creative definition and concordance for the table's creative shares.
    type : {"I", "II"}, default "I"
        Multipliers used for $m$.

    Returns
    -------
    TargetPath

    Raises
    ------
    ScenarioError
        A share outside (0, 1), a horizon of zero or less, growth at or below -100%, or an
        employment target without ``productivity_growth``.
    InvalidOptionError
        ``basis`` not one of gva, output, employment.

    Examples
    --------
    >>> from creative_econ.creative.targets import target_path
    >>> round(target_path(base_share=0.01, target_share=0.031, years=10,
    ...                   gdp_growth=0.04).growth_rate, 4)
    0.1646
    """
    if basis not in _BASES:
        raise InvalidOptionError("basis", basis, _BASES)
    s0 = _check("base_share", base_share, 0.0, 1.0)
    sT = _check("target_share", target_share, 0.0, 1.0)
    if isinstance(years, bool) or not isinstance(years, (int, np.integer)):
        raise ScenarioError(f"years must be a whole number of years, got {years!r}.")
    if years <= 0:
        raise ScenarioError(f"years (the horizon) must be at least 1, got {years}.")
    gY = _check("gdp_growth", gdp_growth, -1.0, np.inf)
    g_emp = None
    pi_c = 0.0
    if basis == "employment":
        if productivity_growth is None:
            raise ScenarioError(
                "An employment-share target needs productivity_growth= (economy-wide labour "
                "productivity growth per year): employment grows at (1+g_Y)/(1+pi) - 1."
            )
        pi = _check("productivity_growth", productivity_growth, -1.0, np.inf)
        pi_c = pi if creative_productivity_growth is None else _check(
            "creative_productivity_growth", creative_productivity_growth, -1.0, np.inf)
        g_E = (1.0 + gY) / (1.0 + pi) - 1.0
        g_emp = required_growth(s0, sT, years, g_E)
        g_c = (1.0 + g_emp) * (1.0 + pi_c) - 1.0
        base_growth, driver = g_E, g_emp
    else:
        g_c = required_growth(s0, sT, years, gY)
        base_growth, driver = gY, g_c
    t = np.arange(years + 1)
    creative = (1.0 + driver) ** t
    baseline = (1.0 + base_growth) ** t
    share = s0 * creative / baseline
    assumptions = {
        "target": f"{basis} share {s0:.4g} -> {sT:.4g} in {years} years",
        "gdp_growth": f"{gY:g}",
        "required_growth": f"{g_c:.6g}",
    }
    if basis == "employment":
        assumptions["productivity_growth"] = f"economy {productivity_growth:g}, creative {pi_c:g}"
    direction = multiplier = None
    delta = np.zeros(years + 1)
    level = 1.0
    if table is not None:
        res = resolve_shares(table, definition, weights=weights)
        theta = res.theta
        f = theta * table.final_demand.sum(axis=1)
        if float(f.sum()) <= 0:
            raise ScenarioError(
                f"Table {table.name!r} has no final demand for creative products under "
                f"definition {res.definition.name!r}; the path cannot be allocated to sectors."
            )
        d = f / float(f.sum())
        key = {"gva": "gva", "output": "output", "employment": "employment"}[basis]
        coeff = table.coefficients
        if key not in coeff:
            raise ScenarioError(f"Table {table.name!r} has no {key} data for a {basis} target.")
        k = coeff[key]
        values = {"gva": table.gva, "output": table.x, "employment": table.employment}[basis]
        level = float((theta * values).sum())
        imp = table.impact(d, type=type)
        multiplier = float((theta * imp.by_sector[("output", "total")].reindex(theta.index)
                            * k).sum())
        if multiplier <= 0:
            raise ScenarioError("Creative final demand generates no creative value in this table.")
        productivity = (1.0 + pi_c) ** t if basis == "employment" else np.ones(years + 1)
        delta = level * (creative - baseline) / (multiplier / productivity)
        direction = d.rename("direction")
        assumptions.update(res.assumptions)
        assumptions["multipliers"] = f"Type {type}, {table.name}"
    index = pd.Index(t if start_year is None else start_year + t, name="year")
    path = pd.DataFrame({
        "share": share,
        "creative": level * creative,
        "baseline": level * baseline,
        "gap": level * (creative - baseline),
        "delta_final_demand": delta,
    }, index=index)
    if table is None:
        assumptions["levels"] = "index, base year = 1 (no table given)"
    reached = s0 >= sT
    if reached:
        assumptions["note"] = (
            "target already reached at the base: the required growth is below the economy's "
            "and the extra final demand is negative or zero"
        )
    return TargetPath(growth_rate=g_c, employment_growth_rate=g_emp, reached=reached,
                      path=path, direction=direction, multiplier=multiplier,
                      assumptions=assumptions)

