"""The multiregional (Chenery–Moses) model against independent computations and properties.

Regional figures here are **synthetic** (made-up regional shares of the bundled national
tables) except for Kazakhstan, where the regional output shares are the real BNS figures for
2023 applied to the UK 2010 table aggregated to OKED sections: a stand-in national table for
tests only, because no Kazakhstan inter-industry table is bundled.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

import creative_econ as ce
from creative_econ import leontief as le
from creative_econ.errors import (
    BalanceError,
    InvalidOptionError,
    InvalidParameterError,
    InvalidShockError,
    InvalidTableError,
    LabelMismatchError,
    NotProductiveError,
    RegionalDataError,
    UnknownRegionError,
    UnknownSectorError,
)
from creative_econ.regional import RegionalData, regionalise, two_region
from creative_econ.regional import multiregional as mr
from creative_econ.regional.kazakhstan import kz_centres, kz_region
from creative_econ.regional.multiregional import MultiRegionalImpact, MultiRegionalTable
from tests.strategies import io_tables

GERMAN_GROUPS = {"agriculture": "goods", "manufacturing": "goods", "construction": "services",
                 "trade_transport": "services", "business_services": "services",
                 "other_services": "services"}
_SECTIONS = [  # NACE Rev. 2 / OKED divisions -> sections (T merged into S below)
    (1, 3, "A"), (5, 9, "B"), (10, 33, "C"), (35, 35, "D"), (36, 39, "E"), (41, 43, "F"),
    (45, 47, "G"), (49, 53, "H"), (55, 56, "I"), (58, 63, "J"), (64, 66, "K"), (68, 68, "L"),
    (69, 75, "M"), (77, 82, "N"), (84, 84, "O"), (85, 85, "P"), (86, 88, "Q"), (90, 93, "R"),
    (94, 98, "S")]


def uk_sections(uk: ce.IOTable) -> ce.IOTable:
    """The UK 2010 table aggregated to the 19 OKED sections A-S (households as employers, T,
    merged into S, as Kazakhstan's regional output has no T)."""
    import re

    mapping = {}
    for s in uk.sectors:
        div = int(re.search(r"(\d{2})", s).group(1))
        mapping[s] = next(sec for lo, hi, sec in _SECTIONS if lo <= div <= hi)
    return uk.aggregate(mapping, name="UK 2010 aggregated to OKED sections (stand-in)")


def synthetic_regions(table: ce.IOTable, R: int, seed: int, concentration: float = 1.0
                      ) -> RegionalData:
    """Made-up regional output shares (Dirichlet per sector) and centres for R regions."""
    rng = np.random.default_rng(seed)
    shares = rng.dirichlet(np.full(R, concentration), size=table.n).T
    names = [f"R{k}" for k in range(R)]
    out = pd.DataFrame(shares * table.x.to_numpy()[None, :], index=names, columns=table.sectors)
    centres = pd.DataFrame({"lat": 41 + 2.5 * np.arange(R) + rng.uniform(0, 1, R),
                            "lon": 50 + 6 * np.arange(R) + rng.uniform(0, 1, R)}, index=names)
    return RegionalData(output=out, centres=centres, source="synthetic (tests)")


@pytest.fixture(scope="module")
def german(germany_1995):
    reg = synthetic_regions(germany_1995, 3, seed=1)
    return MultiRegionalTable.from_national(germany_1995, reg, product_groups=GERMAN_GROUPS)


@pytest.fixture(scope="module")
def uk_sec(uk_2010):
    return uk_sections(uk_2010)


@pytest.fixture(scope="module")
def kazakhstan(uk_sec):
    """20 regions x 19 sections: real BNS 2023 output shares on the stand-in national table."""
    kz = ce.load_dataset("kazakhstan_output_by_region")
    out = kz[kz["year"] == 2023].pivot(index="region", columns="section",
                                        values="output_mln_kzt")[uk_sec.sectors]
    reg = RegionalData(output=out, centres=kz_centres(), year=2023, border_vintage="KZ-2022",
                       unit="million KZT", source="BNS output by region x OKED section, 2023")
    return MultiRegionalTable.from_national(uk_sec, reg, national_sizes=out.sum(axis=0))


# ---------------------------------------------------------------------------- reproduction
def test_one_region_reproduces_the_national_table(germany_1995):
    reg = RegionalData(output=germany_1995.x.to_frame("DE").T,
                       centres=pd.DataFrame({"lat": [51.0], "lon": [10.0]}, index=["DE"]))
    m = MultiRegionalTable.from_national(germany_1995, reg, product_groups=GERMAN_GROUPS)
    for t in ("I", "II"):
        assert_allclose(m.effects(t).to_numpy(), germany_1995.effects(t).to_numpy(), rtol=1e-12)
        mm, nm = m.multipliers(t).to_numpy(), germany_1995.multipliers(t).to_numpy()
        assert_allclose(mm, nm, rtol=1e-12)
    assert_allclose(m.A.to_numpy(), germany_1995.A.to_numpy(), atol=1e-15)
    shock = {"other_services": 100.0, "construction": 50.0}
    a = m.impact(shock, region="DE", type="II").by_sector.to_numpy()
    b = germany_1995.impact(shock, type="II").by_sector.to_numpy()
    assert_allclose(a, b, rtol=1e-10, atol=1e-10)


def test_two_region_pool_equals_the_two_region_model(uk_2010):
    rng = np.random.default_rng(2)
    x_r = uk_2010.x.to_numpy() * rng.uniform(0.02, 0.3, uk_2010.n)
    out = pd.DataFrame([x_r, uk_2010.x.to_numpy() - x_r], index=["R", "REST"],
                       columns=uk_2010.sectors)
    m = MultiRegionalTable.from_national(uk_2010, RegionalData(output=out), trade="pool",
                                         at_producer=[])
    t2 = two_region(uk_2010, RegionalData(output=out.loc[["R"]]), region="R", method="pool")
    assert_allclose(m.A.to_numpy(), t2.A.to_numpy(), atol=1e-14)
    assert_allclose(m.x.to_numpy(), t2.x.to_numpy(), rtol=1e-10)
    a = m.multipliers("I")["output"].to_numpy()
    assert_allclose(a, t2.multipliers("I")["output"].to_numpy(), rtol=1e-12)
    # ... and the diagonal block is the single-region pool model.
    single = regionalise(uk_2010, RegionalData(output=out.loc[["R"]]), region="R",
                         method="pool")
    assert_allclose(m.A.to_numpy()[:uk_2010.n, :uk_2010.n], single.A.to_numpy(), atol=1e-15)


def test_pool_trade_coefficients_reproduce_single_region_pool_models(germany_1995):
    reg = synthetic_regions(germany_1995, 4, seed=3)
    m = MultiRegionalTable.from_national(germany_1995, reg, trade="pool", at_producer=[])
    n = germany_1995.n
    for k, r in enumerate(m.regions):
        single = regionalise(germany_1995, RegionalData(output=reg.output.loc[[r]]), region=r,
                             method="pool")
        block = m.A.to_numpy()[k * n:(k + 1) * n, k * n:(k + 1) * n]
        assert_allclose(block, single.A.to_numpy(), atol=1e-15)


def test_to_iotable_has_the_same_type_i_results(german):
    t = german.to_iotable()
    assert_allclose(t.effects("I").to_numpy(), german.effects("I").to_numpy(), rtol=1e-10)
    assert_allclose(t.x.to_numpy(), german.x.to_numpy())
    assert german.table is german.table  # built once
    assert german.table.sectors.equals(german.index)


@pytest.mark.parametrize(("labels", "groups"), [
    (["A", "B", "C", "D", "E", "F", "J", "R"], ["goods"] * 5 + ["services"] * 3),
    (["J58-60", "M_other", "R90", "C"], ["services", "services", "services", "goods"]),
    (["01", "10-1", "35-2-3", "41-43", "NPISH_74", "NM_38"],
     ["goods", "goods", "goods", "services", "services", "goods"]),
])
def test_default_product_groups(labels, groups):
    assert mr.default_product_groups(pd.Index(labels)).tolist() == groups


def test_default_product_groups_unrecognised():
    assert mr.default_product_groups(pd.Index(["agriculture", "A"])) is None


# ---------------------------------------------------------------------------- accounting
def test_base_year_outputs_are_the_regional_data_and_add_up(german, germany_1995):
    x = mr.mr_solve(german._factor, german.final_demand.to_numpy().sum(axis=1))
    assert_allclose(x, german.x.to_numpy(), rtol=1e-9)
    assert_allclose(x.reshape(3, -1).sum(axis=0), germany_1995.x.to_numpy(), rtol=1e-9)
    assert_allclose(german.final_demand.groupby(level=1, sort=False).sum().to_numpy(),
                    germany_1995.final_demand.to_numpy(), rtol=1e-12)


def test_gravity_flows_meet_both_margins(german):
    f = german.flows
    total = german.supply.sum(axis=1)[:, None]
    assert (np.abs(f.sum(axis=2) - german.supply) <= 1e-8 * total).all()
    assert (np.abs(f.sum(axis=1) - german.demand) <= 1e-8 * total).all()
    tc = german.trade_coefficients
    assert_allclose(tc.groupby(level=0).sum().to_numpy(), 1.0, atol=1e-12)


def test_output_multipliers_add_up_to_the_national_ones(german, germany_1995):
    by = german.effects_by_region("output")
    assert_allclose(by.sum(axis=1), german.effects()["output"], rtol=1e-12)
    nat = germany_1995.multipliers("I")["output"].to_numpy()
    for r in german.regions:
        assert_allclose(german.multipliers("I")["output"].loc[r].to_numpy(), nat, rtol=1e-10)
    # Type II with national closure coefficients aggregates to national Type II as well.
    nat2 = germany_1995.multipliers("II")["output"].to_numpy()
    assert_allclose(german.multipliers("II")["output"].to_numpy().reshape(3, -1),
                    np.tile(nat2, (3, 1)), rtol=1e-10)


def test_type_ii_effects_by_region_add_up(german):
    for ind in ("output", "income", "employment", "imports"):
        by = german.effects_by_region(ind, type="II")
        assert_allclose(by.sum(axis=1), german.effects("II")[ind], rtol=1e-10)


def test_impact_components_and_household_rows(german):
    imp = german.impact({("R2", "other_services"): 100.0}, type="II")
    assert isinstance(imp, MultiRegionalImpact)
    tot = imp["output"]
    assert_allclose(tot["total"], tot["direct"] + tot["indirect"] + tot["induced"])
    assert (tot["induced"] >= -1e-12).all()
    hh = imp.by_sector.xs(ce.table.HOUSEHOLDS, level=1)
    assert hh.index.tolist() == list(german.regions)
    # Column totals equal effects x shock for every indicator.
    eff = german.effects("II").loc[("R2", "other_services")]
    for ind in ("output", "gva", "employment", "imports"):
        assert imp.by_sector[(ind, "total")].sum() == pytest.approx(100 * eff[ind], rel=1e-10)
    income = imp.by_sector[("income", "total")].sum()
    assert imp.household_income == pytest.approx(100 * eff["income"], rel=1e-10)
    assert income >= imp.household_income - 1e-9
    long = imp.to_frame()
    assert list(long.columns) == ["region", "sector", "indicator", "component", "value"]
    shares = imp.shares("employment")
    assert shares.sum() == pytest.approx(1.0)


@st.composite
def models(draw: st.DrawFn):
    """A random national table split among 1-4 regions with random shares, centres, decay."""
    table = draw(io_tables(min_n=2, max_n=5))
    R = draw(st.integers(1, 4))
    shares = draw(hnp.arrays(np.float64, (R, table.n), elements=st.one_of(
        st.just(0.0), st.floats(0.05, 1.0))))
    shares[0, shares.sum(axis=0) == 0] = 1.0
    shares = shares / shares.sum(axis=0, keepdims=True)
    names = [f"R{k}" for k in range(R)]
    out = pd.DataFrame(shares * table.x.to_numpy()[None, :], index=names, columns=table.sectors)
    centres = pd.DataFrame({"lat": 41 + 2.5 * np.arange(R), "lon": 50 + 6.0 * np.arange(R)},
                           index=names)
    trade = draw(st.sampled_from(["gravity", "pool"]))
    decay = draw(st.floats(0.0, 3.0))
    return table, RegionalData(output=out, centres=centres), trade, decay


@given(models(), st.data())
def test_outputs_sum_to_national(case, data):
    table, reg, trade, decay = case
    m = MultiRegionalTable.from_national(table, reg, trade, decay=decay)
    R, n = len(m.regions), table.n
    # A national final-demand change split arbitrarily among regions: regional outputs add up
    # to the national model's output change, Type I and Type II.
    df = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-100, 100)))
    split = data.draw(hnp.arrays(np.float64, (R, n), elements=st.floats(0.0, 1.0)))
    split[0, split.sum(axis=0) == 0] = 1.0
    split = split / split.sum(axis=0, keepdims=True)
    dg = (split * df[None, :]).ravel()
    comps = m.output_components(dg, "II")
    x1 = (comps.direct + comps.indirect).reshape(R, n).sum(axis=0)
    assert_allclose(x1, le.solve(table._lu, df), rtol=1e-8, atol=1e-8 * np.abs(df).sum())
    nat = le.output_components(table._lu, df, table._closed)
    assert_allclose(comps.total.reshape(R, n).sum(axis=0), nat.total, rtol=1e-8,
                    atol=1e-8 * np.abs(df).sum())
    assert_allclose(m.x.to_numpy().reshape(R, n).sum(axis=0), table.x.to_numpy(), rtol=1e-12)


@given(models())
def test_gravity_and_pool_flows_meet_margins(case):
    table, reg, trade, decay = case
    m = MultiRegionalTable.from_national(table, reg, trade, decay=decay)
    total = np.maximum(m.supply.sum(axis=1), 1e-300)[:, None]
    assert (np.abs(m.flows.sum(axis=2) - m.supply) <= 1e-8 * total).all()
    assert (np.abs(m.flows.sum(axis=1) - m.demand) <= 1e-8 * total).all()


@given(models(), st.integers(0, 3), st.integers(0, 4))
def test_a_local_shock_raises_output_most_where_it_happens(case, k, j):
    table, reg, trade, decay = case
    m = MultiRegionalTable.from_national(table, reg, trade, decay=decay)
    r = m.regions[k % len(m.regions)]
    s = table.sectors[j % table.n]
    nat_mult = table.multipliers("I")["output"][s]
    if m.x.loc[(r, s)] <= 0 or nat_mult > 2.0:
        return  # no producer there, or indirect output could exceed the direct one
    by = m.impact({s: 1.0}, region=r).by_region()["output"]
    assert (by[r] >= by - 1e-12).all()


@given(models(), st.integers(0, 3), st.integers(0, 4))
def test_local_serving_demand_raises_output_most_at_home(case, k, j):
    """Buyers' demand (sourcing='trade') for a product their region mostly supplies itself:
    with c^rr >= m/2 (m the national output multiplier), home output rises the most."""
    table, reg, trade, decay = case
    m = MultiRegionalTable.from_national(table, reg, trade, decay=decay)
    kr = k % len(m.regions)
    r, jj = m.regions[kr], j % table.n
    s = table.sectors[jj]
    own = m.C[jj, kr, kr]
    if own < table.multipliers("I")["output"][s] / 2:
        return
    by = m.impact({s: 1.0}, region=r, sourcing="trade").by_region()["output"]
    assert (by[r] >= by - 1e-12).all()


@given(models(), st.randoms())
def test_results_invariant_to_region_order(case, rnd):
    table, reg, trade, decay = case
    m = MultiRegionalTable.from_national(table, reg, trade, decay=decay)
    order = list(m.regions)
    rnd.shuffle(order)
    p = MultiRegionalTable.from_national(table, reg, trade, decay=decay, regions=order)
    for t in ("I", "II"):
        a = m.effects(t)
        b = p.effects(t).reindex(a.index)
        assert_allclose(b.to_numpy(), a.to_numpy(), rtol=1e-9, atol=1e-12)
    s = table.sectors[0]
    target = next(r for r in m.regions if m.x.loc[(r, s)] > 0)
    ia = m.impact({s: 10.0}, region=target, type="II").by_sector
    ib = p.impact({s: 10.0}, region=target, type="II").by_sector.reindex(ia.index)
    assert_allclose(ib.to_numpy(), ia.to_numpy(), rtol=1e-9, atol=1e-9)


@given(models(), st.floats(-5, 5), st.floats(-5, 5))
def test_impacts_are_linear(case, a, b):
    table, reg, trade, decay = case
    m = MultiRegionalTable.from_national(table, reg, trade, decay=decay)
    s0, s1 = table.sectors[0], table.sectors[1]
    r0 = next(r for r in m.regions if m.x.loc[(r, s0)] > 0)
    r1 = next(r for r in m.regions if m.x.loc[(r, s1)] > 0)
    one = m.impact({(r0, s0): 1.0}, type="II").by_sector
    two = m.impact({(r1, s1): 1.0}, type="II").by_sector
    both = m.impact({(r0, s0): a, (r1, s1): b}, type="II").by_sector
    assert_allclose(both.to_numpy(), a * one.to_numpy() + b * two.to_numpy(), rtol=1e-9,
                    atol=1e-9)


def test_trade_sourcing_buys_from_all_regions(german, germany_1995):
    imp = german.impact({"manufacturing": 100.0}, region="R0", sourcing="trade")
    direct = imp["output"]["direct"]
    j = list(germany_1995.sectors).index("manufacturing")
    assert_allclose(direct.xs("manufacturing", level=1).to_numpy(), 100 * german.C[j, :, 0])
    total = imp["output"]["total"].groupby(level=1, sort=False).sum()
    expected = le.solve(germany_1995._lu, 100 * np.eye(germany_1995.n)[j])
    assert_allclose(total.to_numpy(), expected, rtol=1e-10)
    assert "trade" in dict(imp.assumptions.extra)["shock_sourcing"]


def test_type_ii_is_at_least_type_i(german):
    e1, e2 = german.effects("I"), german.effects("II")
    for ind in ("output", "gva", "employment"):
        assert (e2[ind] >= e1[ind] - 1e-12).all()


def test_inputs_are_not_modified(germany_1995):
    reg = synthetic_regions(germany_1995, 3, seed=4)
    out, centres = reg.output.copy(), reg.centres.copy()
    Z, x = germany_1995.Z.copy(), germany_1995.x.copy()
    shock = pd.Series({("R1", "construction"): 10.0})
    keep = shock.copy()
    m = MultiRegionalTable.from_national(germany_1995, reg, product_groups=GERMAN_GROUPS)
    m.impact(shock, type="II")
    pd.testing.assert_frame_equal(reg.output, out)
    pd.testing.assert_frame_equal(reg.centres, centres)
    pd.testing.assert_frame_equal(germany_1995.Z, Z)
    pd.testing.assert_series_equal(germany_1995.x, x)
    pd.testing.assert_series_equal(shock, keep)


# ---------------------------------------------------------------------------- solvers
def test_iterative_solver_matches_dense(uk_sec):
    reg = synthetic_regions(uk_sec, 12, seed=5, concentration=0.5)
    dense = MultiRegionalTable.from_national(uk_sec, reg, solver="dense")
    it = MultiRegionalTable.from_national(uk_sec, reg, solver="iterative", tol=1e-12)
    assert it._factor.method == "iterative"
    for t in ("I", "II"):
        a, b = dense.effects(t).to_numpy(), it.effects(t).to_numpy()
        assert_allclose(b, a, rtol=1e-9, atol=1e-12 * np.abs(a).max())
    shock = {("R3", "R"): 100.0, ("R7", "J"): 50.0}
    a = dense.impact(shock, type="II").by_sector.to_numpy()
    b = it.impact(shock, type="II").by_sector.to_numpy()
    assert_allclose(b, a, rtol=1e-8, atol=1e-9)
    assert "GMRES" in dict(it.assumptions().extra)["solver"]


def test_gmres_falls_back_to_dense_lu(german, germany_1995, monkeypatch):
    def stalled(op, b, **kwargs):  # GMRES that gives up at once
        return np.zeros_like(b), 1

    monkeypatch.setattr(mr.spla, "gmres", stalled)
    fac = mr.factorise_mrio(germany_1995._A, german.C, method="iterative")
    b = np.arange(fac.N, dtype=float)
    x = mr.mr_solve(fac, b)
    assert_allclose(x, mr.mr_solve(german._factor, b), rtol=1e-12)
    assert any("dense LU" in note for note in fac.notes)


def test_structured_operator_equals_the_matrix(german, germany_1995):
    M = mr.mrio_coefficients(germany_1995._A, german.C)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(german.n, 3))
    assert_allclose(mr._block_matvec(germany_1995._A, german.C, X), M @ X, atol=1e-12)
    assert_allclose(mr._block_rmatvec(germany_1995._A, german.C, X), M.T @ X, atol=1e-12)


# ---------------------------------------------------------------------------- Kazakhstan
def test_kazakhstan_twenty_regions_by_nineteen_sections(kazakhstan):
    m = kazakhstan
    assert len(m.regions) == 20
    assert len(m.sectors) == 19
    assert m.n == 380
    kz = ce.load_dataset("kazakhstan_output_by_region")
    y = kz[kz["year"] == 2023].pivot(index="region", columns="section", values="output_mln_kzt")
    share = (y / y.sum(axis=0))[list(m.sectors)]
    got = m.x.unstack().loc[share.index, list(m.sectors)] / m.national.x.to_numpy()[None, :]
    assert_allclose(got.to_numpy(), share.to_numpy(), rtol=1e-12)
    card = m.assumptions("II").to_dict()
    assert card["border_vintage"] == "KZ-2022"
    assert "gravity" in card["interregional_trade"]


def test_semey_creative_hub_spreads_value_added_across_the_country(kazakhstan):
    m = kazakhstan
    abai = kz_region("Semey").code
    imp = m.impact({"R": 100.0, "J": 50.0}, region=abai, type="II")
    shares = imp.shares("gva")  # the stand-in table has no employment
    assert shares.sum() == pytest.approx(1.0)
    assert shares.idxmax() == abai
    assert (shares > 0).all()  # every region gets some (supply chains, household spending)
    by = imp.by_region()
    assert by.loc[abai, "output"] == by["output"].max()
    with pytest.raises(InvalidOptionError, match="employment.*'gva'"):
        imp.shares("employment")


def test_numbers_quoted_in_the_guide(kazakhstan, uk_sec):
    """docs/guide/multiregional.md quotes these (stand-in table, real BNS shares)."""
    m = kazakhstan
    imp = m.impact({"R": 100.0, "J": 50.0}, region="ABY", type="II")
    summ = imp.summary()
    assert summ.loc["output", "total"] == pytest.approx(400.45, abs=0.005)
    assert summ.loc["gva", "total"] == pytest.approx(206.22, abs=0.005)
    sh = imp.shares("gva")
    assert_allclose(sh[["ABY", "ALA", "AST", "VKO"]], [0.494, 0.158, 0.068, 0.066], atol=5e-4)
    assert m.multipliers("I")["output"].loc[("ABY", "R")] == pytest.approx(1.575, abs=5e-4)
    by = m.effects_by_region("output")
    assert by.loc[("ABY", "R"), ["ABY", "ALA", "VKO"]].round(3).tolist() == [1.109, 0.138, 0.076]
    assert by.loc[("ALA", "R"), "ALA"] == pytest.approx(1.420, abs=5e-4)
    kz = ce.load_dataset("kazakhstan_output_by_region")
    out = kz[kz["year"] == 2023].pivot(index="region", columns="section",
                                        values="output_mln_kzt")[uk_sec.sectors]
    reg = RegionalData(output=out)
    pool = MultiRegionalTable.from_national(uk_sec, reg, "pool", national_sizes=out.sum(axis=0))
    ip = pool.impact({"R": 100.0, "J": 50.0}, region="ABY", type="II")
    assert ip.shares("gva")["ABY"] == pytest.approx(0.661, abs=5e-4)


# ---------------------------------------------------------------------------- bad input
def test_gravity_without_centres(germany_1995):
    reg = synthetic_regions(germany_1995, 3, seed=1)
    bare = RegionalData(output=reg.output)
    with pytest.raises(RegionalDataError, match=r"centres of every region.*R0.*kz_centres"):
        MultiRegionalTable.from_national(germany_1995, bare, product_groups=GERMAN_GROUPS)
    MultiRegionalTable.from_national(germany_1995, bare, trade="pool")  # the pool needs none


def test_region_not_in_the_registry():
    with pytest.raises(UnknownRegionError, match="Did you mean 'Astana'"):
        kz_region("Astanaa")


def test_region_not_in_the_regional_data(germany_1995):
    reg = synthetic_regions(germany_1995, 3, seed=1)
    with pytest.raises(UnknownRegionError, match="'R9'.*Did you mean"):
        MultiRegionalTable.from_national(germany_1995, reg, regions=["R0", "R1", "R9"],
                                         product_groups=GERMAN_GROUPS)


def test_region_listed_twice(germany_1995):
    reg = synthetic_regions(germany_1995, 3, seed=1)
    with pytest.raises(LabelMismatchError, match="'R1' is listed twice"):
        MultiRegionalTable.from_national(germany_1995, reg, regions=["R0", "R1", "R1", "R2"],
                                         product_groups=GERMAN_GROUPS)


def test_region_listed_twice_in_distances(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    d = pd.DataFrame([[0, 100, 100], [100, 0, 100], [100, 100, 0]], index=["R0", "R1", "R1"],
                     columns=["R0", "R1", "R1"], dtype=float)
    with pytest.raises(LabelMismatchError, match="twice"):
        MultiRegionalTable.from_national(germany_1995, reg, distances=d,
                                         product_groups=GERMAN_GROUPS)


def test_negative_distances(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    d = pd.DataFrame([[0.0, -100.0], [-100.0, 0.0]], index=["R0", "R1"], columns=["R0", "R1"])
    with pytest.raises(InvalidParameterError, match="non-negative"):
        MultiRegionalTable.from_national(germany_1995, reg, distances=d,
                                         product_groups=GERMAN_GROUPS)


def test_negative_decay(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    with pytest.raises(InvalidParameterError, match=r"decay\['services'\].*>= 0"):
        MultiRegionalTable.from_national(germany_1995, reg, product_groups=GERMAN_GROUPS,
                                         decay={"goods": 1.0, "services": -2.0})


def test_decay_group_without_a_value(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    with pytest.raises(InvalidParameterError, match="none for.*services"):
        MultiRegionalTable.from_national(germany_1995, reg, product_groups=GERMAN_GROUPS,
                                         decay={"goods": 1.0})


def test_groups_needed_for_unrecognised_sectors(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    with pytest.raises(InvalidParameterError, match="product_groups"):
        MultiRegionalTable.from_national(germany_1995, reg)


def test_user_distances_are_used(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    near = pd.DataFrame([[0.0, 10.0], [10.0, 0.0]], index=["R0", "R1"], columns=["R0", "R1"])
    far = near * 100
    a = MultiRegionalTable.from_national(germany_1995, RegionalData(output=reg.output),
                                         distances=near, decay=1.0)
    b = MultiRegionalTable.from_national(germany_1995, RegionalData(output=reg.output),
                                         distances=far, decay=1.0)
    assert_allclose(a.C, b.C)  # a power law only sees ratios of distances
    c = MultiRegionalTable.from_national(germany_1995, RegionalData(output=reg.output),
                                         distances=near, decay=0.01, decay_form="exponential")
    assert "exp(-gamma d)" in c.trade.describe()
    assert "distances given by the user" in c.trade.describe()


def test_regions_that_do_not_add_up_to_the_nation(germany_1995):
    reg = synthetic_regions(germany_1995, 3, seed=1)
    part = RegionalData(output=reg.output.loc[["R0", "R1"]], centres=reg.centres)
    with pytest.raises(BalanceError, match=r"2 regions' output in sector .* sums to"):
        MultiRegionalTable.from_national(germany_1995, part, product_groups=GERMAN_GROUPS)


def test_negative_regional_demand_from_routed_inventories(uk_2010):
    reg = synthetic_regions(uk_2010, 20, seed=2, concentration=0.7)
    with pytest.raises(RegionalDataError, match="negative demand.*at_producer"):
        MultiRegionalTable.from_national(uk_2010, reg, at_producer=[])


def test_unknown_trade_method(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    with pytest.raises(InvalidOptionError, match="gravity"):
        MultiRegionalTable.from_national(germany_1995, reg, trade="gravty")  # type: ignore


def test_unknown_final_demand_column_at_producer(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    with pytest.raises(LabelMismatchError, match="stocks"):
        MultiRegionalTable.from_national(germany_1995, reg, trade="pool", at_producer=["stocks"])


def test_bad_tolerance(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    with pytest.raises(InvalidParameterError, match="rtol"):
        MultiRegionalTable.from_national(germany_1995, reg, trade="pool", rtol=0.0)


def test_shock_in_an_unknown_region(german):
    with pytest.raises(UnknownRegionError, match="'R5'.*Did you mean"):
        german.impact({"construction": 1.0}, region="R5")


def test_shock_to_an_unknown_sector(german):
    with pytest.raises(UnknownSectorError, match="constructon.*Did you mean 'construction'"):
        german.impact({("R0", "constructon"): 1.0})


def test_shock_not_finite(german):
    with pytest.raises(InvalidShockError, match="not finite"):
        german.impact({("R0", "construction"): np.inf})


def test_shock_by_sector_needs_a_region(german):
    with pytest.raises(InvalidShockError, match="region="):
        german.impact({"construction": 1.0})


def test_shock_where_the_region_has_no_producer(germany_1995):
    reg = synthetic_regions(germany_1995, 2, seed=1)
    out = reg.output.copy()
    out.loc["R1", "agriculture"] += out.loc["R0", "agriculture"]
    out.loc["R0", "agriculture"] = 0.0
    m = MultiRegionalTable.from_national(germany_1995, RegionalData(output=out), trade="pool")
    with pytest.raises(InvalidShockError, match="sourcing='trade'"):
        m.impact({"agriculture": 1.0}, region="R0")
    m.impact({"agriculture": 1.0}, region="R0", sourcing="trade")  # bought from R1


def test_unknown_indicator(german):
    with pytest.raises(InvalidOptionError, match="employmnt.*employment"):
        german.effects_by_region("employmnt")


def test_type_ii_without_households(germany_1995):
    nat = replace(germany_1995, households=None)
    reg = synthetic_regions(germany_1995, 2, seed=1)
    m = MultiRegionalTable.from_national(nat, reg, trade="pool")
    with pytest.raises(InvalidTableError, match="household closure"):
        m.effects("II")


def test_blocks_that_are_not_productive(german):
    C = german.C.copy()
    C[:, 0, 0] = 5.0  # region R0 would buy five times its use from itself
    bad = replace(german, C=C)
    with pytest.raises(NotProductiveError, match="regional block of 'R"):
        bad._check_blocks()


def test_closed_system_that_is_not_productive(german):
    bad = replace(german, household_income=german.household_income * 50)
    with pytest.raises(NotProductiveError, match="household-closed"):
        bad.effects("II")
