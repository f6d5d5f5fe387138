r"""Turn a scenario's shocks into final-demand changes by year and sector.

Every shock becomes a year x sector frame of final-demand changes at basic prices, in the
table's unit, so that all years and all shocks are right-hand sides of one factorisation:

* **final demand** by sector: ``amount`` per year, or compound growth of the sector's
  base-year final demand, $\Delta f_t = f_0[(1+g)^{t-t_0} - 1]$, or a growth path,
  $\Delta f_t = f_0 (G_t - 1)$ (METHODS §5.1);
* by **creative domain** or the whole **creative** sector: the same, spread over sectors in
  proportion to creative final demand $\theta_{s,d} f_s$ (never $\theta x$, which double
  counts);
* **output** changes (exogenised output): the equivalent final demand
  $\Delta f_C = L_{CC}^{-1}\Delta x_C$ over all sectors whose output is fixed, which
  reproduces the mixed model exactly ($(I - A_{oo})^{-1}a_{oc} = L_{oc}/l_{cc}$, METHODS §2.4);
* **investment programmes**: each phase's annual spend through a spending profile
  (purchasers' prices to basic prices with local-purchase shares);
* **targets**: the extra creative final demand on the path to a target share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.linalg as sla

from .. import leontief as le
from ..errors import InvalidShockError, ScenarioError, UnknownRegionError, UnknownSectorError
from ..table import IOTable
from .spec import DemandShock, InvestmentProgramme, OutputShock, Scenario, TargetShock

__all__ = ["ModelView", "ShockSet", "build_shocks"]


@dataclass(frozen=True, eq=False)
class ShockSet:
    """Final-demand changes by shock, year and sector.

    Attributes
    ----------
    final_demand : DataFrame
        MultiIndex rows (shock, year), columns the model's sectors: the change in final
        demand at basic prices (table unit).
    labels : list of str
        Shock labels, in the scenario's order.
    notes : tuple of str
        How each shock was turned into final demand.
    """

    final_demand: pd.DataFrame
    labels: list[str]
    notes: tuple[str, ...]
    fixed_output: pd.DataFrame | None = None
    output_shock_labels: tuple[str, ...] = ()

    def total(self) -> pd.DataFrame:
        """Year x sector: the sum over shocks."""
        return self.final_demand.groupby(level="year", sort=False).sum()

    def direct_output(self) -> pd.DataFrame:
        """Year x sector: the direct (first-round) output change of every shock.

        For final-demand shocks it is the final-demand change itself; for output shocks it
        is the given output change (not its equivalent final demand), so the within-sector
        feedback of a fixed output is not counted twice.
        """
        fd = self.final_demand
        demand = fd.drop(index=list(self.output_shock_labels), level="shock") \
            if self.output_shock_labels else fd
        direct = demand.groupby(level="year", sort=False).sum()
        direct = direct.reindex(self.total().index, fill_value=0.0)
        if self.fixed_output is not None:
            direct = direct + self.fixed_output.reindex(direct.index, fill_value=0.0)
        return direct


def _label(i: int, shock: object) -> str:
    given = getattr(shock, "label", None)
    if given:
        return given
    kind = getattr(shock, "kind", "shock")
    target = (getattr(shock, "sector", None) or getattr(shock, "domain", None)
              or getattr(shock, "profile", None) or ("creative" if getattr(shock, "creative", 0)
                                                    else None))
    return f"{i}: {kind}" + (f" {target}" if target else "")


def _years(span: tuple[int, int] | None, scenario: Scenario) -> list[int]:
    if span is None:
        return scenario.years
    return list(range(span[0], span[1] + 1))


@dataclass(frozen=True, eq=False)
class ModelView:
    """How shocks named by (region, sector) find their place in a model's sector index.

    The model is an :class:`~creative_econ.IOTable` whose sectors are either the national
    sectors (a national or single-region table) or a ``(region, sector)`` MultiIndex (two-
    region and multiregional models). ``national`` supplies the sector list, creative shares
    and spending-profile labels.
    """

    model: IOTable
    national: IOTable
    default_region: str
    regions: tuple[str, ...]
    mrio: object | None = None  # a MultiRegionalTable when the model is multiregional

    @property
    def sectors(self) -> pd.Index:
        return self.national.sectors

    def positions(self, region: str | None, where: str) -> np.ndarray:
        """Positions in the model of the national sectors in ``region``."""
        region = self.default_region if region is None else region
        if region not in self.regions:
            raise UnknownRegionError(region, self.regions, where=f"{where}.region")
        if isinstance(self.model.sectors, pd.MultiIndex):
            keys = pd.MultiIndex.from_arrays(
                [[region] * len(self.sectors), list(self.sectors)])
            pos = self.model.sectors.get_indexer(keys)
            if (pos < 0).any():
                raise UnknownRegionError(region, self.regions, where=f"{where}.region")
            return pos
        return np.arange(self.model.n)

    def sector(self, region: str | None, sector: str, where: str) -> int:
        """Model position of one sector in a region; refuses unknown and zero-output ones."""
        if sector not in self.sectors:
            raise UnknownSectorError(sector, self.sectors, where=where)
        pos = int(self.positions(region, where)[self.sectors.get_loc(sector)])
        if self.model._x[pos] == 0:
            place = f" in region {region or self.default_region!r}" if len(self.regions) > 1 \
                or region else ""
            raise InvalidShockError(
                f"{where}: sector {sector!r} has zero output{place} in {self.model.name!r}; "
                "there is no producer to meet the shock. Choose another sector or region."
            )
        return pos

    def final_demand(self, region: str | None, where: str) -> np.ndarray:
        """Total final demand of the national sectors in ``region`` (model values)."""
        return self.model.final_demand_total.to_numpy()[self.positions(region, where)]


def _direction(view: ModelView, shock: DemandShock, definition: str, where: str) -> np.ndarray:
    """Sector composition of a domain or creative shock: creative final demand shares."""
    from ..creative import creative_shares, creative_shares_by_domain

    f = np.clip(view.final_demand(shock.region, where), 0.0, None)
    if shock.creative:
        theta = creative_shares(view.national, definition)
    else:
        by_domain = creative_shares_by_domain(view.national, definition)
        if shock.domain not in by_domain.columns:
            from ..errors import did_you_mean

            raise ScenarioError(
                f"{where}: domain {shock.domain!r} is not a domain of definition "
                f"{definition!r}; domains are {list(by_domain.columns)}."
                f"{did_you_mean(shock.domain, by_domain.columns)}"
            )
        theta = by_domain[shock.domain]
    weights = theta.reindex(view.sectors, fill_value=0.0).to_numpy() * f
    if weights.sum() <= 0:
        raise ScenarioError(f"{where}: the model has no creative final demand for this target.")
    return weights / weights.sum()


def _demand(view: ModelView, shock: DemandShock, scenario: Scenario, years: list[int],
            where: str) -> tuple[np.ndarray, str]:
    """Years x national sectors, and a description."""
    if shock.sector is not None:
        view.sector(shock.region, shock.sector, where)  # validates
        d = np.zeros(len(view.sectors))
        d[view.sectors.get_loc(shock.sector)] = 1.0
        what = f"sector {shock.sector!r}"
    elif shock.profile is not None:
        d, what = _profile_direction(view, shock, where)
    else:
        d = _direction(view, shock, scenario.definition, where)
        what = (f"domain {shock.domain!r}" if shock.domain else "the creative sector") + \
            f" ({scenario.definition}, spread by creative final demand)"
    if shock.region is not None or len(view.regions) > 1:
        what += f" in {shock.region or view.default_region}"
    t = np.array(years) - scenario.base_year
    if shock.amount is not None:
        size = np.full(len(years), float(shock.amount))
        return np.outer(size, d), f"{what}: {shock.amount:,.6g} a year"
    base = float(view.final_demand(shock.region, where) @ d)
    if shock.growth_rate is not None:
        factor = (1 + shock.growth_rate) ** t - 1
        how = f"base-year final demand {base:,.6g} growing {shock.growth_rate:.2%} a year"
    else:
        path = scenario.growth_path
        assert path is not None
        if path.base_year != scenario.base_year:
            raise ScenarioError(
                f"{where}: the growth path is relative to {path.base_year}, the scenario's base "
                f"year is {scenario.base_year}."
            )
        G = dict(zip(path.years, path.mean, strict=True))
        G[path.base_year] = 1.0
        missing = [y for y in years if y not in G]
        if missing:
            raise ScenarioError(f"{where}: the growth path has no factor for years {missing}.")
        factor = np.array([G[y] for y in years]) - 1.0
        how = f"base-year final demand {base:,.6g} on the scenario's growth path " + (
            "(nominal)" if path.nominal else "(constant prices)")
    return np.outer(factor * base, d), f"{what}: {how}"


def _profile_direction(view: ModelView, shock: DemandShock, where: str
                       ) -> tuple[np.ndarray, str]:
    """Basic-price final demand by sector per unit of spend at purchasers' prices."""
    from ..creative import get_profile
    from ..datasets import sector_map

    try:
        profile = get_profile(shock.profile)
    except Exception as exc:  # the creative layer raises specific errors; add the place
        raise type(exc)(f"{where}.profile: {exc}") from None
    if len(profile.phases) > 1:
        raise ScenarioError(
            f"{where}.profile: {shock.profile!r} has phases {profile.phase_names}; use a "
            "kind: investment shock with build: and operate:."
        )
    mapping = shock.sector_map or sector_map(profile.sector_system, view.national.name)
    fd = profile.final_demand(1.0, table=view.national, local_shares=shock.local_share,
                              sector_map=mapping).reindex(view.sectors, fill_value=0.0)
    for s in fd.index[fd.to_numpy() != 0]:
        view.sector(shock.region, s, f"{where}.profile")
    return fd.to_numpy(), (f"spending profile {shock.profile!r} (purchasers' prices, "
                           f"{float(fd.sum()):.1%} local final demand at basic prices)")


def _l_block(lu: le.LUFactor, positions: np.ndarray) -> np.ndarray:
    r"""$L_{CC}$, the block of the Leontief inverse for the sectors in ``positions``."""
    E = np.zeros((lu.n, len(positions)))
    E[positions, np.arange(len(positions))] = 1.0
    return le.solve(lu, E)[positions]


def build_shocks(view: ModelView | IOTable, scenario: Scenario) -> ShockSet:
    """Final-demand changes for every shock of ``scenario``, by year and model sector.

    ``view`` is a :class:`ModelView` (or, for a national table, the table itself).
    """
    if isinstance(view, IOTable):
        view = ModelView(model=view, national=view, default_region="national",
                         regions=("national",))
    model = view.model
    years = scenario.years
    frames: list[pd.DataFrame | None] = []
    labels: list[str] = []
    notes: list[str] = []
    output_shocks: list[tuple[int, str, OutputShock]] = []
    fixed_output = None
    for i, shock in enumerate(scenario.shocks):
        where = f"shocks[{i}]"
        label = _label(i, shock)
        if label in labels:
            raise ScenarioError(f"{where}: label {label!r} is used by another shock.")
        labels.append(label)
        block = np.zeros((len(years), model.n))
        if isinstance(shock, DemandShock):
            active = _years(shock.years, scenario)
            values, how = _demand(view, shock, scenario, active, where)
            cols = view.positions(shock.region, where)
            block[np.ix_([years.index(y) for y in active], cols)] = values
            notes.append(f"{label}: final demand for {how}, {active[0]}-{active[-1]}.")
        elif isinstance(shock, OutputShock):
            view.sector(shock.region, shock.sector, where)
            output_shocks.append((i, label, shock))
            frames.append(None)  # filled below
            continue
        elif isinstance(shock, InvestmentProgramme):
            values, how = _investment(view, shock, scenario, where)
            block[:, view.positions(shock.region, where)] = values
            notes.append(f"{label}: {how}")
        elif isinstance(shock, TargetShock):
            values, how = _target(view, shock, scenario, where)
            block[:, view.positions(shock.region, where)] = values
            notes.append(f"{label}: {how}")
        frames.append(pd.DataFrame(block, index=years, columns=model.sectors))
    if output_shocks:
        # Exogenised outputs are fixed jointly: the equivalent final demand of every output
        # shock uses L_CC over all sectors whose output some shock fixes (linear, so the
        # shocks' parts add up to the joint solution).
        fixed = sorted({view.sector(sh.region, sh.sector, f"shocks[{i}]")
                        for i, _, sh in output_shocks})
        positions = np.array(fixed)
        L_cc = _l_block(model._lu, positions)
        fixed_output = pd.DataFrame(0.0, index=years, columns=model.sectors)
        for i, label, shock in output_shocks:
            active = _years(shock.years, scenario)
            pos = view.sector(shock.region, shock.sector, f"shocks[{i}]")
            dx = np.zeros((len(years), len(positions)))
            dx[[years.index(y) for y in active], fixed.index(pos)] = shock.amount
            block = np.zeros((len(years), model.n))
            block[:, positions] = sla.solve(L_cc, dx.T, check_finite=False).T
            frames[i] = pd.DataFrame(block, index=years, columns=model.sectors)
            fixed_output.iloc[[years.index(y) for y in active], pos] += shock.amount
            notes.append(
                f"{label}: output of {shock.sector!r} changed by {shock.amount:,.6g} a year "
                f"({active[0]}-{active[-1]}), applied as the equivalent final demand "
                "L_CC Δf_C = Δx_C (exogenised output: no double counting)."
            )
    # rename_axis returns new index objects: setting .name in place would rename the table's
    # own sector index, which the concatenated frames share
    axis = ["region", "sector"] if isinstance(model.sectors, pd.MultiIndex) else "sector"
    final_demand = pd.concat(frames, keys=labels, names=["shock", "year"]).rename_axis(
        columns=axis)
    return ShockSet(final_demand=final_demand, labels=labels, notes=tuple(notes),
                    fixed_output=fixed_output,
                    output_shock_labels=tuple(label for _, label, _ in output_shocks))


def _investment(view: ModelView, shock: InvestmentProgramme, scenario: Scenario, where: str
                ) -> tuple[np.ndarray, str]:
    from ..creative import get_profile

    try:
        profile = get_profile(shock.profile)
    except Exception as exc:  # the creative layer raises specific errors; add the place
        raise type(exc)(f"{where}.profile: {exc}") from None
    from ..datasets import sector_map

    mapping = shock.sector_map or sector_map(profile.sector_system, view.national.name)
    years = scenario.years
    block = np.zeros((len(years), len(view.sectors)))
    parts = []
    for phase in ("build", "operate"):
        spec = getattr(shock, phase)
        if spec is None:
            continue
        phase_name = phase if phase in profile.phase_names else profile.phase_names[
            0 if phase == "build" else -1]
        fd = profile.final_demand(spec.spend, phase=phase_name, table=view.national,
                                  local_shares=shock.local_share, sector_map=mapping)
        fd = fd.reindex(view.sectors, fill_value=0.0)
        for s in fd.index[fd.to_numpy() != 0]:
            view.sector(shock.region, s, f"{where}.profile")
        active = list(range(spec.years[0], spec.years[1] + 1))
        block[[years.index(y) for y in active]] += fd.to_numpy()
        parts.append(f"{phase} {spec.years[0]}-{spec.years[1]}: {spec.spend:,.6g} a year at "
                     f"purchasers' prices, of which {float(fd.sum()):,.6g} local final demand "
                     "at basic prices")
    place = f" in {shock.region or view.default_region}" if len(view.regions) > 1 else ""
    mapped = (f"; profile sectors ({profile.sector_system}) mapped to {view.national.name}'s"
              if mapping else "")
    return block, (f"investment through profile {shock.profile!r}{place} "
                   f"({'; '.join(parts)}{mapped}).")


def _target(view: ModelView, shock: TargetShock, scenario: Scenario, where: str
            ) -> tuple[np.ndarray, str]:
    from ..creative import creative_shares, target_path

    table = view.model if not isinstance(view.model.sectors, pd.MultiIndex) else view.national
    years = scenario.years
    if shock.base_share is None:
        theta = creative_shares(view.national, scenario.definition)
        theta = theta.reindex(table.sectors, fill_value=0.0)
        if shock.basis == "gva":
            if table.gva is None:
                raise ScenarioError(f"{where}: the table has no GVA for a GVA target.")
            base = float((theta * table.gva).sum() / table.gva.sum())
        else:
            if table.employment is None:
                raise ScenarioError(f"{where}: the table has no employment for this target.")
            base = float((theta * table.employment).sum() / table.employment.sum())
    else:
        base = shock.base_share
    horizon = shock.target_year - scenario.base_year
    if horizon <= 0:
        raise ScenarioError(f"{where}.target_year must be after the base year.")
    path = target_path(
        base_share=base, target_share=shock.target_share, years=horizon,
        gdp_growth=shock.gdp_growth, basis=shock.basis,
        productivity_growth=shock.productivity_growth, start_year=scenario.base_year,
        table=table, definition=scenario.definition, type=scenario.type,
    )
    changes = path.final_demand_changes().reindex(columns=view.sectors, fill_value=0.0)
    block = np.zeros((len(years), len(view.sectors)))
    for y in changes.index:
        if y in years:
            block[years.index(y)] = changes.loc[y].to_numpy()
    state = "already reached" if path.reached else f"requires {path.growth_rate:.2%} a year"
    return block, (
        f"target: creative {shock.basis} share {base:.2%} -> {shock.target_share:.2%} by "
        f"{shock.target_year} with GDP growth {shock.gdp_growth:.1%} ({state}); extra creative "
        "final demand on the path."
    )
