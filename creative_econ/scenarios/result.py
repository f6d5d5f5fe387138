"""Scenario results: the tidy frame, views of it, exports and the assumptions card.

Output, GVA and income are flows per year: their sum over years is a cumulative amount.
Employment is a count of jobs supported *in a year*; its sum over years is a different unit,
**job-years**, reported separately and never called "jobs".

With a Monte Carlo (``uncertainty:`` in the scenario) the tidy frame adds ``median``,
``lower`` and ``upper`` beside ``value`` (the deterministic point estimate), and the result
keeps the draws of the totals by year, indicator and component
(:class:`UncertaintySummary`), from which every interval of a sum (by year, by region, the
headline, differences between scenarios) is computed draw by draw: the interval of a sum is
not the sum of the intervals.
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..results import Assumptions

if TYPE_CHECKING:  # pragma: no cover
    from .shocks import ShockSet
    from .spec import Scenario

__all__ = ["INTERVAL_COLUMNS", "ScenarioResult", "UncertaintySummary", "compare"]

#: Largest tidy table written whole into the workbook's "data" sheet.
EXCEL_DATA_ROWS = 20_000

KEYS = ["scenario", "year", "region", "sector", "indicator", "component", "measure"]
#: Columns of an interval view: point estimate, Monte Carlo median and interval bounds.
INTERVAL_COLUMNS = ("value", "median", "lower", "upper")
HEADLINE_FLOWS = ("output", "gva", "income")


@dataclass(frozen=True, eq=False)
class UncertaintySummary:
    """The Monte Carlo behind a result: settings, and the draws of the totals.

    Attributes
    ----------
    draws, seed : int
    interval : float
        Central interval reported (0.9: the 5th to the 95th percentile).
    levels : tuple of float
        Lower, median and upper quantile levels.
    inputs : tuple of str
        The uncertain inputs drawn (``"shock_size:<label>"`` per shock).
    descriptions : tuple of str
        How each input was drawn.
    years, indicators, components, regions : tuple
        Axes of the arrays below.
    totals : ndarray of shape (draws, years, indicators, components)
        Gross totals over regions and sectors (households included) in every draw.
    by_region : ndarray of shape (draws, years, regions, indicators)
        Gross totals of the ``total`` component by region in every draw.
    samples : dict of str to ndarray
        The scalar draws of each input (FLQ delta, productivity growth, household
        propensity factor, each shock's size factor), shape (draws,).
    solver : str
        How the draws were solved (one factorisation, iterative refinement, fallbacks).
    net_factor : float or None
        Gross-to-net factor of the scenario.
    """

    draws: int
    seed: int
    interval: float
    levels: tuple[float, float, float]
    inputs: tuple[str, ...]
    descriptions: tuple[str, ...]
    years: tuple[int, ...]
    indicators: tuple[str, ...]
    components: tuple[str, ...]
    regions: tuple[str, ...]
    totals: np.ndarray
    by_region: np.ndarray
    samples: dict[str, np.ndarray] = field(default_factory=dict)
    solver: str = ""
    net_factor: float | None = None

    def factor(self, measure: str) -> float:
        """1 for gross results, the gross-to-net factor for net ones."""
        if measure == "gross":
            return 1.0
        if measure == "net" and self.net_factor is not None:
            return self.net_factor
        from ..errors import ScenarioError

        raise ScenarioError(f"measure={measure!r}: this result has "
                            f"{'gross and net' if self.net_factor else 'gross'} measures.")

    def by_year(self, *, measure: str = "gross", component: str = "total") -> np.ndarray:
        """Draws of the totals by year and indicator: shape (draws, years, indicators)."""
        if component not in self.components:
            from ..errors import ScenarioError

            raise ScenarioError(f"component={component!r}: components are "
                                f"{list(self.components)}.")
        return self.totals[:, :, :, self.components.index(component)] * self.factor(measure)

    def headline(self, *, measure: str = "gross", active: np.ndarray | None = None
                 ) -> dict[str, np.ndarray]:
        """Draws of each headline quantity (see :meth:`ScenarioResult.headline`); ``active``
        marks the years averaged over for ``jobs_average``."""
        years = self.by_year(measure=measure)
        out: dict[str, np.ndarray] = {}
        for ind in HEADLINE_FLOWS:
            if ind in self.indicators:
                out[f"{ind}_cumulative"] = years[:, :, self.indicators.index(ind)].sum(axis=1)
        if "employment" in self.indicators:
            jobs = years[:, :, self.indicators.index("employment")]
            out["jobs_peak"] = jobs.max(axis=1)
            out["jobs_peak_year"] = np.asarray(self.years)[np.argmax(jobs, axis=1)].astype(
                float)
            mask = np.ones(jobs.shape[1], dtype=bool) if active is None else active
            out["jobs_average"] = jobs[:, mask].mean(axis=1) if mask.any() else jobs.mean(axis=1)
            out["job_years"] = jobs.sum(axis=1)
        return out

    def quantiles(self, draws: np.ndarray) -> np.ndarray:
        """Median, lower and upper quantiles over the first axis (in that order)."""
        from .montecarlo import quantile_summary

        q = quantile_summary(draws, self.levels)
        return np.stack([q[1], q[0], q[2]])


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """The result of :func:`creative_econ.run`.

    Attributes
    ----------
    scenario : Scenario
        The specification that produced it.
    frame : DataFrame
        Tidy: scenario, year, region, sector, indicator, component (direct, indirect,
        induced, total), measure (gross, net), value; with a Monte Carlo also median, lower
        and upper (quantiles over the draws, cell by cell).
    shocks : ShockSet
        Final demand by shock, year and sector, as applied.
    assumptions : Assumptions
        Dataset, prices, model type and closure, regionalisation, definition, productivity,
        gross-to-net, and how each shock became final demand.
    unit, employment_unit : str
    uncertainty : UncertaintySummary or None
        The Monte Carlo settings and the draws of the totals, when the scenario has
        ``uncertainty:``.
    """

    scenario: Scenario
    frame: pd.DataFrame
    shocks: ShockSet
    assumptions: Assumptions
    unit: str = ""
    employment_unit: str | None = None
    uncertainty: UncertaintySummary | None = None

    # ------------------------------------------------------------------ views
    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def indicators(self) -> list[str]:
        return list(dict.fromkeys(self.frame["indicator"]))

    @property
    def regions(self) -> list[str]:
        return list(dict.fromkeys(self.frame["region"]))

    def _select(self, measure: str, component: str | None = "total") -> pd.DataFrame:
        f = self.frame[self.frame["measure"] == measure]
        if component is not None:
            f = f[f["component"] == component]
        return f

    def _interval_frame(self, value: pd.DataFrame, draws: np.ndarray) -> pd.DataFrame:
        """Columns (indicator, stat) from point values (index x indicators) and draws
        (draws x index x indicators)."""
        u = self.uncertainty
        assert u is not None
        q = u.quantiles(draws)  # (3, index, indicators)
        cols = {}
        for j, ind in enumerate(value.columns):
            cols[(ind, "value")] = value[ind].to_numpy()
            for s, stat in enumerate(INTERVAL_COLUMNS[1:]):
                cols[(ind, stat)] = q[s, :, j]
        out = pd.DataFrame(cols, index=value.index)
        out.columns = pd.MultiIndex.from_tuples(out.columns, names=["indicator", "stat"])
        return out

    def _need_uncertainty(self, what: str) -> UncertaintySummary:
        if self.uncertainty is None:
            from ..errors import ScenarioError

            raise ScenarioError(f"{what}: scenario {self.name!r} has no uncertainty: block, so "
                                "there are no intervals (add uncertainty: to the scenario).")
        return self.uncertainty

    def by_year(self, *, measure: str = "gross", component: str = "total",
                interval: bool = False) -> pd.DataFrame:
        """Year x indicator totals (all regions and sectors).

        With ``interval=True`` (Monte Carlo results only) the columns are (indicator, stat)
        with stat in value (point estimate), median, lower and upper, the quantiles of each
        year's total over the draws.
        """
        f = self._select(measure, component)
        out = f.pivot_table(index="year", columns="indicator", values="value",
                            aggfunc="sum", sort=False)[self.indicators]
        if not interval:
            return out
        u = self._need_uncertainty("by_year(interval=True)")
        draws = u.by_year(measure=measure, component=component)
        order = [u.indicators.index(i) for i in out.columns]
        rows = [u.years.index(y) for y in out.index]
        return self._interval_frame(out, draws[:, rows][:, :, order])

    def by_sector(self, indicator: str = "output", *, year: int | None = None,
                  measure: str = "gross") -> pd.DataFrame:
        """Sector x component for one indicator, in one year or summed over years."""
        f = self._select(measure, None)
        f = f[f["indicator"] == indicator]
        if year is not None:
            f = f[f["year"] == year]
        return f.pivot_table(index=["region", "sector"], columns="component", values="value",
                             aggfunc="sum", sort=False)

    def by_region(self, indicator: str = "employment", *, year: int | None = None,
                  measure: str = "gross", interval: bool = False) -> pd.DataFrame:
        """Region x component for one indicator, in one year or summed over years.

        With ``interval=True`` (Monte Carlo results only): region x (value, median, lower,
        upper) of the ``total`` component.
        """
        f = self._select(measure, None)
        f = f[f["indicator"] == indicator]
        if year is not None:
            f = f[f["year"] == year]
        out = f.pivot_table(index="region", columns="component", values="value",
                            aggfunc="sum", sort=False)
        if not interval:
            return out
        u = self._need_uncertainty("by_region(interval=True)")
        draws = u.by_region[:, :, :, u.indicators.index(indicator)] * u.factor(measure)
        draws = draws[:, u.years.index(year)] if year is not None else draws.sum(axis=1)
        q = u.quantiles(draws[:, [u.regions.index(str(r)) for r in out.index]])
        return pd.DataFrame({"value": out["total"].to_numpy(), "median": q[0], "lower": q[1],
                             "upper": q[2]}, index=out.index)

    def components(self, *, measure: str = "gross") -> pd.DataFrame:
        """Indicator x component: flows summed over years; employment as job-years."""
        f = self._select(measure, None)
        out = f.pivot_table(index="indicator", columns="component", values="value",
                            aggfunc="sum", sort=False)
        return out.reindex(index=self.indicators)

    @property
    def job_years(self) -> float | None:
        """Employment summed over the years (job-years), gross."""
        if "employment" not in self.indicators:
            return None
        return float(self.by_year()["employment"].sum())

    def headline(self, *, measure: str = "gross", interval: bool = False
                 ) -> pd.Series | pd.DataFrame:
        """The numbers a report opens with.

        Cumulative output, GVA and income over the scenario's years; jobs in the peak year
        and on average over the years with a shock (:attr:`active_years`); job-years.

        With ``interval=True`` (Monte Carlo results only) a frame: one row per quantity,
        columns value (point estimate), median, lower and upper. Each draw's quantity is
        computed from that draw's totals (the peak is each draw's own peak year), so the
        interval is that of the quantity itself. The peak year has no interval (NaN).
        """
        years = self.by_year(measure=measure)
        out: dict[str, float] = {}
        for ind in HEADLINE_FLOWS:
            if ind in years:
                out[f"{ind}_cumulative"] = float(years[ind].sum())
        if "employment" in years:
            jobs = years["employment"]
            out["jobs_peak"] = float(jobs.max())
            out["jobs_peak_year"] = int(jobs.idxmax())
            active = self._active_mask()
            out["jobs_average"] = float(jobs[active].mean() if active.any() else jobs.mean())
            out["job_years"] = float(jobs.sum())
        point = pd.Series(out, name=self.name)
        if not interval:
            return point
        u = self._need_uncertainty("headline(interval=True)")
        draws = u.headline(measure=measure, active=self._active_mask())
        table = pd.DataFrame(index=point.index, columns=list(INTERVAL_COLUMNS), dtype=float)
        table["value"] = point.astype(float)
        for key in point.index:
            if key == "jobs_peak_year":
                continue
            table.loc[key, ["median", "lower", "upper"]] = u.quantiles(draws[key])
        table.columns.name = self.name
        return table

    @property
    def active_years(self) -> list[int]:
        """Years in which some shock changes final demand."""
        return [y for y, on in zip(self.scenario.years, self._active_mask(), strict=True) if on]

    def _active_mask(self) -> np.ndarray:
        total = self.shocks.total().reindex(self.scenario.years).fillna(0.0)
        return np.asarray(total.abs().sum(axis=1).to_numpy() > 0)

    def headline_draws(self, quantity: str, *, measure: str = "gross") -> np.ndarray:
        """The draws of one headline quantity (Monte Carlo results only), shape (draws,)."""
        u = self._need_uncertainty("headline_draws()")
        draws = u.headline(measure=measure, active=self._active_mask())
        if quantity not in draws:
            from ..errors import ScenarioError, did_you_mean

            raise ScenarioError(f"quantity={quantity!r} is not a headline quantity; choose "
                                f"one of {list(draws)}.{did_you_mean(quantity, draws)}")
        return draws[quantity]

    def headline_lines(self, *, measure: str = "gross") -> list[str]:
        """Headline quantities as text lines, with the interval when there is one (for the
        command line)."""
        h = self.headline(measure=measure)
        lines = []
        hi = self.headline(measure=measure, interval=True) if self.uncertainty else None
        for key, value in h.items():
            text = f"{int(value)}" if key.endswith("_year") else f"{value:,.1f}"
            if hi is not None and key != "jobs_peak_year":
                row = hi.loc[key]
                pct = f"{self.uncertainty.interval:.0%}"  # type: ignore[union-attr]
                text += (f"  (median {row['median']:,.1f}; {pct} interval "
                         f"{row['lower']:,.1f} to {row['upper']:,.1f})")
            lines.append(f"  {key:20s} {text}")
        return lines

    def tornado(self, quantity: str | None = None, *, year: int | None = None,
                levels: tuple[float, float] = (0.1, 0.9), measure: str = "gross"
                ) -> pd.DataFrame:
        """One-at-a-time sensitivity of a headline quantity to each uncertain input.

        See :func:`creative_econ.scenarios.sensitivity.tornado`.
        """
        from .sensitivity import tornado

        return tornado(self, quantity, year=year, levels=levels, measure=measure)

    # ------------------------------------------------------------------ exports
    def to_frame(self) -> pd.DataFrame:
        """The tidy frame (a copy)."""
        return self.frame.copy()

    def to_csv(self, path: str | Path) -> Path:
        path = Path(path)
        self.frame.to_csv(path, index=False)
        return path

    def to_parquet(self, path: str | Path) -> Path:
        path = Path(path)
        frame = self.frame.astype({"sector": str, "region": str})
        frame.to_parquet(path, index=False)
        return path

    def to_excel(self, path: str | Path) -> Path:
        """A workbook: headline, by year, by sector, by region, shocks, assumptions, data."""
        path = Path(path)
        with pd.ExcelWriter(path, engine="openpyxl") as xl:
            if self.uncertainty is not None:
                self.headline(interval=True).to_excel(xl, sheet_name="headline")
                self.by_year(interval=True).to_excel(xl, sheet_name="by_year")
            else:
                self.headline().rename("value").to_frame().to_excel(xl, sheet_name="headline")
                self.by_year().to_excel(xl, sheet_name="by_year")
            self.components().to_excel(xl, sheet_name="by_component")
            self.by_sector("output").to_excel(xl, sheet_name="output_by_sector")
            if "employment" in self.indicators:
                self.by_sector("employment").to_excel(xl, sheet_name="jobs_by_sector")
                self.by_region("employment").to_excel(xl, sheet_name="jobs_by_region")
            self.shocks.final_demand.to_excel(xl, sheet_name="shocks")
            card = pd.Series({k: (", ".join(v) if isinstance(v, list) else v)
                              for k, v in self.assumptions.to_dict().items()}, name="value")
            card.to_frame().to_excel(xl, sheet_name="assumptions")
            if len(self.frame) <= EXCEL_DATA_ROWS:
                self.frame.to_excel(xl, sheet_name="data", index=False)
            else:  # a spreadsheet is the wrong place for every cell of a large model
                pd.DataFrame({"note": [
                    f"The full tidy table has {len(self.frame):,} rows; it is in the CSV "
                    "(to_csv) and Parquet (to_parquet) exports. The sheets above hold its "
                    "views."]}).to_excel(xl, sheet_name="data", index=False)
        return path

    def _repr_html_(self) -> str:
        title = html.escape(f"Scenario {self.name}")
        head = (self.headline(interval=True) if self.uncertainty is not None
                else self.headline().to_frame("value")).to_html(
            float_format=lambda v: f"{v:,.4g}")
        years = self.by_year().to_html(float_format=lambda v: f"{v:,.4g}")
        return f"<h4>{title}</h4>{head}{years}{self.assumptions._repr_html_()}"

    def __repr__(self) -> str:
        years = f"{self.scenario.base_year}-{self.scenario.horizon}"
        mc = (f", {self.uncertainty.draws:,} draws (seed {self.uncertainty.seed})"
              if self.uncertainty is not None else "")
        return (f"ScenarioResult({self.name!r}, {years}, type {self.scenario.type}, "
                f"{len(self.regions)} region(s), {len(self.frame):,} rows{mc})")


def compare(*results: ScenarioResult, measure: str = "gross", interval: bool | None = None
            ) -> pd.DataFrame:
    """Headline numbers side by side, with differences from the first scenario.

    Parameters
    ----------
    *results : ScenarioResult
    measure : {"gross", "net"}
    interval : bool, optional
        Report Monte Carlo intervals (default: when every result has them). The interval of a
        difference is computed draw by draw, which is meaningful only with common random
        numbers: the results must come from the same seed and number of draws (then every
        uncertain input they share had the same draws). Otherwise the difference's interval is
        left empty (NaN) with a warning.

    Returns
    -------
    DataFrame
        Rows: headline quantities; columns: one per scenario, then ``<name> - <first>``
        for each other scenario. With intervals the columns are (column, stat) with stat in
        value, median, lower, upper.

    Raises
    ------
    ScenarioError
        No results, two results with the same name, or ``interval=True`` for a result
        without uncertainty.
    """
    from ..errors import CreativeEconWarning, ScenarioError

    if not results:
        raise ScenarioError("compare() needs at least one result.")
    names = [r.name for r in results]
    if len(set(names)) != len(names):
        raise ScenarioError(f"compare() got scenarios with the same name: {names}.")
    if interval is None:
        interval = all(r.uncertainty is not None for r in results)
    table = pd.concat([r.headline(measure=measure) for r in results], axis=1)
    first = names[0]
    for other in names[1:]:
        table[f"{other} - {first}"] = table[other] - table[first]
    if not interval:
        return table
    missing = [r.name for r in results if r.uncertainty is None]
    if missing:
        raise ScenarioError(f"compare(interval=True): {missing} have no uncertainty: block.")
    draws = [r.uncertainty.headline(measure=measure) for r in results]  # type: ignore[union-attr]
    base = results[0].uncertainty
    assert base is not None
    cols: dict[tuple[str, str], np.ndarray] = {}
    keys = list(table.index)

    def add(column: str, per_draw: list[np.ndarray | None]) -> None:
        cols[(column, "value")] = table[column].to_numpy(dtype=float)
        q = np.full((3, len(keys)), np.nan)
        for i, (key, d) in enumerate(zip(keys, per_draw, strict=True)):
            if d is not None and key != "jobs_peak_year":
                q[:, i] = base.quantiles(d)
        for s, stat in enumerate(INTERVAL_COLUMNS[1:]):
            cols[(column, stat)] = q[s]

    for r, d in zip(results, draws, strict=True):
        add(r.name, [d.get(k) for k in keys])
    for r, d in zip(results[1:], draws[1:], strict=True):
        u = r.uncertainty
        assert u is not None
        paired = u.seed == base.seed and u.draws == base.draws
        if not paired:
            warnings.warn(
                f"compare(): {r.name!r} and {first!r} were run with different seeds or numbers "
                "of draws, so their draws are not paired (no common random numbers); the "
                "interval of their difference is left empty. Run both with the same seed.",
                CreativeEconWarning, stacklevel=2)
        diffs = [d[k] - draws[0][k] if paired and k in d and k in draws[0] else None
                 for k in keys]
        add(f"{r.name} - {first}", diffs)
    out = pd.DataFrame(cols, index=table.index)
    out.columns = pd.MultiIndex.from_tuples(out.columns, names=["column", "stat"])
    return out
