"""Creative shares of table sectors, and the satellite account and footprint built on them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_econ.creative.classifications import Definition
from creative_econ.creative.concordance import Concordance
from creative_econ.creative.satellite import contribution, satellite
from creative_econ.creative.shares import aggregate_shares, creative_shares
from creative_econ.errors import LabelMismatchError, UnknownSectorError
from tests.strategies import io_tables


def whole_economy(table) -> tuple[Definition, Concordance]:
    """A definition whose codes are the table's sectors, each wholly creative (theta = 1)."""
    codes = [str(s) for s in table.sectors]
    d = Definition.from_frame(pd.DataFrame({"code": codes, "domain": "all"}), name="everything",
                              code_system="sector codes")
    c = Concordance.from_frame(dict(zip(codes, codes, strict=True)),
                               source_system="sector codes", target_system="sectors")
    return d, c


# ---------------------------------------------------------------------------- UK 2010
def test_uk_dcms_shares(uk_2010):
    theta = creative_shares(uk_2010, "dcms")
    assert theta.index.equals(uk_2010.sectors)
    for s in ("58", "59-60", "90", "NM_90", "NPISH_90", "NM_59-60"):
        assert theta[s] == 1.0
    # product 74: design 2,250 + photography 675 + translation 300 of 10,725 (BRES 2019)
    assert theta["74"] == pytest.approx(3225 / 10725, rel=1e-12)
    assert theta["62"] == pytest.approx(33250 / 43425, rel=1e-12)
    assert theta["01"] == 0.0
    assert ((theta >= 0) & (theta <= 1)).all()


def test_definition_without_a_route_to_the_table_needs_a_concordance(uk_2010):
    # CPC products have no bundled route to the table's sectors (ISIC does: via NACE Rev.2)
    with pytest.raises(LabelMismatchError, match="CPC.*concordance"):
        creative_shares(uk_2010, "unesco_fcs_2009_products")


def test_unknown_sector_in_weights(uk_2010):
    frame = pd.DataFrame({"code": ["90.01"], "sector": ["R90"], "weight": [1.0]})
    d = Definition.from_frame(pd.DataFrame({"code": ["90.01"], "domain": "arts"}), name="a",
                              code_system="SIC 2007")
    with pytest.raises(UnknownSectorError, match="'R90'.*Did you mean '90'"):
        creative_shares(uk_2010, d, weights=frame)


def test_definition_code_missing_from_table_weights(uk_2010):
    d = Definition.from_frame(pd.DataFrame({"code": ["90.01", "01.11"], "domain": "arts"}),
                              name="a", code_system="SIC 2007")
    with pytest.raises(LabelMismatchError, match="'01.11'"):
        creative_shares(uk_2010, d)


def test_uk_satellite_account(uk_2010):
    acc = satellite(uk_2010, "dcms",
                    benchmarks={"unesco_2022": None, "DCMS 2015": {"gva": 0.05259}})
    total = acc.values.loc[("uk_ioat_2010", "Total")]
    gva = uk_2010.gva
    theta = creative_shares(uk_2010, "dcms")
    assert total["gva"] == pytest.approx(float((theta * gva).sum()), rel=1e-12)
    assert acc.shares.loc[("uk_ioat_2010", "Total"), "gva"] == pytest.approx(0.0523, abs=5e-5)
    domains = acc.values.drop(index="Total", level="domain")
    assert domains.sum().to_numpy() == pytest.approx(total.to_numpy(), rel=1e-12)
    assert len(domains) == 9
    bench = acc.benchmarks.set_index(["benchmark", "indicator"])
    assert bench.loc[("UNESCO 2022", "gva"), "benchmark_share"] == 0.031
    assert bench.loc[("UNESCO 2022", "gva"), "gap"] == pytest.approx(
        acc.shares.loc[("uk_ioat_2010", "Total"), "gva"] - 0.031)
    assert "employment" not in acc.values  # the ONS table has none
    tidy = acc.to_frame()
    assert set(tidy.columns) == {"region", "domain", "indicator", "measure", "value"}
    card = acc.assumptions.to_dict()
    assert "dcms" in card["creative_definition"]
    assert "BRES" in card["creative_concordance"]


def test_satellite_by_region(uk_2010):
    acc = satellite({"A": uk_2010, "B": uk_2010}, "dcms")
    assert list(acc.economy.index) == ["A", "B"]
    assert set(acc.benchmarks["region"]) == {"A", "B"}


def test_footprint_uses_theta_f_not_theta_x(uk_2010):
    imp = contribution(uk_2010, "dcms")
    theta = creative_shares(uk_2010, "dcms")
    expected = theta * uk_2010.final_demand.sum(axis=1)
    pd.testing.assert_series_equal(imp.shock, expected.rename("delta_final_demand"),
                                   check_names=False)
    out = imp.summary().loc["output", "total"]
    assert out < float((theta * uk_2010.x).sum()) * uk_2010.multipliers()["output"].max()
    assert "theta * final demand" in imp.assumptions.to_dict()["creative_shock"]


def test_footprint_of_the_whole_uk_economy_type_ii(uk_2010):
    d, c = whole_economy(uk_2010)
    imp = contribution(uk_2010, d, weights=c, type="II")
    np.testing.assert_allclose(imp.summary().loc["output", "total"], uk_2010.x.sum(), rtol=1e-8)


# ---------------------------------------------------------------------------- properties
@given(io_tables(households=False))
def test_footprint_with_theta_one_is_the_economy(table):
    d, c = whole_economy(table)
    summ = contribution(table, d, weights=c).summary()
    np.testing.assert_allclose(summ.loc["output", "total"], table.x.sum(), rtol=1e-8)
    np.testing.assert_allclose(summ.loc["gva", "total"], table.gva.sum(), rtol=1e-8,
                               atol=1e-9)


@given(io_tables(households=False), st.data())
def test_shares_in_unit_interval_and_satellite_within_economy(table, data):
    n = table.n
    codes = [f"c{i}" for i in range(2 * n)]
    theta_c = data.draw(st.lists(st.floats(0.01, 1.0), min_size=2 * n, max_size=2 * n))
    raw = data.draw(st.lists(st.floats(0.0, 1.0), min_size=2 * n, max_size=2 * n))
    # two codes per sector whose weights add up to at most one
    w = np.array(raw).reshape(n, 2)
    w = w / np.maximum(w.sum(axis=1, keepdims=True), 1.0)
    links = pd.DataFrame({"code": codes, "sector": [str(s) for s in table.sectors for _ in (0, 1)],
                          "weight": w.ravel()})
    frame = pd.DataFrame({"code": codes, "domain": ["a", "b"] * n, "theta": theta_c})
    before = (frame.copy(), links.copy())
    d = Definition.from_frame(frame, name="h", code_system="x")
    theta = creative_shares(table, d, weights=links)
    assert ((theta >= 0) & (theta <= 1 + 1e-12)).all()
    acc = satellite(table, d, weights=links)
    total = acc.values.xs("Total", level="domain").iloc[0]
    econ = acc.economy.iloc[0]
    assert (total <= econ * (1 + 1e-12) + 1e-12).all()
    pd.testing.assert_frame_equal(frame, before[0])
    pd.testing.assert_frame_equal(links, before[1])


def test_aggregate_shares_is_a_weighted_sum():
    W = np.array([[0.5, 0.0], [0.5, 1.0]])
    out = aggregate_shares(W, np.array([1.0, 0.5]), np.array([0, 1]), 2)
    np.testing.assert_allclose(out, [[0.5, 0.25], [0.0, 0.5]])


def test_shares_do_not_touch_the_table(uk_2010):
    before = uk_2010.final_demand.copy()
    contribution(uk_2010, "dcms")
    satellite(uk_2010, "dcms")
    pd.testing.assert_frame_equal(uk_2010.final_demand, before)


def test_scottish_series_of_creative_shares():
    from creative_econ.datasets._scotland import scotland_ixi

    shares = {}
    for year in (1998, 2010, 2019):
        acc = satellite(scotland_ixi(year), "dcms", benchmarks=None)
        shares[year] = acc.shares.xs("Total", level="domain").iloc[0]
    assert 0.01 < shares[1998]["gva"] < shares[2019]["gva"] < 0.05
    uk = creative_shares(scotland_ixi(2019), "dcms")
    assert uk["74"] == pytest.approx(3225 / 10725, rel=1e-12)
    assert uk["59, 60"] == 1.0
