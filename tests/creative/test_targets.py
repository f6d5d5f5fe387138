"""Target paths against the closed form (METHODS §5.1) and the table's multipliers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_econ.creative.shares import creative_shares
from creative_econ.creative.targets import required_growth, target_path
from creative_econ.errors import InvalidOptionError, ScenarioError

# METHODS §5.1, computed table: s_0, g_Y, T -> g_c (percent, one decimal), s_T = 3.1%
METHODS_TABLE = [
    (0.01, 0.03, 5, 29.2), (0.01, 0.03, 7, 21.1), (0.01, 0.03, 10, 15.3),
    (0.01, 0.05, 5, 31.7), (0.01, 0.05, 7, 23.4), (0.01, 0.05, 10, 17.6),
    (0.0267, 0.03, 5, 6.1), (0.0267, 0.03, 7, 5.2), (0.0267, 0.03, 10, 4.5),
    (0.0267, 0.05, 5, 8.2), (0.0267, 0.05, 7, 7.3), (0.0267, 0.05, 10, 6.6),
]


@pytest.mark.parametrize(("s0", "gY", "T", "pct"), METHODS_TABLE)
def test_growth_matches_the_methods_table(s0, gY, T, pct):
    p = target_path(base_share=s0, target_share=0.031, years=T, gdp_growth=gY)
    assert 100 * p.growth_rate == pytest.approx(pct, abs=0.05)
    assert not p.reached


@given(st.floats(0.001, 0.5), st.floats(0.001, 0.5), st.integers(1, 30), st.floats(-0.1, 0.2))
def test_path_reaches_the_target(s0, sT, T, gY):
    p = target_path(base_share=s0, target_share=sT, years=T, gdp_growth=gY)
    g = required_growth(s0, sT, T, gY)
    assert p.growth_rate == pytest.approx(g)
    assert p.path["share"].iloc[-1] == pytest.approx(sT, rel=1e-9)
    assert p.path["share"].iloc[0] == pytest.approx(s0)
    if abs(sT - s0) > 1e-9:
        assert (p.growth_rate < gY) == (sT < s0)


def test_target_already_reached_is_not_an_error():
    p = target_path(base_share=0.05, target_share=0.031, years=5, gdp_growth=0.03)
    assert p.reached
    assert p.growth_rate < 0.03
    assert "already reached" in p.assumptions["note"]


def test_employment_target_needs_productivity():
    with pytest.raises(ScenarioError, match="productivity_growth"):
        target_path(base_share=0.02, target_share=0.062, years=10, gdp_growth=0.03,
                    basis="employment")
    p = target_path(base_share=0.02, target_share=0.062, years=10, gdp_growth=0.03,
                    basis="employment", productivity_growth=0.01)
    g_E = 1.03 / 1.01 - 1
    assert p.employment_growth_rate == pytest.approx((1 + g_E) * (0.062 / 0.02) ** 0.1 - 1)
    assert p.growth_rate == pytest.approx((1 + p.employment_growth_rate) * 1.01 - 1)


def test_final_demand_path_closes_the_gap(uk_2010):
    theta = creative_shares(uk_2010, "dcms")
    s0 = float((theta * uk_2010.gva).sum() / uk_2010.gva.sum())
    p = target_path(base_share=s0, target_share=0.06, years=5, gdp_growth=0.02,
                    table=uk_2010, start_year=2010)
    assert list(p.path.index) == list(range(2010, 2016))
    assert p.path["creative"].iloc[0] == pytest.approx(float((theta * uk_2010.gva).sum()))
    df = p.final_demand_change(2013)
    assert df.index.equals(uk_2010.sectors)
    assert (df >= 0).all()
    gva = uk_2010.impact(df).by_sector[("gva", "total")]
    creative_gva = float((theta * gva).sum())
    assert creative_gva == pytest.approx(p.path.loc[2013, "gap"], rel=1e-9)
    all_years = p.final_demand_changes()
    pd.testing.assert_series_equal(all_years.loc[2013], df, check_names=False)
    assert p.path["delta_final_demand"].iloc[0] == 0.0


def test_path_without_table_has_no_sectors():
    p = target_path(base_share=0.01, target_share=0.031, years=3, gdp_growth=0.03)
    np.testing.assert_allclose(p.path["creative"].iloc[0], 1.0)
    with pytest.raises(ScenarioError, match="table="):
        p.final_demand_change(1)


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("bad", [0.0, 1.0, 3.1, -0.02, float("nan")])
def test_target_share_outside_open_unit_interval(bad):
    with pytest.raises(ScenarioError, match="target_share must lie in"):
        target_path(base_share=0.01, target_share=bad, years=5, gdp_growth=0.03)


def test_base_share_outside_open_unit_interval():
    with pytest.raises(ScenarioError, match="base_share"):
        target_path(base_share=0.0, target_share=0.031, years=5, gdp_growth=0.03)


@pytest.mark.parametrize("bad", [0, -3])
def test_horizon_must_be_positive(bad):
    with pytest.raises(ScenarioError, match="horizon"):
        target_path(base_share=0.01, target_share=0.031, years=bad, gdp_growth=0.03)


def test_horizon_must_be_whole_years():
    with pytest.raises(ScenarioError, match="whole number"):
        target_path(base_share=0.01, target_share=0.031, years=2.5, gdp_growth=0.03)


def test_gdp_growth_above_minus_one():
    with pytest.raises(ScenarioError, match="gdp_growth"):
        target_path(base_share=0.01, target_share=0.031, years=5, gdp_growth=-1.0)


def test_unknown_basis():
    with pytest.raises(InvalidOptionError, match="Did you mean 'employment'"):
        target_path(base_share=0.01, target_share=0.031, years=5, gdp_growth=0.03,
                    basis="employmnt")
