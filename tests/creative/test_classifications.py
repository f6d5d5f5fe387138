"""The definitions registry, checked against the published transcriptions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from creative_econ.creative.classifications import (
    Definition,
    classification,
    get_definition,
    list_definitions,
    load_definition,
    register_definition,
)
from creative_econ.errors import DatasetNotFoundError, InvalidTableError, LabelMismatchError

DCMS_GROUPS = {
    "Advertising and marketing", "Architecture", "Crafts", "Design and designer fashion",
    "Film, TV, video, radio and photography", "IT, software and computer services",
    "Museums, galleries and Libraries", "Music, performing and visual arts", "Publishing",
}


# ---------------------------------------------------------------------------- DCMS
def test_dcms_has_the_31_published_codes_in_9_groups(ref_dcms):
    frame = classification("dcms")
    assert len(frame) == 31
    assert set(frame["domain"]) == DCMS_GROUPS
    published = sorted(f"{float(c):.2f}" for c in ref_dcms["sic"])
    assert sorted(frame["code"]) == published
    assert (frame["theta"] == 1.0).all()
    assert frame["included"].all()
    groups = dict(zip(ref_dcms["sic"].map(lambda c: f"{float(c):.2f}"),
                      ref_dcms["sub-sector"].str.strip(), strict=True))
    assert dict(zip(frame["code"], frame["domain"], strict=True)) == groups


def test_every_bundled_code_cites_its_table():
    for name in ("dcms", "unesco_fcs_2009", "unesco_fcs_2009_products",
                 "unesco_fcs_2009_occupations"):
        frame = classification(name)
        assert (frame["citation"].str.len() > 10).all(), name
        assert frame["description"].str.len().gt(0).all(), name


# ---------------------------------------------------------------------------- UNESCO
def test_unesco_activities_match_table_2(ref_unesco_isic):
    frame = classification("unesco_fcs_2009")
    ref = ref_unesco_isic.drop_duplicates(["code", "domain"])
    assert len(frame) == len(ref)
    assert set(frame["code"]) == set(ref_unesco_isic["code"])
    assert set(frame["domain"]) == set(ref_unesco_isic["domain"])
    pages = dict(zip(zip(ref["code"], ref["domain"], strict=True), ref["source_table_or_page"],
                     strict=True))
    for code, dom, cite in zip(frame["code"], frame["domain"], frame["citation"], strict=True):
        assert "Table 2" in cite
        assert "printed p." in cite
        assert cite == pages[(code, dom)]
    # star-marked codes are partial, and partial codes are left out by default
    starred = set(ref_unesco_isic.loc[ref_unesco_isic["star_marked"] == "yes", "code"])
    assert {"7110", "4649"} <= starred
    partial = frame[frame["status"] == "partial"]
    assert not partial["included"].any()
    assert set(partial["code"]) >= {"7110", "4649", "5110"}


def test_unesco_core_counts_each_code_once():
    shares = get_definition("unesco_fcs_2009").code_shares()
    assert shares["code"].is_unique
    several = shares.loc[shares["code"] == "9000", "domain"].iloc[0]
    assert several.startswith("Several domains:")
    assert "D. Books and Press" in several
    assert (shares["theta"] == 1.0).all()


def test_unesco_products_and_occupations_match_the_reference(ref_unesco_cpc, ref_unesco_isco):
    cpc = classification("unesco_fcs_2009_products")
    assert set(cpc["code"]) == set(ref_unesco_cpc["code"])
    isco = classification("unesco_fcs_2009_occupations")
    assert set(isco["code"]) == set(ref_unesco_isco["code"])
    assert all(c.startswith("Table 4") for c in isco["citation"])
    assert "D. Books and Press" in set(isco["domain"])  # harmonised from "Books and Press"
    assert {"2651", "2652", "2641", "2166"} <= set(isco.loc[isco["included"], "code"])


def test_partial_codes_can_be_included_with_a_share():
    frame = classification("unesco_fcs_2009", include_partial=True, partial_share=0.25)
    partial = frame[frame["status"] == "partial"]
    assert partial["included"].all()
    assert np.allclose(partial["theta"], 0.25)
    one = classification("unesco_fcs_2009", shares={"7110": 0.4})
    row = one[(one["code"] == "7110")]
    assert row["included"].all()
    assert np.allclose(row["theta"], 0.4)


def test_list_definitions():
    table = list_definitions()
    assert {"dcms", "unesco_fcs_2009", "unesco_fcs_2009_occupations"} <= set(table.index)
    assert table.loc["dcms", "codes"] == 31


# ---------------------------------------------------------------------------- bad input
def test_unknown_definition_suggests_the_closest():
    with pytest.raises(DatasetNotFoundError, match="Did you mean 'dcms'"):
        classification("dcsm")


def test_essnet_is_known_but_not_bundled():
    with pytest.raises(DatasetNotFoundError, match="not bundled"):
        classification("essnet_culture")


def test_share_outside_unit_interval_is_refused():
    frame = pd.DataFrame({"code": ["5911", "9000"], "domain": ["E", "B"], "theta": [1.0, 1.5]})
    with pytest.raises(InvalidTableError, match=r"\(0, 1\].*'9000' = 1\.5"):
        Definition.from_frame(frame, name="x", code_system="ISIC Rev.4")
    frame["theta"] = [1.0, 0.0]
    with pytest.raises(InvalidTableError, match="leave a code out"):
        Definition.from_frame(frame, name="x", code_system="ISIC Rev.4")


def test_share_override_outside_unit_interval_is_refused():
    with pytest.raises(InvalidTableError, match="share of '7110'"):
        classification("unesco_fcs_2009", shares={"7110": 1.2})
    with pytest.raises(InvalidTableError, match="partial_share"):
        classification("unesco_fcs_2009", include_partial=True, partial_share=0)


def test_share_override_for_an_unknown_code_is_refused():
    with pytest.raises(LabelMismatchError, match="99.99"):
        classification("dcms", shares={"99.99": 0.5})


def test_full_code_with_a_partial_share_is_refused():
    frame = pd.DataFrame({"code": ["5911"], "domain": ["E"], "theta": [0.5], "status": ["full"]})
    with pytest.raises(InvalidTableError, match="marked 'full'"):
        Definition.from_frame(frame, name="x", code_system="ISIC Rev.4")


def test_builtin_names_cannot_be_replaced():
    d = Definition.from_frame(pd.DataFrame({"code": ["9001"], "domain": ["arts"]}), name="dcms",
                              code_system="OKED NK RK 03-2019")
    with pytest.raises(InvalidTableError, match="built-in"):
        register_definition(d)


# ---------------------------------------------------------------------------- user definitions
def test_user_definition_from_csv_and_yaml(tmp_path):
    # Illustrative list (not the Ministry's): two OKED classes and one subclass.
    csv = tmp_path / "kz.csv"
    csv.write_text("code,domain,theta\n9001,Performing arts,1\n5911,Film,1\n47.61,Books,0.5\n",
                   encoding="utf-8")
    d = load_definition(csv, name="illustrative_kz_mci", code_system="OKED NK RK 03-2019",
                        register=True)
    assert list(d.codes["code"]) == ["9001", "5911", "4761"]
    assert d.codes.loc[2, "status"] == "partial"
    assert get_definition("illustrative_kz_mci") is d
    yml = tmp_path / "kz.yaml"
    yml.write_text(
        "name: illustrative_kz_yaml\ncode_system: OKED NK RK 03-2019\nyear: 2024\n"
        "codes:\n  - {code: '9001', domain: Performing arts}\n", encoding="utf-8")
    y = load_definition(yml)
    assert y.year == 2024
    assert y.codes["theta"].tolist() == [1.0]


def test_definition_file_needs_a_code_system(tmp_path):
    csv = tmp_path / "kz.csv"
    csv.write_text("code,domain\n9001,arts\n", encoding="utf-8")
    with pytest.raises(InvalidTableError, match="code_system"):
        load_definition(csv, name="kz")


def test_from_frame_does_not_touch_the_callers_frame():
    frame = pd.DataFrame({"code": ["59.2", "74.1"], "domain": [" Film ", "Design"]})
    before = frame.copy()
    d = Definition.from_frame(frame, name="x", code_system="SIC 2007")
    pd.testing.assert_frame_equal(frame, before)
    assert list(d.codes["code"]) == ["59.20", "74.10"]
    out = d.frame()
    out.loc[0, "theta"] = 0.1
    assert d.codes.loc[0, "theta"] == 1.0
