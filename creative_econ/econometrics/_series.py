"""Checks shared by the econometric wrappers: annual series, years, positive values for logs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InvalidOptionError
from ._errors import InvalidSeriesError

__all__ = ["annual_series", "as_generator", "check_positive", "missing_years", "short_list"]


def short_list(items: list[object] | pd.Index, k: int = 6) -> str:
    items = list(items)
    more = f" and {len(items) - k} more" if len(items) > k else ""
    return ", ".join(repr(i) if isinstance(i, str) else str(i) for i in items[:k]) + more


def missing_years(years: np.ndarray) -> list[int]:
    """Years absent between the first and last of ``years`` (sorted, unique ints)."""
    if len(years) == 0:
        return []
    full = np.arange(years[0], years[-1] + 1)
    return [int(y) for y in np.setdiff1d(full, years)]


def _years_of(index: pd.Index, what: str) -> np.ndarray:
    if isinstance(index, pd.PeriodIndex):
        if index.freqstr[0] not in ("Y", "A"):
            raise InvalidSeriesError(
                f"{what} has a {index.freqstr} PeriodIndex; the econometric wrappers work on "
                "annual series. Aggregate to years first (e.g. series.resample('Y').sum())."
            )
        return np.asarray(index.year, dtype=int)
    if isinstance(index, pd.DatetimeIndex):
        years = np.asarray(index.year, dtype=int)
        if len(np.unique(years)) != len(years):
            raise InvalidSeriesError(
                f"{what} has several observations in one year; the econometric wrappers work on "
                "annual series. Aggregate to years first."
            )
        return years
    try:
        values = pd.to_numeric(pd.Series(index, dtype=object), errors="raise").to_numpy(float)
    except (TypeError, ValueError):
        raise InvalidSeriesError(
            f"{what} must be indexed by year (integers such as 2015, 2016, ...); its index "
            f"starts {short_list(list(index[:3]))}. Set the year as the index, e.g. "
            "frame.set_index('year')[column]."
        ) from None
    if not np.all(np.isfinite(values)) or np.any(values != np.round(values)):
        raise InvalidSeriesError(
            f"{what} must be indexed by whole years; its index holds {short_list(list(index))}."
        )
    return values.astype(int)


def annual_series(series: object, *, what: str = "series", log: bool = False) -> pd.Series:
    """A float copy of an annual series indexed by consecutive integer years (sorted).

    Raises
    ------
    InvalidSeriesError
        Not a Series; index not years; duplicated years; gaps in the years; missing, infinite
        or non-numeric values; non-positive values when ``log`` is True.
    """
    if isinstance(series, pd.DataFrame):
        raise InvalidSeriesError(
            f"{what} must be a pandas Series indexed by year; got a DataFrame with columns "
            f"{short_list(list(series.columns))}. Select one column, e.g. frame[column]."
        )
    if not isinstance(series, pd.Series):
        raise InvalidSeriesError(
            f"{what} must be a pandas Series indexed by year; got {type(series).__name__}."
        )
    years = _years_of(series.index, what)
    try:
        values = pd.to_numeric(series, errors="raise").to_numpy(dtype=float, copy=True)
    except (TypeError, ValueError):
        raise InvalidSeriesError(f"{what} holds non-numeric values.") from None
    order = np.argsort(years, kind="stable")
    years, values = years[order], values[order]
    dup = np.unique(years[1:][np.diff(years) == 0])
    if dup.size:
        raise InvalidSeriesError(
            f"{what} has more than one value for the years {short_list(list(dup))}; give one "
            "value per year."
        )
    gaps = missing_years(years)
    if gaps:
        raise InvalidSeriesError(
            f"{what} has gaps in its years: {short_list(gaps)} missing between {years[0]} and "
            f"{years[-1]}. Fill them explicitly (e.g. from a published figure or by "
            "interpolation you document) or use a window without gaps."
        )
    bad = ~np.isfinite(values)
    if bad.any():
        raise InvalidSeriesError(
            f"{what} has missing or infinite values in {short_list(list(years[bad]))}. Fill them "
            "explicitly or use a window without them."
        )
    if log:
        check_positive(values, years, what)
    name = series.name
    return pd.Series(values, index=pd.Index(years, name="year"), name=name)


def check_positive(values: np.ndarray, labels: np.ndarray | pd.Index, what: str) -> None:
    """Raise InvalidSeriesError naming the first non-positive values (a log model needs > 0)."""
    bad = values <= 0
    if bad.any():
        lab = np.asarray(labels)[bad]
        shown = ", ".join(f"{y}: {v:g}" for y, v in zip(lab[:4], values[bad][:4], strict=True))
        raise InvalidSeriesError(
            f"{what} must be positive for a model on logs; found {shown}"
            f"{' ...' if bad.sum() > 4 else ''}. Use log=False for a series that can be zero "
            "or negative, or model a positive quantity (a level, not a change)."
        )


def as_generator(rng: object) -> np.random.Generator:
    """A numpy Generator from a Generator or an integer seed (explicit, for reproducibility)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise InvalidOptionError("rng", rng, ["an integer seed", "a numpy.random.Generator"])
