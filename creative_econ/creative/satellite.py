r"""Creative satellite accounts, benchmarks and the creative footprint.

Satellite account. For an indicator $k$ (output $x$, GVA $v$, compensation $w$, employment
$e$) and domain $d$, the creative value and share of the economy are

$$ K_d = \sum_s \theta_{s,d}\,k_s, \qquad \sigma_d = \frac{K_d}{\sum_s k_s}, $$

with $\theta_{s,d}$ from :func:`~creative_econ.creative.shares.creative_shares_by_domain`.
Since $0 \le \sum_d \theta_{s,d} \le 1$, the creative total never exceeds the economy.

Footprint (contribution). Creative final demand is $f^c = \hat\theta f$ (final demand for
creative products), and its direct, indirect and (Type II) induced effects are those of
$L f^c$. It is **never** $\hat\theta x$: output already contains the intermediate sales that
$L$ regenerates, so $L\hat\theta x$ double counts. With $\theta = 1$ everywhere the Type I
footprint is the whole economy, $L f = x$.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import InvalidOptionError, InvalidTableError
from ..results import Assumptions, Impact
from ._data import read_json
from .classifications import Definition, check_share
from .concordance import Concordance
from .shares import resolve_shares

__all__ = [
    "SATELLITE_INDICATORS",
    "SatelliteAccount",
    "contribution",
    "satellite",
    "satellite_totals",
    "unesco_benchmark",
]

SATELLITE_INDICATORS = ("output", "gva", "compensation", "employment")
Weights = Concordance | pd.DataFrame | Mapping[str, object] | None
TOTAL = "Total"


def satellite_totals(theta: np.ndarray, indicators: np.ndarray) -> np.ndarray:
    r"""Creative values by domain: $K = \Theta' k$ for each indicator column.

    Parameters
    ----------
    theta : ndarray (n_sectors, n_domains)
    indicators : ndarray (n_sectors, n_indicators)

    Returns
    -------
    ndarray (n_domains, n_indicators)
    """
    return theta.T @ indicators


def unesco_benchmark() -> dict[str, object]:
    """UNESCO (2022): culture is 3.1% of global GDP and 6.2% of employment.

    Source: UNESCO (2022) *Re|Shaping Policies for Creativity: Addressing culture as a global
    public good* (Global Report on the 2005 Convention), unesdoc pf0000380474. It is a GDP
    share; a table gives GVA at basic prices, which excludes taxes less subsidies on products,
    so a GVA share reads slightly higher than the same activity's GDP share.
    """
    info = read_json("benchmarks.json")["unesco"]
    return {"label": "UNESCO 2022", "gva": 0.031, "employment": 0.062, "source": info["source"]}


def _indicators(table: object) -> pd.DataFrame:
    x = table.x
    cols: dict[str, pd.Series] = {"output": x}
    if table.gva is not None:
        cols["gva"] = table.gva
    comp = getattr(table, "income_component", None)
    if comp is not None and comp in table.value_added.index:
        cols["compensation"] = table.value_added.loc[comp]
    if table.employment is not None:
        cols["employment"] = table.employment
    return pd.DataFrame({k: v.to_numpy(dtype=float) for k, v in cols.items()}, index=table.sectors)


def _benchmarks(benchmarks: object) -> list[dict[str, object]]:
    if benchmarks is None:
        return []
    if isinstance(benchmarks, str):
        if benchmarks != "unesco_2022":
            raise InvalidOptionError("benchmarks", benchmarks, ["unesco_2022", "a mapping"])
        return [unesco_benchmark()]
    if not isinstance(benchmarks, Mapping):
        raise InvalidTableError(
            "benchmarks must be 'unesco_2022', None, or a mapping {label: {indicator: share}}."
        )
    out = []
    for label, values in benchmarks.items():
        if label == "unesco_2022":
            out.append(unesco_benchmark())
            continue
        if not isinstance(values, Mapping):
            raise InvalidTableError(
                f"Benchmark {label!r} must map indicators to shares, e.g. {{'gva': 0.05}}."
            )
        entry: dict[str, object] = {"label": str(label), "source": str(values.get("source", ""))}
        for ind, share in values.items():
            if ind == "source":
                continue
            if ind not in SATELLITE_INDICATORS:
                raise InvalidOptionError(f"benchmark {label!r} indicator", ind,
                                         SATELLITE_INDICATORS)
            entry[ind] = check_share(share, f"benchmark {label!r} {ind}")
        out.append(entry)
    return out


@dataclass(frozen=True, eq=False)
class SatelliteAccount:
    r"""A creative satellite account: values and shares by region, domain and indicator.

    Attributes
    ----------
    values : DataFrame
        Index (region, domain) with a ``"Total"`` domain per region; columns are the
        indicators the table has (output, gva, compensation, employment), in the table's
        units.
    economy : DataFrame
        Index region; the economy's totals of the same indicators.
    by_sector : DataFrame
        Index (region, sector): creative share ``theta`` and creative values by indicator.
    benchmarks : DataFrame
        One row per (region, benchmark, indicator): ``share`` (creative), ``benchmark``,
        ``gap`` (share minus benchmark, in share units) and ``source``.
    assumptions : Assumptions
    """

    values: pd.DataFrame
    economy: pd.DataFrame
    by_sector: pd.DataFrame
    benchmarks: pd.DataFrame
    assumptions: Assumptions

    @property
    def shares(self) -> pd.DataFrame:
        """Creative values as shares of the economy, same layout as ``values``."""
        denom = self.economy.reindex(self.values.index.get_level_values("region"))
        return pd.DataFrame(self.values.to_numpy() / denom.to_numpy(), index=self.values.index,
                            columns=self.values.columns)

    def table(self, region: str | None = None) -> pd.DataFrame:
        """Values and shares side by side for one region (default: the first)."""
        regions = list(self.economy.index)
        region = regions[0] if region is None else region
        v = self.values.xs(region, level="region")
        s = self.shares.xs(region, level="region")
        return pd.concat({"value": v, "share": s}, axis=1)

    def to_frame(self) -> pd.DataFrame:
        """Tidy: region, domain, indicator, measure (value / share), value."""
        parts = []
        for measure, frame in (("value", self.values), ("share", self.shares)):
            long = frame.stack(future_stack=True).rename("value").reset_index()
            long = long.rename(columns={long.columns[2]: "indicator"})
            long.insert(3, "measure", measure)
            parts.append(long)
        return pd.concat(parts, ignore_index=True)

    def _repr_html_(self) -> str:
        return self.table().to_html(float_format=lambda v: f"{v:,.4g}") + \
            self.assumptions._repr_html_()


def satellite(
    table: object | Mapping[str, object],
    definition: str | Definition = "dcms",
    *,
    weights: Weights = None,
    weights_by_region: Mapping[str, Weights] | None = None,
    include_partial: bool = False,
    partial_share: float = 1.0,
    shares: Mapping[str, float] | None = None,
    benchmarks: str | Mapping[str, object] | None = "unesco_2022",
) -> SatelliteAccount:
    r"""Creative output, GVA, compensation and employment by domain, as values and shares.

    $$ K_d = \sum_s \theta_{s,d}\,k_s, \qquad \sigma_d = K_d \Big/ \sum_s k_s $$

    Parameters
    ----------
    table : IOTable or mapping {region: IOTable}
        One table, or one table per region (e.g. from ``regionalise``); each region is
        accounted for separately and compared with the benchmarks.
    definition : str or Definition, default "dcms"
    weights : Concordance, frame or mapping, optional
        Codes to sectors with composition weights (see
        :func:`~creative_econ.creative.shares.creative_shares`); default: the table's bundled
        concordance.
    weights_by_region : mapping {region: weights}, optional
        Region-specific concordances, overriding ``weights`` for those regions.
    include_partial, partial_share, shares
        How partial codes count.
    benchmarks : "unesco_2022", mapping or None, default "unesco_2022"
        Shares to compare with: ``"unesco_2022"`` (3.1% of GDP, 6.2% of employment) and/or
        ``{"label": {"gva": 0.05, "source": "..."}}``.

    Returns
    -------
    SatelliteAccount
        Employment appears only if the table has it; compensation only if the table names its
        income row.

    Raises
    ------
    InvalidTableError
        Shares or benchmarks outside (0, 1].
    LabelMismatchError, UnknownSectorError, DatasetNotFoundError
        As :func:`~creative_econ.creative.shares.creative_shares`.
    """
    tables = dict(table) if isinstance(table, Mapping) else {getattr(table, "name", "table"): table}
    if not tables:
        raise InvalidTableError("satellite needs at least one table.")
    marks = _benchmarks(benchmarks)
    values, economy, sectors, bench_rows = [], {}, [], []
    card_entries: dict[str, str] = {}
    card_notes: list[str] = []
    for region, tab in tables.items():
        w = (weights_by_region or {}).get(region, weights)
        res = resolve_shares(tab, definition, weights=w, include_partial=include_partial,
                             partial_share=partial_share, shares=shares)
        ind = _indicators(tab)
        empty = [c for c in ind.columns if not float(np.abs(ind[c]).sum()) > 0]
        if empty:  # no share of a zero total: leave the indicator out, and say so
            ind = ind.drop(columns=empty)
            card_notes.append(f"{region}: {', '.join(empty)} left out (zero in the table)")
        theta = res.by_domain
        K = satellite_totals(theta.to_numpy(), ind.to_numpy())
        frame = pd.DataFrame(K, index=theta.columns, columns=ind.columns)
        frame.loc[TOTAL] = frame.sum(axis=0)
        frame.index = pd.MultiIndex.from_product([[region], frame.index],
                                                 names=["region", "domain"])
        values.append(frame)
        totals = ind.sum(axis=0)
        economy[region] = totals
        sec = ind.mul(res.theta, axis=0)
        sec.insert(0, "theta", res.theta)
        sec.index = pd.MultiIndex.from_product([[region], sec.index], names=["region", "sector"])
        sectors.append(sec)
        for mark in marks:
            for indicator in SATELLITE_INDICATORS:
                if indicator in mark and indicator in ind.columns:
                    share = float(frame.loc[(region, TOTAL), indicator] / totals[indicator])
                    bench = float(mark[indicator])
                    bench_rows.append({"region": region, "benchmark": mark["label"],
                                       "indicator": indicator, "share": share,
                                       "benchmark_share": bench, "gap": share - bench,
                                       "source": mark.get("source", "")})
        card_entries = res.assumptions
    all_values = pd.concat(values)
    econ = pd.DataFrame(economy).T.rename_axis("region")
    econ = econ.reindex(columns=all_values.columns)
    first = next(iter(tables.values()))
    base = first.assumptions("I") if hasattr(first, "assumptions") else Assumptions(dataset="")
    card = replace(base, model="satellite account (no model)", closure=None,
                   notes=tuple(card_notes)).with_entries(
        **card_entries, regions=", ".join(map(str, tables)),
        benchmarks="; ".join(f"{m['label']}: {m.get('source', '')}" for m in marks) or "none",
    )
    bench_cols = ["region", "benchmark", "indicator", "share", "benchmark_share", "gap", "source"]
    return SatelliteAccount(
        values=all_values,
        economy=econ,
        by_sector=pd.concat(sectors),
        benchmarks=pd.DataFrame(bench_rows, columns=bench_cols),
        assumptions=card,
    )


def contribution(
    table: object,
    definition: str | Definition = "dcms",
    *,
    type: Literal["I", "II"] = "I",
    weights: Weights = None,
    include_partial: bool = False,
    partial_share: float = 1.0,
    shares: Mapping[str, float] | None = None,
) -> Impact:
    r"""The creative footprint: direct, indirect and induced effects of creative final demand.

    $$ f^c = \hat\theta\, f, \qquad \Delta x = L f^c \;(\text{Type I}), \qquad
       \Delta x = \bar L_{11} f^c_{exo} \;(\text{Type II}) $$

    Creative final demand is $\theta_s$ times the final demand for each sector, never
    $\theta_s x_s$ (which double counts intermediate sales). Type II endogenises household
    consumption, so its creative final demand leaves out the household column of the closure
    (household purchases of creative products then arise as induced effects).

    Parameters
    ----------
    table : IOTable
    definition : str or Definition, default "dcms"
    type : {"I", "II"}, default "I"
    weights, include_partial, partial_share, shares
        As :func:`~creative_econ.creative.shares.creative_shares`.

    Returns
    -------
    Impact
        From ``table.impact``; its shock is $f^c$ and its assumptions card names the
        definition, the concordance and the shock.
    """
    res = resolve_shares(table, definition, weights=weights, include_partial=include_partial,
                         partial_share=partial_share, shares=shares)
    type = table._check_type(type)
    f = table.final_demand.sum(axis=1)
    shock_note = "theta * final demand (all categories)"
    hh = table.households
    if type == "II" and hh is not None:
        if isinstance(hh.consumption, str):
            f = f - table.final_demand[hh.consumption]
            shock_note = f"theta * final demand except {hh.consumption!r} (endogenous)"
        else:
            f = f - hh.consumption.reindex(f.index).fillna(0.0)
            shock_note = "theta * (final demand - household consumption of the closure)"
    f_c = res.theta * f
    impact = table.impact(f_c.rename("creative_final_demand"), type=type)
    card = impact.assumptions.with_entries(**res.assumptions, creative_shock=shock_note)
    return replace(impact, assumptions=card)
