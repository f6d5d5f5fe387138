"""Concordances: OKED, the published DCMS crosswalk, the UK IOAT 2010 weights."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from creative_econ.creative._codes import oked_classes
from creative_econ.creative.classifications import Definition
from creative_econ.creative.concordance import (
    Concordance,
    concordance,
    list_concordances,
    table_concordance,
    translate,
)
from creative_econ.errors import DatasetNotFoundError, InvalidTableError, LabelMismatchError


def test_oked_has_614_classes():
    assert len(oked_classes()) == 614


def test_every_dcms_code_maps_to_an_oked_class(ref_crosswalk):
    oked = translate("dcms", "OKED NK RK 03-2019")
    assert len(oked.codes) == 31
    published = dict(zip(ref_crosswalk["SIC"].map(lambda c: f"{float(c):.2f}"),
                         ref_crosswalk["oked_class"], strict=True))
    assert (ref_crosswalk["in_oked"] == "True").all()
    assert set(oked.codes["code"]) == set(published.values())
    assert set(published.values()) <= oked_classes()
    # the identity concordance agrees with the published crosswalk code by code
    ident = concordance("sic2007_to_oked").links.set_index("source")["target"]
    assert {k: ident[k] for k in published} == published
    cross = concordance("dcms_sic2007_to_oked").resolved_links()
    assert (cross["weight"] == 1.0).all()
    assert len(cross) == 31


def test_translation_round_trip_keeps_domains():
    back = translate(translate("dcms", "OKED NK RK 03-2019"), "SIC 2007")
    fwd = Definition.from_frame(back.codes, name="b", code_system="SIC 2007")
    from creative_econ.creative.classifications import get_definition

    d = get_definition("dcms").codes.set_index("code")["domain"]
    assert fwd.codes.set_index("code")["domain"].to_dict() == d.to_dict()


def test_uk_weights_recomputed_from_bres(ref_bres):
    conc = table_concordance(type("T", (), {"name": "uk_ioat_2010"})())
    links = conc.resolved_links()
    cls = ref_bres["INDUSTRY_CODE"].str[:2] + "." + ref_bres["INDUSTRY_CODE"].str[2:4]
    emp = ref_bres.groupby(cls)["OBS_VALUE"].sum()
    # product 74: 74.10, 74.20, 74.30 and 74.90
    w74 = links[links["target"] == "74"].set_index("source")["weight"]
    div74 = emp[emp.index.str.startswith("74")]
    np.testing.assert_allclose(w74.sort_index(), (div74 / div74.sum()).sort_index(), rtol=1e-12)
    # 59-60 pools divisions 59 and 60
    w5960 = links[links["target"] == "59-60"].set_index("source")["weight"]
    d = emp[emp.index.str[:2].isin(["59", "60"])]
    np.testing.assert_allclose(w5960.sort_index(), (d / d.sum()).sort_index(), rtol=1e-12)
    # every product's weights add up to one
    np.testing.assert_allclose(links.groupby("target")["weight"].sum(), 1.0, rtol=1e-12)


def test_list_concordances():
    assert {"sic2007_to_oked", "uk_ioat_2010"} <= set(list_concordances().index)


# ---------------------------------------------------------------------------- bad input
def _defn(codes: list[str]) -> Definition:
    return Definition.from_frame(pd.DataFrame({"code": codes, "domain": "d"}), name="t",
                                 code_system="SIC 2007")


def test_a_code_that_maps_nowhere_is_listed():
    conc = Concordance.from_frame({"90.01": "R90", "90.02": "R90x"}, source_system="SIC 2007",
                                  target_system="sectors")
    with pytest.raises(LabelMismatchError, match=r"2 code\(s\).*'58.11', '91.01'"):
        translate(_defn(["90.01", "58.11", "91.01"]), conc)


def test_an_ambiguous_target_is_listed():
    conc = Concordance.from_frame({"90.01": "R90", "90.02": "R90"}, source_system="SIC 2007",
                                  target_system="sectors")
    with pytest.raises(LabelMismatchError, match=r"ambiguous.*'R90' <- \['90.01', '90.02'\]"):
        conc.resolved_links()


def test_weights_above_one_are_refused():
    frame = pd.DataFrame({"code": ["90.01", "90.02"], "sector": ["R90", "R90"],
                          "weight": [0.7, 0.6]})
    with pytest.raises(InvalidTableError, match="add up to 1.3"):
        Concordance.from_frame(frame, source_system="SIC 2007", target_system="s")
    frame["weight"] = [1.5, 0.0]
    with pytest.raises(InvalidTableError, match="1.5"):
        Concordance.from_frame(frame, source_system="SIC 2007", target_system="s")


def test_unknown_concordance_and_table():
    with pytest.raises(DatasetNotFoundError, match="Did you mean 'uk_ioat_2010'"):
        concordance("uk_ioat_201")
    with pytest.raises(DatasetNotFoundError, match="weights="):
        table_concordance(type("T", (), {"name": "germany_1995"})())


def test_basis_weights_do_not_touch_the_callers_frame():
    frame = pd.DataFrame({"code": ["90.01", "90.02"], "sector": ["R", "R"], "emp": [3, 1]})
    before = frame.copy()
    conc = Concordance.from_frame(frame, source_system="SIC 2007", target_system="s",
                                  basis_col="emp")
    pd.testing.assert_frame_equal(frame, before)
    np.testing.assert_allclose(conc.links["weight"], [0.75, 0.25])


def test_scottish_concordance_follows_the_published_sic_to_ioc098_map(ref_bres):
    from tests.creative.conftest import DATA

    ref = pd.read_csv(DATA / "ref_sic2007_to_ioc098_creative_sectors.csv", dtype=str)
    ref_cls = ref["SIC"].str.zfill(5).str[:2] + "." + ref["SIC"].str.zfill(5).str[2:4]
    links = concordance("scotland_ioc098").resolved_links()
    assert set(zip(links["source"], links["target"], strict=True)) == set(
        zip(ref_cls, ref["IOC098_SIC"], strict=True))
    np.testing.assert_allclose(links.groupby("target")["weight"].sum(), 1.0, rtol=1e-12)


def test_isic4_to_nace2_is_the_unsd_class_correspondence() -> None:
    import creative_econ.creative as cc

    conc = cc.concordance("isic4_to_nace2")
    links = conc.resolved_links()
    assert links["target"].is_unique  # every NACE class lies within one ISIC class
    assert len(links) == 615
    assert links["source"].nunique() == 419
    by_isic = links.groupby("source")["target"].agg(sorted)
    # UNSD NACE2_ISIC4 table: ISIC 9000 is NACE 90.01-90.04; ISIC 3211 is NACE 32.11
    # (coins) and 32.12 (jewellery), ISIC 3212 is NACE 32.13; ISIC 6202 takes NACE 62.03.
    assert by_isic["9000"] == ["90.01", "90.02", "90.03", "90.04"]
    assert by_isic["3211"] == ["32.11", "32.12"]
    assert by_isic["3212"] == ["32.13"]
    assert by_isic["6202"] == ["62.02", "62.03"]


def test_unesco_definition_applies_to_nace_based_tables() -> None:
    import creative_econ as ce
    import creative_econ.creative as cc

    uk = ce.load_dataset("uk_ioat_2010")
    theta = cc.creative_shares(uk, "unesco_fcs_2009")
    assert theta["90"] == 1.0
    assert theta["58"] == 1.0
    assert 0 < theta["63"] < 1  # news agencies and portals, not all information services
    assert ((theta >= 0) & (theta <= 1)).all()
    share = cc.satellite(uk, "unesco_fcs_2009").shares.loc[("uk_ioat_2010", "Total"), "gva"]
    assert 0.02 < share < cc.satellite(uk, "dcms").shares.loc[("uk_ioat_2010", "Total"), "gva"]
    oked = cc.translate("unesco_fcs_2009", "OKED NK RK 03-2019")
    assert set(oked.codes["code"]) >= {"9001", "9002", "9003", "9004", "5911"}
