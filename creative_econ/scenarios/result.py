"""Scenario results: the tidy frame, views of it, exports and the assumptions card.

Output, GVA and income are flows per year: their sum over years is a cumulative amount.
Employment is a count of jobs supported *in a year*; its sum over years is a different unit,
**job-years**, reported separately and never called "jobs".
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..results import Assumptions

if TYPE_CHECKING:  # pragma: no cover
    from .shocks import ShockSet
    from .spec import Scenario

__all__ = ["ScenarioResult", "compare"]

KEYS = ["scenario", "year", "region", "sector", "indicator", "component", "measure"]


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """The result of :func:`creative_econ.run`.

    Attributes
    ----------
    scenario : Scenario
        The specification that produced it.
    frame : DataFrame
        Tidy: scenario, year, region, sector, indicator, component (direct, indirect,
        induced, total), measure (gross, net), value.
    shocks : ShockSet
        Final demand by shock, year and sector, as applied.
    assumptions : Assumptions
        Dataset, prices, model type and closure, regionalisation, definition, productivity,
        gross-to-net, and how each shock became final demand.
    unit, employment_unit : str
    """

    scenario: Scenario
    frame: pd.DataFrame
    shocks: ShockSet
    assumptions: Assumptions
    unit: str = ""
    employment_unit: str | None = None

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

    def by_year(self, *, measure: str = "gross", component: str = "total") -> pd.DataFrame:
        """Year x indicator totals (all regions and sectors)."""
        f = self._select(measure, component)
        return f.pivot_table(index="year", columns="indicator", values="value",
                             aggfunc="sum", sort=False)[self.indicators]

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
                  measure: str = "gross") -> pd.DataFrame:
        """Region x component for one indicator, in one year or summed over years."""
        f = self._select(measure, None)
        f = f[f["indicator"] == indicator]
        if year is not None:
            f = f[f["year"] == year]
        return f.pivot_table(index="region", columns="component", values="value",
                             aggfunc="sum", sort=False)

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

    def headline(self, *, measure: str = "gross") -> pd.Series:
        """The numbers a report opens with.

        Cumulative output, GVA and income over the scenario's years; jobs in the peak year
        and on average; job-years.
        """
        years = self.by_year(measure=measure)
        out: dict[str, float] = {}
        for ind in ("output", "gva", "income"):
            if ind in years:
                out[f"{ind}_cumulative"] = float(years[ind].sum())
        if "employment" in years:
            jobs = years["employment"]
            out["jobs_peak"] = float(jobs.max())
            out["jobs_peak_year"] = int(jobs.idxmax())
            out["jobs_average"] = float(jobs.mean())
            out["job_years"] = float(jobs.sum())
        return pd.Series(out, name=self.name)

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
            self.frame.to_excel(xl, sheet_name="data", index=False)
        return path

    def _repr_html_(self) -> str:
        title = html.escape(f"Scenario {self.name}")
        head = self.headline().to_frame("value").to_html(float_format=lambda v: f"{v:,.4g}")
        years = self.by_year().to_html(float_format=lambda v: f"{v:,.4g}")
        return f"<h4>{title}</h4>{head}{years}{self.assumptions._repr_html_()}"

    def __repr__(self) -> str:
        years = f"{self.scenario.base_year}-{self.scenario.horizon}"
        return (f"ScenarioResult({self.name!r}, {years}, type {self.scenario.type}, "
                f"{len(self.regions)} region(s), {len(self.frame):,} rows)")


def compare(*results: ScenarioResult, measure: str = "gross") -> pd.DataFrame:
    """Headline numbers side by side, with differences from the first scenario.

    Returns
    -------
    DataFrame
        Rows: headline quantities; columns: one per scenario, then ``<name> - <first>``
        for each other scenario.
    """
    if not results:
        from ..errors import ScenarioError

        raise ScenarioError("compare() needs at least one result.")
    names = [r.name for r in results]
    if len(set(names)) != len(names):
        from ..errors import ScenarioError

        raise ScenarioError(f"compare() got scenarios with the same name: {names}.")
    table = pd.concat([r.headline(measure=measure) for r in results], axis=1)
    first = names[0]
    for other in names[1:]:
        table[f"{other} - {first}"] = table[other] - table[first]
    return table
