r"""Checking regionalisation methods against a survey-based regional table.

Generic tools (:func:`multiplier_errors`, :func:`mape`, :func:`leave_one_out_delta`) and the
worked case the documentation reports: the ONS UK 2010 table regionalised to Scotland and
compared with the Scottish Government's own tables.

The Scottish case (:func:`uk_scotland_case`, :func:`scotland_scores`):

* both tables are aggregated to the 95 common groups of SIC 2007 codes of
  :func:`~creative_econ.datasets._scotland.uk_scotland_concordance`;
* Scotland's output by group, from its own table, is the regional data (output basis);
* the measure is the mean absolute percentage error of Type I output multipliers,
  $\mathrm{MAPE} = \frac{100}{n}\sum_j |\hat m_j - m_j| / m_j$, over the groups with Scottish
  output;
* the UK table exists for 2010 only. For another year $t$ the regional data are Scotland's
  year-$t$ output by group at its 2010 total (the year's industry mix at the 2010 size) and the
  nation is the 2010 rest of the UK plus that: $q^N_t = x^{UK}_{2010} - x^{S}_{2010} + x^{S}_t$.
  The coefficients are the UK's 2010 ones throughout, so other years also test how well a
  method travels in time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from ..datasets._scotland import (
    SCOTLAND_YEARS,
    scotland_ixi,
    uk_ioat_2010_imports_use,
    uk_scotland_concordance,
)
from ..table import IOTable, ModelType
from ._errors import RegionalDataError
from .data import RegionalData
from .regionalise import regionalise

__all__ = [
    "MethodSpec",
    "ScotlandCase",
    "leave_one_out_delta",
    "mape",
    "multiplier_errors",
    "scotland_regional_data",
    "scotland_scores",
    "uk_scotland_case",
]


# ============================================================================ generic
def multiplier_errors(
    estimate: IOTable, reference: IOTable, *, indicator: str = "output", type: ModelType = "I"
) -> pd.DataFrame:
    """Multipliers of an estimated table against a reference table with the same sectors.

    Parameters
    ----------
    estimate, reference : IOTable
        Tables over the same sector labels (aggregate them to common groups first).
    indicator : str, default "output"
        A column of :meth:`IOTable.multipliers`.
    type : {"I", "II"}, default "I"

    Returns
    -------
    DataFrame
        By sector: ``estimate``, ``reference``, ``error`` (estimate - reference) and
        ``abs_pct_error``; sectors without output in either table (or with an undefined
        multiplier) are left out.

    Raises
    ------
    RegionalDataError
        The tables do not have the same sectors.
    """
    if set(estimate.sectors) != set(reference.sectors):
        missing = list(reference.sectors.difference(estimate.sectors)[:5])
        extra = list(estimate.sectors.difference(reference.sectors)[:5])
        raise RegionalDataError(
            f"The tables must have the same sectors (aggregate both to common groups); "
            f"missing {missing}, unexpected {extra}."
        )
    est = estimate.multipliers(type=type)[indicator]
    ref = reference.multipliers(type=type)[indicator].reindex(est.index)
    frame = pd.DataFrame({"estimate": est, "reference": ref})
    producing = (estimate.x.reindex(frame.index) > 0) & (reference.x.reindex(frame.index) > 0)
    frame = frame[producing & np.isfinite(frame).all(axis=1) & (frame["reference"] != 0)]
    frame["error"] = frame["estimate"] - frame["reference"]
    frame["abs_pct_error"] = 100.0 * frame["error"].abs() / frame["reference"].abs()
    return frame


def mape(estimate: IOTable, reference: IOTable, **kwargs: object) -> float:
    r"""Mean absolute percentage error of multipliers, $\frac{100}{n}\sum_j|\hat m_j-m_j|/m_j$.

    Keyword arguments are those of :func:`multiplier_errors`.
    """
    return float(multiplier_errors(estimate, reference, **kwargs)["abs_pct_error"].mean())


def leave_one_out_delta(scores: pd.DataFrame) -> pd.DataFrame:
    """Out-of-sample calibration of δ: for each year, δ fitted on all the *other* years.

    Parameters
    ----------
    scores : DataFrame
        Error (e.g. MAPE) with one row per year and one column per candidate δ.

    Returns
    -------
    DataFrame
        By year: ``delta`` (the δ minimising the mean error over the other years) and
        ``score`` (that δ's error in the held-out year). The year being scored never
        influences its own δ.
    """
    if len(scores) < 2:
        raise RegionalDataError("Leave-one-out calibration needs at least two years.")
    rows = []
    for year in scores.index:
        rest = scores.drop(index=year)
        delta = float(rest.mean(axis=0).idxmin())
        rows.append({"year": year, "delta": delta, "score": float(scores.loc[year, delta])})
    return pd.DataFrame(rows).set_index("year")


# ============================================================================ the Scottish case
@dataclass(frozen=True)
class MethodSpec:
    """One regionalisation set-up to score: method, δ (Flegg family) and cap."""

    method: str
    delta: float | None = None
    cap: str = "none"

    @property
    def label(self) -> str:
        text = self.method.upper()
        if self.delta is not None:
            text += f" δ={self.delta:g}"
        if self.cap != "none":
            text += f" + {self.cap.upper()} cap"
        return text


@dataclass(frozen=True, eq=False)
class ScotlandCase:
    """The UK 2010 table, its imports and the Scottish tables, all on the 95 common groups."""

    national: IOTable
    imports: pd.DataFrame
    mapping_uk: pd.Series
    mapping_scotland: pd.Series

    def reference(self, year: int) -> IOTable:
        """Scotland's own table for ``year``, aggregated to the common groups."""
        return _scotland_grouped(year)

    @property
    def groups(self) -> pd.Index:
        return self.national.sectors


@cache
def _scotland_grouped(year: int) -> IOTable:
    mapping = _mappings()[1]
    table = scotland_ixi(year).aggregate(mapping, name=f"scotland_ixi_{year} (95 groups)")
    return table


@cache
def _mappings() -> tuple[pd.Series, pd.Series]:
    c = uk_scotland_concordance()
    uk = c[c["classification"] == "ons_uk_ioat_2010"].set_index("code")["group"]
    sc = c[c["classification"] == "scotland_ioc098"].set_index("code")["group"]
    return uk, sc


@cache
def uk_scotland_case() -> ScotlandCase:
    """The worked case: UK 2010 (ONS, 127 products) and Scotland (98 industries) on 95 groups."""
    from ..datasets import load_dataset  # the registry sits above this module's imports

    uk_map, sc_map = _mappings()
    uk = load_dataset("uk_ioat_2010")
    national = uk.aggregate(uk_map, name="uk_ioat_2010 (95 groups)")
    imp = uk_ioat_2010_imports_use()
    groups = national.sectors
    by_row = imp.groupby(uk_map.reindex(imp.index).to_numpy(), sort=False).sum()
    sector_cols = [c for c in imp.columns if c in uk.sectors]
    fd_cols = [c for c in imp.columns if c not in uk.sectors]
    by_col = by_row[sector_cols].T.groupby(uk_map.reindex(sector_cols).to_numpy(),
                                           sort=False).sum().T
    imports = pd.concat([by_col, by_row[fd_cols]], axis=1).reindex(index=groups)
    imports = imports[[*groups, *fd_cols]]
    return ScotlandCase(national=national, imports=imports, mapping_uk=uk_map,
                        mapping_scotland=sc_map)


def scotland_regional_data(case: ScotlandCase, year: int) -> tuple[RegionalData, pd.Series]:
    """Scotland's regional data for ``year`` and the national sizes to compare it with.

    Returns
    -------
    RegionalData
        Output by group (region code ``"SCO"``): Scotland's year-``year`` industry mix at its
        2010 total.
    Series
        National output by group: the 2010 rest of the UK plus the regional data.
    """
    groups = case.groups
    base = case.reference(2010).x.reindex(groups)
    x_t = case.reference(year).x.reindex(groups)
    x_r = x_t * (base.sum() / x_t.sum())
    nation = case.national.x - base + x_r
    data = RegionalData(
        output=x_r.to_frame("SCO").T, names={"SCO": "Scotland"}, year=int(year),
        unit="million GBP",
        source=f"Scottish Government IxI table {year}, output by group"
        + ("" if year == 2010 else ", rescaled to the 2010 total"),
    )
    return data, nation.rename("output")


def scotland_scores(
    specs: Sequence[MethodSpec], years: Iterable[int] = (2010,), *,
    case: ScotlandCase | None = None,
) -> pd.DataFrame:
    """MAPE of Type I output multipliers for each set-up and year (see the module docstring).

    Parameters
    ----------
    specs : sequence of MethodSpec
        ``MethodSpec("national")`` scores the unregionalised UK table.
    years : iterable of int, default (2010,)
    case : ScotlandCase, optional
        Defaults to :func:`uk_scotland_case`.

    Returns
    -------
    DataFrame
        Columns ``year``, ``method``, ``delta``, ``cap``, ``label`` and ``mape``.
    """
    case = case or uk_scotland_case()
    rows = []
    for year in years:
        if year not in SCOTLAND_YEARS:
            raise RegionalDataError(f"No Scottish table for {year}; years are 1998-2019.")
        reference = case.reference(year)
        data, nation = scotland_regional_data(case, year)
        for spec in specs:
            if spec.method == "national":
                table = case.national
            else:
                kwargs: dict[str, object] = {"method": spec.method, "cap": spec.cap}
                if spec.delta is not None:
                    kwargs["delta"] = spec.delta
                if spec.method == "charm" or spec.cap == "charm":
                    kwargs["national_imports"] = case.imports
                table = regionalise(case.national, data, region="SCO",
                                    national_sizes=None if year == 2010 else nation,
                                    **kwargs)  # type: ignore[arg-type]
            rows.append({"year": year, "method": spec.method, "delta": spec.delta,
                         "cap": spec.cap, "label": spec.label,
                         "mape": mape(table, reference)})
    return pd.DataFrame(rows)
