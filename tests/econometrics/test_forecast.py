"""Forecast wrappers against statsmodels called directly on the same (real) data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from creative_econ.econometrics import (
    Forecast,
    InvalidSeriesError,
    SeriesTooShortError,
    forecast,
    min_points,
)
from creative_econ.errors import CreativeEconWarning, InvalidOptionError, ScenarioError
from creative_econ.scenarios import GrowthPathDistribution


def _log_indexed(series: pd.Series) -> pd.Series:
    y = np.log(series.astype(float))
    y.index = pd.period_range(str(series.index[0]), periods=len(series), freq="Y")
    return y


def test_arima_matches_statsmodels_on_kazakhstan_gva(kz_gva_j):
    fc = forecast(kz_gva_j, model="arima", horizon=5, level=0.9, nominal=True)
    direct = ARIMA(_log_indexed(kz_gva_j), order=(0, 1, 0), trend="t").fit()
    frame = direct.get_forecast(5).summary_frame(alpha=0.1)
    assert_allclose(fc.median, np.exp(frame["mean"]), rtol=1e-10)
    assert_allclose(fc.lower, np.exp(frame["mean_ci_lower"]), rtol=1e-10)
    assert_allclose(fc.upper, np.exp(frame["mean_ci_upper"]), rtol=1e-10)
    assert_allclose(fc.mean, np.exp(frame["mean"] + frame["mean_se"] ** 2 / 2), rtol=1e-10)
    assert fc.years == (2026, 2027, 2028, 2029, 2030)
    assert_allclose(fc.result.params, direct.params, rtol=1e-10)


def test_random_walk_with_drift_grows_at_mean_log_growth(kz_gva_j):
    fc = forecast(kz_gva_j, model="arima", horizon=3, nominal=True)
    drift = np.diff(np.log(kz_gva_j.to_numpy())).mean()
    assert_allclose(np.log(1 + fc.growth_rates()), drift, rtol=1e-4)  # MLE tolerance


def test_ets_matches_statsmodels_on_scotland(scotland_creative_services):
    s = scotland_creative_services
    fc = forecast(s, model="ets", horizon=4, level=0.8, nominal=True)
    res = ETSModel(_log_indexed(s), error="add", trend="add", damped_trend=True).fit(disp=False)
    frame = res.get_prediction(start=len(s), end=len(s) + 3).summary_frame(alpha=0.2)
    assert_allclose(fc.median, np.exp(frame["mean"]), rtol=1e-10)
    assert_allclose(fc.lower, np.exp(frame["pi_lower"]), rtol=1e-10)
    assert_allclose(fc.upper, np.exp(frame["pi_upper"]), rtol=1e-10)
    assert fc.specification.startswith("ETS(A,Ad,N)")


def test_levels_model_matches_statsmodels(kz_employment_r):
    fc = forecast(kz_employment_r, model="arima", horizon=2, log=False, nominal=False)
    y = kz_employment_r.copy()
    y.index = pd.period_range("2010", periods=len(y), freq="Y")
    frame = ARIMA(y, order=(0, 1, 0), trend="t").fit().get_forecast(2).summary_frame(alpha=0.1)
    assert_allclose(fc.median, frame["mean"], rtol=1e-10)
    assert_allclose(fc.mean, frame["mean"], rtol=1e-10)
    assert_allclose(fc.upper, frame["mean_ci_upper"], rtol=1e-10)


def test_draws_are_statsmodels_simulations(kz_gva_j):
    fc = forecast(kz_gva_j, model="arima", horizon=3, nominal=True)
    sims = fc.result.simulate(3, anchor="end", repetitions=50, rng=np.random.default_rng(7))
    assert_allclose(fc.draws(50, rng=7), np.exp(np.asarray(sims)).reshape(3, 50).T)


def test_growth_path_from_forecast(kz_gva_j):
    fc = forecast(kz_gva_j, model="arima", horizon=5, nominal=True, unit="million KZT")
    path = fc.to_growth_path(n_draws=4000, rng=1)
    assert isinstance(path, GrowthPathDistribution)
    base = kz_gva_j.loc[2025]
    assert path.base_year == 2025
    assert path.years == fc.years
    assert path.nominal is True
    assert path.series_unit == "million KZT"
    assert_allclose(path.mean, fc.mean / base)
    q = path.quantile_values
    assert_allclose(q[0], fc.lower / base)
    assert_allclose(q[1], fc.median / base)
    assert_allclose(q[2], fc.upper / base)
    assert path.probabilities == pytest.approx((0.05, 0.5, 0.95))
    # The simulated paths reproduce statsmodels' analytic interval (Monte Carlo error only).
    sim_q = np.quantile(path.draws, [0.05, 0.5, 0.95], axis=0)
    assert_allclose(sim_q, q, rtol=0.03)
    assert any("nominal" in n for n in path.notes)


def test_auto_falls_back_to_random_walk_on_short_series_and_says_so(kz_gva_j):
    with pytest.warns(CreativeEconWarning, match="fell back to ARIMA"):
        fc = forecast(kz_gva_j, nominal=True)
    assert fc.model == "arima"
    assert fc.order == (0, 1, 0)
    assert fc.selection is None
    assert any("damped-trend ETS needs 15" in n for n in fc.notes)


def test_auto_chooses_by_backtest_on_long_series(scotland_output):
    s = scotland_output["62"].rename("computer services")
    fc = forecast(s, nominal=True)
    assert fc.selection is not None
    assert fc.model == fc.selection.best
    assert fc.model == fc.selection.mape["mean"].idxmin()
    assert any("back-test" in n for n in fc.notes)


def test_input_not_modified(kz_gva_j):
    before = kz_gva_j.copy(deep=True)
    shuffled = kz_gva_j.sample(frac=1.0, random_state=0)
    snapshot = shuffled.copy(deep=True)
    fc = forecast(shuffled, model="arima", nominal=True)
    pd.testing.assert_series_equal(kz_gva_j, before)
    pd.testing.assert_series_equal(shuffled, snapshot)
    assert list(fc.history.index) == list(range(2015, 2026))


def test_annual_period_index_is_accepted(kz_gva_j):
    s = kz_gva_j.copy()
    s.index = pd.period_range("2015", periods=len(s), freq="Y")
    a = forecast(s, model="arima", nominal=True)
    b = forecast(kz_gva_j, model="arima", nominal=True)
    assert_allclose(a.median, b.median)


def test_frame_plot_and_repr(kz_gva_j):
    fc = forecast(kz_gva_j, model="arima", horizon=2, nominal=True)
    tidy = fc.to_frame()
    assert set(tidy["statistic"]) == {"observed", "median", "mean", "lower", "upper"}
    assert len(tidy) == 11 + 4 * 2
    assert "ARIMA(0,1,0) with drift on logs" in repr(fc)
    assert "<table" in fc._repr_html_()
    fig = fc.plot()
    assert fig.axes[0].get_title().startswith("GVA J")


def test_min_points():
    assert min_points("ets") == 15
    assert min_points("arima") == 5
    assert min_points("arima", (1, 1, 1)) == 10


# ---------------------------------------------------------------------- bad input
def test_too_short_for_ets_says_how_many(kz_gva_j):
    with pytest.raises(SeriesTooShortError, match=r"11 points .* needs at least 15") as info:
        forecast(kz_gva_j, model="ets", nominal=True)
    assert (info.value.needed, info.value.got) == (15, 11)


def test_too_short_for_arima(kz_gva_j):
    with pytest.raises(SeriesTooShortError, match="needs at least 5"):
        forecast(kz_gva_j.iloc[:4], model="arima")


def test_too_short_for_anything_in_auto(kz_gva_j):
    with pytest.warns(CreativeEconWarning), pytest.raises(SeriesTooShortError, match="4 points"):
        forecast(kz_gva_j.iloc[:4])


def test_non_positive_values_on_logs(kz_gva_j):
    bad = kz_gva_j.copy()
    bad.loc[2018] = 0.0
    with pytest.raises(InvalidSeriesError, match=r"positive .* 2018: 0.*log=False"):
        forecast(bad, model="arima")


def test_gaps_in_years(kz_gva_j):
    with pytest.raises(InvalidSeriesError, match=r"gaps in its years: 2019, 2020 missing"):
        forecast(kz_gva_j.drop([2019, 2020]), model="arima")


def test_duplicate_years(kz_gva_j):
    dup = pd.concat([kz_gva_j, kz_gva_j.iloc[[0]]])
    with pytest.raises(InvalidSeriesError, match="more than one value for the years 2015"):
        forecast(dup, model="arima")


def test_missing_values(kz_gva_j):
    bad = kz_gva_j.copy()
    bad.loc[2017] = np.nan
    with pytest.raises(InvalidSeriesError, match="missing or infinite values in 2017"):
        forecast(bad, model="arima")


def test_not_a_series(kz_gva):
    with pytest.raises(InvalidSeriesError, match="Select one column"):
        forecast(kz_gva, model="arima")


def test_index_not_years(kz_gva_j):
    with pytest.raises(InvalidSeriesError, match="indexed by year"):
        forecast(kz_gva_j.reset_index(drop=True).set_axis(list("abcdefghijk")), model="arima")


def test_unknown_model(kz_gva_j):
    with pytest.raises(InvalidOptionError, match="Did you mean 'arima'"):
        forecast(kz_gva_j, model="arma")


@pytest.mark.parametrize("horizon", [0, -1, 2.5, True])
def test_bad_horizon(kz_gva_j, horizon):
    with pytest.raises(InvalidOptionError, match="horizon"):
        forecast(kz_gva_j, model="arima", horizon=horizon)


@pytest.mark.parametrize("level", [0, 1, 1.5, 95])
def test_bad_level(kz_gva_j, level):
    with pytest.raises(InvalidOptionError, match="level"):
        forecast(kz_gva_j, model="arima", level=level)


@pytest.mark.parametrize("order", [(0, 0, 0), (0, 2, 0), (4, 1, 0), "010", (0, 1)])
def test_bad_order(kz_gva_j, order):
    with pytest.raises(InvalidOptionError, match="order"):
        forecast(kz_gva_j, model="arima", order=order)


def test_growth_path_needs_price_basis(kz_gva_j):
    fc = forecast(kz_gva_j, model="arima")
    assert isinstance(fc, Forecast)
    with pytest.raises(ScenarioError, match="nominal=True"):
        fc.to_growth_path()


def test_growth_path_refuses_non_positive_levels_forecast():
    s = pd.Series([5.0, 3.0, 2.0, 1.0, 0.5, 0.2], index=range(2000, 2006), name="falling")
    fc = forecast(s, model="arima", log=False, horizon=3, nominal=False)
    with pytest.raises(ScenarioError, match="log=True"):
        fc.to_growth_path()


def test_draws_need_an_explicit_seed(kz_gva_j):
    fc = forecast(kz_gva_j, model="arima", nominal=True)
    with pytest.raises(InvalidOptionError, match="rng"):
        fc.draws(10, rng=None)  # type: ignore[arg-type]
