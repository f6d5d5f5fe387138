"""regionalise(): identities on random tables, the record of the method, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from creative_econ.datasets._scotland import uk_ioat_2010_imports_use
from creative_econ.errors import (
    InvalidOptionError,
    InvalidShockError,
    LabelMismatchError,
    UnknownRegionError,
    UnknownSectorError,
)
from creative_econ.regional import (
    INTERREGIONAL_IMPORTS,
    METHODS,
    InvalidParameterError,
    RegionalData,
    RegionalDataError,
    RegionalTable,
    regionalise,
)
from tests.regional._strategies import tables_and_regions


def _frames(t) -> list[pd.DataFrame | pd.Series]:
    return [t.Z.copy(), t.final_demand.copy(), t.x.copy(), t.value_added.copy()]


@given(tables_and_regions(), st.sampled_from(METHODS), st.floats(0.0, 0.9),
       st.sampled_from(["none", "pool"]))
def test_regional_coefficients_and_multipliers_never_exceed_national(case, method, delta, cap):
    national, data = case
    before, data_before = _frames(national), data.output.copy()
    imports = national.imports if method == "charm" else None  # totals: proportional CHARM
    cap = cap if method in ("slq", "cilq", "flq", "aflq", "sflq") else "none"
    t = regionalise(national, data, region="R", method=method, delta=delta, cap=cap,
                    national_imports=imports)
    A_n, A_r = national.A.to_numpy(), t.A.to_numpy()
    assert np.all(A_r <= A_n + 1e-12)
    producing = t.x.to_numpy() > 0
    m_r = t.multipliers()["output"].to_numpy()[producing]
    m_n = national.multipliers()["output"].to_numpy()[producing]
    assert np.all(m_r <= m_n + 1e-9)
    m2_r = t.multipliers("II")["output"].to_numpy()[producing]
    m2_n = national.multipliers("II")["output"].to_numpy()[producing]
    assert np.all(m2_r <= m2_n + 1e-9)
    # Regional purchases from the region and from the rest of the country add to national.
    inter = t.other_inputs.loc[INTERREGIONAL_IMPORTS].to_numpy()
    assert_allclose(t.Z.to_numpy().sum(axis=0) + inter,
                    (A_n * t.x.to_numpy()[None, :]).sum(axis=0), rtol=1e-9, atol=1e-9)
    for got, want in zip(_frames(national), before, strict=True):  # caller's data untouched
        pd.testing.assert_frame_equal(pd.DataFrame(got), pd.DataFrame(want))
    pd.testing.assert_frame_equal(data.output, data_before)


@pytest.mark.parametrize("method", ["slq", "cilq", "flq", "aflq", "pool"])
def test_the_whole_nation_is_the_national_table(uk_2010, method) -> None:
    data = RegionalData(output=uk_2010.x.to_frame("UK").T)
    t = regionalise(uk_2010, data, region="UK", method=method)
    assert_allclose(t.A.to_numpy(), uk_2010.A.to_numpy(), atol=1e-12)
    assert_allclose(t.multipliers()["output"], uk_2010.multipliers()["output"], rtol=1e-9)
    assert t.other_inputs.loc[INTERREGIONAL_IMPORTS].abs().max() < 1e-6


def test_primary_input_effects_still_add_to_one(uk_2010) -> None:
    data = RegionalData(output=(uk_2010.x * 0.08).to_frame("R").T)
    t = regionalise(uk_2010, data, region="R", method="flq")
    e = t.effects()[["gva", "imports", "taxes", INTERREGIONAL_IMPORTS]].sum(axis=1)
    e_nat = uk_2010.effects()[["gva", "imports", "taxes"]].sum(axis=1)
    assert_allclose(e, e_nat, atol=1e-9)  # the same leakage identity as the national table


def test_method_and_delta_are_recorded_everywhere(uk_2010) -> None:
    data = RegionalData(output=(uk_2010.x * 0.08).to_frame("ABY").T, year=2023,
                        border_vintage="KZ-2022", names={"ABY": "Abai region"})
    t = regionalise(uk_2010, data, region="ABY", method="flq", delta=0.25)
    assert isinstance(t, RegionalTable)
    assert t.regionalisation.method == "flq"
    assert t.regionalisation.delta == 0.25
    assert t.regionalisation.lambda_star == pytest.approx(np.log2(1.08) ** 0.25)
    for type_ in ("I", "II"):
        card = t.impact({"90": 1.0}, type=type_).assumptions.to_dict()
        assert card["regionalisation_method"] == "flq"
        assert card["delta"] == "0.25"
        assert card["region"] == "ABY (Abai region)"
        assert card["border_vintage"] == "KZ-2022"
        assert card["regional_data_year"] == "2023"
    agg = t.aggregate({s: s[:2] for s in t.sectors})
    assert agg.assumptions().to_dict()["regionalisation_method"] == "flq"
    assert "FLQ" in t.summary()["regionalisation"]


def test_employment_basis_derives_output_and_keeps_regional_jobs(germany_1995) -> None:
    jobs = germany_1995.employment * np.array([0.05, 0.02, 0.03, 0.04, 0.06, 0.03])
    data = RegionalData(employment=jobs.to_frame("R").T, employment_unit="thousand persons")
    t = regionalise(germany_1995, data, region="R", method="flq", basis="employment")
    share = jobs / germany_1995.employment
    assert_allclose(t.x, germany_1995.x * share)
    assert_allclose(t.employment, jobs)
    assert t.regionalisation.basis == "employment"


def test_regional_gva_rescales_value_added(uk_2010) -> None:
    x_r = uk_2010.x * 0.08
    gva = uk_2010.gva * 0.08 * 1.1
    data = RegionalData(output=x_r.to_frame("R").T, gva=gva.to_frame("R").T)
    t = regionalise(uk_2010, data, region="R", method="slq")
    assert_allclose(t.gva, gva, rtol=1e-12)
    # Consumption follows regional income: coefficients are national times the local share.
    # (SLQ = 1 everywhere for a region with 8% of every sector, so the local share is one.)
    assert_allclose(t.closure.consumption, uk_2010.closure.consumption, rtol=1e-9)
    # ... while income per unit of output is the region's (10% above national here).
    assert_allclose(t.closure.income, uk_2010.closure.income * 1.1, rtol=1e-9)


def test_sector_specific_delta(uk_2010) -> None:
    data = RegionalData(output=(uk_2010.x * 0.08).to_frame("R").T)
    deltas = pd.Series(0.2, index=uk_2010.sectors)
    deltas["90"] = 0.35
    t = regionalise(uk_2010, data, region="R", method="sflq", delta=deltas)
    flat = regionalise(uk_2010, data, region="R", method="flq", delta=0.2)
    assert t.A["90"].sum() < flat.A["90"].sum()
    assert_allclose(t.A.drop(columns="90"), flat.A.drop(columns="90"))
    assert "sector-specific" in t.assumptions().to_dict()["delta"]


def test_charm_with_the_imports_use_table(uk_2010) -> None:
    data = RegionalData(output=(uk_2010.x * 0.08).to_frame("R").T)
    t = regionalise(uk_2010, data, region="R", method="charm",
                    national_imports=uk_ioat_2010_imports_use())
    assert np.all(t.A.to_numpy() <= uk_2010.A.to_numpy() + 1e-12)
    capped = regionalise(uk_2010, data, region="R", method="flq", cap="charm",
                         national_imports=uk_ioat_2010_imports_use())
    plain = regionalise(uk_2010, data, region="R", method="flq")
    assert np.all(capped.A.to_numpy() <= plain.A.to_numpy() + 1e-15)


def test_final_demand_rules_and_defaults(germany_1995) -> None:
    data = RegionalData(output=(germany_1995.x * 0.1).to_frame("R").T)
    t = regionalise(germany_1995, data, region="R",
                    final_demand_rules={"inventory_change": "output"})
    rules = dict(t.regionalisation.final_demand_rules)
    assert rules["households"] == "income"
    assert rules["exports"] == "exports"
    assert rules["inventory_change"] == "output"
    assert "exports_rest_of_country" in t.final_demand.columns


def test_national_sizes_replace_the_table_for_the_quotients(uk_2010) -> None:
    x_r = uk_2010.x * 0.08
    data = RegionalData(output=x_r.to_frame("R").T)
    sizes = uk_2010.x * 2.0  # a later year in which the nation doubled
    t = regionalise(uk_2010, data, region="R", method="flq", national_sizes=sizes)
    assert t.regionalisation.region_share == pytest.approx(0.04)


# ----------------------------------------------------------------------------- bad input
@pytest.fixture
def scot_like(uk_2010) -> RegionalData:
    return RegionalData(output=(uk_2010.x * 0.08).to_frame("SCO").T)


def test_unknown_region(uk_2010, scot_like) -> None:
    with pytest.raises(UnknownRegionError, match="Did you mean 'SCO'"):
        regionalise(uk_2010, scot_like, region="SCOT")


def test_unknown_sector(uk_2010) -> None:
    frame = (uk_2010.x * 0.08).to_frame("R").T.rename(columns={"58": "58x"})
    with pytest.raises(UnknownSectorError, match="'58x'"):
        regionalise(uk_2010, RegionalData(output=frame), region="R")


def test_regional_values_larger_than_national(uk_2010) -> None:
    frame = (uk_2010.x * 0.08).to_frame("R").T
    frame["58"] = uk_2010.x["58"] * 2
    with pytest.raises(RegionalDataError, match="sector '58', more than the nation's"):
        regionalise(uk_2010, RegionalData(output=frame), region="R")


@pytest.mark.parametrize("bad", [-5.0, np.nan])
def test_negative_or_missing_regional_data(uk_2010, bad) -> None:
    frame = (uk_2010.x * 0.08).to_frame("R").T
    frame["58"] = bad
    with pytest.raises(RegionalDataError, match="sector '58'"):
        regionalise(uk_2010, RegionalData(output=frame), region="R")


def test_region_listed_twice(uk_2010) -> None:
    frame = pd.concat([(uk_2010.x * 0.08).to_frame("R").T] * 2)
    with pytest.raises(LabelMismatchError, match="more than once"):
        regionalise(uk_2010, RegionalData(output=frame), region="R")


@pytest.mark.parametrize("delta", [-0.01, 1.0, 2.0])
def test_delta_outside_unit_interval(uk_2010, scot_like, delta) -> None:
    with pytest.raises(InvalidParameterError,
                       match=r"delta=.* is out of range: expected 0 <= delta < 1"):
        regionalise(uk_2010, scot_like, region="SCO", method="flq", delta=delta)


def test_zero_activity_in_the_shocked_sector(uk_2010) -> None:
    frame = (uk_2010.x * 0.08).to_frame("R").T
    frame["90"] = 0.0
    t = regionalise(uk_2010, RegionalData(output=frame), region="R", method="flq")
    with pytest.raises(InvalidShockError, match="'90' has zero output"):
        t.impact({"90": 1.0})


def test_unknown_method_and_basis(uk_2010, scot_like) -> None:
    with pytest.raises(InvalidOptionError, match="Did you mean 'aflq'"):
        regionalise(uk_2010, scot_like, region="SCO", method="aflqq")  # type: ignore[arg-type]
    with pytest.raises(InvalidOptionError, match="basis"):
        regionalise(uk_2010, scot_like, region="SCO", basis="jobs")  # type: ignore[arg-type]


def test_cap_only_for_location_quotients(uk_2010, scot_like) -> None:
    with pytest.raises(InvalidOptionError, match="cap="):
        regionalise(uk_2010, scot_like, region="SCO", method="pool", cap="charm")


def test_charm_needs_national_imports(uk_2010, scot_like) -> None:
    with pytest.raises(InvalidParameterError, match="national imports by product, which CHARM"):
        regionalise(uk_2010, scot_like, region="SCO", method="charm")


def test_mislabelled_national_imports(uk_2010, scot_like) -> None:
    imports = uk_ioat_2010_imports_use().rename(index={"90": "9O"})
    with pytest.raises(LabelMismatchError, match="national_imports"):
        regionalise(uk_2010, scot_like, region="SCO", method="charm", national_imports=imports)


def test_delta_per_sector_needs_sflq(uk_2010, scot_like) -> None:
    with pytest.raises(InvalidParameterError, match="method='sflq'"):
        regionalise(uk_2010, scot_like, region="SCO", method="flq",
                    delta=pd.Series(0.2, index=uk_2010.sectors))


def test_unknown_final_demand_rule(germany_1995) -> None:
    data = RegionalData(output=(germany_1995.x * 0.1).to_frame("R").T)
    with pytest.raises(LabelMismatchError, match="'tourism'"):
        regionalise(germany_1995, data, region="R", final_demand_rules={"tourism": "income"})
    with pytest.raises(InvalidOptionError, match="income"):
        regionalise(germany_1995, data, region="R", final_demand_rules={"households": "pop"})


def test_bad_national_sizes(uk_2010, scot_like) -> None:
    sizes = uk_2010.x * 0.05  # smaller than the region
    with pytest.raises(RegionalDataError, match="more than the nation's"):
        regionalise(uk_2010, scot_like, region="SCO", national_sizes=sizes)
