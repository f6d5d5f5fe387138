"""Rolling-origin back-test: errors recomputed with statsmodels directly, MAPE, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from creative_econ.econometrics import InvalidSeriesError, SeriesTooShortError, backtest
from creative_econ.errors import InvalidOptionError


def _log_window(series: pd.Series, k: int) -> pd.Series:
    y = np.log(series.iloc[:k].astype(float))
    y.index = pd.period_range(str(series.index[0]), periods=k, freq="Y")
    return y


def test_backtest_on_22_scottish_years_matches_statsmodels(scotland_creative_services):
    s = scotland_creative_services
    assert len(s) == 22
    bt = backtest(s, horizon=3)
    assert bt.min_train == 15
    assert sorted(bt.errors["origin"].unique()) == list(range(2012, 2019))
    # one origin recomputed by hand: fit on 1998-2014 (17 points), forecast 2015-2017
    k = 17
    ets = ETSModel(_log_window(s, k), error="add", trend="add", damped_trend=True).fit(disp=False)
    arima = ARIMA(_log_window(s, k), order=(0, 1, 0), trend="t").fit()
    expected = {
        "ets": np.exp(ets.get_prediction(start=k, end=k + 2).summary_frame()["mean"]),
        "arima": np.exp(arima.get_forecast(3).summary_frame()["mean"]),
    }
    for model, fc in expected.items():
        errors = bt.errors
        rows = errors[(errors["model"] == model) & (errors["origin"] == 2014)]
        rows = rows.sort_values("horizon")
        assert_allclose(rows["forecast"], fc.to_numpy(), rtol=1e-8)
        actual = s.loc[[2015, 2016, 2017]].to_numpy()
        assert_allclose(rows["ape"], 100 * np.abs(fc.to_numpy() - actual) / actual, rtol=1e-8)
    # MAPE is the mean APE by model and horizon; "mean" averages the horizons
    by_hand = bt.errors.groupby(["model", "horizon"])["ape"].mean().unstack()
    assert_allclose(bt.mape[[1, 2, 3]].loc[["ets", "arima"]], by_hand.loc[["ets", "arima"]])
    assert_allclose(bt.mape["mean"], bt.mape[[1, 2, 3]].mean(axis=1))
    assert bt.best == bt.mape["mean"].idxmin()
    assert bt.errors.groupby("model").size().to_dict() == {"ets": 18, "arima": 18}
    assert "best" in repr(bt)


def test_single_model_backtest_can_use_shorter_series(kz_employment_r):
    bt = backtest(kz_employment_r, models=("arima",), horizon=2, min_train=10)
    assert list(bt.mape.index) == ["arima"]
    assert bt.errors["origin"].min() == 2019


def test_input_not_modified(scotland_creative_services):
    before = scotland_creative_services.copy(deep=True)
    backtest(scotland_creative_services, models="arima", horizon=1)
    pd.testing.assert_series_equal(scotland_creative_services, before)


def test_too_short_for_a_backtest_says_how_many(kz_employment_r):
    with pytest.raises(SeriesTooShortError, match=r"16 points .* needs at least 18") as info:
        backtest(kz_employment_r)
    assert info.value.needed == 18


def test_min_train_below_what_the_model_needs(scotland_creative_services):
    with pytest.raises(SeriesTooShortError, match="min_train=10 is below the 15 points"):
        backtest(scotland_creative_services, min_train=10)


def test_unknown_model(scotland_creative_services):
    with pytest.raises(InvalidOptionError, match="Did you mean 'ets'"):
        backtest(scotland_creative_services, models=("ets", "etss"))


def test_gaps_in_years(scotland_creative_services):
    with pytest.raises(InvalidSeriesError, match="gaps in its years: 2005"):
        backtest(scotland_creative_services.drop(2005))


def test_zero_value_in_levels_backtest():
    s = pd.Series(np.r_[np.arange(1.0, 10.0), 0.0], index=range(2000, 2010), name="z")
    with pytest.raises(InvalidSeriesError, match="zero in"):
        backtest(s, models=("arima",), log=False)
