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
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import leontief as le
from ..datasets import load_dataset
from ..errors import DatasetNotFoundError, ScenarioError, UnknownSectorError
from ..table import HOUSEHOLDS, IOTable
from .result import ScenarioResult
from .shocks import build_shocks
from .spec import Scenario

__all__ = ["run"]

NATIONAL = "national"


def _as_scenario(spec: Scenario | str | Path) -> Scenario:
    if isinstance(spec, Scenario):
        return spec
    if isinstance(spec, Path | str):
        return Scenario.from_yaml(spec)
    raise ScenarioError(f"run() takes a Scenario or a path to a YAML file, got "
                        f"{type(spec).__name__}.")


def _model(spec: Scenario) -> tuple[IOTable, str, dict[str, str]]:
    """The table the shocks apply to, the region label and regionalisation entries."""
    try:
        table = load_dataset(spec.table)
    except DatasetNotFoundError as exc:
        raise DatasetNotFoundError(f"table: {exc}") from None
    if not isinstance(table, IOTable):
        raise ScenarioError(f"table: dataset {spec.table!r} is not an input-output table.")
    if spec.region is None and spec.regions is None:
        if spec.regionalisation is not None:
            raise ScenarioError("regionalisation is given but no region: name region: (one "
                                "region) or regions: (several).")
        return table, NATIONAL, {}
    raise ScenarioError(
        "Regional scenarios need a regional model: give regional_data and region(s) with a "
        "regionalisation (see the regional guide)."
    )


def _employment_path(table: IOTable, spec: Scenario) -> np.ndarray | None:
    """Employment coefficients by year (years x sectors), or None without employment."""
    coef = table._direct_coefficients().get("employment")
    if coef is None:
        return None
    t = np.array(spec.years) - spec.base_year
    if spec.productivity is None:
        return np.tile(coef, (len(t), 1))
    if spec.productivity.sectors is not None:
        mask = np.zeros(table.n, dtype=bool)
        for s in spec.productivity.sectors:
            if s not in table.sectors:
                raise UnknownSectorError(s, table.sectors, where="productivity.sectors")
            mask[table.sectors.get_loc(s)] = True
    else:
        mask = np.ones(table.n, dtype=bool)
    decay = (1.0 + spec.productivity.growth) ** (-t.astype(float))
    out = np.tile(coef, (len(t), 1))
    out[:, mask] = out[:, mask] * decay[:, None]
    return out


def run(spec: Scenario | str | Path) -> ScenarioResult:
    """Run a scenario and return its results.

    Parameters
    ----------
    spec : Scenario, or path to a YAML/JSON scenario file

    Returns
    -------
    ScenarioResult
        Annual impacts by year x region x sector x indicator x component, gross (and net),
        with the assumptions card.

    Raises
    ------
    ScenarioError
        The spec is invalid or inconsistent with its table (unknown dataset, regions, years).
    UnknownSectorError
        A shock names a sector the table lacks (with the closest valid names).
    InvalidShockError
        A shock targets a sector with zero output.
    """
    spec = _as_scenario(spec)
    table, region, reg_entries = _model(spec)
    if spec.type == "II" and table.households is None:
        raise ScenarioError(
            f"type: II needs a household closure and table {spec.table!r} has none; use "
            "type: I."
        )
    shocks = build_shocks(table, spec)
    dF = shocks.total().reindex(spec.years).to_numpy()  # years x n
    closed = table._closed if spec.type == "II" else None
    comps = le.output_components(table._lu, dF.T, closed)  # arrays n x years
    direct = shocks.direct_output().reindex(spec.years).to_numpy().T
    first_round = comps.direct + comps.indirect  # L dF
    parts = {"direct": direct, "indirect": first_round - direct}
    if closed is not None:
        parts["induced"] = comps.induced
    parts["total"] = comps.total

    coefs = dict(table._direct_coefficients())
    emp = _employment_path(table, spec)
    years = spec.years
    sectors = list(table.sectors)
    rows = []
    hh_terms = table._household_terms() | {"income": table.closure.own_use} \
        if closed is not None else None
    for name, k in coefs.items():
        kt = emp.T if (name == "employment" and emp is not None) else k[:, None]
        for comp, arr in parts.items():
            values = kt * arr  # n x years
            if closed is not None:
                hh = np.zeros(len(years))
                if comp in ("induced", "total"):
                    hh = hh_terms[name] * np.atleast_1d(comps.household_income)
                values = np.vstack([values, hh[None, :]])
            rows.append((name, comp, values))
    index_sectors = [*sectors, HOUSEHOLDS] if closed is not None else sectors
    frame = _tidy(spec.name, region, years, index_sectors, rows)
    if spec.net is not None:
        net = frame.assign(measure="net", value=frame["value"] * spec.net.factor)
        frame = pd.concat([frame, net], ignore_index=True)
    assumptions = table.assumptions(spec.type).with_entries(
        scenario=spec.name,
        years=f"{spec.base_year}-{spec.horizon}",
        creative_definition=spec.definition,
        **reg_entries,
        productivity=(f"employment coefficients fall {spec.productivity.growth:.2%} a year"
                      if spec.productivity else "none (constant employment coefficients)"),
        gross_to_net=(f"deadweight {spec.net.deadweight:.0%}, displacement "
                      f"{spec.net.displacement:.0%}, leakage {spec.net.leakage:.0%} "
                      f"(net = gross x {spec.net.factor:.4f})" if spec.net else "gross only"),
        prices="basic prices of the table's year; shocks in the table's unit",
    )
    assumptions = _with_notes(assumptions, shocks.notes)
    return ScenarioResult(scenario=spec, frame=frame, shocks=shocks, assumptions=assumptions,
                          unit=table.unit, employment_unit=table.employment_unit
                          if table.employment is not None else None)


def _with_notes(assumptions, notes: tuple[str, ...]):
    from dataclasses import replace

    return replace(assumptions, notes=(*assumptions.notes, *notes))


def _tidy(name: str, region: str, years: list[int], sectors: list[object],
          rows: list[tuple[str, str, np.ndarray]]) -> pd.DataFrame:
    """Long frame from (indicator, component, sectors x years) blocks, built with numpy."""
    n, T = len(sectors), len(years)
    k = len(rows)
    values = np.stack([v for _, _, v in rows])  # k x n x T
    ind = np.repeat([r[0] for r in rows], n * T)
    comp = np.repeat([r[1] for r in rows], n * T)
    sec = np.tile(np.repeat(np.array(sectors, dtype=object), T), k)
    yr = np.tile(np.array(years), k * n)
    return pd.DataFrame({
        "scenario": name,
        "year": yr,
        "region": region,
        "sector": sec,
        "indicator": ind,
        "component": comp,
        "measure": "gross",
        "value": values.reshape(-1),
    })
