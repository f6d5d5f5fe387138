"""The Scottish Government IxI reader, on the published file, and the bundled extract."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from creative_econ.datasets._scotland import (
    SCOTLAND_YEARS,
    scotland_ixi,
    uk_ioat_2010_imports_use,
    uk_scotland_concordance,
)
from creative_econ.errors import DatasetNotFoundError, InvalidTableError
from creative_econ.io.scottish import read_scottish_iot, scottish_table_from_frame

DATA = Path(__file__).parents[1] / "reference" / "data"
XLSX = DATA / "scotland_ixi_wide_1998_2019.xlsx"


@pytest.fixture(scope="module")
def published_frame() -> pd.DataFrame:
    return pd.read_excel(XLSX, sheet_name=0, engine="openpyxl", dtype={"ioc098_sic": str})


@pytest.fixture(scope="module")
def scot_2010():
    return read_scottish_iot(XLSX, 2010)


def test_reader_reads_the_published_2010_block(scot_2010) -> None:
    t = scot_2010
    assert t.n == 98
    assert t.year == 2010
    assert t.unit == "million GBP"
    assert list(t.sectors[:3]) == ["01", "02.1, 02.4", "02.2-3"]
    assert t.labels["90"] == "Creative services"
    # Published totals for 2010 (IxI_wide, row TOut and column TOT_USE): £210,759.75m output.
    assert t.x.sum() == pytest.approx(210759.746880, abs=1e-3)
    assert t.final_demand["exports_rest_of_uk"].sum() == pytest.approx(35525.278159, abs=1e-3)
    assert t.other_inputs.loc["interregional_imports"].sum() == pytest.approx(28943.036493,
                                                                              abs=1e-3)
    assert "'12'" in t.notes[0]  # tobacco has no Scottish output in 2010


def test_primary_input_effects_add_to_one(scot_2010) -> None:
    # (v' + m' + t' + m_ruk') L = 1': every pound of final demand is GVA or leaks.
    e = scot_2010.effects()
    total = e[["gva", "imports", "taxes", "interregional_imports"]].sum(axis=1)
    producing = scot_2010.x > 0
    assert_allclose(total[producing], 1.0, atol=1e-9)


def test_bundled_extract_equals_the_published_file(scot_2010) -> None:
    b = scotland_ixi(2010)
    assert b.sectors.equals(scot_2010.sectors)
    assert_allclose(b.Z.to_numpy(), scot_2010.Z.to_numpy(), atol=5.1e-7)
    assert_allclose(b.final_demand.to_numpy(), scot_2010.final_demand.to_numpy(), atol=5.1e-7)
    assert_allclose(b.multipliers()["output"], scot_2010.multipliers()["output"], atol=1e-7)


def test_every_bundled_year_builds() -> None:
    totals = {y: scotland_ixi(y).x.sum() for y in SCOTLAND_YEARS}
    assert totals[1998] == pytest.approx(134787.879965, abs=1e-3)
    assert all(totals[a] < totals[b] for a, b in ((1998, 2008), (2008, 2019)))


def test_concordance_maps_every_code_once_to_95_common_groups(uk_2010, scot_2010) -> None:
    c = uk_scotland_concordance()
    uk = c[c.classification == "ons_uk_ioat_2010"]
    sc = c[c.classification == "scotland_ioc098"]
    assert set(uk.code) == set(uk_2010.sectors)
    assert len(uk) == uk_2010.n
    assert list(sc.code) == list(scot_2010.sectors)
    assert set(uk.group) == set(sc.group)
    assert c.group.nunique() == 95
    assert c.groupby("group").group_label.nunique().max() == 1


def test_concordance_codes_are_the_published_ioc098_ranges() -> None:
    desc = pd.read_excel(DATA / "scotland_ioc098_descriptions.xlsx", header=None, dtype=str)
    # The descriptions file writes "59 & 60" where the IxI tables write "59, 60".
    published = {s.strip().replace(" & ", ", ") for s in desc[2].dropna()}
    ours = set(uk_scotland_concordance().query("classification == 'scotland_ioc098'").code)
    assert ours <= published


def test_imports_use_table_matches_the_published_total() -> None:
    m = uk_ioat_2010_imports_use()
    assert m.shape == (127, 136)
    assert m.to_numpy().sum() == pytest.approx(480121.001145, abs=1e-3)  # 'Total imports'


# ----------------------------------------------------------------------------- bad input
def test_unknown_year_lists_the_available_years(published_frame) -> None:
    with pytest.raises(InvalidTableError, match="holds years 1998-2019"):
        scottish_table_from_frame(published_frame, 2025)


def test_unknown_bundled_year() -> None:
    with pytest.raises(DatasetNotFoundError, match="1998-2019"):
        scotland_ixi(1997)


def test_missing_columns_are_named(published_frame) -> None:
    with pytest.raises(InvalidTableError, match="missing columns.*HOUSEHOLD"):
        scottish_table_from_frame(published_frame.drop(columns=["HOUSEHOLD"]), 2010)


def test_rows_out_of_order_are_refused(published_frame) -> None:
    block = published_frame[published_frame.year == 2010]
    shuffled = pd.concat([block.iloc[[1, 0]], block.iloc[2:]])
    with pytest.raises(InvalidTableError, match="order of the IOC098 columns"):
        scottish_table_from_frame(shuffled, 2010)


def test_reader_does_not_modify_the_frame(published_frame) -> None:
    before = published_frame.copy()
    scottish_table_from_frame(published_frame, 2001)
    pd.testing.assert_frame_equal(published_frame, before)


def test_other_file_types_are_refused(tmp_path) -> None:
    path = tmp_path / "table.json"
    path.write_text("{}")
    with pytest.raises(InvalidTableError, match="unknown file type"):
        read_scottish_iot(path, 2010)


def test_missing_file() -> None:
    with pytest.raises(FileNotFoundError):
        read_scottish_iot(DATA / "no_such_file.xlsx", 2010)


def test_output_row_is_checked(published_frame) -> None:
    frame = published_frame.copy()
    row = (frame.year == 2010) & (frame.ioc098_sic == "TOut")
    frame.loc[row, "IOC098_091"] = frame.loc[row, "IOC098_091"] * 1.01  # creative services
    with pytest.raises(InvalidTableError, match="'90': given"):
        scottish_table_from_frame(frame, 2010)
