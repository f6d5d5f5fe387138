"""The two forecasting models, fitted with statsmodels (imported here, lazily, in functions).

* ``"ets"``: ETS(A,Ad,N), additive errors and a damped additive trend,
  ``statsmodels.tsa.exponential_smoothing.ets.ETSModel(y, error="add", trend="add",
  damped_trend=True)``;
* ``"arima"``: ARIMA(p,1,q) with drift, ``statsmodels.tsa.arima.model.ARIMA(y, order=(p, 1, q),
  trend="t")`` (with one difference the linear trend term is the drift).

Both are fitted on the (log-)series with an annual ``PeriodIndex``; prediction intervals are
statsmodels' own (ETS: ``get_prediction(...).summary_frame``; ARIMA:
``get_forecast(h).summary_frame``), and joint future paths come from
``results.simulate(h, anchor="end", repetitions=n, rng=...)``.
"""

from __future__ import annotations

import warnings
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import InvalidOptionError

__all__ = [
    "MODELS",
    "ModelName",
    "check_order",
    "describe",
    "fit",
    "min_points",
    "predict",
    "simulate",
]

ModelName = Literal["ets", "arima"]
MODELS: tuple[str, ...] = ("ets", "arima")
#: Estimated parameters of damped-trend ETS: alpha, beta, phi, initial level and trend.
ETS_PARAMETERS = 5
#: creative_econ's rule of thumb: observations per estimated parameter (variance not counted).
POINTS_PER_PARAMETER = 3
#: No model is fitted on fewer points (four growth rates for a random walk with drift).
MIN_POINTS_FLOOR = 5
_MAX_ARMA = 3


def check_order(order: object) -> tuple[int, int, int]:
    """Validate an ARIMA order: (p, 1, q) with 0 <= p, q <= 3."""
    ok = (
        isinstance(order, (tuple, list))
        and len(order) == 3
        and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in order)
    )
    if ok:
        p, d, q = (int(v) for v in order)  # type: ignore[attr-defined]
        if d == 1 and 0 <= p <= _MAX_ARMA and 0 <= q <= _MAX_ARMA:
            return p, d, q
    raise InvalidOptionError(
        "order", order, [f"(p, 1, q) with p, q in 0..{_MAX_ARMA}, e.g. (0, 1, 0)"]
    )


def min_points(model: str, order: tuple[int, int, int] = (0, 1, 0)) -> int:
    r"""The fewest observations creative_econ fits ``model`` on.

    Three observations per estimated parameter, plus one per difference, and never fewer
    than five: damped-trend ETS estimates $\alpha, \beta, \phi, \ell_0, b_0$ and needs 15;
    ARIMA(0,1,0) with drift estimates the drift and needs 5; ARIMA(p,1,q) with drift needs
    $1 + 3(p + q + 1)$. This is a rule of thumb, not a statsmodels limit: on the 11-point
    Kazakhstan GVA series damped ETS fits, but its smoothing parameters go to zero and the
    damping to its upper bound (a deterministic trend with intervals that barely widen).
    """
    if model == "ets":
        return max(MIN_POINTS_FLOOR, POINTS_PER_PARAMETER * ETS_PARAMETERS)
    if model == "arima":
        p, d, q = check_order(order)
        return max(MIN_POINTS_FLOOR, d + POINTS_PER_PARAMETER * (p + q + 1))
    raise InvalidOptionError("model", model, MODELS)


def describe(model: str, order: tuple[int, int, int], log: bool) -> str:
    on = " on logs" if log else ""
    if model == "ets":
        return f"ETS(A,Ad,N): damped additive trend, additive errors{on}"
    p, d, q = order
    return f"ARIMA({p},{d},{q}) with drift{on}"


def _indexed(values: np.ndarray, first_year: int) -> pd.Series:
    index = pd.period_range(start=str(first_year), periods=len(values), freq="Y")
    return pd.Series(np.asarray(values, dtype=float), index=index, name="y")


def fit(
    values: np.ndarray, first_year: int, model: str, order: tuple[int, int, int] = (0, 1, 0)
) -> tuple[Any, list[str]]:
    """Fit ``model`` to ``values`` (already on the modelling scale); return (results, warnings).

    Warnings raised by statsmodels during the fit are returned as text, not swallowed: the
    caller records them and re-issues them.
    """
    y = _indexed(values, first_year)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if model == "ets":
            from statsmodels.tsa.exponential_smoothing.ets import ETSModel

            result = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
        elif model == "arima":
            from statsmodels.tsa.arima.model import ARIMA

            result = ARIMA(y, order=order, trend="t").fit()
        else:
            raise InvalidOptionError("model", model, MODELS)
    messages = [f"{w.category.__name__}: {w.message}" for w in caught]
    return result, list(dict.fromkeys(messages))


def predict(result: Any, model: str, n: int, horizon: int, level: float) -> dict[str, np.ndarray]:
    """Point forecasts, forecast variances and prediction intervals on the modelling scale."""
    alpha = 1.0 - level
    if model == "ets":
        pred = result.get_prediction(start=n, end=n + horizon - 1)
        frame = pred.summary_frame(alpha=alpha)
        return {
            "point": frame["mean"].to_numpy(dtype=float),
            "variance": np.asarray(pred.forecast_variance, dtype=float),
            "lower": frame["pi_lower"].to_numpy(dtype=float),
            "upper": frame["pi_upper"].to_numpy(dtype=float),
        }
    frame = result.get_forecast(horizon).summary_frame(alpha=alpha)
    return {
        "point": frame["mean"].to_numpy(dtype=float),
        "variance": frame["mean_se"].to_numpy(dtype=float) ** 2,
        "lower": frame["mean_ci_lower"].to_numpy(dtype=float),
        "upper": frame["mean_ci_upper"].to_numpy(dtype=float),
    }


def simulate(result: Any, horizon: int, n_draws: int, rng: np.random.Generator) -> np.ndarray:
    """Joint future paths from the end of the sample: array (n_draws, horizon)."""
    sims = result.simulate(horizon, anchor="end", repetitions=n_draws, rng=rng)
    return np.asarray(sims, dtype=float).reshape(horizon, n_draws).T
