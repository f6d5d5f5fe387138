"""The two-region model: national totals, feedback, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

from creative_econ.regional import (
    TRADE_ADJUSTMENT,
    RegionalData,
    RegionalDataError,
    regional_output_multipliers,
    regionalise,
    two_region,
)
from tests.regional._strategies import tables_and_regions


@given(tables_and_regions(), st.sampled_from(["slq", "cilq", "flq", "aflq", "pool"]),
       st.floats(0.0, 0.9), st.data())
def test_two_region_outputs_add_to_national_for_a_national_shock(case, method, delta, data):
    national, regional = case
    rest = national.x.to_numpy() - regional.output.loc["R"].to_numpy()
    if rest.sum() <= 0:
        return
    before = (national.Z.copy(), national.final_demand.copy(), regional.output.copy())
    t = two_region(national, regional, region="R", method=method, delta=delta)
    for got, want in zip((national.Z, national.final_demand, regional.output), before,
                         strict=True):
        pd.testing.assert_frame_equal(got, want)  # the caller's data are untouched
    n = national.n
    # Coefficient blocks add back to the national ones, column by column.
    A2 = t.A.to_numpy()
    A_n = national.A.to_numpy()
    x2 = t.x.to_numpy()
    for j in range(2 * n):
        if x2[j] > 0:
            assert_allclose(A2[:n, j] + A2[n:, j], A_n[:, j % n], atol=1e-12)
    # Any split of a national final-demand change between the producing regions.
    shock = data.draw(hnp.arrays(np.float64, (n,), elements=st.floats(0.0, 100.0)))
    split = data.draw(hnp.arrays(np.float64, (n,), elements=st.floats(0.0, 1.0)))
    s_r, s_s = shock * split, shock * (1 - split)
    s_r[x2[:n] == 0], s_s[x2[n:] == 0] = 0.0, 0.0
    total = s_r + s_s
    dx = t.impact(pd.Series(np.concatenate([s_r, s_s]), index=t.sectors))["output"]["total"]
    national_dx = national.impact(pd.Series(total, index=national.sectors))["output"]["total"]
    summed = dx.to_numpy()[:n] + dx.to_numpy()[n:]
    assert_allclose(summed, national_dx.to_numpy(), rtol=1e-7,
                    atol=1e-9 * (1 + np.abs(national_dx.to_numpy()).max()))
    # Base year: outputs and final demand add up; the trade adjustment sums to zero.
    assert_allclose(x2[:n] + x2[n:], national.x.to_numpy(), rtol=1e-12)
    fd = t.final_demand
    adj = fd[TRADE_ADJUSTMENT].to_numpy()
    assert_allclose(adj[:n] + adj[n:], 0.0, atol=1e-8 * (1 + national.x.max()))
    cats = fd.drop(columns=TRADE_ADJUSTMENT).to_numpy()
    assert_allclose(cats[:n] + cats[n:], national.final_demand.to_numpy(), atol=1e-9,
                    rtol=1e-9)


def test_feedback_raises_the_regions_own_multiplier(uk_2010) -> None:
    data = RegionalData(output=(uk_2010.x * 0.08).to_frame("R").T)
    t = two_region(uk_2010, data, region="R", method="flq", delta=0.2)
    single = regionalise(uk_2010, data, region="R", method="flq", delta=0.2)
    split = regional_output_multipliers(t).loc["R"]
    assert np.all(split["R"].to_numpy() >= single.multipliers()["output"].to_numpy() - 1e-12)
    assert_allclose(split["total"], uk_2010.multipliers()["output"], rtol=1e-9)
    assert t.assumptions().to_dict()["regional_model"] == "two-region (with REST)"


def test_sectors_are_region_sector_pairs(uk_2010) -> None:
    data = RegionalData(output=(uk_2010.x * 0.08).to_frame("R").T)
    t = two_region(uk_2010, data, region="R", rest_of_country="RUK", method="slq")
    assert t.sectors.names == ["region", "product"]
    assert t.sectors[0] == ("R", "01")
    assert t.sectors[-1] == ("RUK", "NPISH_96")
    by_region = t.impact({("R", "90"): 1.0}).by_sector.groupby(level="region").sum()
    assert set(by_region.index) == {"R", "RUK"}


def test_region_that_is_the_whole_nation(uk_2010) -> None:
    data = RegionalData(output=uk_2010.x.to_frame("UK").T)
    with pytest.raises(RegionalDataError, match="whole nation"):
        two_region(uk_2010, data, region="UK")


def test_split_by_region_needs_a_regional_table(uk_2010) -> None:
    with pytest.raises(RegionalDataError, match=r"\(region, sector\)"):
        regional_output_multipliers(uk_2010)
