"""Econometrics that feed scenarios: forecasts, elasticities and shift-share (statsmodels).

* :func:`forecast` (damped-trend ETS or ARIMA with drift, on logs) and :func:`backtest`
  (rolling-origin MAPE per model); :meth:`Forecast.to_growth_path` gives the
  :class:`~creative_econ.scenarios.GrowthPathDistribution` a scenario samples from;
* :func:`employment_elasticity` (OLS on logs, two-way fixed effects; HC3 and cluster-robust
  standard errors) and :func:`employment_coefficient_path`;
* :func:`shift_share` (classic, Esteban-Marquillas, dynamic) on sector x region frames.

statsmodels is imported inside the functions that fit models, so importing this package (and
``creative_econ``) stays fast.
"""

from __future__ import annotations

from ._errors import InvalidSeriesError, SeriesTooShortError
from .backtest import Backtest, backtest
from .elasticity import Elasticity, employment_coefficient_path, employment_elasticity
from .forecast import Forecast, forecast, min_points
from .shift_share import (
    ShiftShare,
    classic_shift_share,
    dynamic_shift_share,
    esteban_marquillas,
    sector_region_frames,
    shift_share,
)

__all__ = [
    "Backtest",
    "Elasticity",
    "Forecast",
    "InvalidSeriesError",
    "SeriesTooShortError",
    "ShiftShare",
    "backtest",
    "classic_shift_share",
    "dynamic_shift_share",
    "employment_coefficient_path",
    "employment_elasticity",
    "esteban_marquillas",
    "forecast",
    "min_points",
    "sector_region_frames",
    "shift_share",
]
