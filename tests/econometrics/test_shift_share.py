"""Shift-share: the identities, a hand-worked example, Kazakhstan regions, bad input."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from creative_econ.econometrics import (
    InvalidSeriesError,
    classic_shift_share,
    dynamic_shift_share,
    esteban_marquillas,
    sector_region_frames,
    shift_share,
)
from creative_econ.errors import (
    InvalidOptionError,
    InvalidTableError,
    LabelMismatchError,
    UnknownSectorError,
)

CLASSIC = ["national_share", "industry_mix", "regional_shift"]

BASE = pd.DataFrame({"X": [100.0, 200.0], "Y": [50.0, 150.0]}, index=["creative", "other"])
END = pd.DataFrame({"X": [130.0, 210.0], "Y": [55.0, 180.0]}, index=["creative", "other"])


def test_hand_worked_example():
    # g_N = 75/500 = 3/20; g_creative = 35/150 = 7/30; g_other = 40/350 = 4/35.
    f = Fraction
    g_n, g_c, g_o = f(3, 20), f(7, 30), f(4, 35)
    expected = {
        ("X", "creative"): (100 * g_n, 100 * (g_c - g_n), 30 - 100 * g_c),
        ("Y", "creative"): (50 * g_n, 50 * (g_c - g_n), 5 - 50 * g_c),
        ("X", "other"): (200 * g_n, 200 * (g_o - g_n), 10 - 200 * g_o),
        ("Y", "other"): (150 * g_n, 150 * (g_o - g_n), 30 - 150 * g_o),
    }
    ss = shift_share(BASE, END)
    got = ss.components.set_index(["region", "sector"])
    for key, values in expected.items():
        assert_allclose(got.loc[key, CLASSIC].to_numpy(float), [float(v) for v in values],
                        rtol=1e-14)
    assert_allclose(got.loc[("X", "creative"), "regional_shift"], 20 / 3)
    # Esteban-Marquillas: homothetic creative employment in X is 300 * 150 / 500 = 90, and
    # g_cX - g_cN = 3/10 - 7/30 = 1/15: competitive 6, allocation (100 - 90)/15 = 2/3.
    em = shift_share(BASE, END, method="esteban_marquillas").components
    row = em.set_index(["region", "sector"]).loc[("X", "creative")]
    assert_allclose([row["competitive"], row["allocation"]], [6.0, 2 / 3], rtol=1e-14)


def test_components_sum_to_change_on_kazakhstan_regions(kz_output_regions):
    frames = sector_region_frames(kz_output_regions, "output_mln_kzt")
    assert set(frames) == {2022, 2023, 2024, 2025}
    assert frames[2022].shape == (19, 20)
    ss = shift_share(frames[2022], frames[2025], years=(2022, 2025))
    c = ss.components
    assert len(c) == 380
    assert_allclose(c[CLASSIC].sum(axis=1), c["change"], rtol=0, atol=1e-9 * c["base"].max())
    assert_allclose(c["change"], c["end"] - c["base"])
    # the national-share components add up to the national change times base shares
    assert_allclose(c["national_share"].sum(), c["change"].sum(), rtol=1e-12)
    # industry mix sums to zero over sectors weighted nationally; regional shift sums to zero
    # over regions within each sector
    assert_allclose(c.groupby("sector")["regional_shift"].sum(), 0.0,
                    atol=1e-9 * c["base"].max())
    by_region = ss.by_region()
    assert len(by_region) == 20
    assert_allclose(by_region[CLASSIC].sum(axis=1), by_region["change"], rtol=1e-10)


def test_esteban_marquillas_and_dynamic_on_creative_proxies(kz_output_regions):
    creative = kz_output_regions[kz_output_regions["section"].isin(["J", "M", "R"])]
    frames = sector_region_frames(creative, "output_mln_kzt")
    em = shift_share(frames[2022], frames[2025], method="esteban_marquillas")
    c = em.components
    assert_allclose(c["competitive"] + c["allocation"], c["regional_shift"],
                    atol=1e-9 * c["base"].max())
    dyn = shift_share(frames[2022], frames[2025], method="dynamic",
                      between=[frames[2023], frames[2024]], years=[2022, 2023, 2024, 2025])
    d = dyn.components
    assert_allclose(d[CLASSIC].sum(axis=1), d["change"], atol=1e-9 * d["base"].max())
    assert sorted(dyn.by_year["year"].unique()) == [2023, 2024, 2025]
    steps = dyn.by_year.groupby(["region", "sector"])[CLASSIC].sum()
    assert_allclose(steps.to_numpy(), d.set_index(["region", "sector"])[CLASSIC].to_numpy())


finite = st.floats(0.0, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def sector_region_pairs(draw, n_years=2):
    shape = (draw(st.integers(1, 5)), draw(st.integers(1, 6)))
    stack = [draw(arrays(float, shape, elements=finite)) for _ in range(n_years)]
    for a in stack:
        a[:, 0] += 1.0  # every sector present somewhere in every year
    return stack


@given(sector_region_pairs())
def test_classic_components_sum_to_change(pair):
    e0, e1 = pair
    before = (e0.copy(), e1.copy())
    ns, im, rs = classic_shift_share(e0, e1)
    scale = max(1.0, np.abs(e0).max(), np.abs(e1).max())
    assert_allclose(ns + im + rs, e1 - e0, rtol=0, atol=1e-9 * scale)
    assert_allclose(rs.sum(axis=1), 0.0, atol=1e-9 * scale * e0.shape[1])
    assert_allclose(e0, before[0])
    assert_allclose(e1, before[1])


@given(sector_region_pairs())
def test_esteban_marquillas_splits_the_regional_shift(pair):
    e0, e1 = pair
    e0 = e0 + 1.0  # every base cell positive
    ns, im, rs, comp, alloc = esteban_marquillas(e0, e1)
    scale = max(1.0, np.abs(e0).max(), np.abs(e1).max())
    assert_allclose(comp + alloc, rs, rtol=0, atol=1e-8 * scale)
    assert_allclose(ns + im + rs, e1 - e0, rtol=0, atol=1e-9 * scale)


@given(sector_region_pairs(n_years=4))
def test_dynamic_steps_telescope_to_total_change(stack):
    v = np.stack(stack)
    steps = dynamic_shift_share(v)
    scale = max(1.0, np.abs(v).max())
    assert steps.shape == (3, 3, *v.shape[1:])
    assert_allclose(steps.sum(axis=(0, 1)), v[-1] - v[0], rtol=0, atol=1e-8 * scale)


def test_allocation_shares():
    ss = shift_share(BASE, END, years=(2022, 2025))
    shares = ss.allocation(0.05)
    assert_allclose(shares.sum(axis=1), 1.0)
    # with every region growing at the national rate, shares are the end-year shares
    same = shift_share(BASE, BASE * 1.3, years=(2022, 2025)).allocation(0.05)
    assert_allclose(same.to_numpy(), (BASE / BASE.sum(axis=1).to_numpy()[:, None]).to_numpy())
    by_sector = ss.allocation({"creative": 0.08, "other": 0.02})
    assert_allclose(by_sector.sum(axis=1), 1.0)
    with pytest.raises(UnknownSectorError, match="craetive"):
        ss.allocation({"craetive": 0.1, "other": 0.02})


def test_inputs_not_modified_and_labels_aligned():
    end_shuffled = END.loc[["other", "creative"], ["Y", "X"]]
    b, e = BASE.copy(deep=True), end_shuffled.copy(deep=True)
    a = shift_share(BASE, end_shuffled).components
    pd.testing.assert_frame_equal(BASE, b)
    pd.testing.assert_frame_equal(end_shuffled, e)
    ref = shift_share(BASE, END).components
    pd.testing.assert_frame_equal(a, ref)


def test_plot_and_views(kz_output_regions):
    frames = sector_region_frames(kz_output_regions, "output_mln_kzt")
    ss = shift_share(frames[2022], frames[2025], years=(2022, 2025), value="million KZT")
    fig = ss.plot(sectors=["J", "M", "R"])
    assert fig.axes[0].get_title() == "Shift-share (classic) 2022-2025"
    assert set(ss.to_frame()["component"]) == set(CLASSIC)
    assert len(ss.by_sector()) == 19
    assert "20 regions x 19 sectors" in repr(ss)


# ---------------------------------------------------------------------- bad input
def test_mismatched_region_labels():
    end = END.rename(columns={"Y": "Z"})
    with pytest.raises(LabelMismatchError, match=r"regions of end .* missing 'Y'; unexpected 'Z'"):
        shift_share(BASE, end)


def test_mismatched_sector_labels(kz_output_regions):
    from creative_econ.datasets._kazakhstan import kazakhstan_output_by_region

    with_t = kazakhstan_output_by_region(section_t=True)
    with pytest.raises(LabelMismatchError, match=r"Year 2022 lacks .* sector 'T'"):
        sector_region_frames(with_t, "output_mln_kzt")
    frames = sector_region_frames(with_t[with_t["year"] == 2025], "output_mln_kzt")
    base = sector_region_frames(kz_output_regions, "output_mln_kzt")[2022]
    with pytest.raises(LabelMismatchError, match=r"sectors of end .* unexpected 'T'"):
        shift_share(base, frames[2025])


def test_duplicate_labels():
    dup = pd.concat([BASE, BASE.iloc[[0]]])
    with pytest.raises(LabelMismatchError, match="duplicate row"):
        shift_share(dup, END)


def test_negative_values():
    bad = END.copy()
    bad.loc["other", "Y"] = -1.0
    with pytest.raises(InvalidTableError, match=r"\('other', 'Y'\) = -1"):
        shift_share(BASE, bad)


def test_missing_values():
    bad = END.copy()
    bad.loc["creative", "X"] = np.nan
    with pytest.raises(InvalidTableError, match="non-negative finite"):
        shift_share(BASE, bad)


def test_sector_zero_everywhere_in_base():
    base = BASE.copy()
    base.loc["creative"] = 0.0
    with pytest.raises(InvalidTableError, match=r"Sectors 'creative' are zero in every region"):
        shift_share(base, END)


def test_esteban_marquillas_needs_positive_cells(kz_output_regions):
    frames = sector_region_frames(kz_output_regions, "output_mln_kzt")
    with pytest.raises(InvalidTableError, match=r"\('B', 'AST'\) = 0"):
        shift_share(frames[2022], frames[2025], method="esteban_marquillas")


def test_gaps_in_years_for_dynamic():
    with pytest.raises(InvalidSeriesError, match="Gaps in years: 2023 missing"):
        shift_share(BASE, END, method="dynamic", between=[BASE * 1.1], years=(2022, 2024, 2025))


def test_between_only_for_dynamic():
    with pytest.raises(InvalidTableError, match="between= is for method='dynamic'"):
        shift_share(BASE, END, between=[BASE])


def test_years_do_not_match_frames():
    with pytest.raises(InvalidSeriesError, match="3 entries for 2 frames"):
        shift_share(BASE, END, years=(2022, 2023, 2024))


def test_unknown_method():
    with pytest.raises(InvalidOptionError, match="Did you mean 'dynamic'"):
        shift_share(BASE, END, method="dynamics")


def test_not_a_frame():
    with pytest.raises(InvalidTableError, match="must be a DataFrame"):
        shift_share(BASE.to_numpy(), END)
