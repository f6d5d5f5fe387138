"""Bundled Kazakhstan, ADB and Uzbekistan source files: verbatim copies, identities, maps."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from creative_econ.creative._codes import oked_frame
from creative_econ.datasets._kazakhstan_hybrid import (
    DIVISION_SECTIONS,
    HYBRID_SECTORS,
    adb_mrio_kazakhstan,
    kazakhstan_compensation_by_section,
    kazakhstan_creative_figures,
    kazakhstan_production_account,
    oked_section,
    read_bundled,
    uk2010_sector_map,
)
from creative_econ.datasets.build.donors import adb_divisions, load_donor
from creative_econ.errors import InvalidOptionError, UnknownRegionError, UnknownSectorError

DATA = resources.files("creative_econ.datasets").joinpath("data")

#: SHA-256 of the verbatim copies (as listed in PROVENANCE_kazakhstan_hybrid.md).
VERBATIM = {
    "kz_bns_production_account_by_region_2022_2025.csv":
        "905f54060ffa09998802cd746767ad9f8b2fda0092e8a5e7f0b69648f6e2c4bd",
    "kz_bns_compensation_of_employees_by_section_national_2015_2025.csv":
        "ea23377dc831660413a5d9a2f8aa9fcb930f0a337f1949b98975443040826e5c",
    "kz_creative_industries_published_figures.csv":
        "5cd0fa8d761a0049c53c90a67eeae7ee5f2bf7b621a2dc725084fee9d206ef7c",
    "adb_mrio_kaz_kgz_sector_aggregates_2017_2022_usd_mln.csv":
        "f6a116e4b3a96cc0d392ddbdee45aaf4f97fbdf5c879769b7f76de1dcae84379",
    "uz_io2022_Z_total_use_mln_uzs.csv":
        "88db0d50da24c5fe133eaee4a5108fec6b5b3a27df60c22a675964bbbdefe62c",
    "uz_io2022_sector_labels.csv":
        "343985070cceeabba04096ff2c27ac1ed608c8ee002a54525ea4c11cd78df5c7",
    "uz_io2022_sectors.csv":
        "b3c5265ae9e605e86b15b552d1aff444f6ee88eb7ad987cb2deb9ebd48f1d9ea",
}


@pytest.mark.parametrize("name", sorted(VERBATIM))
def test_verbatim_copies_are_unchanged(name):
    digest = hashlib.sha256(DATA.joinpath(name).read_bytes()).hexdigest()
    assert digest == VERBATIM[name]


def test_stored_tables_record_the_inputs_they_were_built_from():
    meta = json.loads(DATA.joinpath("kz_hybrid_2023.json").read_text(encoding="utf-8"))
    for name, digest in meta["inputs_sha256"].items():
        assert hashlib.sha256(DATA.joinpath(name).read_bytes()).hexdigest() == digest


# ---------------------------------------------------------------- production account
def test_production_account_identities():
    pa = kazakhstan_production_account(national=True)
    assert_allclose(pa["output"] - pa["intermediate_consumption"], pa["gva"], atol=0.05)
    assert_allclose(pa["gva"] + pa["net_taxes_on_products"], pa["grp"], atol=0.05)
    regions = pa[pa["region"] != "national"].groupby("year")[
        ["output", "intermediate_consumption", "gva", "grp"]].sum()
    nation = pa[pa["region"] == "national"].set_index("year")[regions.columns]
    assert_allclose(regions, nation, rtol=1e-9)
    assert set(pa.loc[pa["region"] != "national", "region"]) == set(
        kazakhstan_production_account()["region"])
    assert pa.groupby("year").size().tolist() == [21, 21, 21, 21]


def test_production_account_matches_output_by_region():
    from creative_econ.datasets._kazakhstan import kazakhstan_output_by_region

    out = kazakhstan_output_by_region(section_t=True)
    by_region = out.groupby(["year", "region"])["output_mln_kzt"].sum()
    pa = kazakhstan_production_account().set_index(["year", "region"])["output"]
    assert_allclose(by_region.reindex(pa.index), pa, rtol=1e-9)


def test_production_account_unknown_region():
    with pytest.raises(UnknownRegionError, match="Did you mean 'ABY'"):
        kazakhstan_production_account(regions=["ABX"])


def test_production_account_is_a_new_frame_each_call():
    a = kazakhstan_production_account()
    a.loc[0, "output"] = -1.0
    assert kazakhstan_production_account().loc[0, "output"] > 0


def test_compensation_sections_sum_to_total():
    raw = read_bundled("kz_bns_compensation_of_employees_by_section_national_2015_2025.csv")
    total = raw[raw["oked_section"] == "TOTAL"].set_index("year")[
        "compensation_of_employees_mln_kzt"]
    sections = kazakhstan_compensation_by_section().groupby("year")["compensation_mln_kzt"].sum()
    assert_allclose(sections.reindex(total.index), total, rtol=1e-7)


# ---------------------------------------------------------------- creative figures
def test_creative_figures_keep_their_definitions_apart():
    figures = kazakhstan_creative_figures()
    mci = kazakhstan_creative_figures(definition="MCI")
    gdp = mci[mci["indicator"] == "creative_industries_share_of_GDP"]
    assert gdp["value"].tolist() == ["1"]
    employed = mci[mci["indicator"] == "creative_industries_employment"]["value"].astype(float)
    assert employed.between(134_000, 150_000).all()
    assert len(employed) == 3
    undp = kazakhstan_creative_figures(definition="UNDP")
    assert undp["value"].tolist() == ["2.67"]
    assert undp["reference_period"].tolist() == ["2020"]
    broad = kazakhstan_creative_figures(definition="broad_other")
    assert "2.7" in broad["value"].tolist()
    assert set(figures["definition"]) == {"MCI", "UNDP", "broad_other", "other"}


def test_creative_figures_unknown_definition():
    with pytest.raises(InvalidOptionError, match="definition"):
        kazakhstan_creative_figures(definition="UNESCO")


# ---------------------------------------------------------------- ADB
def test_adb_sales_add_up():
    adb = adb_mrio_kazakhstan()
    assert adb["year"].unique().tolist() == [2017, 2018, 2019, 2020, 2021, 2022]
    assert adb.groupby("year").size().eq(35).all()
    total = (adb["domestic_intermediate_sales"] + adb["domestic_final_sales"]
             + adb["exports_total"])
    assert_allclose(total, adb["gross_output"], atol=0.005)
    assert_allclose(adb["intermediate_inputs_total"]
                    + adb["value_added_incl_product_taxes_and_adjustment_rows"],
                    adb["gross_output"], atol=0.005)


def test_adb_unknown_economy():
    with pytest.raises(UnknownRegionError):
        adb_mrio_kazakhstan(economy="UZB")


def test_adb_divisions_cover_every_division_once():
    mapping = adb_divisions()
    assert set(mapping) == set(DIVISION_SECTIONS) - {99}
    assert len(set(mapping.values())) == 35
    assert mapping[62] == mapping[71] == "OBA"
    assert mapping[90] == mapping[59] == "OSV"
    assert mapping[58] == "PPP"
    assert mapping[61] == "TEL"


# ---------------------------------------------------------------- OKED and concordances
def test_division_sections_match_the_oked_classifier():
    oked = oked_frame()
    divisions = oked[oked["code"].str.fullmatch(r"\d\d")]
    published = dict(zip(divisions["code"].astype(int), divisions["section"], strict=True))
    assert published == DIVISION_SECTIONS


@pytest.mark.parametrize(("code", "section"), [
    ("J", "J"), ("58", "J"), (59, "J"), ("J59", "J"), ("59.11", "J"), ("5911", "J"),
    ("\u041001.13", "A"), ("C10.8  (без 10.81)", "C"), ("68A", "L"), ("10-12", "C"),
])
def test_oked_section_of_codes(code, section):
    assert oked_section(code) == section


@pytest.mark.parametrize("code", ["Z", "04", "J10", "X99", "", "КПВЭД 62"])
def test_section_code_not_in_oked(code):
    with pytest.raises(UnknownSectorError, match="OKED"):
        oked_section(code)


def test_uzbek_concordance_covers_every_product_explicitly():
    mapping = read_bundled("uz_io2022_products_to_oked.csv", text_columns=("code", "divisions"))
    codes = read_bundled("uz_io2022_sector_labels.csv")["code"]
    assert mapping["code"].tolist() == codes.tolist()
    code = mapping["code"]
    special = mapping[code.str.startswith("\u0410") | code.str.contains("без")]
    assert len(special) == 10
    assert (special["note"].str.len() > 0).all()
    for _, row in mapping.iterrows():
        assert oked_section(row["divisions"][:2]) == row["oked_section"]
    assert set(mapping["hybrid_sector"]) <= set(HYBRID_SECTORS)
    assert mapping.loc[mapping["code"] == "R93", "hybrid_sector"].item() == "R92-93"


def test_uk_sector_map():
    from creative_econ.datasets._tables import uk_ioat_2010

    mapping = uk2010_sector_map()
    assert list(mapping) == list(uk_ioat_2010().sectors)
    assert set(mapping.values()) <= set(HYBRID_SECTORS)
    assert mapping["90"] == mapping["NPISH_90"] == "R90"
    assert mapping["59-60"] == mapping["58"] == "J58-60"
    assert mapping["92"] == "R92-93"
    assert mapping["97"] == "S"
    assert mapping["41-43"] == "F"


def test_uk_map_translates_a_spending_profile(kz2023):
    from creative_econ.creative.profiles import get_profile

    profile = get_profile("illustrative_creative_hub")
    fd = profile.final_demand(1000.0, phase="operate", table=kz2023,
                              sector_map=uk2010_sector_map())
    assert fd.index.equals(kz2023.sectors)
    assert fd.sum() > 0
    assert (fd >= 0).all()
    impact = kz2023.impact(fd)
    assert impact.by_sector[("output", "total")].sum() > fd.sum()


# ---------------------------------------------------------------- donors
def test_uzbek_donor_separates_imports_by_proportionality():
    donor = load_donor("uzbekistan")
    prod = read_bundled("uz_io2022_sectors.csv")
    m = prod["imports_mln_uzs"].to_numpy()
    x = prod["output_mln_uzs"].to_numpy()
    e = prod["fd_exports_mln_uzs"].to_numpy()
    hh = prod["fd_household_mln_uzs"].to_numpy()
    dom = donor.final.drop(columns="exports").sum(axis=1).to_numpy()
    total_dom = prod[["fd_household_mln_uzs", "fd_government_mln_uzs", "fd_npish_mln_uzs",
                      "fd_gfcf_mln_uzs"]].sum(axis=1).to_numpy()
    # imported = what domestic users buy beyond the domestic part, by product
    z_total = read_bundled("uz_io2022_Z_total_use_mln_uzs.csv").iloc[:, 1:].to_numpy()
    imported_rows = z_total.sum(axis=1) - donor.Zd.sum(axis=1).to_numpy()
    inventories = prod["fd_inventories_mln_uzs"].to_numpy()
    mu = (m - np.maximum(e - x, 0)) / (x + m - e)
    assert_allclose(imported_rows + (total_dom - dom) + mu * inventories,
                    m - np.maximum(e - x, 0), rtol=1e-5, atol=0.1)  # rows close to ~4e-6
    assert donor.household_imports == pytest.approx(float(hh @ mu))
    # steel: exports above output are re-exports, all domestic use imported
    steel = list(prod["code"]).index("C24.1")
    assert mu[steel] == pytest.approx(1.0)


def test_unknown_donor():
    with pytest.raises(InvalidOptionError, match="donor"):
        load_donor("kyrgyzstan")


def test_donor_frames_cover_the_hybrid_sectors():
    for name in ("uzbekistan", "uk"):
        donor = load_donor(name)
        assert set(donor.hybrid) == set(HYBRID_SECTORS)
        assert donor.x.gt(0).any()
        assert isinstance(donor.Zd, pd.DataFrame)
        assert (donor.Zd.to_numpy() >= 0).all()
