"""The Kazakhstan hybrid tables: identities, the totals they claim, plausibility, honesty."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from creative_econ.datasets._kazakhstan_hybrid import (
    CREATIVE_SUBSECTORS,
    HYBRID_SECTORS,
    HYBRID_YEARS,
    SECTIONS,
    SPLITS,
    kazakhstan_hybrid,
)
from creative_econ.datasets.build import (
    PLAUSIBLE_TYPE_I_OUTPUT,
    build_kazakhstan_hybrid,
    check_plausible,
    hybrid_components,
    kazakh_totals,
)
from creative_econ.datasets.build.hybrid import RESIDUAL
from creative_econ.errors import CreativeEconWarning, InvalidOptionError, InvalidParameterError

RTOL = 1e-6  # acceptance: row and column identities to 1e-6 relative


def _to_sections(table):
    parent = {s: next((p for p, subs in SPLITS.items() if s in subs), s) for s in table.sectors}
    return table.aggregate(parent)


def _column_total(table):
    other = table.other_inputs.sum(axis=0) if table.other_inputs is not None else 0.0
    return table.Z.sum(axis=0) + table.imports + other + table.value_added.sum(axis=0)


@pytest.fixture(scope="module", params=HYBRID_YEARS)
def table(request):
    return kazakhstan_hybrid(request.param)


def test_sectors_labels_and_units(table):
    assert tuple(table.sectors) == HYBRID_SECTORS
    assert len(HYBRID_SECTORS) == 26
    assert table.unit == "million KZT"
    assert table.employment_unit == "persons"
    assert table.labels["R90"].startswith("Creative, arts and entertainment")
    assert table.labels["S"].endswith("(incl. T, households as employers)")
    assert set(CREATIVE_SUBSECTORS) < set(table.sectors)


def test_row_and_column_identities(table):
    x = table.x
    assert_allclose(table.Z.sum(axis=1) + table.final_demand.sum(axis=1), x, rtol=RTOL)
    assert_allclose(_column_total(table), x, rtol=RTOL)


def test_productive_with_type_ii_closure(table):
    assert table.spectral_radius < 1
    L = table.L.to_numpy()
    assert (L >= -1e-12).all()
    assert (np.diag(L) >= 1).all()
    m2 = table.multipliers(type="II")["output"]
    assert (m2 > table.multipliers(type="I")["output"]).all()


def test_hits_the_bns_totals(table):
    kz = kazakh_totals(table.year)
    sec = _to_sections(table)
    assert list(sec.sectors) == list(SECTIONS)
    assert_allclose(sec.x, kz["output"], rtol=1e-9)
    assert_allclose(sec.gva, kz["gva"], rtol=1e-9)
    assert_allclose(sec.value_added.loc["compensation"], kz["compensation"], rtol=1e-9)
    assert_allclose(sec.employment, kz["employment"], rtol=1e-9)
    ic = sec.Z.sum(axis=0) + sec.imports + sec.other_inputs.loc[RESIDUAL]
    assert_allclose(ic, kz["ic"], rtol=1e-9)
    # national totals as published: output, and GVA including section T
    assert table.x.sum() == pytest.approx(kz["output"].sum(), rel=1e-12)


def test_national_totals_match_the_production_account(table):
    from creative_econ.datasets._kazakhstan_hybrid import kazakhstan_production_account

    pa = kazakhstan_production_account(national=True)
    nat = pa[(pa["region"] == "national") & (pa["year"] == table.year)].iloc[0]
    assert table.x.sum() == pytest.approx(nat["output"], rel=1e-9)
    assert table.gva.sum() == pytest.approx(nat["gva"], rel=1e-9)
    ic = table.Z.to_numpy().sum() + table.imports.sum() + table.other_inputs.to_numpy().sum()
    assert ic == pytest.approx(nat["intermediate_consumption"], rel=1e-9)


def test_section_t_is_folded_into_s():
    from creative_econ.datasets._kazakhstan import kazakhstan_gva_by_section

    gva = kazakhstan_gva_by_section()
    g = gva[gva["year"] == 2023].set_index("section")["gva_mln_kzt"]
    kz = kazakh_totals(2023)
    assert kz.loc["S", "gva"] == pytest.approx(g["S"] + g["T"])
    assert "T" not in kz.index
    assert kz["gva"].sum() == pytest.approx(g.sum())


def test_adb_targets_are_met(build2023):
    t = build2023.targets
    sec = build2023.sections
    assert_allclose(sec.Z.sum(axis=1), t["row_target"], rtol=1e-9)
    assert_allclose(sec.Z.sum(axis=0), t["col_target"], rtol=1e-9)
    assert_allclose(sec.final_demand["exports"], t["exports_share"] * t["output"], rtol=1e-8)
    assert_allclose(t["rho"] + t["exports_share"] + t["domestic_final_share"], 1.0)
    assert build2023.balanced.converged
    p = build2023.parameters
    assert t["imports"].sum() == pytest.approx(p["adb_import_share"] * t["ic"].sum())
    assert t["residual"].sum() == pytest.approx(p["residual_share"] * t["ic"].sum())
    assert (t["residual"] > 0).all()  # net product taxes on intermediate use
    assert 0 < p["residual_share"] < 0.05
    assert_allclose(build2023.bridge.sum(axis=1), 1.0)


def test_residual_share_is_the_adb_years_share():
    shares = {y: hybrid_components(y).parameters["residual_share"] for y in HYBRID_YEARS}
    assert len(set(np.round(list(shares.values()), 12))) == 1
    assert hybrid_components(2022).parameters["phi"] == 1.0


def test_creative_splits_use_the_donor_detail(kz2023):
    from creative_econ.datasets._kazakhstan_hybrid import read_bundled

    uz = read_bundled("uz_io2022_sectors.csv").set_index("code")["output_mln_uzs"]
    x = kz2023.x
    # J58-60 of the donor: publishing + film/TV/music + broadcasting out of J58-J63
    share = uz[["J58", "J59", "J60"]].sum() / uz[["J58", "J59", "J60", "J61", "J62", "J63"]].sum()
    assert x["J58-60"] / x[list(SPLITS["J"])].sum() == pytest.approx(share, rel=1e-12)
    # splits informed by real cost structures: sub-sectors' multipliers differ from each other
    m = kz2023.multipliers()["output"]
    assert m[list(SPLITS["R"])].std() > 0.05
    assert any("split into" in n and "Uzbekistan" in n for n in kz2023.notes)


def test_type_i_multipliers_in_the_documented_range(table):
    lo, hi = PLAUSIBLE_TYPE_I_OUTPUT
    with warnings.catch_warnings():
        warnings.simplefilter("error", CreativeEconWarning)
        m = check_plausible(table)
    assert m.between(lo, hi).all()
    creative = m[list(CREATIVE_SUBSECTORS)]
    assert creative.between(1.2, 1.9).all()


def test_implausible_multipliers_warn(kz2023):
    with pytest.warns(CreativeEconWarning, match="outside the plausible range"):
        check_plausible(kz2023, bounds=(1.0, 1.3))


def test_hybrid_is_said_everywhere(kz2023):
    card = kz2023.assumptions("II")
    assert "hybrid" in card.dataset
    assert any("HYBRID" in n and "not official" in n for n in card.notes)
    text = " ".join(card.notes)
    for word in ("Official (BNS", "ADB MRIO", "Borrowed from Uzbekistan", "Balanced (GRAS",
                 "Residual row"):
        assert word in text
    assert kz2023.source.startswith("HYBRID (not official)")
    impact = kz2023.impact({"R90": 1000.0})
    assert "hybrid" in impact.assumptions.dataset


def test_household_closure_is_recorded(kz2023):
    c = kz2023.closure
    assert c is not None
    assert "compensation" in c.description
    hh = kz2023.final_demand["households"]
    assert c.consumption.sum() == pytest.approx(
        hh.sum() / kz2023.value_added.loc["compensation"].sum())


def test_loader_matches_a_fresh_build(kz2023):
    fresh = build_kazakhstan_hybrid(2023)
    assert_allclose(fresh.Z, kz2023.Z, rtol=1e-9)
    pd.testing.assert_frame_equal(fresh.multipliers("II"), kz2023.multipliers("II"),
                                  rtol=1e-8)
    assert fresh.notes == kz2023.notes


def test_uk_donor_builds_and_differs():
    uk = build_kazakhstan_hybrid(2023, donor="uk")
    uz = kazakhstan_hybrid(2023)
    assert uk.name == "kazakhstan_hybrid_2023_uk_donor"
    assert "UK Input-Output Analytical Tables 2010" in uk.source
    assert_allclose(_to_sections(uk).x, _to_sections(uz).x, rtol=1e-12)  # same BNS totals
    diff = (uk.multipliers()["output"] - uz.multipliers()["output"]).abs()
    assert 0.005 < diff.mean() < 0.2


@pytest.mark.parametrize("year", [2021, 2025, "2023", 2023.0, True])
def test_year_not_in_the_data(year):
    with pytest.raises(InvalidParameterError, match="2022, 2023, 2024"):
        build_kazakhstan_hybrid(year)
    with pytest.raises(InvalidParameterError):
        kazakhstan_hybrid(year)


def test_unknown_donor():
    with pytest.raises(InvalidOptionError, match="Did you mean 'uk'"):
        build_kazakhstan_hybrid(2023, donor="ukk")


def test_loaded_tables_cannot_be_edited(kz2023):
    with pytest.raises(ValueError, match="read-only"):
        kz2023.Z.to_numpy()[0, 0] = 1.0
