r"""Shift-share decomposition of regional change by sector: classic, Esteban-Marquillas, dynamic.

For a quantity $e_{ir}$ (employment, output or GVA of sector $i$ in region $r$) between a base
year 0 and an end year 1, with national growth $g_N = e^1_{\cdot\cdot}/e^0_{\cdot\cdot} - 1$,
national sector growth $g_{iN} = e^1_{i\cdot}/e^0_{i\cdot} - 1$ (national totals are the sums
over the regions given) and regional sector growth $g_{ir} = e^1_{ir}/e^0_{ir} - 1$
(Dunn 1960; METHODS §6):

$$ \Delta e_{ir} = \underbrace{e^0_{ir} g_N}_{\text{national share}}
 + \underbrace{e^0_{ir}(g_{iN} - g_N)}_{\text{industry mix}}
 + \underbrace{e^0_{ir}(g_{ir} - g_{iN})}_{\text{regional shift}} . $$

The regional shift is computed as $\Delta e_{ir} - e^0_{ir} g_{iN}$, which equals the
expression above and needs no division by $e^0_{ir}$ (so a sector absent from a region in the
base year is fine). Esteban-Marquillas (1972) splits the regional shift with the homothetic
quantity $\tilde e_{ir} = e^0_{\cdot r} e^0_{i\cdot}/e^0_{\cdot\cdot}$ (the region's size
with the national mix) into a competitive effect $\tilde e_{ir}(g_{ir} - g_{iN})$ and an
allocation effect $(e^0_{ir} - \tilde e_{ir})(g_{ir} - g_{iN})$. The dynamic version (Barff &
Knight 1988) applies the classic decomposition to each pair of consecutive years, with weights
updated every year, and sums the components; it avoids the drift of a fixed base when growth
is fast or the structure changes.

The pure functions work on arrays (sectors x regions) and never modify their arguments;
:func:`shift_share` is the labelled layer on frames.

References
----------
Barff, R.A. & Knight, P.L. (1988). Dynamic shift-share analysis. *Growth and Change* 19(2),
1-10.
Dunn, E.S. (1960). A statistical and analytical technique for regional analysis. *Papers of
the Regional Science Association* 6, 97-112.
Esteban-Marquillas, J.M. (1972). A reinterpretation of shift-share analysis. *Regional and
Urban Economics* 2(3), 249-255.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._labels import describe_bad
from ..errors import InvalidOptionError, InvalidTableError, LabelMismatchError, UnknownSectorError
from ._errors import InvalidSeriesError
from ._plot import axes
from ._series import missing_years, short_list

__all__ = [
    "CLASSIC",
    "ShiftShare",
    "classic_shift_share",
    "dynamic_shift_share",
    "esteban_marquillas",
    "sector_region_frames",
    "shift_share",
]

ShiftShareMethod = Literal["classic", "esteban_marquillas", "dynamic"]
_METHODS = ("classic", "esteban_marquillas", "dynamic")
#: The three classic components, in order.
CLASSIC: tuple[str, ...] = ("national_share", "industry_mix", "regional_shift")
_EM: tuple[str, ...] = ("competitive", "allocation")


# ---------------------------------------------------------------------- pure core
def _check_pair(e0: np.ndarray, e1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(e0, dtype=float)
    b = np.asarray(e1, dtype=float)
    if a.ndim != 2 or a.shape != b.shape:
        raise InvalidTableError(
            f"base and end must be 2-D arrays of the same shape (sectors x regions); got "
            f"{a.shape} and {b.shape}."
        )
    if a.sum() <= 0:
        raise InvalidTableError(
            "The base-year total is not positive: national growth is undefined."
        )
    zero = a.sum(axis=1) <= 0
    if zero.any():
        rows = [int(i) for i in np.flatnonzero(zero)]
        raise InvalidTableError(
            f"Sector rows {rows} are zero in every region in the base year: their national "
            "growth is undefined. Drop them."
        )
    return a, b


def classic_shift_share(
    e0: np.ndarray, e1: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Classic shift-share components of $\Delta e = e^1 - e^0$ (sectors x regions).

    Parameters
    ----------
    e0, e1 : ndarray of shape (n_sectors, n_regions)
        Base- and end-year values, non-negative; every sector non-zero somewhere in the base.

    Returns
    -------
    national_share, industry_mix, regional_shift : ndarray of shape (n_sectors, n_regions)
        $e^0 g_N$, $e^0 (g_{iN} - g_N)$ and $\Delta e - e^0 g_{iN}$; they sum to
        $e^1 - e^0$ (to rounding).
    """
    a, b = _check_pair(e0, e1)
    g_n = b.sum() / a.sum() - 1.0
    g_i = (b.sum(axis=1) / a.sum(axis=1) - 1.0)[:, None]
    national = a * g_n
    mix = a * (g_i - g_n)
    regional = (b - a) - a * g_i
    return national, mix, regional


def esteban_marquillas(
    e0: np.ndarray, e1: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""Esteban-Marquillas: the classic components and the regional shift split in two.

    $\tilde e_{ir} = e^0_{\cdot r} e^0_{i\cdot} / e^0_{\cdot\cdot}$; competitive
    $= \tilde e_{ir}(g_{ir} - g_{iN})$, allocation $= (e^0_{ir} - \tilde e_{ir})(g_{ir} -
    g_{iN})$. The last two sum to the classic regional shift.

    Returns
    -------
    national_share, industry_mix, regional_shift, competitive, allocation : ndarray
        Each of shape (n_sectors, n_regions).

    Raises
    ------
    InvalidTableError
        A cell is zero in the base year: $g_{ir}$ is undefined there (use the classic method,
        or leave that sector out).
    """
    a, b = _check_pair(e0, e1)
    if np.any(a <= 0):
        cells = [tuple(int(v) for v in pos) for pos in np.argwhere(a <= 0)[:3]]
        raise InvalidTableError(
            "Esteban-Marquillas needs every cell positive in the base year (regional growth "
            f"g_ir = e1/e0 - 1); zero or negative at (row, column) {cells}. Use the classic "
            "method or leave those sectors out."
        )
    national, mix, regional = classic_shift_share(a, b)
    homothetic = np.outer(a.sum(axis=1), a.sum(axis=0)) / a.sum()
    diff = b / a - (b.sum(axis=1) / a.sum(axis=1))[:, None]
    return national, mix, regional, homothetic * diff, (a - homothetic) * diff


def dynamic_shift_share(values: np.ndarray) -> np.ndarray:
    r"""Year-by-year classic components (Barff & Knight 1988).

    Parameters
    ----------
    values : ndarray of shape (n_years, n_sectors, n_regions)
        Consecutive years.

    Returns
    -------
    ndarray of shape (n_years - 1, 3, n_sectors, n_regions)
        For each step $t-1 \to t$ the national share, industry mix and regional shift with
        year $t-1$ as base; summed over steps they give $e^{T} - e^{0}$ (to rounding).
    """
    v = np.asarray(values, dtype=float)
    if v.ndim != 3 or v.shape[0] < 2:
        raise InvalidTableError(
            f"values must be (n_years >= 2, sectors, regions); got shape {v.shape}."
        )
    return np.stack([np.stack(classic_shift_share(v[t - 1], v[t])) for t in range(1, len(v))])


# ---------------------------------------------------------------------- labelled layer
@dataclass(frozen=True, eq=False)
class ShiftShare:
    """A shift-share decomposition by region and sector.

    Attributes
    ----------
    components : DataFrame
        Tidy, one row per region and sector: ``region, sector, base, end, change``, then
        ``national_share, industry_mix, regional_shift`` (summing to ``change``) and, for
        Esteban-Marquillas, ``competitive, allocation`` (summing to ``regional_shift``). For the
        dynamic method the components are sums over the yearly steps.
    method : str
    years : tuple of int or None
        Base and end year (and the years between, for the dynamic method), if given.
    by_year : DataFrame or None
        Dynamic method: the components of every step, with column ``year`` (the step's end
        year, or its position when years are not given).
    value : str
        What is decomposed (e.g. ``"output, million KZT, current prices"``).
    notes : tuple of str
    """

    components: pd.DataFrame
    method: str
    years: tuple[int, ...] | None = None
    by_year: pd.DataFrame | None = None
    value: str = ""
    notes: tuple[str, ...] = ()

    @property
    def component_names(self) -> tuple[str, ...]:
        """The component columns: the classic three, plus competitive and allocation (E-M)."""
        return CLASSIC + (_EM if self.method == "esteban_marquillas" else ())

    @property
    def span(self) -> int:
        """Years between base and end (1 when years were not given)."""
        return 1 if self.years is None else self.years[-1] - self.years[0]

    def _sum(self, by: str) -> pd.DataFrame:
        cols = ["base", "end", "change", *self.component_names]
        return self.components.groupby(by, sort=False)[cols].sum()

    def by_region(self) -> pd.DataFrame:
        """Components summed over sectors: one row per region."""
        return self._sum("region")

    def by_sector(self) -> pd.DataFrame:
        """Components summed over regions: one row per sector."""
        return self._sum("sector")

    def to_frame(self) -> pd.DataFrame:
        """Tidy long table: ``region, sector, component, value``."""
        return self.components.melt(
            id_vars=["region", "sector"],
            value_vars=list(self.component_names),
            var_name="component",
            value_name="value",
        )

    def allocation(self, growth: float | Mapping[Any, float] | pd.Series) -> pd.DataFrame:
        r"""Regional shares of a projected national change, by the constant-shift rule.

        Each region keeps its annualised growth differential over the decomposition period,
        $d_{ir} = (e^1_{ir}/e^0_{ir})^{1/T} - (e^1_{i\cdot}/e^0_{i\cdot})^{1/T}$, so with national
        sector growth $g_i$ next year the regional changes are
        $\Delta_{ir} = e^1_{ir}(g_i + d_{ir})$ and the shares
        $s_{ir} = \Delta_{ir} / \sum_r \Delta_{ir}$ (they sum to one by sector and allocate
        national creative growth to regions in a scenario). A region with no base-year value
        gets $d_{ir} = 0$. A negative share is a region projected to shrink while the nation
        grows.

        Parameters
        ----------
        growth : float, mapping or Series
            Projected annual national growth $g_i$, one rate for all sectors or by sector.

        Returns
        -------
        DataFrame
            Sectors x regions, rows summing to one.

        Raises
        ------
        UnknownSectorError
            A sector of ``growth`` is not in the decomposition.
        InvalidTableError
            The projected national change of a sector is zero (shares undefined).
        """
        end = self.components.pivot(index="sector", columns="region", values="end")
        base = self.components.pivot(index="sector", columns="region", values="base")
        sectors = end.index
        if isinstance(growth, (Mapping, pd.Series)):
            g = pd.Series(dict(growth.items()), dtype=float)
            for s in g.index:
                if s not in sectors:
                    raise UnknownSectorError(s, sectors, where="growth")
            missing = sectors.difference(g.index)
            if len(missing):
                raise LabelMismatchError(
                    f"growth has no rate for the sectors {short_list(list(missing))}; give one "
                    "for every sector or a single rate."
                )
            g = g.reindex(sectors).to_numpy()
        else:
            g = np.full(len(sectors), float(growth))
        if not np.all(np.isfinite(g)) or np.any(g <= -1):
            raise InvalidTableError(f"growth rates must be finite and above -1; got {g}.")
        b, e = base.to_numpy(), end.to_numpy()
        t = float(self.span)
        with np.errstate(divide="ignore", invalid="ignore"):
            regional = np.where(b > 0, (e / np.where(b > 0, b, 1.0)) ** (1.0 / t), np.nan)
        national = (e.sum(axis=1) / b.sum(axis=1)) ** (1.0 / t)
        diff = np.where(np.isnan(regional), 0.0, regional - national[:, None])
        change = e * (g[:, None] + diff)
        total = change.sum(axis=1)
        tiny = np.abs(total) <= 1e-12 * np.abs(e).sum(axis=1)
        if tiny.any():
            raise InvalidTableError(
                f"The projected national change is zero for {list(sectors[tiny])}: regional "
                "shares of it are undefined. Use another growth rate."
            )
        return pd.DataFrame(change / total[:, None], index=sectors, columns=end.columns)

    def plot(
        self, ax: Any = None, *, sectors: Sequence[Any] | None = None, title: str | None = None
    ) -> Any:
        """Stacked horizontal bars of the components by region (summed over ``sectors``).

        Returns the matplotlib Figure; a dot marks each region's total change.
        """
        comps = self.components
        if sectors is not None:
            for s in sectors:
                if s not in set(comps["sector"]):
                    raise UnknownSectorError(s, comps["sector"].unique(), where="sectors")
            comps = comps[comps["sector"].isin(list(sectors))]
        frame = comps.groupby("region", sort=False)[[*CLASSIC, "change"]].sum()
        frame = frame.sort_values("change")
        fig, ax = axes(ax, (7.5, max(3.0, 0.3 * len(frame) + 1.2)))
        pos = np.arange(len(frame))
        left_pos = np.zeros(len(frame))
        left_neg = np.zeros(len(frame))
        for k, col in enumerate(CLASSIC):
            v = frame[col].to_numpy()
            left = np.where(v >= 0, left_pos, left_neg)
            ax.barh(pos, v, left=left, color=f"C{k}", label=col.replace("_", " "))
            left_pos += np.where(v >= 0, v, 0.0)
            left_neg += np.where(v < 0, v, 0.0)
        ax.plot(frame["change"].to_numpy(), pos, "k.", label="change")
        ax.set_yticks(pos, [str(r) for r in frame.index])
        ax.axvline(0.0, color="0.5", lw=0.8)
        span = "" if self.years is None else f" {self.years[0]}-{self.years[-1]}"
        ax.set_title(title if title is not None else f"Shift-share ({self.method}){span}")
        ax.set_xlabel(self.value or "change")
        ax.legend(frameon=False, fontsize="small")
        return fig

    def __repr__(self) -> str:
        span = "" if self.years is None else f" {self.years[0]}-{self.years[-1]}"
        return (
            f"ShiftShare ({self.method}{span}): {self.components['region'].nunique()} regions x "
            f"{self.components['sector'].nunique()} sectors; change "
            f"{self.components['change'].sum():,.6g}"
        )

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<h4>{html.escape(repr(self))}</h4>"
            + self.by_region().to_html(float_format=lambda v: f"{v:,.4g}")
            + (f"<ul>{notes}</ul>" if notes else "")
        )


def _frame(frame: object, what: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise InvalidTableError(
            f"{what} must be a DataFrame with sectors in rows and regions in columns; got "
            f"{type(frame).__name__}."
        )
    for axis, labels in (("row (sector)", frame.index), ("column (region)", frame.columns)):
        if labels.has_duplicates:
            dup = list(labels[labels.duplicated()].unique())
            raise LabelMismatchError(f"{what} has duplicate {axis} labels: {short_list(dup)}.")
    try:
        values = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise InvalidTableError(f"{what} holds non-numeric values.") from None
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        raise InvalidTableError(
            f"{what} must hold non-negative finite values; found "
            f"{describe_bad(bad, values, frame.index, frame.columns)} (sector, region)."
        )
    return frame


def _aligned(reference: pd.DataFrame, other: pd.DataFrame, what: str) -> pd.DataFrame:
    """``other`` reordered to ``reference``'s labels, or LabelMismatchError naming them."""
    for axis, ref, got in (
        ("sectors", reference.index, other.index),
        ("regions", reference.columns, other.columns),
    ):
        missing = ref.difference(got, sort=False)
        unexpected = got.difference(ref, sort=False)
        if len(missing) or len(unexpected):
            parts = []
            if len(missing):
                parts.append(f"missing {short_list(list(missing))}")
            if len(unexpected):
                parts.append(f"unexpected {short_list(list(unexpected))}")
            raise LabelMismatchError(
                f"The {axis} of {what} do not match the base year's: {'; '.join(parts)}. "
                "Use the same sectors and regions in every year (e.g. drop a section published "
                "in one year only)."
            )
    return other.loc[reference.index, reference.columns]


def _tidy(arrays: dict[str, np.ndarray], sectors: pd.Index, regions: pd.Index) -> pd.DataFrame:
    n_s, n_r = len(sectors), len(regions)
    out = pd.DataFrame(
        {
            "region": np.tile(regions.to_numpy(), n_s),
            "sector": np.repeat(sectors.to_numpy(), n_r),
        }
    )
    for name, arr in arrays.items():
        out[name] = arr.reshape(-1)
    return out.sort_values(["region", "sector"], kind="stable").reset_index(drop=True)


def _check_years(years: Sequence[int] | None, n_frames: int, method: str) -> tuple[int, ...] | None:
    if years is None:
        return None
    try:
        ys = tuple(int(y) for y in years)
    except (TypeError, ValueError):
        raise InvalidSeriesError(f"years must be integers; got {years!r}.") from None
    if len(ys) != n_frames:
        raise InvalidSeriesError(
            f"years has {len(ys)} entries for {n_frames} frames (base, "
            f"{'the years between, ' if method == 'dynamic' else ''}end)."
        )
    if any(b <= a for a, b in pairwise(ys)):
        raise InvalidSeriesError(f"years must increase; got {list(ys)}.")
    if method == "dynamic":
        gaps = missing_years(np.asarray(ys))
        if gaps:
            raise InvalidSeriesError(
                f"Gaps in years: {short_list(gaps)} missing between {ys[0]} and {ys[-1]}. The "
                "dynamic method steps year by year: pass a frame for every year in between."
            )
    return ys


def shift_share(
    base: pd.DataFrame,
    end: pd.DataFrame,
    *,
    method: ShiftShareMethod = "classic",
    between: Sequence[pd.DataFrame] = (),
    years: Sequence[int] | None = None,
    value: str = "",
) -> ShiftShare:
    """Shift-share decomposition of the change from ``base`` to ``end`` by region and sector.

    Parameters
    ----------
    base, end : DataFrame
        Sectors in rows, regions in columns, the same labels (in any order); non-negative
        values of employment, output or GVA. National totals are the sums over the regions
        given, so pass every region (and no national row).
    method : {"classic", "esteban_marquillas", "dynamic"}, default "classic"
    between : sequence of DataFrame
        Dynamic method only: the frames of the years between base and end, in order.
    years : sequence of int, optional
        The years of base (and of ``between``) and end, e.g. ``(2022, 2025)`` or
        ``(2022, 2023, 2024, 2025)`` for the dynamic method, where they must be consecutive.
        Used for labels and to annualise growth in :meth:`ShiftShare.allocation`.
    value : str
        What is decomposed, for labels (e.g. ``"output, million KZT, current prices"``).

    Returns
    -------
    ShiftShare

    Raises
    ------
    LabelMismatchError
        The frames' sectors or regions differ, or are duplicated.
    InvalidTableError
        Non-numeric, missing, infinite or negative values; a sector zero in every region in the
        base year; Esteban-Marquillas with a zero base-year cell; ``between`` given for a
        method other than dynamic.
    InvalidSeriesError
        Gaps in ``years`` for the dynamic method, or years that do not match the frames.
    InvalidOptionError
        Unknown method.

    Examples
    --------
    >>> frames = sector_region_frames(output, value="output_mln_kzt")  # doctest: +SKIP
    >>> ss = shift_share(frames[2022], frames[2025], years=(2022, 2025))  # doctest: +SKIP
    >>> ss.by_region()  # doctest: +SKIP
    """
    if method not in _METHODS:
        raise InvalidOptionError("method", method, _METHODS)
    between = list(between)
    if between and method != "dynamic":
        raise InvalidTableError(
            f"between= is for method='dynamic' (year-by-year steps); method={method!r} uses "
            "base and end only."
        )
    base = _frame(base, "base")
    frames = [base]
    for k, fr in enumerate([*between, end]):
        what = "end" if k == len(between) else f"between[{k}]"
        frames.append(_aligned(base, _frame(fr, what), what))
    ys = _check_years(years, len(frames), method)
    sectors, regions = base.index, base.columns
    stack = np.stack([f.to_numpy(dtype=float) for f in frames])
    e0, e1 = stack[0], stack[-1]
    bases = stack[:-1] if method == "dynamic" else stack[:1]
    zero = np.flatnonzero((bases.sum(axis=2) <= 0).any(axis=0))
    if len(zero):
        raise InvalidTableError(
            f"Sectors {short_list(list(sectors[zero]))} are zero in every region in a base "
            "year: their national growth is undefined. Leave them out."
        )
    if method == "esteban_marquillas" and np.any(e0 <= 0):
        raise InvalidTableError(
            "Esteban-Marquillas needs every cell positive in the base year (regional growth "
            f"e1/e0 - 1); found {describe_bad(e0 <= 0, e0, sectors, regions)} (sector, region)."
            " Use method='classic' or leave those sectors out."
        )
    notes: list[str] = []
    by_year = None
    if method == "classic":
        comps = dict(zip(CLASSIC, classic_shift_share(e0, e1), strict=True))
    elif method == "esteban_marquillas":
        comps = dict(zip(CLASSIC + _EM, esteban_marquillas(e0, e1), strict=True))
    else:
        steps = dynamic_shift_share(stack)
        comps = dict(zip(CLASSIC, steps.sum(axis=0), strict=True))
        labels = ys[1:] if ys is not None else tuple(range(1, len(frames)))
        parts = []
        for t, label in enumerate(labels):
            part = _tidy(
                {
                    "base": stack[t],
                    "end": stack[t + 1],
                    "change": stack[t + 1] - stack[t],
                    **dict(zip(CLASSIC, steps[t], strict=True)),
                },
                sectors,
                regions,
            )
            part.insert(0, "year", label)
            parts.append(part)
        by_year = pd.concat(parts, ignore_index=True)
        notes.append("components are sums of year-by-year steps with updated weights")
    components = _tidy({"base": e0, "end": e1, "change": e1 - e0, **comps}, sectors, regions)
    return ShiftShare(
        components=components,
        method=method,
        years=ys,
        by_year=by_year,
        value=value,
        notes=tuple(notes),
    )


def sector_region_frames(
    data: pd.DataFrame,
    value: str,
    *,
    sector: str = "section",
    region: str = "region",
    year: str = "year",
) -> dict[int, pd.DataFrame]:
    """Sector x region frames by year from a tidy frame (e.g. a Kazakhstan loader's output).

    Raises
    ------
    LabelMismatchError
        A named column is missing, or a year lacks some sector x region cells (no silent NaN).
    InvalidTableError
        More than one row for a year, sector and region.
    """
    if not isinstance(data, pd.DataFrame):
        raise InvalidTableError(f"data must be a tidy DataFrame; got {type(data).__name__}.")
    for role, col in (("value", value), ("sector", sector), ("region", region), ("year", year)):
        if col not in data.columns:
            raise LabelMismatchError(
                f"{role}={col!r} is not a column of data; columns are "
                f"{short_list(list(data.columns), 12)}."
            )
    keys = [year, sector, region]
    dup = data.duplicated(keys)
    if dup.any():
        first = data.loc[dup, keys].iloc[0].to_dict()
        raise InvalidTableError(f"More than one row for {first}; aggregate first.")
    sectors = pd.Index(pd.unique(data[sector]), name=sector)
    regions = pd.Index(pd.unique(data[region]), name=region)
    out: dict[int, pd.DataFrame] = {}
    for y, part in data.groupby(year, sort=True):
        wide = part.pivot(index=sector, columns=region, values=value)
        missing_s = sectors.difference(wide.index, sort=False)
        missing_r = regions.difference(wide.columns, sort=False)
        wide = wide.reindex(index=sectors, columns=regions)
        holes = np.argwhere(wide.isna().to_numpy())
        if len(holes):
            i, j = holes[0]
            raise LabelMismatchError(
                f"Year {y} lacks {len(holes)} sector x region cells present in other years "
                f"(first: sector {sectors[i]!r}, region {regions[j]!r}; sectors missing "
                f"entirely: [{short_list(list(missing_s))}], regions: "
                f"[{short_list(list(missing_r))}]). Select sectors and regions published in "
                "every year."
            )
        wide.columns.name = region
        out[int(y)] = wide
    return out
