"""The Kazakhstan regional registry: contents against its sources, name lookup, re-basing."""

from __future__ import annotations

import re
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

import creative_econ as ce
from creative_econ.errors import (
    InvalidOptionError,
    InvalidParameterError,
    LabelMismatchError,
    RegionalDataError,
    UnknownRegionError,
)
from creative_econ.regional.kazakhstan import (
    VINTAGES,
    kz_centres,
    kz_codes,
    kz_crosswalk,
    kz_region,
    kz_regions,
    kz_vintages,
    rebase,
)

CODES_2022 = ["ABY", "AKM", "AKT", "ALA", "ALM", "AST", "ATY", "KRG", "KST", "KZL", "MNG", "PVL",
              "SHM", "SKO", "TRK", "ULT", "VKO", "ZHM", "ZHT", "ZKO"]
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def _csv(name: str) -> pd.DataFrame:
    path = resources.files("creative_econ.regional").joinpath("data_kz", f"{name}.csv")
    with path.open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


# ---------------------------------------------------------------------------- contents
def test_current_vintage_has_the_twenty_units_of_the_bns_series():
    assert kz_regions().index.tolist() == CODES_2022
    bns = ce.load_dataset("kazakhstan_output_by_region")
    assert sorted(bns["region"].unique()) == CODES_2022


def test_unit_counts_and_types_per_vintage():
    counts = kz_vintages()["units"].astype(int)
    for v in VINTAGES:
        regs = kz_regions(v)
        assert len(regs) == counts[v]
        assert set(regs["type"]) == {"region", "city"}
    assert (kz_regions("KZ-2022")["type"] == "city").sum() == 3  # Astana, Almaty, Shymkent
    assert (kz_regions("KZ-2018")["type"] == "city").sum() == 3
    assert (kz_regions("KZ-pre2018")["type"] == "city").sum() == 2
    assert "YKO" in kz_regions("KZ-pre2018").index
    assert "SHM" not in kz_regions("KZ-pre2018").index


def test_names_in_three_languages_with_a_source():
    for v in VINTAGES:
        regs = kz_regions(v)
        assert (regs["name_en"].str.len() > 0).all()
        assert regs["name_kk"].map(lambda s: bool(CYRILLIC.search(s))).all()
        assert regs["name_ru"].map(lambda s: bool(CYRILLIC.search(s))).all()
        assert regs["names_source"].str.startswith("http").all()
        assert regs["centre_source"].str.startswith("http").all()


@pytest.mark.parametrize(("code", "centre"), [
    ("ABY", "Semey"), ("ZHT", "Taldykorgan"), ("ULT", "Zhezkazgan"), ("ALM", "Konayev"),
    ("VKO", "Oskemen"), ("TRK", "Turkistan"), ("SKO", "Petropavl"), ("ZKO", "Oral")])
def test_administrative_centres_after_2022(code, centre):
    assert kz_regions().loc[code, "centre"] == centre


def test_centres_before_the_reforms():
    assert kz_regions("KZ-2018").loc["ALM", "centre"] == "Taldykorgan"
    assert kz_regions("KZ-pre2018").loc["YKO", "centre"] == "Shymkent"


def _dms(text: str) -> float:
    d, m, s = re.match(r"(\d+)°(\d+)′(?:(\d+)″)?[NE]$", text).groups()
    return int(d) + int(m) / 60 + (int(s) if s else 0) / 3600


def test_coordinates_match_their_printed_form_and_lie_in_kazakhstan():
    centres = _csv("centres")
    for row in centres.itertuples():
        assert abs(_dms(row.lat_dms) - float(row.lat)) < 1e-5, row.centre
        assert abs(_dms(row.lon_dms) - float(row.lon)) < 1e-5, row.centre
        assert row.source_url.startswith("http")
        assert row.source_note
    c = kz_centres()
    assert c["lat"].between(40.5, 55.5).all()
    assert c["lon"].between(46.0, 87.5).all()
    # Every centre is distinct: no two units share coordinates.
    assert not c.duplicated().any()


def test_every_alias_and_crosswalk_change_has_a_source():
    aliases = _csv("aliases")
    assert (aliases["source_url"].str.len() > 0).all()
    cw = _csv("crosswalk")
    changed = cw[cw["from_code"] != cw["to_code"]]
    assert changed["source_url"].str.startswith("http").all()
    # New units (ABY, ZHT, ULT) and the split of YKO are documented.
    assert set(changed["to_code"]) == {"ABY", "ZHT", "ULT", "SHM", "TRK"}


def test_registry_frames_are_copies():
    regs = kz_regions()
    regs.loc["ABY", "name_en"] = "changed"
    centres = kz_centres()
    centres.loc["ABY", "lat"] = 0.0
    assert kz_regions().loc["ABY", "name_en"] == "Abai Region"
    assert kz_centres().loc["ABY", "lat"] > 50


# ---------------------------------------------------------------------------- lookup
@pytest.mark.parametrize(("name", "code"), [
    ("Semey", "ABY"), ("Semei", "ABY"), ("Semipalatinsk", "ABY"), ("Abai", "ABY"),
    ("Oskemen", "VKO"), ("Öskemen", "VKO"), ("Ust-Kamenogorsk", "VKO"), ("ust kamenogorsk", "VKO"),
    ("Zhetysu", "ZHT"), ("Jetisu", "ZHT"), ("Zhetisu", "ZHT"), ("Taldykorgan", "ZHT"),
    ("Nur-Sultan", "AST"), ("Astana", "AST"), ("Нұр-Сұлтан", "AST"),
    ("Almaty", "ALA"), ("Almaty city", "ALA"), ("г. Алматы", "ALA"), ("Alma-Ata", "ALA"),
    ("Almaty region", "ALM"), ("Almaty Oblast", "ALM"), ("Алматинская область", "ALM"),
    ("Konayev", "ALM"), ("Kapchagay", "ALM"),
    ("Ulytau", "ULT"), ("Zhezkazgan", "ULT"), ("Jezkazgan", "ULT"), ("Ұлытау облысы", "ULT"),
    ("Zhambyl", "ZHM"), ("Jambyl Region", "ZHM"), ("Taraz", "ZHM"),
    ("Shymkent", "SHM"), ("Chimkent", "SHM"), ("Turkestan", "TRK"),
    ("Petropavlovsk", "SKO"), ("Uralsk", "ZKO"), ("Aktau", "MNG"), ("Mangistau", "MNG"),
    ("aby", "ABY"), ("  ZHT ", "ZHT"),
    ("Abai region (centre Semey; created 2022 from East Kazakhstan)", "ABY"),
])
def test_lookup_accepts_common_spellings(name, code):
    assert kz_region(name).code == code


def test_every_registered_name_resolves_to_its_unit():
    for v in VINTAGES:
        for code, row in kz_regions(v).iterrows():
            for col in ("name_en", "name_kk", "name_ru"):
                assert kz_region(row[col], vintage=v).code == code, (v, row[col])
            assert kz_region(row["centre"], vintage=v).code == code
    bns = ce.load_dataset("kazakhstan_output_by_region")[["region", "region_name"]]
    for code, name in bns.drop_duplicates().itertuples(index=False):
        assert kz_region(name).code == code


def test_lookup_returns_names_and_centre():
    r = kz_region("Semey")
    assert (r.code, r.name_en, r.name_kk, r.name_ru) == (
        "ABY", "Abai Region", "Абай облысы", "Абайская область")
    assert r.centre == "Semey"
    assert r.vintage == "KZ-2022"
    assert r.lat == pytest.approx(50.4333, abs=1e-4)


def test_taldykorgan_was_almaty_region_before_2022():
    assert kz_region("Taldykorgan", vintage="KZ-2018").code == "ALM"
    assert kz_region("South Kazakhstan", vintage="KZ-pre2018").code == "YKO"


def test_unknown_region_says_did_you_mean():
    with pytest.raises(UnknownRegionError, match="Did you mean 'Semipalatinsk'"):
        kz_region("Semipalatinks")
    with pytest.raises(UnknownRegionError, match="Did you mean 'ABY'"):
        kz_region("ABYY")
    with pytest.raises(KeyError):  # also a KeyError
        kz_region("Atlantis")


def test_unknown_region_of_another_vintage_says_where_it_belongs():
    with pytest.raises(UnknownRegionError, match=r"YKO .*KZ-pre2018.*SHM, TRK.*rebase"):
        kz_region("South Kazakhstan")
    with pytest.raises(UnknownRegionError, match=r"ABY .*KZ-2022; in KZ-2018 that.* is VKO"):
        kz_region("Semey", vintage="KZ-2018")


def test_a_region_word_does_not_match_a_city():
    with pytest.raises(UnknownRegionError, match="Shymkent"):
        kz_region("Shymkent region")


def test_lookup_rejects_empty_or_non_string():
    with pytest.raises(UnknownRegionError):
        kz_region("")
    with pytest.raises(UnknownRegionError):
        kz_region(None)  # type: ignore[arg-type]


def test_unknown_vintage():
    with pytest.raises(InvalidOptionError, match="KZ-2022"):
        kz_regions("KZ-2020")  # type: ignore[arg-type]


def test_codes_for_many_names_and_a_region_listed_twice():
    assert kz_codes(["Semey", "Oskemen", "Astana"]) == ["ABY", "VKO", "AST"]
    with pytest.raises(LabelMismatchError, match="ABY is listed twice"):
        kz_codes(["Semey", "Abai"])


# ---------------------------------------------------------------------------- crosswalk
def test_crosswalk_rows_belong_to_one_older_unit():
    for older, newer in (("KZ-2018", "KZ-2022"), ("KZ-pre2018", "KZ-2018"),
                         ("KZ-pre2018", "KZ-2022")):
        M = kz_crosswalk(older, newer)
        assert M.index.equals(kz_regions(newer).index)
        assert M.columns.equals(kz_regions(older).index)
        assert_allclose(M.sum(axis=1), 1.0)
        assert M.equals(kz_crosswalk(newer, older))  # rows are the newer either way
    M = kz_crosswalk("KZ-2018")
    assert M.index[M["VKO"] > 0].tolist() == ["ABY", "VKO"]
    assert M.index[M["ALM"] > 0].tolist() == ["ALM", "ZHT"]
    assert M.index[M["KRG"] > 0].tolist() == ["KRG", "ULT"]
    M = kz_crosswalk("KZ-pre2018")
    assert M.index[M["YKO"] > 0].tolist() == ["SHM", "TRK"]
    assert_allclose(kz_crosswalk("KZ-2022", "KZ-2022"), np.eye(20))


# ---------------------------------------------------------------------------- rebase
@pytest.fixture
def output_2023() -> pd.DataFrame:
    """Real BNS output by region (2023) for two sections, KZ-2022 codes."""
    kz = ce.load_dataset("kazakhstan_output_by_region")
    part = kz[(kz["year"] == 2023) & kz["section"].isin(["J", "R"])]
    return part.pivot(index="region", columns="section", values="output_mln_kzt")


def test_rebase_to_older_boundaries_sums_exactly(output_2023):
    before = output_2023.copy()
    old = rebase(output_2023, "KZ-2022", "KZ-2018")
    assert old.index.tolist() == kz_regions("KZ-2018").index.tolist()
    assert_allclose(old.loc["VKO"], output_2023.loc["VKO"] + output_2023.loc["ABY"])
    assert_allclose(old.loc["ALM"], output_2023.loc["ALM"] + output_2023.loc["ZHT"])
    assert_allclose(old.loc["KRG"], output_2023.loc["KRG"] + output_2023.loc["ULT"])
    assert_allclose(old.sum(), output_2023.sum())
    older = rebase(output_2023, "KZ-2022", "KZ-pre2018")
    assert_allclose(older.loc["YKO"], output_2023.loc["TRK"] + output_2023.loc["SHM"])
    pd.testing.assert_frame_equal(output_2023, before)


def test_rebase_round_trip_with_the_data_as_shares(output_2023):
    for older in ("KZ-2018", "KZ-pre2018"):
        old = rebase(output_2023, "KZ-2022", older)
        back = rebase(old, older, "KZ-2022", shares=output_2023)  # column-specific weights
        assert_allclose(back.to_numpy(), output_2023.to_numpy(), rtol=1e-12)
    series = output_2023["J"]
    back = rebase(rebase(series, "KZ-2022", "KZ-2018"), "KZ-2018", shares=series.to_dict())
    assert isinstance(back, pd.Series)
    assert back.name == "J"
    assert_allclose(back.to_numpy(), series.to_numpy(), rtol=1e-12)


@given(hnp.arrays(np.float64, 16, elements=st.floats(0.0, 1e6)),
       hnp.arrays(np.float64, 20, elements=st.floats(0.01, 100.0)))
def test_rebase_forward_preserves_totals(values, weights):
    old = pd.Series(values, index=kz_regions("KZ-pre2018").index)
    new = rebase(old, "KZ-pre2018", shares=pd.Series(weights, index=kz_regions().index))
    assert new.sum() == pytest.approx(old.sum(), rel=1e-12, abs=1e-9)
    assert (new >= 0).all()
    assert_allclose(rebase(new, "KZ-2022", "KZ-pre2018"), old, rtol=1e-12, atol=1e-9)


def test_rebase_needs_shares_to_split(output_2023):
    old = rebase(output_2023, "KZ-2022", "KZ-2018")
    with pytest.raises(InvalidParameterError, match=r"ABY.*VKO|VKO.*ABY"):
        rebase(old, "KZ-2018")


def test_rebase_shares_missing_for_a_part(output_2023):
    old = rebase(output_2023["J"], "KZ-2022", "KZ-2018")
    with pytest.raises(InvalidParameterError, match="missing for.*ZHT"):
        rebase(old, "KZ-2018", shares=output_2023["J"].drop("ZHT"))


def test_rebase_negative_or_zero_shares(output_2023):
    old = rebase(output_2023["J"], "KZ-2022", "KZ-2018")
    neg = output_2023["J"].copy()
    neg["ABY"] = -1.0
    with pytest.raises(InvalidParameterError, match="non-negative"):
        rebase(old, "KZ-2018", shares=neg)
    zero = output_2023["J"].copy()
    zero[["ABY", "VKO"]] = 0.0
    with pytest.raises(InvalidParameterError, match="not all zero.*VKO"):
        rebase(old, "KZ-2018", shares=zero)


def test_rebase_rejects_a_national_row(output_2023):
    data = output_2023["J"].copy()
    data["national"] = data.sum()
    with pytest.raises(UnknownRegionError, match="national"):
        rebase(data, "KZ-2022", "KZ-2018")


def test_rebase_rejects_a_missing_or_duplicated_unit(output_2023):
    with pytest.raises(LabelMismatchError, match="lack 1 unit.*ABY"):
        rebase(output_2023["J"].drop("ABY"), "KZ-2022", "KZ-2018")
    dup = pd.concat([output_2023["J"], output_2023["J"].iloc[:1]])
    with pytest.raises(LabelMismatchError, match="more than once"):
        rebase(dup, "KZ-2022", "KZ-2018")


def test_rebase_rejects_missing_values(output_2023):
    data = output_2023["J"].copy()
    data["SHM"] = np.nan
    with pytest.raises(RegionalDataError, match="SHM"):
        rebase(data, "KZ-2022", "KZ-2018")


def test_rebase_rejects_non_pandas_input():
    with pytest.raises(RegionalDataError, match="Series or DataFrame"):
        rebase([1.0, 2.0], "KZ-2022", "KZ-2018")  # type: ignore[arg-type]
