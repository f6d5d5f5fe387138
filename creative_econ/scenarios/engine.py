r"""Run a scenario: one factorisation, every year and shock as a right-hand side.

For final-demand changes $\Delta F$ (sectors x years) the engine solves

$$ \Delta X^{I} = L\,\Delta F, \qquad
   \Delta X^{II} = \Delta X^{I} + w\,\frac{h_r'\,\Delta X^{I}}{s} $$

in one batched solve on the table's cached factorisation (Type II through the Schur
complement of the household-closed system, see :mod:`creative_econ.leontief.closure`), splits
output into direct, indirect and induced parts, and applies each year's satellite
coefficients: employment coefficients fall with productivity growth,
$e_t = e_0 (1 + \pi)^{-(t - t_0)}$. Gross results are reported beside net results when the
scenario gives deadweight, displacement and leakage.

A scenario with an ``uncertainty:`` block adds a Monte Carlo
(:func:`creative_econ.scenarios.uncertainty.monte_carlo`): the point estimate stays in
``value``, and the frame gains the median and the central interval of every cell. Without the
block nothing of it runs, so deterministic scenarios cost what they did.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import leontief as le
from ..datasets import load_dataset
from ..errors import (
    DatasetNotFoundError,
    ScenarioError,
    UnknownRegionError,
    UnknownSectorError,
)
from ..table import HOUSEHOLDS, IOTable
from .result import ScenarioResult
from .shocks import ModelView, ShockSet, build_shocks
from .spec import RegionalisationSpec, Scenario

__all__ = ["Prepared", "prepare", "run"]

NATIONAL = "national"


def _as_scenario(spec: Scenario | str | Path) -> Scenario:
    if isinstance(spec, Scenario):
        return spec
    if isinstance(spec, Path | str):
        return Scenario.from_yaml(spec)
    raise ScenarioError(f"run() takes a Scenario or a path to a YAML file, got "
                        f"{type(spec).__name__}.")


def _load(name: str, field: str) -> object:
    try:
        return load_dataset(name)
    except DatasetNotFoundError as exc:
        raise DatasetNotFoundError(f"{field}: {exc}") from None


def _model(spec: Scenario) -> ModelView:
    """The model the shocks apply to: national, single-region, two-region or multiregional."""
    national = _load(spec.table, "table")
    if not isinstance(national, IOTable):
        raise ScenarioError(f"table: dataset {spec.table!r} is not an input-output table.")
    if spec.region is None and spec.regions is None:
        if spec.regionalisation is not None:
            raise ScenarioError("regionalisation is given but no region: name region: (one "
                                "region) or regions: (several).")
        return ModelView(model=national, national=national, default_region=NATIONAL,
                         regions=(NATIONAL,))
    if spec.regional_data is None:
        raise ScenarioError("A regional scenario needs regional_data: (a bundled regional "
                            "dataset, e.g. kazakhstan_regions_2023).")
    from ..regional import RegionalData, regionalise, two_region

    reg = _load(spec.regional_data, "regional_data")
    if not isinstance(reg, RegionalData):
        raise ScenarioError(f"regional_data: dataset {spec.regional_data!r} is not regional "
                            "data.")
    rs = spec.regionalisation or RegionalisationSpec()
    kwargs = {"method": rs.method, "delta": rs.delta, "basis": rs.basis}
    if rs.model == "multiregional" or spec.regions is not None:
        from ..regional.multiregional import MultiRegionalTable

        mrio = MultiRegionalTable.from_national(national, reg, trade=rs.trade, basis=rs.basis)
        table = mrio.table
        regions = tuple(str(r) for r in mrio.regions)
        for r in spec.regions or ():
            if r not in regions:
                raise UnknownRegionError(r, regions, where="regions")
        default = spec.region or (spec.regions[0] if spec.regions else regions[0])
        return ModelView(model=table, national=national, default_region=default,
                         regions=regions, mrio=mrio)
    if spec.region not in reg.regions:
        raise UnknownRegionError(spec.region, list(reg.regions), where="region")
    if rs.model == "two_region":
        table = two_region(national, reg, region=spec.region, **kwargs)
        regions = tuple(dict.fromkeys(str(r) for r in table.sectors.get_level_values(0)))
        return ModelView(model=table, national=national, default_region=spec.region,
                         regions=regions)
    table = regionalise(national, reg, region=spec.region, **kwargs)
    return ModelView(model=table, national=national, default_region=spec.region,
                     regions=(spec.region,))


def _productivity_mask(table: IOTable, spec: Scenario) -> np.ndarray:
    """The model sectors whose employment coefficients follow productivity growth."""
    sectors = spec.productivity.sectors if spec.productivity is not None else None
    if sectors is None:
        return np.ones(table.n, dtype=bool)
    mask = np.zeros(table.n, dtype=bool)
    names = (table.sectors.get_level_values(-1) if isinstance(table.sectors, pd.MultiIndex)
             else table.sectors)
    for s in sectors:
        if s not in names:
            raise UnknownSectorError(s, names.unique(), where="productivity.sectors")
        mask |= np.asarray(names == s)
    return mask


def _employment_path(table: IOTable, spec: Scenario, coef: np.ndarray | None
                     ) -> np.ndarray | None:
    """Employment coefficients by year (years x sectors), or None without employment."""
    if coef is None:
        return None
    t = np.array(spec.years) - spec.base_year
    if spec.productivity is None:
        return np.tile(coef, (len(t), 1))
    mask = _productivity_mask(table, spec)
    decay = (1.0 + spec.productivity.growth) ** (-t.astype(float))
    out = np.tile(coef, (len(t), 1))
    out[:, mask] = out[:, mask] * decay[:, None]
    return out


@dataclass(frozen=True, eq=False)
class Prepared:
    """Everything a run needs before solving: the model, the shocks and the satellites.

    Attributes
    ----------
    spec : Scenario
    view : ModelView
    shocks : ShockSet
    type_ii : bool
    coefs : dict of str to ndarray
        Direct coefficients per unit of output over the model's sectors, by indicator.
    employment : ndarray (years x sectors) or None
        Employment coefficients by year (productivity growth applied).
    household_terms : dict or None
        Each indicator's coefficient on the household accounts (Type II).
    household_regions : list of str
        Region of each household account.
    regions, sectors : list
        Region and sector of every row of a result block (model sectors, then households).
    """

    spec: Scenario
    view: ModelView
    shocks: ShockSet
    type_ii: bool
    coefs: dict[str, np.ndarray]
    employment: np.ndarray | None
    household_terms: dict[str, float] | None
    household_regions: list[str]
    regions: list[str]
    sectors: list[object]

    @property
    def table(self) -> IOTable:
        return self.view.model

    @property
    def years(self) -> list[int]:
        return self.spec.years


def prepare(spec: Scenario | str | Path) -> Prepared:
    """Build the model view, the shocks and the satellites of a scenario (no solves of the
    shocks yet).

    Raises
    ------
    ScenarioError, UnknownSectorError, InvalidShockError
        As for :func:`run`.
    """
    spec = _as_scenario(spec)
    view = _model(spec)
    table = view.model
    mrio = view.mrio
    if spec.type == "II" and (table.households is None if mrio is None
                              else mrio.national.households is None):
        raise ScenarioError(
            f"type: II needs a household closure and table {spec.table!r} has none; use "
            "type: I."
        )
    shocks = build_shocks(view, spec)
    type_ii = spec.type == "II"
    if mrio is not None:  # one household account per region
        coefs = dict(mrio._direct_coefficients())
        own_use = mrio.national.closure.own_use if type_ii else 0.0
        hh_terms = mrio._household_terms() | {"income": own_use} if type_ii else None
        hh_regions = [str(r) for r in mrio.regions]
    else:
        coefs = dict(table._direct_coefficients())
        hh_terms = table._household_terms() | {"income": table.closure.own_use} \
            if type_ii else None
        hh_regions = [view.default_region]
    emp = _employment_path(table, spec, coefs.get("employment"))
    if isinstance(table.sectors, pd.MultiIndex):
        regions = [str(r) for r in table.sectors.get_level_values(0)]
        sectors = list(table.sectors.get_level_values(-1))
    else:
        regions = [view.default_region] * table.n
        sectors = list(table.sectors)
    if type_ii:
        regions = [*regions, *hh_regions]
        sectors = [*sectors, *([HOUSEHOLDS] * len(hh_regions))]
    return Prepared(spec=spec, view=view, shocks=shocks, type_ii=type_ii, coefs=coefs,
                    employment=emp, household_terms=hh_terms, household_regions=hh_regions,
                    regions=regions, sectors=sectors)


def run(spec: Scenario | str | Path, *, progress: bool | None = None) -> ScenarioResult:
    """Run a scenario and return its results.

    Parameters
    ----------
    spec : Scenario, or path to a YAML/JSON scenario file
    progress : bool, optional
        Show a progress bar during a Monte Carlo (``uncertainty:``) that takes more than a
        second. Default: only when standard error is a terminal.

    Returns
    -------
    ScenarioResult
        Annual impacts by year x region x sector x indicator x component, gross (and net),
        with the assumptions card. With ``uncertainty:`` the frame adds ``median``, ``lower``
        and ``upper`` (the Monte Carlo interval) beside ``value`` (the point estimate).

    Raises
    ------
    ScenarioError
        The spec is invalid or inconsistent with its table (unknown dataset, regions, years,
        an uncertain input that names nothing in the scenario).
    UnknownSectorError
        A shock names a sector the table lacks (with the closest valid names).
    InvalidShockError
        A shock targets a sector with zero output.
    InvalidParameterError
        An uncertainty parameter out of range (in a spec built without validation).
    """
    prep = prepare(spec)
    spec, view, shocks = prep.spec, prep.view, prep.shocks
    table, mrio, type_ii = view.model, view.mrio, prep.type_ii
    dF = shocks.total().reindex(spec.years).to_numpy()  # years x n
    if mrio is not None:
        comps = mrio.output_components(dF.T, type=spec.type)
    else:
        comps = le.output_components(table._lu, dF.T, table._closed if type_ii else None)
    direct = shocks.direct_output().reindex(spec.years).to_numpy().T
    first_round = comps.direct + comps.indirect  # L dF
    parts = {"direct": direct, "indirect": first_round - direct}
    if type_ii:
        parts["induced"] = comps.induced
    parts["total"] = comps.total

    emp = prep.employment
    years = spec.years
    hh_terms, hh_regions = prep.household_terms, prep.household_regions
    rows = []
    if type_ii:
        x_h = np.asarray(comps.household_income, dtype=float).reshape(len(hh_regions),
                                                                      len(years))
    for name, k in prep.coefs.items():
        kt = emp.T if (name == "employment" and emp is not None) else k[:, None]
        for comp, arr in parts.items():
            values = kt * arr  # n x years
            if type_ii:
                hh = np.zeros((len(hh_regions), len(years)))
                if comp in ("induced", "total"):
                    hh = hh_terms[name] * x_h
                values = np.vstack([values, hh])
            rows.append((name, comp, values))
    frame = _tidy(spec.name, years, prep.regions, prep.sectors, rows)
    mc = None
    if spec.uncertainty is not None:
        from .uncertainty import monte_carlo

        mc = monte_carlo(prep, progress=progress)
        frame = mc.attach(frame)
    if spec.net is not None:
        net = frame.assign(measure="net")
        for col in ("value", "median", "lower", "upper"):
            if col in net:
                net[col] = net[col] * spec.net.factor
        frame = pd.concat([frame, net], ignore_index=True)
    card = mrio.assumptions(spec.type) if mrio is not None else table.assumptions(spec.type)
    assumptions = card.with_entries(
        scenario=spec.name,
        years=f"{spec.base_year}-{spec.horizon}",
        creative_definition=spec.definition,
        productivity=(f"employment coefficients fall {spec.productivity.growth:.2%} a year"
                      if spec.productivity else "none (constant employment coefficients)"),
        gross_to_net=(f"deadweight {spec.net.deadweight:.0%}, displacement "
                      f"{spec.net.displacement:.0%}, leakage {spec.net.leakage:.0%} "
                      f"(net = gross x {spec.net.factor:.4f})" if spec.net else "gross only"),
        prices="basic prices of the table's year; shocks in the table's unit",
    )
    notes = shocks.notes
    if mc is not None:
        assumptions = assumptions.with_entries(**mc.card)
        notes = (*notes, *mc.notes)
    assumptions = _with_notes(assumptions, notes)
    return ScenarioResult(scenario=spec, frame=frame, shocks=shocks, assumptions=assumptions,
                          unit=table.unit, employment_unit=table.employment_unit
                          if table.employment is not None else None,
                          uncertainty=None if mc is None else mc.summary)


def _with_notes(assumptions, notes: tuple[str, ...]):
    from dataclasses import replace

    return replace(assumptions, notes=(*assumptions.notes, *notes))


def _tidy(name: str, years: list[int], regions: list[str], sectors: list[object],
          rows: list[tuple[str, str, np.ndarray]]) -> pd.DataFrame:
    """Long frame from (indicator, component, sectors x years) blocks, built with numpy."""
    n, T = len(sectors), len(years)
    k = len(rows)
    values = np.stack([v for _, _, v in rows])  # k x n x T
    ind = np.repeat([r[0] for r in rows], n * T)
    comp = np.repeat([r[1] for r in rows], n * T)
    sec = np.tile(np.repeat(np.array(sectors, dtype=object), T), k)
    reg = np.tile(np.repeat(np.array(regions, dtype=object), T), k)
    yr = np.tile(np.array(years), k * n)
    return pd.DataFrame({
        "scenario": name,
        "year": yr,
        "region": reg,
        "sector": sec,
        "indicator": ind,
        "component": comp,
        "measure": "gross",
        "value": values.reshape(-1),
    })
