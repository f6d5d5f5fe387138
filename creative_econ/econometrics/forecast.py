r"""Forecasts of annual series with damped-trend ETS or ARIMA with drift (statsmodels).

Growth series are modelled on logs, $y_t = \ln x_t$, so that growth is proportional and
intervals stay positive. The models (METHODS §6):

* damped-trend ETS, ETS(A,Ad,N) (Gardner & McKenzie 1985; Hyndman et al. 2008):
  $y_t = \ell_{t-1} + \phi b_{t-1} + e_t$, $\ell_t = \ell_{t-1} + \phi b_{t-1} + \alpha e_t$,
  $b_t = \phi b_{t-1} + \beta e_t$;
* ARIMA(p,1,q) with drift $\delta$; the default ARIMA(0,1,0) is a random walk with drift,
  $y_t = y_{t-1} + \delta + e_t$, whose forecast grows at the mean past log growth rate and
  whose interval widens as $\sqrt h$.

Point forecasts and prediction intervals are statsmodels' own, transformed back:
the point forecast on the original scale is the median $\exp\hat\mu_h$; the mean adds the
lognormal term, $\exp(\hat\mu_h + \hat\sigma_h^2/2)$. Intervals condition on the estimated
parameters: with 11 to 22 annual points parameter uncertainty is material and not included.
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import CreativeEconWarning, InvalidOptionError, ScenarioError
from ..scenarios.growth import GrowthPathDistribution
from . import _models
from ._errors import SeriesTooShortError
from ._plot import axes
from ._series import annual_series, as_generator
from .backtest import MIN_ORIGINS, Backtest, _check_horizon, backtest

__all__ = ["Forecast", "ForecastModel", "forecast", "min_points"]

ForecastModel = Literal["auto", "ets", "arima"]
_CHOICES = ("auto", *_models.MODELS)
min_points = _models.min_points


@dataclass(frozen=True, eq=False)
class Forecast:
    """A forecast of an annual series, with its intervals and the fitted statsmodels result.

    Attributes
    ----------
    history : Series
        The observed series (index ``year``).
    frame : DataFrame
        Index ``year`` (the forecast years); columns ``median`` (the point forecast),
        ``mean``, ``lower`` and ``upper`` (the prediction interval at ``level``), in the
        series' unit.
    model : {"ets", "arima"}
        The model fitted.
    specification : str
        E.g. ``"ARIMA(0,1,0) with drift on logs"``.
    level : float
        Coverage of the prediction interval (0.9: the 5-95% interval).
    log : bool
        Whether the model was fitted on logs.
    result : statsmodels results
        The fitted model (``ETSResults`` or ``ARIMAResults``): the escape hatch for anything
        not wrapped here (``result.summary()``, ``result.params``, diagnostics).
    nominal : bool or None
        Whether the series is in current prices; ``None`` if not stated.
    unit : str
        Unit of the series.
    source : str
        Where the series comes from.
    selection : Backtest or None
        The back-test that chose the model, for ``model="auto"`` on a long enough series.
    notes : tuple of str
        How the model was chosen, fallbacks, statsmodels warnings, price basis.
    """

    history: pd.Series
    frame: pd.DataFrame
    model: str
    specification: str
    level: float
    log: bool
    result: Any
    order: tuple[int, int, int] = (0, 1, 0)
    nominal: bool | None = None
    unit: str = ""
    source: str = ""
    selection: Backtest | None = None
    notes: tuple[str, ...] = ()

    # ------------------------------------------------------------------ views
    @property
    def name(self) -> str:
        """The series' name (``"series"`` if it has none)."""
        return str(self.history.name) if self.history.name is not None else "series"

    @property
    def years(self) -> tuple[int, ...]:
        """The forecast years."""
        return tuple(int(y) for y in self.frame.index)

    @property
    def base_year(self) -> int:
        """The last observed year."""
        return int(self.history.index[-1])

    @property
    def horizon(self) -> int:
        """Number of forecast years."""
        return len(self.frame)

    @property
    def median(self) -> pd.Series:
        """The point forecast (for a model on logs, the median $\\exp\\hat\\mu_h$)."""
        return self.frame["median"]

    @property
    def mean(self) -> pd.Series:
        """The forecast mean (for a model on logs, $\\exp(\\hat\\mu_h + \\hat\\sigma_h^2/2)$)."""
        return self.frame["mean"]

    @property
    def lower(self) -> pd.Series:
        """Lower bound of the prediction interval at ``level``."""
        return self.frame["lower"]

    @property
    def upper(self) -> pd.Series:
        """Upper bound of the prediction interval at ``level``."""
        return self.frame["upper"]

    def growth_rates(self) -> pd.Series:
        r"""Annual growth rates of the point forecast, the first relative to the last observation.

        $g_h = \hat x_h / \hat x_{h-1} - 1$ with $\hat x_0$ the last observed value. Nominal
        when the series is in current prices.
        """
        path = np.concatenate([[self.history.iloc[-1]], self.median.to_numpy()])
        return pd.Series(path[1:] / path[:-1] - 1.0, index=self.frame.index, name="growth_rate")

    def draws(self, n_draws: int = 2000, rng: np.random.Generator | int = 0) -> np.ndarray:
        """Joint future paths simulated from the fitted model, on the series' scale.

        Parameters
        ----------
        n_draws : int
            Number of paths.
        rng : numpy.random.Generator or int
            Generator or seed (results are reproducible for a given seed).

        Returns
        -------
        ndarray of shape (n_draws, horizon)
            From ``result.simulate(horizon, anchor="end", repetitions=n_draws, rng=rng)``,
            exponentiated for a model on logs.
        """
        if isinstance(n_draws, bool) or not isinstance(n_draws, (int, np.integer)) or n_draws < 1:
            raise InvalidOptionError("n_draws", n_draws, ["a positive integer"])
        gen = as_generator(rng)
        sims = _models.simulate(self.result, self.horizon, int(n_draws), gen)
        return np.exp(sims) if self.log else sims

    def to_growth_path(
        self, *, n_draws: int = 2000, rng: np.random.Generator | int = 0
    ) -> GrowthPathDistribution:
        r"""The forecast as growth factors relative to the last observed year.

        $G_h = x_{T+h} / x_T$ with $x_T$ the last observation: mean, the interval bounds and
        median as quantiles at $(1-\text{level})/2$, $0.5$ and $(1+\text{level})/2$, and
        ``n_draws`` joint simulated paths (so the scenario engine keeps the correlation between
        years).

        Raises
        ------
        ScenarioError
            The price basis was not stated (pass ``nominal=`` to :func:`forecast`), or a
            forecast on levels (``log=False``) reaches zero or below, where growth factors are
            undefined.
        """
        if self.nominal is None:
            raise ScenarioError(
                f"The price basis of {self.name!r} is not stated: pass nominal=True (current "
                "prices) or nominal=False (constant prices) to forecast() before building a "
                "growth path; a scenario must know whether growth includes inflation."
            )
        base = float(self.history.iloc[-1])
        if base <= 0:
            raise ScenarioError(
                f"The last observation of {self.name!r} ({self.base_year}: {base:g}) is not "
                "positive, so growth factors relative to it are undefined."
            )
        draws = self.draws(n_draws, rng)
        low = (1.0 - self.level) / 2.0
        bounds = self.frame[["lower", "median", "upper"]].to_numpy().T
        if np.any(bounds <= 0) or np.any(draws <= 0):
            raise ScenarioError(
                f"The forecast of {self.name!r} on levels reaches zero or below, where growth "
                "factors are undefined; forecast it on logs (log=True)."
            )
        basis = "current prices: growth is nominal" if self.nominal else "constant prices"
        notes = (
            *self.notes,
            f"growth factors relative to {self.base_year} ({basis})",
            "intervals and draws condition on the estimated parameters",
        )
        return GrowthPathDistribution(
            years=self.years,
            base_year=self.base_year,
            mean=self.mean.to_numpy() / base,
            nominal=self.nominal,
            probabilities=(low, 0.5, 1.0 - low),
            quantile_values=bounds / base,
            draws=draws / base,
            series=self.name,
            series_unit=self.unit,
            source=(
                f"{self.specification} fitted to {self.history.index[0]}-{self.base_year}"
                + (f"; {self.source}" if self.source else "")
            ),
            notes=tuple(dict.fromkeys(notes)),
        )

    def to_frame(self) -> pd.DataFrame:
        """Tidy long table: ``series, year, statistic, value`` with statistic one of observed,
        median, mean, lower, upper."""
        observed = pd.DataFrame(
            {
                "year": self.history.index.to_numpy(),
                "statistic": "observed",
                "value": self.history.to_numpy(),
            }
        )
        fc = self.frame.reset_index().melt(id_vars="year", var_name="statistic", value_name="value")
        out = pd.concat([observed, fc], ignore_index=True)
        out.insert(0, "series", self.name)
        return out

    def plot(self, ax: Any = None, *, title: str | None = None) -> Any:
        """History, point forecast and prediction interval; returns the matplotlib Figure."""
        fig, ax = axes(ax, (7.0, 3.8))
        ax.plot(
            self.history.index,
            self.history.to_numpy(),
            color="0.2",
            marker="o",
            ms=3,
            label="observed",
        )
        x = np.concatenate([[self.base_year], self.frame.index.to_numpy()])
        last = self.history.iloc[-1]
        ax.plot(
            x,
            np.concatenate([[last], self.median.to_numpy()]),
            color="C0",
            label=f"forecast ({self.model})",
        )
        ax.fill_between(
            x,
            np.concatenate([[last], self.lower.to_numpy()]),
            np.concatenate([[last], self.upper.to_numpy()]),
            color="C0",
            alpha=0.2,
            label=f"{self.level:.0%} interval",
        )
        ax.set_title(title if title is not None else f"{self.name}: {self.specification}")
        ax.set_ylabel(self.unit)
        ax.legend(frameon=False)
        return fig

    def __repr__(self) -> str:
        basis = {None: "", True: ", nominal", False: ", real"}[self.nominal]
        return (
            f"Forecast of {self.name} ({self.history.index[0]}-{self.base_year}, "
            f"{len(self.history)} points{basis}) to {self.years[-1]}: {self.specification}"
        )

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<h4>{html.escape(repr(self))}</h4>"
            + self.frame.to_html(float_format=lambda v: f"{v:,.4g}")
            + (f"<ul>{notes}</ul>" if notes else "")
        )


def forecast(
    series: pd.Series,
    model: ForecastModel = "auto",
    horizon: int = 5,
    *,
    level: float = 0.9,
    log: bool = True,
    order: tuple[int, int, int] = (0, 1, 0),
    nominal: bool | None = None,
    unit: str = "",
    source: str = "",
) -> Forecast:
    r"""Forecast an annual series with damped-trend ETS or ARIMA with drift.

    Parameters
    ----------
    series : Series
        Annual values indexed by consecutive years (int, or an annual Period/Datetime index).
    model : {"auto", "ets", "arima"}, default "auto"
        ``"ets"``: ETS(A,Ad,N), damped additive trend; ``"arima"``: ARIMA(p,1,q) with drift.
        ``"auto"`` chooses by rolling-origin back-test (:func:`backtest`, lowest mean MAPE)
        when the series has at least ``min_points("ets") + 3`` points (18), and otherwise
        falls back to ARIMA with drift, says so in ``notes`` and warns.
    horizon : int, default 5
        Years ahead.
    level : float, default 0.9
        Coverage of the prediction interval.
    log : bool, default True
        Fit on logs (growth series: proportional growth, positive intervals).
    order : tuple, default (0, 1, 0)
        ARIMA order (p, 1, q); the default is a random walk with drift.
    nominal : bool, optional
        Whether the series is in current prices (``True``). Needed by
        :meth:`Forecast.to_growth_path`: a scenario must know whether growth includes inflation.
    unit, source : str
        Recorded with the forecast and the growth path.

    Returns
    -------
    Forecast

    Raises
    ------
    SeriesTooShortError
        Fewer points than the model needs (:func:`min_points`: 15 for damped ETS, 5 for
        ARIMA(0,1,0) with drift); the message says how many.
    InvalidSeriesError
        Not an annual series; gaps in the years; missing values; values not positive for a
        model on logs.
    InvalidOptionError
        Unknown model; horizon not a positive integer; level outside (0, 1); invalid order.

    Warns
    -----
    CreativeEconWarning
        ``model="auto"`` fell back to ARIMA with drift; statsmodels warned while fitting.

    Examples
    --------
    >>> import creative_econ as ce
    >>> gva = ce.datasets._kazakhstan.kazakhstan_gva_by_section()  # doctest: +SKIP
    >>> j = gva.query("section == 'J'").set_index("year")["gva_mln_kzt"]  # doctest: +SKIP
    >>> fc = forecast(j, model="arima", horizon=5, nominal=True)  # doctest: +SKIP
    >>> fc.frame  # median, mean, lower, upper by year  # doctest: +SKIP
    """
    if model not in _CHOICES:
        raise InvalidOptionError("model", model, _CHOICES)
    horizon = _check_horizon(horizon)
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise InvalidOptionError("level", level, ["a coverage in (0, 1), e.g. 0.9"])
    if nominal is not None and not isinstance(nominal, bool):
        raise InvalidOptionError("nominal", nominal, [True, False, None])
    order = _models.check_order(order)
    name = (
        str(series.name) if isinstance(series, pd.Series) and series.name is not None else "series"
    )
    y = annual_series(series, what=name, log=log)
    n = len(y)
    notes: list[str] = []
    selection: Backtest | None = None
    chosen: str = model
    if model == "auto":
        need_bt = _models.min_points("ets") + MIN_ORIGINS
        if n >= need_bt:
            selection = backtest(y, _models.MODELS, min(horizon, 3), log=log, order=order)
            chosen = selection.best
            scores = ", ".join(f"{m} {v:.2f}%" for m, v in selection.mape["mean"].items())
            notes.append(
                f"model chosen by rolling-origin back-test from {selection.min_train} points "
                f"(mean MAPE {scores})"
            )
        else:
            chosen = "arima"
            msg = (
                f"{name} has {n} points: damped-trend ETS needs {_models.min_points('ets')} and "
                f"a back-test to choose between models needs {need_bt}; fell back to "
                f"{_models.describe('arima', order, log)}."
            )
            notes.append(msg)
            warnings.warn(msg, CreativeEconWarning, stacklevel=2)
    need = _models.min_points(chosen, order)
    if n < need:
        spec = _models.describe(chosen, order, log)
        hint = (
            " Use model='auto' to fall back to ARIMA(0,1,0) with drift, which needs "
            f"{_models.min_points('arima')}."
            if chosen == "ets"
            else " Use a longer series or a simpler order such as (0, 1, 0)."
        )
        raise SeriesTooShortError(
            f"{name} has {n} points ({y.index[0]}-{y.index[-1]}); {spec} needs at least "
            f"{need} (three per estimated parameter).{hint}",
            needed=need,
            got=n,
        )
    values = y.to_numpy()
    scaled = np.log(values) if log else values
    result, messages = _models.fit(scaled, int(y.index[0]), chosen, order)
    spec = _models.describe(chosen, order, log)
    for msg in messages:
        text = f"statsmodels warned while fitting {spec} to {name}: {msg}"
        notes.append(text)
        warnings.warn(text, CreativeEconWarning, stacklevel=2)
    pred = _models.predict(result, chosen, n, horizon, float(level))
    if log:
        frame = {
            "median": np.exp(pred["point"]),
            "mean": np.exp(pred["point"] + pred["variance"] / 2.0),
            "lower": np.exp(pred["lower"]),
            "upper": np.exp(pred["upper"]),
        }
    else:
        frame = {
            "median": pred["point"],
            "mean": pred["point"],
            "lower": pred["lower"],
            "upper": pred["upper"],
        }
    years = pd.Index(np.arange(y.index[-1] + 1, y.index[-1] + 1 + horizon), name="year")
    if nominal:
        notes.append("current prices: forecast growth is nominal (no deflators applied)")
    notes.append(
        f"{level:.0%} prediction intervals from statsmodels, conditional on the estimated "
        "parameters"
    )
    return Forecast(
        history=y,
        frame=pd.DataFrame(frame, index=years),
        model=chosen,
        specification=spec,
        level=float(level),
        log=bool(log),
        result=result,
        order=order,
        nominal=nominal,
        unit=unit,
        source=source,
        selection=selection,
        notes=tuple(notes),
    )
