"""GrowthPathDistribution: validation, sampling whole paths, quantiles, plain-data round trip."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.stats import norm

from creative_econ.errors import ScenarioError
from creative_econ.scenarios import GrowthPathDistribution

YEARS = (2026, 2027, 2028)
PROBS = (0.05, 0.5, 0.95)


def _lognormal(mu, sigma, probs=PROBS):
    mu, sigma = np.asarray(mu, float), np.asarray(sigma, float)
    q = np.exp(mu + norm.ppf(np.asarray(probs))[:, None] * sigma)
    return GrowthPathDistribution(
        years=YEARS, base_year=2025, mean=np.exp(mu + sigma**2 / 2), nominal=True,
        probabilities=probs, quantile_values=q,
    )


def test_constant_path():
    path = GrowthPathDistribution.constant(0.05, years=YEARS, base_year=2025, nominal=False)
    assert_allclose(path.mean, [1.05, 1.05**2, 1.05**3])
    assert path.is_deterministic
    assert_allclose(path.sample(4, 0), np.tile(path.mean, (4, 1)))
    assert_allclose(path.mean_annual_growth(), 0.05)


def test_constant_path_with_gap_to_base_reports_annual_rate():
    path = GrowthPathDistribution.constant(0.1, years=(2030, 2031), base_year=2027,
                                           nominal=False)
    assert_allclose(path.mean_annual_growth(), 0.1)


def test_sample_resamples_stored_draws_as_whole_paths():
    draws = np.array([[1.1, 1.2, 1.3], [1.0, 1.0, 1.0], [0.9, 0.8, 0.7]])
    path = GrowthPathDistribution.from_draws(draws, years=YEARS, base_year=2025, nominal=True)
    out = path.sample(200, np.random.default_rng(3))
    assert out.shape == (200, 3)
    assert all(any(np.array_equal(row, d) for d in draws) for row in out)
    assert_allclose(path.mean, draws.mean(axis=0))
    assert_allclose(path.sample(5, 9), path.sample(5, 9))  # reproducible for a seed


def test_sample_from_quantiles_reproduces_a_lognormal_path():
    mu, sigma = np.array([0.1, 0.2, 0.3]), np.array([0.10, 0.14, 0.17])
    path = _lognormal(mu, sigma)
    logs = np.log(path.sample(100_000, 2))
    assert_allclose(logs.mean(axis=0), mu, atol=2e-3)
    assert_allclose(logs.std(axis=0), sigma, rtol=1e-2)
    # comonotone: the paths are perfectly rank-correlated across years
    assert_allclose(np.corrcoef(logs.T), 1.0, atol=1e-9)
    # quantiles outside the stored levels follow the lognormal (linear in normal scores)
    assert_allclose(path.quantiles([0.01, 0.99]).to_numpy().T,
                    np.exp(mu + norm.ppf([[0.01], [0.99]]) * sigma), rtol=1e-10)


@given(
    mu=st.lists(st.floats(-0.5, 0.8), min_size=3, max_size=3),
    sigma=st.lists(st.floats(0.0, 0.5), min_size=3, max_size=3),
    extra=st.floats(0.001, 0.999),
)
def test_stored_quantiles_are_returned_and_quantiles_are_monotone(mu, sigma, extra):
    path = _lognormal(mu, sigma)
    assert_allclose(path.quantiles(PROBS).to_numpy().T, path.quantile_values, rtol=1e-10)
    q = path.quantiles(sorted({0.001, extra, 0.999})).to_numpy()
    assert np.all(np.diff(q, axis=1) >= -1e-12)
    assert np.all(q > 0)


def test_to_frame_and_dict_round_trip():
    path = _lognormal([0.1, 0.2, 0.3], [0.1, 0.1, 0.1])
    frame = path.to_frame()
    assert list(frame.columns) == ["mean", "q0.05", "q0.5", "q0.95"]
    again = GrowthPathDistribution.from_dict(path.to_dict())
    assert_allclose(again.quantile_values, path.quantile_values)
    assert again.years == path.years
    assert "quantiles" in repr(again)
    assert "<table" in again._repr_html_()


def test_arrays_are_read_only_copies():
    mean = np.array([1.1, 1.2, 1.3])
    draws = np.ones((2, 3))
    path = GrowthPathDistribution(years=YEARS, base_year=2025, mean=mean, nominal=True,
                                  draws=draws)
    mean[0] = 99.0
    draws[0, 0] = 99.0
    assert path.mean[0] == 1.1
    assert path.draws[0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        path.mean[0] = 2.0
    out = path.sample(3, 0)
    out[0, 0] = 5.0  # samples are the caller's to change
    assert path.draws[0, 0] == 1.0


# ---------------------------------------------------------------------- bad input
def _kw(**over):
    kw = {"years": YEARS, "base_year": 2025, "mean": [1.1, 1.2, 1.3], "nominal": True}
    kw.update(over)
    return kw


def test_years_not_consecutive():
    with pytest.raises(ScenarioError, match="consecutive.*2026 is followed by 2028"):
        GrowthPathDistribution(**_kw(years=(2026, 2028, 2029)))


def test_base_year_not_before_path():
    with pytest.raises(ScenarioError, match="before the first year"):
        GrowthPathDistribution(**_kw(base_year=2026))


def test_mean_wrong_shape():
    with pytest.raises(ScenarioError, match=r"mean has shape \(2,\); expected \(3,\)"):
        GrowthPathDistribution(**_kw(mean=[1.1, 1.2]))


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan, np.inf])
def test_non_positive_or_missing_factor(bad):
    with pytest.raises(ScenarioError, match="positive finite growth factors"):
        GrowthPathDistribution(**_kw(mean=[1.1, bad, 1.3]))


def test_nominal_must_be_stated():
    with pytest.raises(ScenarioError, match="nominal must be True"):
        GrowthPathDistribution(**_kw(nominal=None))


def test_quantiles_without_levels():
    with pytest.raises(ScenarioError, match="go together"):
        GrowthPathDistribution(**_kw(quantile_values=np.ones((3, 3))))


def test_levels_not_increasing():
    with pytest.raises(ScenarioError, match="strictly increasing levels"):
        GrowthPathDistribution(**_kw(probabilities=(0.5, 0.05),
                                     quantile_values=np.ones((2, 3))))


def test_quantiles_decreasing_across_levels():
    q = np.array([[1.2, 1.1, 1.0], [1.0, 1.2, 1.3]])
    with pytest.raises(ScenarioError, match="decrease across levels in year 2026"):
        GrowthPathDistribution(**_kw(probabilities=(0.1, 0.9), quantile_values=q))


def test_draws_wrong_shape():
    with pytest.raises(ScenarioError, match="draws"):
        GrowthPathDistribution(**_kw(draws=np.ones((4, 2))))


def test_sample_needs_explicit_seed():
    path = GrowthPathDistribution(**_kw())
    with pytest.raises(ScenarioError, match="seed"):
        path.sample(3, None)  # type: ignore[arg-type]


def test_sample_needs_positive_count():
    with pytest.raises(ScenarioError, match="positive integer"):
        GrowthPathDistribution(**_kw()).sample(0, 1)


def test_bad_quantile_levels():
    with pytest.raises(ScenarioError, match=r"levels in \(0, 1\)"):
        GrowthPathDistribution(**_kw()).quantiles([0.5, 1.0])


def test_constant_rate_must_be_above_minus_one():
    with pytest.raises(ScenarioError, match="above -1"):
        GrowthPathDistribution.constant(-1.5, years=YEARS, base_year=2025, nominal=False)


def test_from_dict_rejects_unknown_fields():
    with pytest.raises(ScenarioError, match="Unknown growth-path fields"):
        GrowthPathDistribution.from_dict({**_kw(), "mean_path": [1.0]})
