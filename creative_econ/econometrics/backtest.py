r"""Rolling-origin back-testing of the forecasting models (Tashman 2000).

For each forecast origin $k = k_0, \dots, n - 1$ each model is fitted on the first $k$
observations (an expanding window) and forecasts $h = 1, \dots, H$ years ahead where the
actual value is known. Accuracy is the mean absolute percentage error per model and horizon,

$$ \mathrm{MAPE}_h = \frac{100}{|K_h|} \sum_{k \in K_h}
   \left| \frac{\hat y_{k+h \mid k} - y_{k+h}}{y_{k+h}} \right| , $$

with the point forecast $\hat y$ on the original scale (for a model on logs, the median
$\exp \hat\mu$). The model with the lowest mean of $\mathrm{MAPE}_h$ over the horizons is the
one :func:`~creative_econ.econometrics.forecast` picks with ``model="auto"``.

References
----------
Tashman, L.J. (2000). Out-of-sample tests of forecasting accuracy: an analysis and review.
*International Journal of Forecasting* 16(4), 437-450.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InvalidOptionError
from . import _models
from ._errors import InvalidSeriesError, SeriesTooShortError
from ._series import annual_series

__all__ = ["MIN_ORIGINS", "Backtest", "backtest"]

#: The fewest one-step-ahead forecasts a back-test is computed from.
MIN_ORIGINS = 3


@dataclass(frozen=True, eq=False)
class Backtest:
    """Rolling-origin forecast errors and MAPE per model.

    Attributes
    ----------
    errors : DataFrame
        One row per model, origin and horizon: ``model, origin`` (last training year),
        ``horizon, year, actual, forecast, ape`` (absolute percentage error, in percent).
    mape : DataFrame
        Index ``model``; one column per horizon (MAPE in percent) and ``mean``, their average.
    best : str
        The model with the lowest mean MAPE (ties go to the first model listed).
    min_train : int
        Length of the first training window.
    specifications : dict
        Model name to its description, e.g. ``"ARIMA(0,1,0) with drift on logs"``.
    notes : tuple of str
        Warnings statsmodels raised while fitting (with how many fits raised them).
    """

    errors: pd.DataFrame
    mape: pd.DataFrame
    best: str
    min_train: int
    specifications: dict[str, str]
    series: str = ""
    notes: tuple[str, ...] = ()

    def summary(self) -> pd.Series:
        """Mean MAPE per model (percent), best first."""
        return self.mape["mean"].sort_values()

    def __repr__(self) -> str:
        scores = ", ".join(f"{m} {v:.2f}%" for m, v in self.summary().items())
        what = f" of {self.series}" if self.series else ""
        return (
            f"Backtest{what}: {self.errors['origin'].nunique()} origins from "
            f"{int(self.errors['origin'].min())}, mean MAPE {scores}; best {self.best!r}"
        )

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<h4>{html.escape(repr(self))}</h4>"
            + self.mape.to_html(float_format=lambda v: f"{v:.2f}")
            + (f"<ul>{notes}</ul>" if notes else "")
        )


def _check_models(models: object) -> tuple[str, ...]:
    if isinstance(models, str):
        models = (models,)
    out: tuple[str, ...] = tuple(models)  # type: ignore[arg-type]
    if not out:
        raise InvalidOptionError("models", models, _models.MODELS)
    for m in out:
        if m not in _models.MODELS:
            raise InvalidOptionError("models", m, _models.MODELS)
    if len(set(out)) != len(out):
        raise InvalidOptionError("models", models, ["each model at most once"])
    return out


def _check_horizon(horizon: object, name: str = "horizon", limit: int = 50) -> int:
    if (
        isinstance(horizon, bool)
        or not isinstance(horizon, (int, np.integer))
        or not 1 <= horizon <= limit
    ):
        raise InvalidOptionError(name, horizon, [f"an integer number of years, 1 to {limit}"])
    return int(horizon)


def backtest(
    series: pd.Series,
    models: Sequence[str] = _models.MODELS,
    horizon: int = 3,
    *,
    min_train: int | None = None,
    log: bool = True,
    order: tuple[int, int, int] = (0, 1, 0),
) -> Backtest:
    """Rolling-origin (expanding-window) back-test of the forecasting models.

    Parameters
    ----------
    series : Series
        Annual series indexed by consecutive years.
    models : sequence of {"ets", "arima"}
        Models to compare: damped-trend ETS and ARIMA(p,1,q) with drift.
    horizon : int, default 3
        Largest forecast horizon, in years.
    min_train : int, optional
        Length of the first training window; by default the most points any of ``models``
        needs (see :func:`min_points`), and never fewer.
    log : bool, default True
        Fit on logs (for growth series); errors are measured on the original scale.
    order : tuple, default (0, 1, 0)
        ARIMA order (p, 1, q).

    Returns
    -------
    Backtest

    Raises
    ------
    InvalidSeriesError
        The series is not annual, has gaps or missing values, non-positive values on logs, or
        zeros (percentage errors are undefined).
    SeriesTooShortError
        Fewer than ``min_train + 3`` points (three one-step forecasts at least), or
        ``min_train`` below what a model needs.
    InvalidOptionError
        Unknown model, a horizon that is not a positive integer, an invalid ARIMA order.

    Examples
    --------
    >>> bt = backtest(series, horizon=3)  # doctest: +SKIP
    >>> bt.mape  # MAPE (%) by model and horizon  # doctest: +SKIP
    """
    models = _check_models(models)
    horizon = _check_horizon(horizon)
    order = _models.check_order(order)
    name = (
        str(series.name) if isinstance(series, pd.Series) and series.name is not None else "series"
    )
    y = annual_series(series, what=name, log=log)
    needs = {m: _models.min_points(m, order) for m in models}
    need = max(needs.values())
    if min_train is None:
        min_train = need
    elif isinstance(min_train, bool) or not isinstance(min_train, (int, np.integer)):
        raise InvalidOptionError("min_train", min_train, ["an integer number of points"])
    elif min_train < need:
        model = max(needs, key=needs.__getitem__)
        raise SeriesTooShortError(
            f"min_train={min_train} is below the {need} points "
            f"{_models.describe(model, order, log)} needs; use min_train >= {need} or leave it "
            "out.",
            needed=need,
            got=int(min_train),
        )
    n = len(y)
    if n < min_train + MIN_ORIGINS:
        raise SeriesTooShortError(
            f"{name} has {n} points ({y.index[0]}-{y.index[-1]}); a back-test of "
            f"{', '.join(models)} needs at least {min_train + MIN_ORIGINS}: {min_train} to fit "
            f"the first window and {MIN_ORIGINS} more to forecast. Compare fewer or simpler "
            "models (e.g. models=('arima',)), or use a longer series.",
            needed=min_train + MIN_ORIGINS,
            got=n,
        )
    values = y.to_numpy()
    if np.any(values == 0):
        zero = [int(v) for v in y.index[values == 0]]
        raise InvalidSeriesError(
            f"{name} is zero in {zero}: percentage errors are undefined there. Back-test a "
            "series without zeros."
        )
    scaled = np.log(values) if log else values
    years = y.index.to_numpy()
    rows = []
    warned: dict[str, int] = {}
    for model in models:
        for k in range(min_train, n):
            h = min(horizon, n - k)
            result, messages = _models.fit(scaled[:k], int(years[0]), model, order)
            for msg in messages:
                warned[f"{model}: {msg}"] = warned.get(f"{model}: {msg}", 0) + 1
            point = _models.predict(result, model, k, h, 0.9)["point"]
            fc = np.exp(point) if log else point
            for j in range(h):
                actual = values[k + j]
                rows.append(
                    {
                        "model": model,
                        "origin": int(years[k - 1]),
                        "horizon": j + 1,
                        "year": int(years[k + j]),
                        "actual": actual,
                        "forecast": fc[j],
                        "ape": 100.0 * abs(fc[j] - actual) / abs(actual),
                    }
                )
    errors = pd.DataFrame(rows)
    mape = errors.pivot_table(index="model", columns="horizon", values="ape", aggfunc="mean")
    mape = mape.reindex(list(models))
    mape.columns = [int(c) for c in mape.columns]
    mape["mean"] = mape.mean(axis=1)
    best = str(mape["mean"].idxmin())
    notes = tuple(f"statsmodels warned in {c} of the fits ({msg})" for msg, c in warned.items())
    return Backtest(
        errors=errors,
        mape=mape,
        best=best,
        min_train=int(min_train),
        specifications={m: _models.describe(m, order, log) for m in models},
        series=name,
        notes=notes,
    )
