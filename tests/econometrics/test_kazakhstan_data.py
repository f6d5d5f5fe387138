"""The bundled BNS series: published totals, units, the files' quirks, bad selections."""

from __future__ import annotations

import pytest
from numpy.testing import assert_allclose

from creative_econ.datasets import _kazakhstan as kz
from creative_econ.errors import UnknownRegionError, UnknownSectorError


def test_gva_sections_sum_to_published_gva():
    gva = kz.kazakhstan_gva_by_section()
    assert list(gva.columns) == ["year", "section", "section_name", "gva_mln_kzt", "preliminary"]
    assert sorted(gva["year"].unique()) == list(range(2015, 2026))
    assert gva["section"].nunique() == 20  # A-T, T included every year
    totals = gva.groupby("year")["gva_mln_kzt"].sum()
    raw = kz._raw("gva").query("item_code == 'GVA'").set_index("year")
    assert_allclose(totals, raw["value_mln_kzt_current_prices"], rtol=1e-9)
    # the published figure for J (information and communication), 2025
    assert gva.query("section == 'J' and year == 2025")["gva_mln_kzt"].item() == 4076628.7


def test_employment_by_section():
    emp = kz.kazakhstan_employment_by_section()
    assert emp["section"].nunique() == 19  # A-S: T is not published
    assert "T" not in set(emp["section"])
    assert sorted(emp["year"].unique()) == list(range(2010, 2026))
    with_totals = kz.kazakhstan_employment_by_section(aggregates=True)
    total = with_totals.query("section == 'TOTAL'").set_index("year")["employed_thousand"]
    assert_allclose(emp.groupby("year")["employed_thousand"].sum(), total, atol=0.06)


def test_output_by_region_drops_national_total_and_t():
    out = kz.kazakhstan_output_by_region()
    assert out["region"].nunique() == 20
    assert set(out["region"]) == set(kz.KAZAKHSTAN_REGIONS)
    assert {"national", "TOTAL", "T"}.isdisjoint(set(out["region"]) | set(out["section"]))
    assert len(out) == 4 * 20 * 19
    full = kz.kazakhstan_output_by_region(national=True, totals=True, section_t=True)
    national = full.query("region == 'national' and section == 'TOTAL'").set_index("year")
    with_t = kz.kazakhstan_output_by_region(section_t=True)
    assert sorted(with_t.query("section == 'T'")["year"].unique()) == [2025]
    # regions and sections (T included) sum to the published national total
    assert_allclose(with_t.groupby("year")["output_mln_kzt"].sum(),
                    national["output_mln_kzt"], rtol=1e-9)
    # leaving T out (published for 2025 only) removes 0.12% of 2025 output
    gap = 1 - out.query("year == 2025")["output_mln_kzt"].sum() / national.loc[2025,
                                                                                "output_mln_kzt"]
    assert gap == pytest.approx(0.00117, abs=1e-5)


def test_regional_employment_is_in_persons():
    emp = kz.kazakhstan_employment_by_region()
    assert set(emp["sector"]) == {"A", "B-F", "G-U"}
    assert len(emp) == 4 * 20 * 3
    raw = kz._raw("employment_regions").set_index(["year", "region_code"])
    persons = emp.groupby(["year", "region"])["employed"].sum()
    thousands = raw.loc[persons.index, "employed_total_thousand"]
    assert_allclose(persons.to_numpy(), 1000 * thousands.to_numpy(), rtol=1e-12)


def test_latest_year_flagged_preliminary():
    out = kz.kazakhstan_output_by_region()
    assert out.loc[out["preliminary"], "year"].unique().tolist() == [kz.LATEST_YEAR]


def test_loaders_return_new_frames():
    a = kz.kazakhstan_gva_by_section()
    a.loc[0, "gva_mln_kzt"] = -1.0
    b = kz.kazakhstan_gva_by_section()
    assert b.loc[0, "gva_mln_kzt"] > 0


def test_selection():
    sel = kz.kazakhstan_output_by_region(regions=["ABY", "KZL"], sections=["J", "R"])
    assert set(sel["region"]) == {"ABY", "KZL"}
    assert set(sel["section"]) == {"J", "R"}


def test_unknown_region():
    with pytest.raises(UnknownRegionError, match="Did you mean 'ABY'"):
        kz.kazakhstan_output_by_region(regions=["ABX"])


def test_unknown_section():
    with pytest.raises(UnknownSectorError, match="'Z'"):
        kz.kazakhstan_gva_by_section(sections=["Z"])


def test_section_t_is_not_in_employment():
    with pytest.raises(UnknownSectorError, match="'T'"):
        kz.kazakhstan_employment_by_section(sections=["T"])
