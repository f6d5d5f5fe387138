"""Regional data for the 20 regions: official output, derived employment, identities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from creative_econ.datasets._kazakhstan import (
    KAZAKHSTAN_REGIONS,
    kazakhstan_employment_by_region,
    kazakhstan_output_by_region,
)
from creative_econ.datasets._kazakhstan_hybrid import (
    HYBRID_SECTORS,
    REGION_YEARS,
    SECTIONS,
    _regional_sections,
    kazakhstan_hybrid,
    kazakhstan_regions,
)
from creative_econ.errors import InvalidOptionError, InvalidParameterError, UnknownRegionError
from creative_econ.regional import RegionalData

BROAD = {"A": ["A"], "B-F": list("BCDEF"), "G-U": list("GHIJKLMNOPQRS")}


@pytest.mark.parametrize("year", REGION_YEARS)
def test_regions_sum_to_the_nation(year):
    output, employment, factors = _regional_sections(year)
    assert list(output.index) == list(KAZAKHSTAN_REGIONS)
    assert len(output) == 20
    nat = kazakhstan_output_by_region(national=True, section_t=True)
    nat = nat[(nat["year"] == year) & (nat["region"] == "national")].set_index("section")[
        "output_mln_kzt"]
    if "T" in nat.index:
        nat["S"] += nat.pop("T")
    assert_allclose(output.sum(), nat.reindex(list(SECTIONS)), rtol=1e-9)
    from creative_econ.datasets._kazakhstan import kazakhstan_employment_by_section

    emp = kazakhstan_employment_by_section()
    emp = emp[emp["year"] == year].set_index("section")["employed_thousand"] * 1000
    assert_allclose(employment.sum(), emp.reindex(list(SECTIONS)), rtol=1e-9)
    # each region's broad sectors as published, up to the rounding of the published figures
    broad = kazakhstan_employment_by_region()
    broad = broad[broad["year"] == year].pivot(index="region", columns="sector",
                                               values="employed")
    for group, sections in BROAD.items():
        assert_allclose(employment[sections].sum(axis=1), broad[group].reindex(output.index),
                        rtol=2e-5)
    assert_allclose(factors, 1.0, atol=2e-5)


def test_section_t_is_in_s_in_2025():
    output, _, _ = _regional_sections(2025)
    raw = kazakhstan_output_by_region(section_t=True)
    raw = raw[raw["year"] == 2025].pivot(index="region", columns="section",
                                         values="output_mln_kzt")
    assert_allclose(output["S"], (raw["S"] + raw["T"]).reindex(output.index))


def test_regional_data_fit_the_hybrid_table(regions2023):
    t = kazakhstan_hybrid(2023)
    assert isinstance(regions2023, RegionalData)
    assert list(regions2023.output.columns) == list(HYBRID_SECTORS)
    assert regions2023.bases == ("output", "employment")
    assert regions2023.unit == t.unit
    assert regions2023.employment_unit == "persons"
    assert regions2023.border_vintage == "KZ-2022"
    assert regions2023.year == 2023
    assert_allclose(regions2023.output.sum(), t.x, rtol=1e-9)
    assert_allclose(regions2023.employment.sum(), t.employment, rtol=1e-9)
    assert regions2023.validate_against(t) is regions2023
    assert regions2023.centres.loc["ABY"].round(2).tolist() == [50.43, 80.27]
    assert regions2023.name("KZL").startswith("Kyzylorda")
    assert "DERIVED" in regions2023.source
    assert "borrowed" in regions2023.source


def test_output_is_official(regions2023):
    raw = kazakhstan_output_by_region()
    j = raw[(raw["year"] == 2023) & (raw["section"] == "J")].set_index("region")[
        "output_mln_kzt"]
    j_sub = regions2023.output[["J58-60", "J62-63", "J_other"]].sum(axis=1)
    assert_allclose(j_sub, j.reindex(j_sub.index), rtol=1e-12)


def test_section_detail_and_region_selection():
    reg = kazakhstan_regions(2024, detail="section", regions=["Semey", "KZL", "Astana"])
    assert list(reg.regions) == ["ABY", "KZL", "AST"]
    assert list(reg.output.columns) == list(SECTIONS)


def test_a_region_not_in_the_registry():
    with pytest.raises(UnknownRegionError, match="Semei|Semey|ABY|Did you mean"):
        kazakhstan_regions(2023, regions=["Semipalatinsk oblast 1990"])


@pytest.mark.parametrize("year", [2021, 2026, "2023"])
def test_a_year_not_in_the_data(year):
    with pytest.raises(InvalidParameterError, match="2022, 2023, 2024, 2025"):
        kazakhstan_regions(year)


def test_unknown_detail():
    with pytest.raises(InvalidOptionError, match="detail"):
        kazakhstan_regions(2023, detail="division")


def test_2025_uses_the_latest_hybrid_shares():
    reg = kazakhstan_regions(2025)
    assert "kazakhstan_hybrid_2024" in reg.source
    t24 = kazakhstan_hybrid(2024)
    share = reg.output["R90"].sum() / reg.output[["R90", "R91", "R92-93"]].sum(axis=1).sum()
    assert share == pytest.approx(t24.x["R90"] / t24.x[["R90", "R91", "R92-93"]].sum())


def test_employment_is_not_a_copy_of_output_shares(regions2023):
    # Astana and Almaty city have higher output per worker than the nation in services
    e = regions2023.employment
    x = regions2023.output
    per_worker = (x.sum(axis=1) / e.sum(axis=1))
    assert per_worker["ATY"] > per_worker.median()
    assert isinstance(per_worker, pd.Series)
    assert np.isfinite(per_worker).all()
